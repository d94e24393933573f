//! Numbers as reports write them: ASCII and full-width digits (folded before
//! they get here), thousands separators (3,001), decimals, and Chinese
//! numerals (两件, 十一件, 二〇二三年).
//!
//! One scanner reads a figure written in digits, [`scan_digits`]: the table
//! reader's tokens (`super::tokens`) and the prose's [`numbers`] both use it,
//! so 3,001 is 3001 in a table and in a sentence alike.

use std::ops::Range;

/// Where a figure written in digits ends: see [`scan_digits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digits {
    /// The index after the integer part and its thousands groups.
    pub int_end: usize,
    /// The index after the decimal part (`int_end` when there is none).
    pub end: usize,
}

/// The figure at `cs[i]` (a digit) in folded characters with their offsets:
/// digits, then thousands groups (3,001 and 1,234,567: a comma and exactly
/// three digits not followed by a fourth, at most three digits before the
/// first comma), then a decimal part (2843.38).
pub fn scan_digits(cs: &[(usize, char)], i: usize) -> Digits {
    let digit_at = |k: usize| cs.get(k).is_some_and(|&(_, c)| c.is_ascii_digit());
    let mut j = i;
    while digit_at(j) {
        j += 1;
    }
    let mut grouped_any = false;
    while j - i <= 3 || grouped_any {
        let grouped = cs.get(j).is_some_and(|&(_, c)| c == ',') && (j + 1..j + 4).all(digit_at) && !digit_at(j + 4);
        if !grouped {
            break;
        }
        grouped_any = true;
        j += 4;
    }
    let mut k = j;
    if cs.get(k).is_some_and(|&(_, c)| c == '.') && digit_at(k + 1) {
        k += 1;
        while digit_at(k) {
            k += 1;
        }
    }
    Digits { int_end: j, end: k }
}

/// The characters of `cs[from..to]` without thousands separators.
pub fn digits_text(cs: &[(usize, char)], from: usize, to: usize) -> String {
    cs[from..to].iter().map(|&(_, c)| c).filter(|&c| c != ',').collect()
}

/// A non-negative integer written in ASCII digits, without sign or separators.
/// `None` when it does not fit in a `u64` or is not all digits.
pub fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A non-negative decimal amount (`2843.38`), as hundredths of its unit would
/// lose precision for amounts like `24252.311082`: kept as the text and an f64.
pub fn parse_amount(s: &str) -> Option<f64> {
    let mut parts = s.splitn(2, '.');
    let int = parts.next()?;
    let frac = parts.next().unwrap_or("0");
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) || frac.is_empty() {
        return None;
    }
    Some(decimal(int, frac))
}

/// `int.frac` (ASCII digits) as an f64 without the standard float parser
/// (kilobytes of wasm): digits and a power of ten both exact in an f64 give
/// the correctly rounded quotient, as the parser would; longer figures (no
/// amount has them) are near enough.
fn decimal(int: &str, frac: &str) -> f64 {
    let frac = frac.trim_end_matches('0');
    let digits = |s: &str| s.bytes().fold(0f64, |a, b| a * 10.0 + f64::from(b - b'0'));
    let mut scale = 1f64;
    for _ in 0..frac.len() {
        scale *= 10.0;
    }
    (digits(int) * scale + digits(frac)) / scale
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | 'O' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// True for the characters a Chinese numeral is written with.
pub fn is_chinese_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '万')
}

/// A Chinese numeral: positional (二〇二三) or with units (十一, 一百零五, 两千).
/// `None` when `s` is not one.
pub fn parse_chinese(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    if !chars.iter().all(|&c| is_chinese_numeral_char(c)) {
        return None;
    }
    let has_unit = chars.iter().any(|c| matches!(c, '十' | '百' | '千' | '万'));
    if !has_unit {
        // Positional: 二〇二三 → 2023.
        let mut v: u64 = 0;
        for c in chars {
            v = v.checked_mul(10)?.checked_add(digit_value(c)?)?;
        }
        return Some(v);
    }
    let mut total: u64 = 0; // completed 万 groups
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    for c in chars {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section = section.checked_add(digit.unwrap_or(1).checked_mul(unit)?)?;
                digit = None;
            }
            '万' => {
                section = section.checked_add(digit.take().unwrap_or(0))?;
                total = total.checked_add(section.max(1).checked_mul(10_000)?)?;
                section = 0;
            }
            _ => {
                let d = digit_value(c)?;
                if d == 0 {
                    digit = None;
                } else {
                    digit = Some(d);
                }
            }
        }
    }
    total.checked_add(section.checked_add(digit.unwrap_or(0))?)
}

/// A number in the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: u64,
    /// The digits (byte offsets in the text read).
    pub range: Range<usize>,
    /// The unit right after it (件, 年, 条 …), after 余/多 when approximate.
    pub unit: Option<char>,
    /// Up to and including the unit.
    pub end: usize,
    /// Written as 5500余 or 20多: not an exact figure.
    pub approx: bool,
}

impl Num {
    /// A year written as 2023年 / 二〇二三年.
    pub fn is_year(&self) -> bool {
        self.unit == Some('年') && (1990..=2100).contains(&self.value)
    }
}

/// The units a Chinese numeral must be followed by to be read as a number
/// (一是, 三审三校, 二十大 are words, not figures).
const CHINESE_UNITS: &str = "件个条次项篇期份名人家起";

/// Every number in `text[r]` (folded text without whitespace), in order.
/// Decimals, percentages' digits and digits glued to Latin letters or other
/// digits' punctuation (phone numbers, addresses, e-mail) are left out.
pub fn numbers(text: &str, r: Range<usize>) -> Vec<Num> {
    let base = r.start;
    let cs: Vec<(usize, char)> = text[r].char_indices().map(|(i, c)| (base + i, c)).collect();
    let end_of = |k: usize| {
        cs.get(k)
            .map_or_else(|| cs.last().map_or(base, |&(o, c)| o + c.len_utf8()), |x| x.0)
    };
    // The number written at `cs[i..]`, its unit read from `cs[j]` on.
    let num = |i: usize, j: usize, value: u64| {
        let (unit, approx, end) = unit_after(&cs, j);
        Num {
            value,
            range: cs[i].0..end_of(j),
            unit,
            end: end_of(end),
            approx,
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut after_ordinal = usize::MAX;
    while i < cs.len() {
        let c = cs[i].1;
        if c.is_ascii_digit() {
            let Digits { int_end: j, end: k } = scan_digits(&cs, i);
            if k > j {
                // `1.2023年`: an ordinal, then a year; otherwise a decimal.
                let year_follows = k - (j + 1) == 4 && cs.get(k).map(|x| x.1) == Some('年');
                if year_follows {
                    after_ordinal = j + 1;
                    i = j + 1;
                } else {
                    i = k;
                }
                continue;
            }
            let prev = i.checked_sub(1).map(|p| cs[p].1);
            let glued =
                i != after_ordinal && prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '-' | '.' | '/' | '@' | '_' | '—'));
            let next = cs.get(j).map(|x| x.1);
            let glued_after = next.is_some_and(|x| x.is_ascii_alphabetic() || matches!(x, '-' | '@' | '_' | '%'));
            if glued || glued_after {
                i = j;
                continue;
            }
            let Some(mut value) = parse_uint(&digits_text(&cs, i, j)) else {
                i = j;
                continue;
            };
            let mut k = j;
            if cs.get(k).map(|x| x.1) == Some('万') {
                value = value.saturating_mul(10_000);
                k += 1;
            }
            out.push(Num {
                range: cs[i].0..end_of(j),
                ..num(i, k, value)
            });
            i = k;
        } else if is_chinese_numeral_char(c) && c != 'O' {
            let mut j = i;
            while j < cs.len() && is_chinese_numeral_char(cs[j].1) && cs[j].1 != 'O' {
                j += 1;
            }
            let prev = i.checked_sub(1).map(|p| cs[p].1);
            let s: String = cs[i..j].iter().map(|x| x.1).collect();
            let n = num(i, j, 0);
            let unit = n.unit;
            let positional = !s.contains(['十', '百', '千', '万']);
            let ok_unit = match unit {
                Some('年') => positional && s.chars().count() == 4,
                Some(u) => CHINESE_UNITS.contains(u) && !(positional && s.chars().count() > 1),
                None => false,
            };
            let leading_unit = s.starts_with(['百', '千', '万']);
            if prev != Some('第') && ok_unit && !leading_unit {
                if let Some(value) = parse_chinese(&s) {
                    out.push(Num { value, ..n });
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The unit after position `k`: skips 余/多 (approximate) and returns
/// (unit, approximate, index after the unit).
fn unit_after(cs: &[(usize, char)], mut k: usize) -> (Option<char>, bool, usize) {
    let mut approx = false;
    while let Some(&(_, c)) = cs.get(k) {
        if c == '余' || c == '多' {
            approx = true;
            k += 1;
        } else {
            break;
        }
    }
    match cs.get(k) {
        Some(&(_, c)) if !c.is_ascii_punctuation() && !"，。；、：）（".contains(c) => (Some(c), approx, k + 1),
        _ => (None, approx, k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("两"), Some(2));
        assert_eq!(parse_chinese("十一"), Some(11));
        assert_eq!(parse_chinese("二十"), Some(20));
        assert_eq!(parse_chinese("一百零五"), Some(105));
        assert_eq!(parse_chinese("二〇二三"), Some(2023));
        assert_eq!(parse_chinese("三万两千"), Some(32000));
        assert_eq!(parse_chinese("件"), None);
    }

    #[test]
    fn ascii() {
        assert_eq!(parse_uint("0042"), Some(42));
        assert_eq!(parse_uint("-1"), None);
        assert_eq!(parse_uint("99999999999999999999999"), None);
        assert_eq!(parse_amount("2843.38"), Some(2843.38));
        assert_eq!(parse_amount("2843."), None);
        // The same f64 as the standard parser, which the wasm leaves out.
        for s in ["24252.311082", "0.5", "100.00", "1.10", "0.07", "999999.99", "12.345678901234"] {
            assert_eq!(parse_amount(s), s.parse::<f64>().ok(), "{s}");
        }
    }

    fn read(s: &str) -> Vec<(u64, Option<char>)> {
        let flat = crate::text::squash(s);
        numbers(&flat, 0..flat.len()).into_iter().map(|n| (n.value, n.unit)).collect()
    }

    #[test]
    fn numbers_of_every_kind() {
        assert_eq!(
            read("收到申请十一件，两件，二〇二三年"),
            vec![(11, Some('件')), (2, Some('件')), (2023, Some('年'))]
        );
        assert_eq!(read("一是三审三校,二十大"), vec![]);
        assert_eq!(
            read("1.2023年;98.41%;0953-2905671;3万件"),
            vec![(2023, Some('年')), (30000, Some('件'))]
        );
        let n = numbers("5500余条", 0.."5500余条".len());
        assert!(n[0].approx && n[0].unit == Some('条'));
        assert_eq!(read("第十一件"), vec![]);
    }

    #[test]
    fn prose_reads_separators_full_width_and_chinese() {
        // A sentence of hongzequ-2023, its figures written the three ways
        // reports write them.
        let s = "本年度全区共收到3,070件申请，及时依法依规办结３，０６９件，一件结转下年度继续办理。";
        assert_eq!(read(s), vec![(3070, Some('件')), (3069, Some('件')), (1, Some('件'))]);
        // The scanner of before read 3 and 70 件 here.
        assert_eq!(read("共收到申请3,001件"), vec![(3001, Some('件'))]);
        assert_eq!(read("1,234,567件"), vec![(1_234_567, Some('件'))]);
        // Not separators: a comma between figures, or before four digits.
        assert_eq!(read("12,3件"), vec![(12, None), (3, Some('件'))]);
        assert_eq!(read("1234,567件"), vec![(1234, None), (567, Some('件'))]);
        assert_eq!(read("2023年,1件"), vec![(2023, Some('年')), (1, Some('件'))]);
        // A decimal with separators is left out, as every decimal.
        assert_eq!(read("收费1,234.50元"), vec![]);
    }

    #[test]
    fn table_and_prose_read_a_figure_alike() {
        use crate::text::tokens::{tokenize, Tok};
        use crate::text::Span;
        for (cell, value) in [("3,001", 3001), ("３，００１", 3001), ("1,234,567", 1_234_567), ("70", 70)] {
            let line = format!("（一）本年新收政府信息公开申请数量\t{cell}");
            let toks = tokenize(&line, Span::new(0, line.len()));
            assert_eq!(toks.last().map(|t| &t.tok), Some(&Tok::Num(value.to_string().into())), "{cell}");
            assert_eq!(read(&format!("收到申请{cell}件")), vec![(value, Some('件'))], "{cell}");
        }
    }

    #[test]
    fn scan_digits_ends() {
        let cs: Vec<(usize, char)> = "1,234.5,".char_indices().collect();
        assert_eq!(scan_digits(&cs, 0), Digits { int_end: 5, end: 7 });
        let cs: Vec<(usize, char)> = "12,34".char_indices().collect();
        assert_eq!(scan_digits(&cs, 0), Digits { int_end: 2, end: 2 });
    }
}
