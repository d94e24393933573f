//! A minimal, bounded ZIP reader: just enough to take the parts of a .docx
//! out of its container. It reads the central directory (found from the end
//! record), refuses what a Word file never is (encrypted entries, Zip64,
//! methods other than stored and deflate), checks every offset against the
//! data, inflates with a hard output limit and verifies the CRC-32.
//!
//! Nothing here allocates more than the limits below allow, whatever the
//! file claims about itself: sizes in headers are only trusted after being
//! checked against the bytes actually present.

use std::fmt;

/// The most entries a directory may list (a Word file has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;

/// Why a ZIP could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-directory record, or offsets that point past the data.
    Truncated,
    /// A header that is not what it should be.
    Corrupt,
    TooManyEntries,
    Encrypted,
    /// Zip64 or a compression method other than stored/deflate.
    Unsupported,
    /// Inflating would exceed the allowed size.
    TooLarge,
    /// The data does not match its CRC-32.
    BadCrc,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: usize,
    uncompressed: usize,
    local_offset: usize,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// True when `data` starts like a ZIP file (a local header or an empty archive).
pub fn looks_like_zip(data: &[u8]) -> bool {
    data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") || data.starts_with(b"PK\x07\x08")
}

/// The entries of the central directory.
pub fn entries(data: &[u8]) -> Result<Vec<Entry>, ZipError> {
    const EOCD: u32 = 0x0605_4b50;
    if data.len() < 22 {
        return Err(ZipError::Truncated);
    }
    // The end record is in the last 22 + 65535 bytes (its comment is at most 64 KiB).
    let last = data.len() - 22;
    let first = last.saturating_sub(65_535);
    let eocd = (first..=last)
        .rev()
        .find(|&i| u32_at(data, i) == Some(EOCD))
        .ok_or(ZipError::Truncated)?;
    let count = u16_at(data, eocd + 10).ok_or(ZipError::Truncated)?;
    let cd_size = u32_at(data, eocd + 12).ok_or(ZipError::Truncated)?;
    let cd_offset = u32_at(data, eocd + 16).ok_or(ZipError::Truncated)?;
    if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
        return Err(ZipError::Unsupported);
    }
    let count = count as usize;
    if count > MAX_ENTRIES {
        return Err(ZipError::TooManyEntries);
    }
    let (cd_offset, cd_size) = (cd_offset as usize, cd_size as usize);
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > eocd) {
        return Err(ZipError::Truncated);
    }
    let mut out = Vec::with_capacity(count);
    let mut at = cd_offset;
    for _ in 0..count {
        if u32_at(data, at) != Some(0x0201_4b50) {
            return Err(ZipError::Corrupt);
        }
        let field = |o: usize| u16_at(data, at + o).ok_or(ZipError::Truncated);
        let field32 = |o: usize| u32_at(data, at + o).ok_or(ZipError::Truncated);
        let flags = field(8)?;
        let method = field(10)?;
        let crc = field32(16)?;
        let compressed = field32(20)?;
        let uncompressed = field32(24)?;
        let name_len = field(28)? as usize;
        let extra_len = field(30)? as usize;
        let comment_len = field(32)? as usize;
        let local_offset = field32(42)?;
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local_offset == 0xFFFF_FFFF {
            return Err(ZipError::Unsupported);
        }
        let name = data.get(at + 46..at + 46 + name_len).ok_or(ZipError::Truncated)?;
        out.push(Entry {
            name: String::from_utf8_lossy(name).replace('\\', "/"),
            method,
            flags,
            crc,
            compressed: compressed as usize,
            uncompressed: uncompressed as usize,
            local_offset: local_offset as usize,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// The entry named `name` (compared without regard to case, as Office does).
pub fn find<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    let name = name.trim_start_matches('/');
    entries.iter().find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))
}

/// The contents of `entry`, at most `limit` bytes once inflated.
pub fn read(data: &[u8], entry: &Entry, limit: usize) -> Result<Vec<u8>, ZipError> {
    if entry.flags & 1 != 0 {
        return Err(ZipError::Encrypted);
    }
    let at = entry.local_offset;
    if u32_at(data, at) != Some(0x0403_4b50) {
        return Err(if at >= data.len() { ZipError::Truncated } else { ZipError::Corrupt });
    }
    let name_len = u16_at(data, at + 26).ok_or(ZipError::Truncated)? as usize;
    let extra_len = u16_at(data, at + 28).ok_or(ZipError::Truncated)? as usize;
    let start = at + 30 + name_len + extra_len;
    let raw = start
        .checked_add(entry.compressed)
        .and_then(|end| data.get(start..end))
        .ok_or(ZipError::Truncated)?;
    let bytes = match entry.method {
        0 => {
            if raw.len() > limit {
                return Err(ZipError::TooLarge);
            }
            raw.to_vec()
        }
        8 => {
            use miniz_oxide::inflate::TINFLStatus;
            match miniz_oxide::inflate::decompress_to_vec_with_limit(raw, limit) {
                Ok(v) => v,
                Err(e) if e.status == TINFLStatus::HasMoreOutput => return Err(ZipError::TooLarge),
                Err(e) if e.status == TINFLStatus::FailedCannotMakeProgress || e.status == TINFLStatus::NeedsMoreInput => {
                    return Err(ZipError::Truncated)
                }
                Err(_) => return Err(ZipError::Corrupt),
            }
        }
        _ => return Err(ZipError::Unsupported),
    };
    if bytes.len() != entry.uncompressed || crc32(&bytes) != entry.crc {
        return Err(ZipError::BadCrc);
    }
    Ok(bytes)
}

/// CRC-32 (IEEE), bit by bit through a table made at compile time.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn refuses_garbage() {
        assert_eq!(entries(b"PK\x03\x04 not really").unwrap_err(), ZipError::Truncated);
        assert!(entries(&[0u8; 10]).is_err());
    }
}
