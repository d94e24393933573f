//! Web archives (.mht/.mhtml, "单个文件网页"): a MIME message (RFC 2045–2046,
//! `multipart/related` as Internet Explorer, 360, Word and Chromium save
//! pages) whose HTML part is the page. The part is found (the `start`
//! parameter's Content-ID, else the first `text/html` part, within at most
//! four levels of multiparts), its transfer encoding undone
//! (quoted-printable, base64, 7bit/8bit/binary) and its declared charset
//! returned with it; the HTML reader does the rest.
//!
//! Bounds: headers are read for at most [`MAX_HEADER`] bytes a block, parts
//! are found by one pass over the lines, and decoding never produces more
//! bytes than it reads.

use super::ConvertError;

/// The most bytes of one header block.
const MAX_HEADER: usize = 64 * 1024;
/// The deepest nesting of multiparts followed.
const MAX_NESTING: usize = 4;

/// The page inside a web archive.
#[derive(Debug)]
pub struct Page {
    /// The HTML, its transfer encoding undone.
    pub html: Vec<u8>,
    /// The `charset` its Content-Type declares, lower case.
    pub charset: Option<String>,
}

/// The header block at the start of `data` (up to its blank line) and the
/// body after it; `None` when there is no blank line within the limit.
fn split_head(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut at = 0usize;
    while at < data.len().min(MAX_HEADER) {
        let end = data[at..].iter().position(|&b| b == b'\n').map_or(data.len(), |i| at + i);
        let line = &data[at..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Some((&data[..at], data.get(end + 1..).unwrap_or_default()));
        }
        at = end + 1;
    }
    if data.len() <= MAX_HEADER {
        Some((data, &[]))
    } else {
        None
    }
}

/// Header fields, folded lines unfolded: (lower-case name, value).
fn headers(head: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            out.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    out
}

fn header<'h>(hs: &'h [(String, String)], name: &str) -> Option<&'h str> {
    hs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// A Content-Type's media type (lower case) and its parameter `key`.
fn param(value: &str, key: &str) -> Option<String> {
    // Split on semicolons outside quotes.
    let mut parts = Vec::new();
    let (mut cur, mut quoted) = (String::new(), false);
    for c in value.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ';' if !quoted => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts.iter().skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// True when `data` starts as a MIME message holding a web page: header
/// lines (no blank line first) naming MIME-Version or a multipart or HTML
/// Content-Type.
pub fn looks_like(data: &[u8]) -> bool {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let head = &data[..data.len().min(4096)];
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let name_len = first.iter().position(|&b| b == b':').unwrap_or(0);
    if name_len == 0 || !first[..name_len].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
        return false;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let block = text.split("\n\n").next().unwrap_or("");
    let block = block.split("\r\n\r\n").next().unwrap_or(block);
    block.contains("mime-version:") || block.contains("content-type: multipart/") || block.contains("content-type: text/html")
}

/// The web page inside a MIME archive.
pub fn page(data: &[u8]) -> Result<Page, ConvertError> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    find_page(data, 0)
        .filter(|p| !p.html.trim_ascii().is_empty())
        .ok_or(ConvertError::Mht)
}

fn find_page(entity: &[u8], depth: usize) -> Option<Page> {
    let (head, body) = split_head(entity)?;
    let hs = headers(head);
    // The archive itself names its type; a part without one is HTML's (RFC 2557 leaves it to the start part).
    let content_type = match header(&hs, "content-type") {
        Some(t) => t,
        None if depth == 0 => return None,
        None => "text/html",
    };
    let media = media_type(content_type);
    if media.starts_with("multipart/") {
        if depth >= MAX_NESTING {
            return None;
        }
        let boundary = param(content_type, "boundary")?;
        let start = param(content_type, "start").map(|s| s.trim_matches(['<', '>']).to_string());
        let parts = parts(body, &boundary);
        // The part the archive names as its start, else the first page.
        if let Some(id) = start {
            for p in &parts {
                let Some((h, _)) = split_head(p) else { continue };
                let hs = headers(h);
                if header(&hs, "content-id").is_some_and(|c| c.trim_matches(['<', '>']) == id) {
                    if let Some(page) = find_page(p, depth + 1) {
                        return Some(page);
                    }
                }
            }
        }
        return parts.iter().find_map(|p| {
            let (h, _) = split_head(p)?;
            let ty = header(&headers(h), "content-type").map(media_type).unwrap_or_default();
            (ty == "text/html" || ty.starts_with("multipart/") || ty == "application/xhtml+xml")
                .then(|| find_page(p, depth + 1))
                .flatten()
        });
    }
    if media != "text/html" && media != "application/xhtml+xml" {
        return None;
    }
    let encoding = header(&hs, "content-transfer-encoding").unwrap_or("").trim().to_ascii_lowercase();
    let html = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body),
        "base64" => base64(body),
        _ => body.to_vec(),
    };
    let charset = param(content_type, "charset")
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| !c.is_empty());
    Some(Page { html, charset })
}

/// The parts of a multipart body: what lies between its `--boundary` lines.
fn parts<'d>(body: &'d [u8], boundary: &str) -> Vec<&'d [u8]> {
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0usize;
    while at < body.len() {
        let end = body[at..].iter().position(|&b| b == b'\n').map_or(body.len(), |i| at + i);
        let line = &body[at..end];
        if line.starts_with(delimiter.as_bytes()) {
            if let Some(s) = start {
                // The line break before the delimiter belongs to it.
                let mut e = at;
                if e > s && body[e - 1] == b'\n' {
                    e -= 1;
                    if e > s && body[e - 1] == b'\r' {
                        e -= 1;
                    }
                }
                out.push(&body[s..e]);
            }
            if line[delimiter.len()..].starts_with(b"--") {
                return out;
            }
            start = Some((end + 1).min(body.len()));
        }
        at = end + 1;
    }
    // No closing delimiter (a file cut short): the last part runs to the end.
    if let Some(s) = start {
        out.push(&body[s..]);
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Quoted-printable (RFC 2045 6.7): `=XX` bytes, `=` at a line's end joins
/// lines; a stray `=` stays as it is.
fn quoted_printable(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'=' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        match (s.get(i + 1), s.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&a), Some(&b)) if hex(a).is_some() && hex(b).is_some() => {
                out.push(hex(a).unwrap_or(0) << 4 | hex(b).unwrap_or(0));
                i += 3;
            }
            _ => {
                out.push(b'=');
                i += 1;
            }
        }
    }
    out
}

/// Base64, characters outside the alphabet skipped, ending at `=`.
fn base64(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodings() {
        assert_eq!(quoted_printable(b"a=3D=E4=B8=80=\r\nb= c"), "a=一b= c".as_bytes());
        assert_eq!(base64(b"5LiA\r\n5LqM"), "一二".as_bytes());
    }

    #[test]
    fn finds_the_page() {
        let mht = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"--b\"\r\n\r\n\
            ----b\r\nContent-Type: text/css\r\n\r\np{}\r\n----b\r\nContent-Type: text/html; charset=\"GB2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=D2=BB</p>\r\n----b--\r\n";
        assert!(looks_like(mht));
        let p = page(mht).unwrap();
        assert_eq!(p.html, b"<p>\xD2\xBB</p>");
        assert_eq!(p.charset.as_deref(), Some("gb2312"));
        assert!(!looks_like("一、总体情况：\n".as_bytes()));
        assert!(!looks_like(b"Note: text\n\nmore"));
        assert_eq!(
            page(b"MIME-Version: 1.0\r\nContent-Type: image/png\r\n\r\nxx").err(),
            Some(ConvertError::Mht)
        );
    }
}
