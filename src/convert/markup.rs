//! A tiny, lenient tag tokenizer for both XML (the parts of a .docx) and HTML.
//!
//! It is a flat iterator: it never recurses and keeps no stack, so nesting
//! depth costs nothing; each call moves forward, so the whole input is read
//! in linear time however it is broken (an unclosed quote or comment simply
//! runs to the end). In HTML mode the contents of `<script>`, `<style>` and
//! the other raw-text elements come out as one [`Tok::Raw`], never as tags.

/// One piece of markup. Names keep their prefix (`w:p`); use [`local`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok<'a> {
    Start {
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Character data, entities not yet decoded.
    Text(&'a str),
    /// CDATA content (no entities).
    CData(&'a str),
    /// The contents of a raw-text element (HTML mode): ignored by callers.
    Raw(&'a str),
}

pub struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    html: bool,
    /// In HTML mode, the raw-text element whose end tag is looked for.
    raw: Option<&'static str>,
}

const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe", "noembed", "noframes",
];

impl<'a> Tokenizer<'a> {
    pub fn xml(s: &'a str) -> Self {
        Tokenizer {
            s,
            pos: 0,
            html: false,
            raw: None,
        }
    }
    pub fn html(s: &'a str) -> Self {
        Tokenizer {
            s,
            pos: 0,
            html: true,
            raw: None,
        }
    }

    /// Moves past `pat` from `from`; the end of input when it is not found.
    fn skip_past(&mut self, from: usize, pat: &str) -> usize {
        match self.s[from..].find(pat) {
            Some(i) => {
                self.pos = from + i + pat.len();
                from + i
            }
            None => {
                self.pos = self.s.len();
                self.s.len()
            }
        }
    }

    /// The end of the tag starting at `from` (the index of its `>`), quotes respected.
    fn tag_end(&self, from: usize) -> usize {
        let b = self.s.as_bytes();
        let mut quote = 0u8;
        let mut i = from;
        while i < b.len() {
            let c = b[i];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                // In HTML a quote only opens a value right after `=`.
                if !self.html || (i > 0 && matches!(b[i - 1], b'=' | b' ' | b'\t' | b'\n' | b'\r')) {
                    quote = c;
                }
            } else if c == b'>' {
                return i;
            }
            i += 1;
        }
        b.len()
    }
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80
}

/// The name without its namespace prefix: `w:tbl` → `tbl`.
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        let s = self.s;
        let b = s.as_bytes();
        if let Some(raw) = self.raw.take() {
            // Find `</raw` case-insensitively.
            let start = self.pos;
            let mut i = start;
            let end = loop {
                match s[i..].find("</") {
                    None => break s.len(),
                    Some(k) => {
                        let at = i + k;
                        let after = &b[at + 2..];
                        if after.len() >= raw.len() && after[..raw.len()].eq_ignore_ascii_case(raw.as_bytes()) {
                            break at;
                        }
                        i = at + 2;
                    }
                }
            };
            self.pos = end;
            if end > start {
                return Some(Tok::Raw(&s[start..end]));
            }
        }
        if self.pos >= s.len() {
            return None;
        }
        let start = self.pos;
        if b[start] != b'<' {
            let end = s[start..].find('<').map_or(s.len(), |i| start + i);
            self.pos = end;
            return Some(Tok::Text(&s[start..end]));
        }
        let rest = &s[start..];
        if rest.starts_with("<!--") {
            self.skip_past(start + 4, "-->");
            return self.next();
        }
        if rest.starts_with("<![CDATA[") {
            let end = self.skip_past(start + 9, "]]>");
            return Some(Tok::CData(&s[start + 9..end]));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            self.skip_past(start + 2, ">");
            return self.next();
        }
        let closing = rest.starts_with("</");
        let name_at = start + if closing { 2 } else { 1 };
        if name_at >= b.len() || !is_name_start(b[name_at]) {
            // A lone `<` is text.
            let end = s[start + 1..].find('<').map_or(s.len(), |i| start + 1 + i);
            self.pos = end;
            return Some(Tok::Text(&s[start..end]));
        }
        let mut name_end = name_at;
        while name_end < b.len() && !matches!(b[name_end], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') {
            name_end += 1;
        }
        let name = &s[name_at..name_end];
        let gt = self.tag_end(name_end);
        self.pos = (gt + 1).min(s.len());
        if closing {
            return Some(Tok::End { name });
        }
        let inner = &s[name_end..gt.min(s.len())];
        let self_closing = inner.ends_with('/');
        let attrs = inner.strip_suffix('/').unwrap_or(inner);
        if self.html && !self_closing {
            if let Some(raw) = RAW_TEXT.iter().find(|r| r.eq_ignore_ascii_case(name)) {
                self.raw = Some(raw);
            }
        }
        Some(Tok::Start { name, attrs, self_closing })
    }
}

/// The value of attribute `key` (compared by local name, case-insensitively),
/// entities decoded.
pub fn attr(attrs: &str, key: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !matches!(b[i], b'=' | b' ' | b'\t' | b'\n' | b'\r' | b'/') {
            i += 1;
        }
        let name = &attrs[ns..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = attrs[vs..].find(q as char).map_or(attrs.len(), |k| vs + k);
                value = &attrs[vs..ve];
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vs..i];
            }
        }
        if !name.is_empty() && local(name).eq_ignore_ascii_case(key) {
            let mut out = String::new();
            decode_entities(value, &mut out);
            return Some(out);
        }
        if name.is_empty() {
            i += 1;
        }
    }
    None
}

/// Appends `s` to `out` with character references decoded (numeric ones and
/// the named ones that occur in reports); unknown references stay as written.
pub fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|&(_, c)| c == ';' || !(c.is_ascii_alphanumeric() || c == '#'));
        let decoded = match end {
            Some((k, ';')) => {
                let name = &rest[1..1 + k];
                entity(name).map(|c| (c, k + 2))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(match v {
            0 => '\u{FFFD}',
            _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
        });
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "yen" => '¥',
        "permil" => '‰',
        "sect" => '§',
        "shy" => '\u{AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_attributes() {
        let toks: Vec<Tok> = Tokenizer::xml(r#"<w:p a="1"><w:t xml:space="preserve">x &amp; y</w:t><w:br/></w:p>"#).collect();
        assert_eq!(toks.len(), 6);
        assert!(matches!(
            toks[0],
            Tok::Start {
                name: "w:p",
                self_closing: false,
                ..
            }
        ));
        assert!(matches!(
            toks[4],
            Tok::Start {
                name: "w:br",
                self_closing: true,
                ..
            }
        ));
        assert_eq!(attr(r#" w:val="restart" w:x='2'"#, "val").as_deref(), Some("restart"));
        assert_eq!(attr(r#" colspan=3 rowspan="2""#, "colspan").as_deref(), Some("3"));
    }

    #[test]
    fn raw_text_and_entities() {
        let toks: Vec<Tok> = Tokenizer::html("<script>if (a<b) {}</script><p>x</p>").collect();
        assert!(matches!(toks[1], Tok::Raw("if (a<b) {}")));
        let mut s = String::new();
        decode_entities("&ldquo;三安全一稳定&rdquo;&#20013;&#x6587;&nbsp;&unknown; & x", &mut s);
        assert_eq!(s, "“三安全一稳定”中文\u{a0}&unknown; & x");
    }

    #[test]
    fn broken_markup_ends() {
        for s in ["<a href=\"x", "<!-- never closed", "<", "</", "<![CDATA[x", "<script>x", "a < b"] {
            let _ = Tokenizer::html(s).count();
            let _ = Tokenizer::xml(s).count();
        }
    }
}
