//! What the checker accepts: text of a sane size that is text at all.
//! Bytes from a file are decoded here too (UTF-8, UTF-16 with a BOM, and on
//! the command line GB18030/GBK, which many offices still save text in).

use crate::report::Status;

/// Why `text` is not checked, if it is not.
pub fn refuse(text: &str) -> Option<Status> {
    if text.len() > crate::MAX_INPUT_BYTES {
        return Some(Status::TooLarge);
    }
    if text.trim().is_empty() {
        return Some(Status::Empty);
    }
    if looks_binary(text) {
        return Some(Status::Binary);
    }
    None
}

/// NUL characters, or many control or replacement characters, mean the
/// input was not text (an image, a PDF, a Word file read as text).
/// (Read byte by byte, the first 65 536 characters: a control character is
/// U+0000–U+001F, U+007F–U+009F.)
fn looks_binary(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut bad, mut total, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() && total < 65_536 {
        let b = bytes[i];
        total += 1;
        match b {
            0 => return true,
            b'\n' | b'\r' | b'\t' | 0x0C => {}
            0..=0x1F | 0x7F => bad += 1,
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => bad += 1,
            0xEF if bytes[i..].starts_with("\u{FFFD}".as_bytes()) => bad += 1,
            _ => {}
        }
        i += crate::text::char_len(b);
    }
    total > 0 && bad * 20 > total
}

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM,
/// else GB18030 (a superset of GBK and GB2312). `Err` for binary data.
pub fn decode(bytes: &[u8]) -> Result<String, Status> {
    if bytes.len() > crate::MAX_INPUT_BYTES * 2 {
        return Err(Status::TooLarge);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Status::Empty);
    }
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(b) {
        return ok_text(s.to_string());
    }
    if let Some(s) = utf16_with_bom(bytes) {
        return ok_text(s);
    }
    if bytes.contains(&0) {
        return Err(Status::Binary);
    }
    decode_legacy(bytes)
}

/// Text in UTF-16 that starts with its byte-order mark, if `bytes` is that.
pub fn utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let le = bytes.starts_with(b"\xFF\xFE");
    if !le && !bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

fn ok_text(s: String) -> Result<String, Status> {
    match refuse(&s) {
        Some(status) => Err(status),
        None => Ok(s),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_legacy(bytes: &[u8]) -> Result<String, Status> {
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(Status::Binary);
    }
    ok_text(text.into_owned())
}

/// In the browser the page decodes GB18030 with `TextDecoder` before calling
/// the core, so the wasm carries no decoding tables.
#[cfg(target_arch = "wasm32")]
fn decode_legacy(_bytes: &[u8]) -> Result<String, Status> {
    Err(Status::Binary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("二、主动公开政府信息情况");
        assert_eq!(decode(&bytes).unwrap(), "二、主动公开政府信息情况");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(Status::Binary));
        assert_eq!(decode(b"  \n "), Err(Status::Empty));
        assert_eq!(refuse("\u{1}\u{2}\u{3}abc"), Some(Status::Binary));
    }
}
