//! A minimal, bounded reader of Compound Files (MS-CFB, the container of
//! Word 97–2003 .doc, WPS .wps, .xls and .ppt): the header, the sector
//! allocation table (FAT, through the DIFAT), the directory and the mini
//! stream, enough to take out a stream named at the top of the file.
//!
//! Every sector number, chain and size is checked against the bytes present:
//! a chain may not be longer than the file has sectors (a loop), a stream may
//! not claim more bytes than its chain holds, and nothing is allocated beyond
//! the file's own size. Errors say whether the file looks cut short
//! (sectors past its end) or damaged.

/// Why a compound file could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CfbError {
    /// Sectors or streams past the end of the data: a copy that did not finish.
    Truncated,
    /// A header, chain or directory that is not what it should be.
    Corrupt,
}

const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
/// The largest regular sector number.
const MAX_SECTOR: u32 = 0xFFFF_FFFA;
/// The most directory entries read (a Word file has a few dozen).
const MAX_ENTRIES: usize = 100_000;

/// True when `data` starts with the compound file signature.
pub fn is_cfb(data: &[u8]) -> bool {
    data.starts_with(SIGNATURE)
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at.checked_add(2)?).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at.checked_add(4)?).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// One directory entry: a stream or a storage.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    /// 1 storage, 2 stream, 5 root.
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: usize,
}

/// An open compound file.
pub struct Cfb<'a> {
    data: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    mini_cutoff: usize,
    /// The mini stream (the root entry's data).
    mini: Vec<u8>,
    entries: Vec<Entry>,
}

impl<'a> Cfb<'a> {
    /// Reads the header, the allocation tables and the directory.
    pub fn open(data: &'a [u8]) -> Result<Cfb<'a>, CfbError> {
        if data.len() < 512 {
            return Err(if is_cfb(data) { CfbError::Truncated } else { CfbError::Corrupt });
        }
        if !is_cfb(data) || u16_at(data, 0x1C) != Some(0xFFFE) {
            return Err(CfbError::Corrupt);
        }
        let shift = u16_at(data, 0x1E).unwrap_or(0);
        let sector = match shift {
            9 => 512,
            12 => 4096,
            _ => return Err(CfbError::Corrupt),
        };
        let mini_shift = u16_at(data, 0x20).unwrap_or(0);
        if mini_shift != 6 {
            return Err(CfbError::Corrupt);
        }
        let field = |at| u32_at(data, at).ok_or(CfbError::Truncated);
        let n_fat = field(0x2C)? as usize;
        let dir_start = field(0x30)?;
        let mini_cutoff = field(0x38)? as usize;
        let minifat_start = field(0x3C)?;
        let difat_start = field(0x44)?;
        let n_difat = field(0x48)? as usize;
        // Sectors the file can hold, counting the ones a cut copy lost: a
        // table may name any of them, no more.
        let sectors = data.len() / sector + 1;
        if n_fat > sectors || n_difat > sectors {
            return Err(CfbError::Corrupt);
        }
        let mut cfb = Cfb {
            data,
            sector,
            fat: Vec::new(),
            minifat: Vec::new(),
            mini_cutoff,
            mini: Vec::new(),
            entries: Vec::new(),
        };
        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(data, 0x4C + 4 * i))
            .filter(|&s| s <= MAX_SECTOR)
            .collect();
        let mut next = difat_start;
        let per = sector / 4 - 1;
        for _ in 0..n_difat {
            if next > MAX_SECTOR {
                break;
            }
            let s = cfb.sector_bytes(next)?;
            fat_sectors.extend((0..per).filter_map(|i| u32_at(s, 4 * i)).filter(|&x| x <= MAX_SECTOR));
            next = u32_at(s, 4 * per).unwrap_or(END_OF_CHAIN);
        }
        fat_sectors.truncate(n_fat.max(1));
        if fat_sectors.is_empty() {
            return Err(CfbError::Corrupt);
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
        for &s in &fat_sectors {
            let bytes = cfb.sector_bytes(s)?;
            fat.extend(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
        }
        cfb.fat = fat;
        let dir = cfb.chain(dir_start, usize::MAX, false)?;
        for e in dir.chunks_exact(128).take(MAX_ENTRIES) {
            let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = e[..len]
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let size = u32_at(e, 0x78).unwrap_or(0) as usize;
            cfb.entries.push(Entry {
                name: String::from_utf16_lossy(&units),
                kind: e[0x42],
                left: u32_at(e, 0x44).unwrap_or(FREE),
                right: u32_at(e, 0x48).unwrap_or(FREE),
                child: u32_at(e, 0x4C).unwrap_or(FREE),
                start: u32_at(e, 0x74).unwrap_or(END_OF_CHAIN),
                size,
            });
        }
        let root = cfb.entries.first().ok_or(CfbError::Corrupt)?.clone();
        if root.kind != 5 {
            return Err(CfbError::Corrupt);
        }
        if root.size > 0 && root.start <= MAX_SECTOR {
            cfb.minifat = cfb
                .chain(minifat_start, usize::MAX, false)
                .map(|b| b.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
                .unwrap_or_default();
            cfb.mini = cfb.chain(root.start, root.size, false)?;
        }
        Ok(cfb)
    }

    /// The bytes of regular sector `n`.
    fn sector_bytes(&self, n: u32) -> Result<&'a [u8], CfbError> {
        if n > MAX_SECTOR {
            return Err(CfbError::Corrupt);
        }
        let at = (n as usize).checked_add(1).and_then(|k| k.checked_mul(self.sector));
        match at.and_then(|a| self.data.get(a..a + self.sector)) {
            Some(s) => Ok(s),
            None => Err(CfbError::Truncated),
        }
    }

    /// The chain of sectors from `start` (in the mini stream when `mini`),
    /// at most `size` bytes of it.
    fn chain(&self, start: u32, size: usize, mini: bool) -> Result<Vec<u8>, CfbError> {
        let table = if mini { &self.minifat } else { &self.fat };
        let limit = if mini {
            self.mini.len() / 64 + 1
        } else {
            self.data.len() / self.sector + 1
        };
        let mut out = Vec::new();
        let mut at = start;
        let mut steps = 0usize;
        while at != END_OF_CHAIN && out.len() < size {
            steps += 1;
            if steps > limit {
                return Err(CfbError::Corrupt); // a loop
            }
            if mini {
                let from = (at as usize).checked_mul(64).ok_or(CfbError::Corrupt)?;
                let bytes = self.mini.get(from..from + 64).ok_or(CfbError::Truncated)?;
                out.extend_from_slice(bytes);
            } else {
                out.extend_from_slice(self.sector_bytes(at)?);
            }
            at = match table.get(at as usize) {
                Some(&n) if n == END_OF_CHAIN || n <= MAX_SECTOR => n,
                Some(_) => return Err(CfbError::Corrupt),
                None => return Err(if mini { CfbError::Corrupt } else { CfbError::Truncated }),
            };
        }
        if size != usize::MAX {
            if out.len() < size {
                return Err(CfbError::Truncated);
            }
            out.truncate(size);
        }
        Ok(out)
    }

    /// The names of the streams and storages at the top of the file.
    pub fn top_names(&self) -> Vec<&str> {
        self.top().into_iter().map(|i| self.entries[i].name.as_str()).collect()
    }

    /// The indices of the root's children (its red-black tree walked with a
    /// stack, each entry at most once).
    fn top(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.entries.len()];
        let mut stack = vec![self.entries.first().map_or(FREE, |r| r.child)];
        while let Some(i) = stack.pop() {
            let i = i as usize;
            let Some(e) = self.entries.get(i) else { continue };
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            out.push(i);
            stack.push(e.left);
            stack.push(e.right);
        }
        out
    }

    /// The stream named `name` (without regard to case) at the top of the file.
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, CfbError> {
        let Some(i) = self
            .top()
            .into_iter()
            .find(|&i| self.entries[i].kind == 2 && self.entries[i].name.eq_ignore_ascii_case(name))
        else {
            return Ok(None);
        };
        let e = &self.entries[i];
        // A stream claims no more than the file could hold.
        if e.size > self.data.len() {
            return Err(CfbError::Truncated);
        }
        if e.size == 0 {
            return Ok(Some(Vec::new()));
        }
        let mini = e.size < self.mini_cutoff;
        self.chain(e.start, e.size, mini).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_garbage() {
        assert_eq!(Cfb::open(b"not a compound file").err(), Some(CfbError::Corrupt));
        assert_eq!(Cfb::open(SIGNATURE).err(), Some(CfbError::Truncated));
        let mut header = SIGNATURE.to_vec();
        header.resize(512, 0);
        assert_eq!(Cfb::open(&header).err(), Some(CfbError::Corrupt));
    }
}
