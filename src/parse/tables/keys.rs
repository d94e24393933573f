//! The row keys of a table layout, found in a text in one pass for all of
//! them (the alignment names labels by them, the reading order finds the
//! rows a run of words names).

use crate::format::RowDef;
use crate::sort::insertion_sort;

/// Every row key with its row, in the rows' order, and their indices sorted
/// by first character: a label is read once for all keys (searching each key
/// apart, label after label, was most of a check's time).
pub struct Keys {
    /// (key, row), rows in order and each row's keys in order.
    pub keys: Vec<(&'static str, usize)>,
    /// (first character, index into `keys`), sorted.
    by_first: Vec<(char, usize)>,
    /// Bit `c % 256` set when some key starts with `c`: most characters of a label start none.
    firsts: [u64; 4],
}

impl Keys {
    pub fn new(rows: &[RowDef]) -> Keys {
        let keys: Vec<(&'static str, usize)> = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.keys.iter().map(move |k| (*k, r)))
            .collect();
        let mut by_first: Vec<(char, usize)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, (k, _))| Some((k.chars().next()?, i)))
            .collect();
        insertion_sort(&mut by_first, |a, b| a < b);
        let mut firsts = [0u64; 4];
        for &(c, _) in &by_first {
            firsts[(c as usize >> 6) & 3] |= 1 << (c as usize & 63);
        }
        Keys { keys, by_first, firsts }
    }

    /// Calls `found(offset, index into keys)` for every key at every byte offset of `label`,
    /// in order of offset, then of index.
    pub fn each_match(&self, label: &str, mut found: impl FnMut(usize, usize)) {
        for (p, c) in label.char_indices() {
            if self.firsts[(c as usize >> 6) & 3] >> (c as usize & 63) & 1 == 0 {
                continue;
            }
            let from = self.by_first.partition_point(|e| e.0 < c);
            for &(_, i) in self.by_first[from..].iter().take_while(|e| e.0 == c) {
                if label[p..].starts_with(self.keys[i].0) {
                    found(p, i);
                }
            }
        }
    }
}

impl Keys {
    /// The first byte offset of each key in `text` (indexed as `keys`).
    pub fn first_offsets(&self, text: &str) -> Vec<Option<usize>> {
        let mut at: Vec<Option<usize>> = vec![None; self.keys.len()];
        self.each_match(text, |p, i| {
            at[i].get_or_insert(p);
        });
        at
    }
}
