//! Word 97–2003 (.doc) and WPS 文字 (.wps, the same binary family): the main
//! document's paragraphs and tables, from the Compound File's `WordDocument`
//! stream and its table stream (`0Table`/`1Table`), as MS-DOC lays them out.
//!
//! Read: the File Information Block (FIB; encrypted and obfuscated files are
//! refused, Word 6/95 files named), the piece table (`Clx`/`PlcPcd`: text in
//! 8-bit or UTF-16 pieces, in any order, as fast saves leave them), the
//! paragraph properties (`PlcBtePapx` → PAPX FKPs, and `sprmPHugePapx` in the
//! `Data` stream) for table cells and rows (`sprmPFInTable`, `sprmPFTtp`,
//! `sprmPItap`) and their cell edges (`sprmTDefTable`, from which the column
//! spans are laid on one grid per table, as Word's own .docx export does),
//! the character properties (`PlcBteChpx`) to leave out deleted revisions,
//! fields (the result shown, the code left out), and automatic list numbers
//! of the paragraphs (`sprmPIlfo`/`sprmPIlvl`, the lists of `PlfLst` and
//! `PlfLfo`), numbered as the .docx reader numbers them.
//!
//! Not read: headers, footers, footnotes, comments and text boxes (other
//! parts of the text), list numbers that a paragraph takes from its style.
//!
//! Bounds: every offset and count is checked against the stream it points
//! into; at most [`crate::MAX_INPUT_BYTES`] characters are read, field
//! nesting counts but is not stored, and tables are at most 64 cells wide
//! as in Word.

use super::cfb::{Cfb, CfbError};
use super::docx::{Counters, Level, Numbering};
use super::sink::Sink;
use super::ConvertError;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at.checked_add(2)?).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at.checked_add(4)?).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn cfb_error(e: CfbError) -> ConvertError {
    match e {
        CfbError::Truncated => ConvertError::DocTruncated,
        CfbError::Corrupt => ConvertError::DocCorrupt,
    }
}

/// The text of a compound file that should be a Word document; `wps` when
/// it was named .wps (a compound file of another kind is then WPS's or
/// Works' older format).
pub fn convert(data: &[u8], wps: bool, limit: usize) -> Result<String, ConvertError> {
    let cfb = Cfb::open(data).map_err(cfb_error)?;
    let Some(word) = cfb.stream("WordDocument").map_err(cfb_error)? else {
        let names = cfb.top_names();
        let has = |n: &str| names.iter().any(|m| m.eq_ignore_ascii_case(n));
        return Err(if has("EncryptedPackage") || has("EncryptionInfo") {
            ConvertError::Encrypted
        } else if has("Workbook") || has("Book") || has("PowerPoint Document") {
            ConvertError::OtherOffice
        } else if wps || has("CONTENTS") || has("MatOST") {
            ConvertError::Wps
        } else {
            ConvertError::OldOffice
        });
    };
    let fib = Fib::read(&word)?;
    let table_name = if fib.flags & 0x0200 != 0 { "1Table" } else { "0Table" };
    let table = cfb.stream(table_name).map_err(cfb_error)?.ok_or(ConvertError::DocCorrupt)?;
    let data_stream = cfb.stream("Data").map_err(cfb_error)?.unwrap_or_default();
    let doc = Doc::new(&word, &table, &data_stream, &fib)?;
    doc.text(limit)
}

/// The parts of the File Information Block read here.
struct Fib {
    flags: u16,
    /// Characters of the main document.
    ccp_text: usize,
    /// (fc, lcb) pairs of FibRgFcLcb, in order.
    fc_lcb: Vec<(usize, usize)>,
}

/// Pair indices in FibRgFcLcb97.
const STSHF: usize = 1;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

impl Fib {
    fn read(w: &[u8]) -> Result<Fib, ConvertError> {
        let ident = u16_at(w, 0).ok_or(ConvertError::DocTruncated)?;
        let n_fib = u16_at(w, 2).ok_or(ConvertError::DocTruncated)?;
        if ident == 0xA5DC || ident == 0xA5EC && (101..=105).contains(&n_fib) {
            return Err(ConvertError::DocOld);
        }
        if ident != 0xA5EC {
            return Err(ConvertError::DocCorrupt);
        }
        let flags = u16_at(w, 0x0A).ok_or(ConvertError::DocTruncated)?;
        if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            return Err(ConvertError::Encrypted);
        }
        let csw = u16_at(w, 0x20).ok_or(ConvertError::DocTruncated)? as usize;
        let lw = 0x22 + csw * 2;
        let cslw = u16_at(w, lw).ok_or(ConvertError::DocTruncated)? as usize;
        if cslw < 4 {
            return Err(ConvertError::DocCorrupt);
        }
        let ccp_text = u32_at(w, lw + 2 + 12).ok_or(ConvertError::DocTruncated)? as usize;
        let fl = lw + 2 + cslw * 4;
        let count = u16_at(w, fl).ok_or(ConvertError::DocTruncated)? as usize;
        if count <= CLX {
            return Err(ConvertError::DocCorrupt);
        }
        let fc_lcb = (0..count)
            .map_while(|i| {
                let at = fl + 2 + i * 8;
                Some((u32_at(w, at)? as usize, u32_at(w, at + 4)? as usize))
            })
            .collect::<Vec<_>>();
        if fc_lcb.len() <= CLX {
            return Err(ConvertError::DocTruncated);
        }
        Ok(Fib { flags, ccp_text, fc_lcb })
    }

    /// The bytes of structure `k` in the table stream (empty when absent).
    fn part<'t>(&self, table: &'t [u8], k: usize) -> Result<&'t [u8], ConvertError> {
        let Some(&(fc, lcb)) = self.fc_lcb.get(k) else { return Ok(&[]) };
        if lcb == 0 {
            return Ok(&[]);
        }
        fc.checked_add(lcb)
            .and_then(|end| table.get(fc..end))
            .ok_or(ConvertError::DocCorrupt)
    }

    /// The table stream from structure `k` on, for a structure followed by
    /// data its size leaves out (the LVLs after `PlfLst`).
    fn from<'t>(&self, table: &'t [u8], k: usize) -> Result<&'t [u8], ConvertError> {
        self.part(table, k)?;
        Ok(self
            .fc_lcb
            .get(k)
            .filter(|p| p.1 > 0)
            .and_then(|p| table.get(p.0..))
            .unwrap_or_default())
    }
}

/// One piece of the text: characters `cp..cp_end` at byte `fc` of the
/// WordDocument stream, one byte each (`compressed`, Windows-1252) or two.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
    prm: u16,
}

/// A bin table (`PlcBtePapx`/`PlcBteChpx`): FC ranges and the FKP page of each.
struct Bte {
    fcs: Vec<u32>,
    pages: Vec<u32>,
}

impl Bte {
    fn read(plc: &[u8]) -> Bte {
        let n = plc.len().saturating_sub(4) / 8;
        let fcs = (0..=n).filter_map(|i| u32_at(plc, i * 4)).collect();
        let pages = (0..n)
            .filter_map(|i| u32_at(plc, (n + 1) * 4 + i * 4).map(|p| p & 0x3F_FFFF))
            .collect();
        Bte { fcs, pages }
    }

    /// The 512-byte FKP page holding `fc`.
    fn page<'w>(&self, word: &'w [u8], fc: u32) -> Option<&'w [u8]> {
        let i = self.fcs.partition_point(|&f| f <= fc).checked_sub(1)?;
        let pn = *self.pages.get(i)? as usize;
        word.get(pn * 512..pn * 512 + 512)
    }
}

/// In an FKP page, the run holding `fc`: its FC range and its property
/// bytes (a PAPX's `GrpPrlAndIstd`, a CHPX's `grpprl`); empty bytes for a
/// run with default properties.
fn fkp_run(page: &[u8], fc: u32, papx: bool) -> Option<(u32, u32, &[u8])> {
    let crun = *page.get(511)? as usize;
    let fcs: Vec<u32> = (0..=crun).map_while(|i| u32_at(page, i * 4)).collect();
    if fcs.len() != crun + 1 {
        return None;
    }
    let j = fcs.partition_point(|&f| f <= fc).checked_sub(1)?;
    if j >= crun {
        return None;
    }
    let (start, end) = (fcs[j], fcs[j + 1]);
    let at = (crun + 1) * 4 + j * if papx { 13 } else { 1 };
    let offset = *page.get(at)? as usize * 2;
    if offset == 0 {
        return Some((start, end, &[]));
    }
    let cb = *page.get(offset)? as usize;
    let bytes = if !papx {
        page.get(offset + 1..offset + 1 + cb)?
    } else if cb != 0 {
        page.get(offset + 1..offset + 2 * cb)?
    } else {
        let cb = *page.get(offset + 1)? as usize;
        page.get(offset + 2..offset + 2 + 2 * cb)?
    };
    Some((start, end, bytes))
}

/// The sprms of a `grpprl`: (sprm, operand), stopping at the first that
/// does not fit.
fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, at)?;
        let rest = grpprl.get(at + 2..)?;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            // sprmTDefTable, sprmTDefTable10: a two-byte size.
            _ if sprm == 0xD608 || sprm == 0xD606 => u16_at(rest, 0)? as usize + 1,
            // sprmPChgTabs with its size 255 is sized by its contents: stop.
            _ if sprm == 0xC615 && rest.first() == Some(&255) => return None,
            _ => *rest.first()? as usize + 1,
        };
        let operand = rest.get(..len)?;
        at += 2 + len;
        Some((sprm, operand))
    })
}

/// What a paragraph's properties say about its place in a table and a list.
#[derive(Debug, Default, Clone)]
struct Para {
    in_table: bool,
    /// The paragraph ends a table row (TTP), at the outermost level.
    row_end: bool,
    depth: u32,
    /// The cell edges of the row (sprmTDefTable), at a row end.
    edges: Vec<i32>,
    /// The list: its LFO index (1-based; 0 none) and level.
    ilfo: u16,
    ilvl: u8,
}

impl Para {
    fn apply(&mut self, grpprl: &[u8], data: &[u8], huge: bool) {
        for (sprm, op) in sprms(grpprl) {
            match sprm {
                0x2416 => self.in_table = op[0] != 0,
                0x2417 => self.row_end = op[0] != 0,
                0x6649 => self.depth = u32_at(op, 0).unwrap_or(1),
                0xD608 => {
                    let n = op.get(2).copied().unwrap_or(0) as usize;
                    self.edges = (0..=n).map_while(|i| u16_at(op, 3 + 2 * i).map(|v| v as i16 as i32)).collect();
                    if self.edges.len() != n + 1 {
                        self.edges.clear();
                    }
                }
                0x460B => self.ilfo = u16_at(op, 0).unwrap_or(0),
                0x260A => self.ilvl = op[0].min(8),
                // sprmPHugePapx: the properties are in the Data stream.
                0x6646 if !huge => {
                    let at = u32_at(op, 0).unwrap_or(u32::MAX) as usize;
                    if let Some(bytes) = u16_at(data, at).and_then(|cb| data.get(at + 2..at + 2 + cb as usize)) {
                        self.apply(bytes, data, true);
                    }
                }
                _ => {}
            }
        }
    }

    /// The table level: 0 outside tables.
    fn level(&self) -> u32 {
        if self.in_table {
            self.depth.max(1)
        } else {
            0
        }
    }
}

/// Windows-1252 for the 8-bit pieces (0x80–0x9F differ from Latin-1).
fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018,
        0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// A document opened for reading.
struct Doc<'a> {
    word: &'a [u8],
    data: &'a [u8],
    ccp_text: usize,
    pieces: Vec<Piece>,
    /// The property groups of the Clx (`Prc`), for pieces' `Prm`.
    prcs: Vec<&'a [u8]>,
    papx: Bte,
    chpx: Bte,
    numbering: Numbering,
    /// LFO index (0-based) → list id (the key of `numbering`).
    lfos: Vec<String>,
}

/// The most pieces read (a fast-saved document has thousands at most).
const MAX_PIECES: usize = 1_000_000;

impl<'a> Doc<'a> {
    fn new(word: &'a [u8], table: &'a [u8], data: &'a [u8], fib: &Fib) -> Result<Doc<'a>, ConvertError> {
        let clx = fib.part(table, CLX)?;
        let (pieces, prcs) = read_clx(clx)?;
        let (numbering, lfos) = read_lists(fib.from(table, PLF_LST)?, fib.part(table, PLF_LFO)?);
        let _ = STSHF;
        Ok(Doc {
            word,
            data,
            ccp_text: fib.ccp_text,
            pieces,
            prcs,
            papx: Bte::read(fib.part(table, PLCF_BTE_PAPX)?),
            chpx: Bte::read(fib.part(table, PLCF_BTE_CHPX)?),
            numbering,
            lfos,
        })
    }

    /// The paragraph properties of the paragraph whose mark is at `fc`, in piece `piece`.
    fn para(&self, fc: u32, piece: &Piece) -> Para {
        let mut p = Para::default();
        if let Some((_, _, bytes)) = self.papx.page(self.word, fc).and_then(|page| fkp_run(page, fc, true)) {
            // GrpPrlAndIstd: the style (two bytes), then the sprms.
            p.apply(bytes.get(2..).unwrap_or_default(), self.data, false);
        }
        // A fast-saved piece's own properties (Prm1: a Prc of the Clx).
        if piece.prm & 1 != 0 {
            if let Some(grpprl) = self.prcs.get((piece.prm >> 1) as usize) {
                p.apply(grpprl, self.data, false);
            }
        }
        p
    }

    /// Whether the run at `fc` is deleted text (a revision), and the FC range it covers.
    fn deleted(&self, fc: u32) -> (bool, u32, u32) {
        let Some((start, end, bytes)) = self.chpx.page(self.word, fc).and_then(|page| fkp_run(page, fc, false)) else {
            return (false, fc, fc.saturating_add(1));
        };
        let del = sprms(bytes).any(|(s, op)| s == 0x0800 && matches!(op[0], 1 | 0x81));
        (del, start, end.max(fc.saturating_add(1)))
    }

    fn text(&self, limit: usize) -> Result<String, ConvertError> {
        let mut w = Writer {
            sink: Sink::new(limit),
            para: String::new(),
            table: TableBuf::default(),
            counters: Counters::default(),
        };
        let end_cp = self.ccp_text.min(limit);
        let mut fields_hidden = 0usize; // open fields in their code part
        let mut fields: Vec<bool> = Vec::new(); // per open field: still in its code
        let mut fields_lost = 0usize; // fields opened past the stack's cap
        let mut high: Option<u16> = None; // a high surrogate waiting for its pair
        let mut run = (false, 0u32, 0u32); // (deleted, from, to) of the current character run
        for piece in &self.pieces {
            if piece.cp >= end_cp {
                break;
            }
            let n = piece.cp_end.min(end_cp) - piece.cp;
            let width = if piece.compressed { 1 } else { 2 };
            let bytes = piece
                .fc
                .checked_add(n * width)
                .and_then(|end| self.word.get(piece.fc..end))
                .ok_or(ConvertError::DocCorrupt)?;
            for k in 0..n {
                let fc = (piece.fc + k * width) as u32;
                let unit = if piece.compressed {
                    bytes[k] as u16
                } else {
                    u16::from_le_bytes([bytes[2 * k], bytes[2 * k + 1]])
                };
                match unit {
                    0x0D | 0x07 => {
                        high = None;
                        let p = self.para(fc, piece);
                        w.paragraph(self, unit == 0x07, &p);
                        continue;
                    }
                    0x13 => {
                        if fields.len() < 256 {
                            fields.push(true);
                            fields_hidden += 1;
                        } else {
                            fields_lost += 1;
                        }
                        continue;
                    }
                    0x14 => {
                        if fields_lost == 0 {
                            if let Some(top) = fields.last_mut() {
                                if std::mem::replace(top, false) {
                                    fields_hidden -= 1;
                                }
                            }
                        }
                        continue;
                    }
                    0x15 => {
                        if fields_lost > 0 {
                            fields_lost -= 1;
                        } else if let Some(true) = fields.pop() {
                            fields_hidden -= 1;
                        }
                        continue;
                    }
                    _ => {}
                }
                if fields_hidden > 0 {
                    continue;
                }
                if fc < run.1 || fc >= run.2 {
                    run = self.deleted(fc);
                }
                if run.0 {
                    continue;
                }
                let c = if piece.compressed {
                    Some(cp1252(unit as u8))
                } else {
                    match (high.take(), unit) {
                        (None, 0xD800..=0xDBFF) => {
                            high = Some(unit);
                            None
                        }
                        (Some(h), 0xDC00..=0xDFFF) => char::from_u32(0x10000 + (((h as u32) - 0xD800) << 10) + (unit as u32 - 0xDC00)),
                        (_, u) => char::from_u32(u as u32),
                    }
                };
                let Some(c) = c else { continue };
                match c {
                    '\t' => w.para.push('\t'),
                    '\u{0B}' | '\u{0C}' | '\u{0E}' => w.para.push('\n'),
                    '\u{1E}' => w.para.push('-'),
                    '\u{1F}' => {}
                    c if (c as u32) < 0x20 => {} // pictures, notes' marks, other specials
                    c => w.para.push(c),
                }
                if w.para.len() > limit {
                    return Err(ConvertError::TooLarge);
                }
            }
        }
        // Text after the last paragraph mark, and a table left open.
        let p = Para::default();
        w.paragraph(self, false, &p);
        w.flush_table();
        w.sink.finish()
    }
}

/// The piece table and the property groups of a `Clx`.
fn read_clx(clx: &[u8]) -> Result<(Vec<Piece>, Vec<&[u8]>), ConvertError> {
    let mut at = 0usize;
    let mut prcs = Vec::new();
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or(ConvertError::DocCorrupt)? as i16;
                if cb < 0 {
                    return Err(ConvertError::DocCorrupt);
                }
                let grpprl = clx.get(at + 3..at + 3 + cb as usize).ok_or(ConvertError::DocCorrupt)?;
                prcs.push(grpprl);
                at += 3 + cb as usize;
            }
            Some(2) => break,
            _ => return Err(ConvertError::DocCorrupt),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or(ConvertError::DocCorrupt)? as usize;
    let plc = at
        .checked_add(5 + lcb)
        .and_then(|end| clx.get(at + 5..end))
        .ok_or(ConvertError::DocCorrupt)?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(ConvertError::DocCorrupt);
    }
    let n = ((plc.len() - 4) / 12).min(MAX_PIECES);
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).unwrap_or(0) as usize;
        let cp_end = u32_at(plc, i * 4 + 4).unwrap_or(0) as usize;
        let pcd = (n + 1) * 4 + i * 8;
        let raw = u32_at(plc, pcd + 2).ok_or(ConvertError::DocCorrupt)?;
        let prm = u16_at(plc, pcd + 6).unwrap_or(0);
        if cp_end < cp || pieces.last().is_some_and(|p: &Piece| p.cp_end > cp) {
            return Err(ConvertError::DocCorrupt);
        }
        let compressed = raw & 0x4000_0000 != 0;
        let fc = (raw & 0x3FFF_FFFF) as usize;
        pieces.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
            prm,
        });
    }
    Ok((pieces, prcs))
}

/// Word's number format codes (`nfc`) by the names the .docx reader numbers by.
fn nfc_name(nfc: u8) -> &'static str {
    match nfc {
        0 => "decimal",
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        0x0A => "ideographDigital",
        0x0B => "japaneseCounting",
        0x0E => "decimalFullWidth",
        0x12 => "decimalEnclosedCircle",
        0x13 => "decimalFullWidth2",
        0x16 => "decimalZero",
        0x17 => "bullet",
        0x1A => "decimalEnclosedFullstop",
        0x1B => "decimalEnclosedParen",
        0x1C => "decimalEnclosedCircleChinese",
        0x1E => "ideographTraditional",
        0x1F => "ideographZodiac",
        0x21 => "taiwaneseCounting",
        0x23 => "taiwaneseCountingThousand",
        0x25 => "chineseCounting",
        0x26 => "chineseLegalSimplified",
        0x27 => "chineseCountingThousand",
        0xFF => "none",
        _ => "decimal",
    }
}

/// The most lists read (Word writes a few dozen).
const MAX_LISTS: usize = 10_000;

/// The lists of `PlfLst` (each list's levels: start, format, text) and the
/// list of each LFO of `PlfLfo`, as the .docx reader's [`Numbering`].
fn read_lists(lst: &[u8], lfo: &[u8]) -> (Numbering, Vec<String>) {
    let mut numbering = Numbering::default();
    let count = (u16_at(lst, 0).unwrap_or(0) as usize).min(MAX_LISTS);
    // LSTF records (28 bytes each), then every list's LVLs in order.
    let mut at = 2 + count * 28;
    for i in 0..count {
        let base = 2 + i * 28;
        let (Some(lsid), Some(flags)) = (u32_at(lst, base), lst.get(base + 26)) else {
            break;
        };
        let n = if flags & 1 != 0 { 1 } else { 9 };
        let mut levels = vec![Level::default(); 9];
        for level in levels.iter_mut().take(n) {
            // LVLF: iStartAt, nfc, …, cbGrpprlChpx (byte 24), cbGrpprlPapx (25); then both grpprls and the number text.
            let (Some(start), Some(&nfc), Some(&chpx), Some(&papx)) =
                (u32_at(lst, at), lst.get(at + 4), lst.get(at + 24), lst.get(at + 25))
            else {
                return (numbering, Vec::new());
            };
            let xst = at + 28 + chpx as usize + papx as usize;
            let Some(cch) = u16_at(lst, xst) else {
                return (numbering, Vec::new());
            };
            let units: Vec<u16> = (0..cch as usize).map_while(|k| u16_at(lst, xst + 2 + 2 * k)).collect();
            // The placeholders are the characters 0–8 (level numbers): written %1–%9 as in .docx.
            let mut text = String::new();
            for c in char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('\u{FFFD}')) {
                if (c as u32) < 9 {
                    text.push('%');
                    text.push(char::from(b'1' + c as u8));
                } else {
                    text.push(c);
                }
            }
            *level = Level {
                format: nfc_name(nfc).to_string(),
                text,
                start: start.min(u32::MAX / 2),
            };
            at = xst + 2 + 2 * cch as usize;
        }
        numbering.add_list(lsid.to_string(), levels);
    }
    // PlfLfo: lfoMac, then LFO records (16 bytes: lsid first).
    let n = (u32_at(lfo, 0).unwrap_or(0) as usize).min(MAX_LISTS);
    let lfos = (0..n).map_while(|i| u32_at(lfo, 4 + i * 16).map(|id| id.to_string())).collect();
    (numbering, lfos)
}

/// A table being read: finished rows, the current row's cells and cell.
#[derive(Default)]
struct TableBuf {
    rows: Vec<(Vec<String>, Vec<i32>)>,
    cells: Vec<String>,
    cell: String,
}

/// Writes paragraphs and tables to the sink.
struct Writer {
    sink: Sink,
    para: String,
    table: TableBuf,
    counters: Counters,
}

/// The widest row read (Word's own limit is 63 cells).
const MAX_ROW_CELLS: usize = 64;

impl Writer {
    /// The paragraph read so far ends, with properties `p`; `cell_mark` when its mark is U+0007.
    fn paragraph(&mut self, doc: &Doc, cell_mark: bool, p: &Para) {
        let mut text = std::mem::take(&mut self.para);
        if let Some(id) = (p.ilfo as usize).checked_sub(1).and_then(|i| doc.lfos.get(i)) {
            if let Some(label) = self.counters.next(&doc.numbering, id, p.ilvl as usize) {
                text.insert_str(0, &label);
            }
        }
        match p.level() {
            0 => {
                self.flush_table();
                feed(&mut self.sink, &text);
                self.sink.brk();
            }
            1 if p.row_end => {
                let t = &mut self.table;
                if !t.cell.trim().is_empty() {
                    t.cells.push(std::mem::take(&mut t.cell));
                }
                t.cell.clear();
                let cells = std::mem::take(&mut t.cells);
                t.rows.push((cells, p.edges.clone()));
            }
            1 if cell_mark => {
                let t = &mut self.table;
                t.cell.push_str(&text);
                let cell = std::mem::take(&mut t.cell);
                if t.cells.len() < MAX_ROW_CELLS {
                    t.cells.push(cell);
                }
            }
            _ => {
                let t = &mut self.table;
                t.cell.push_str(&text);
                t.cell.push('\n');
            }
        }
    }

    /// Lays the table read so far out in the sink: each cell spans the
    /// columns of the table's grid (every row's cell edges) between its edges.
    fn flush_table(&mut self) {
        let mut t = std::mem::take(&mut self.table);
        if !t.cells.is_empty() || !t.cell.trim().is_empty() {
            t.cells.push(std::mem::take(&mut t.cell));
            t.rows.push((std::mem::take(&mut t.cells), Vec::new()));
        }
        if t.rows.is_empty() {
            return;
        }
        let mut grid: Vec<i32> = t.rows.iter().flat_map(|(_, e)| e.iter().copied()).collect();
        grid.sort_unstable();
        // Edges a few twips apart are one edge.
        grid.dedup_by(|b, a| *b - *a <= 10);
        let column = |x: i32| {
            let i = grid.partition_point(|&g| g < x - 10);
            i.min(grid.len().saturating_sub(1))
        };
        self.sink.start_table();
        for (cells, edges) in &t.rows {
            self.sink.start_row();
            let spans = edges.len() == cells.len() + 1;
            if spans {
                self.sink.skip_cells(column(edges[0]));
            }
            for (i, cell) in cells.iter().enumerate() {
                let span = if spans {
                    column(edges[i + 1]).saturating_sub(column(edges[i])).max(1)
                } else {
                    1
                };
                self.sink.start_cell(span, 1);
                feed(&mut self.sink, cell.trim_end_matches('\n'));
            }
        }
        self.sink.end_table();
    }
}

/// Text with tabs and line breaks to the sink.
fn feed(sink: &mut Sink, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            sink.brk();
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                sink.tab();
            }
            sink.text(part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_stop_at_what_does_not_fit() {
        // sprmPFInTable 1, sprmPItap 2, then a variable sprm claiming more than is there.
        let g = [0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x15, 0xC6, 200, 1];
        let got: Vec<u16> = sprms(&g).map(|(s, _)| s).collect();
        assert_eq!(got, vec![0x2416, 0x6649]);
        let mut p = Para::default();
        p.apply(&g, &[], false);
        assert_eq!(p.level(), 2);
    }

    #[test]
    fn clx_is_checked() {
        assert_eq!(read_clx(&[]).err(), Some(ConvertError::DocCorrupt));
        assert_eq!(read_clx(&[2, 100, 0, 0, 0]).err(), Some(ConvertError::DocCorrupt));
        // One piece, 3 characters of 8-bit text at byte 0x800.
        let mut clx = vec![2, 16, 0, 0, 0];
        clx.extend_from_slice(&0u32.to_le_bytes());
        clx.extend_from_slice(&3u32.to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
        clx.extend_from_slice(&(0x4000_0000u32 | 0x1000).to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
        let (pieces, _) = read_clx(&clx).unwrap();
        assert_eq!((pieces[0].fc, pieces[0].compressed, pieces[0].cp_end), (0x800, true, 3));
    }

    #[test]
    fn cp1252_high_half() {
        assert_eq!(cp1252(0x93), '\u{201C}');
        assert_eq!(cp1252(0xE9), 'é');
    }
}
