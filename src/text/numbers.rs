//! Numbers as reports write them: ASCII and full-width digits (folded before
//! they get here), decimals, and Chinese numerals (两件, 十一件, 二〇二三年).

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
    s.parse().ok()
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

/// An integer written either way: ASCII digits (already folded) or Chinese.
pub fn parse_any_uint(s: &str) -> Option<u64> {
    parse_uint(s).or_else(|| parse_chinese(s))
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
    }
}
