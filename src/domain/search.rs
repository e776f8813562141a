//! Full-text search over ticket numbers and descriptions.
//!
//! Scanning 100,000 descriptions on every keystroke is too slow for a browser,
//! so the workspace keeps an index up to date as tickets change:
//!
//! * each row (a ticket) has a lowercase *haystack*: its number, short
//!   description and description;
//! * every three-byte sequence (trigram) of a haystack has a *posting list*:
//!   the rows containing it, sorted.
//!
//! A query of three bytes or more is cut into trigrams; intersecting their
//! posting lists (smallest first) gives a few candidate rows, and each
//! candidate is verified with a real substring test (a row can hold all the
//! trigrams without holding the phrase). Shorter queries have no trigram, so
//! they scan the prebuilt haystacks, which is still one `contains` per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A cheap hasher for trigram keys (they are already well spread u32 values).
#[derive(Debug, Default, Clone, Copy)]
pub struct TrigramHasher(u64);

impl Hasher for TrigramHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Postings = HashMap<u32, Vec<u32>, BuildHasherDefault<TrigramHasher>>;

/// The search index: lowercase haystacks and trigram posting lists, one row per ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    haystacks: Vec<String>,
    postings: Postings,
}

/// The text of a ticket as the index stores it.
pub fn haystack(number: &str, short_description: &str, description: &str) -> String {
    format!("{number}\n{short_description}\n{description}").to_lowercase()
}

fn trigrams(text: &str) -> Vec<u32> {
    let mut keys: Vec<u32> = text
        .as_bytes()
        .windows(3)
        .map(|w| (u32::from(w[0]) << 16) | (u32::from(w[1]) << 8) | u32::from(w[2]))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl SearchIndex {
    /// Number of rows indexed.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// Whether no row is indexed.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }

    /// Makes room for `rows` rows in one allocation.
    pub fn reserve(&mut self, rows: usize) {
        self.haystacks.reserve_exact(rows.saturating_sub(self.haystacks.len()));
    }

    /// Drops every row from `rows` on, for [`Teardown`](crate::domain::teardown::Teardown),
    /// which frees a workspace from its last ticket back: the posting lists
    /// are left as they are, to be freed with the rest.
    pub(crate) fn keep_rows(&mut self, rows: usize) {
        self.haystacks.truncate(rows);
    }

    /// Gives back the room posting lists grew into while rows were added one
    /// by one (a list that doubled holds up to twice what it needs).
    pub fn shrink_to_fit(&mut self) {
        for list in self.postings.values_mut() {
            list.shrink_to_fit();
        }
        self.postings.shrink_to_fit();
    }

    /// Sets the text of `row` (already lowercased with [`haystack`]). Rows are
    /// added in order: `row` may be an existing row or exactly the next one.
    ///
    /// # Panics
    /// If `row` skips ahead of the next free row (a bug in the caller).
    pub fn set_row(&mut self, row: usize, text: String) {
        assert!(row <= self.haystacks.len(), "search rows are added in order");
        let row_key = row as u32;
        if row == self.haystacks.len() {
            for key in trigrams(&text) {
                // Appending keeps each posting list sorted.
                self.postings.entry(key).or_default().push(row_key);
            }
            self.haystacks.push(text);
            return;
        }
        if self.haystacks[row] == text {
            return;
        }
        for key in trigrams(&self.haystacks[row]) {
            if let Some(list) = self.postings.get_mut(&key) {
                if let Ok(pos) = list.binary_search(&row_key) {
                    list.remove(pos);
                }
                if list.is_empty() {
                    self.postings.remove(&key);
                }
            }
        }
        for key in trigrams(&text) {
            let list = self.postings.entry(key).or_default();
            if let Err(pos) = list.binary_search(&row_key) {
                list.insert(pos, row_key);
            }
        }
        self.haystacks[row] = text;
    }

    /// The rows whose haystack contains `query` (case-insensitive), ascending.
    /// A blank query matches every row.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() {
            return (0..self.haystacks.len()).collect();
        }
        if needle.len() < 3 {
            return self.scan(&needle);
        }
        let mut lists = Vec::new();
        for key in trigrams(&needle) {
            match self.postings.get(&key) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let (smallest, others) = lists.split_first().expect("a 3-byte needle has a trigram");
        smallest
            .iter()
            .filter(|row| others.iter().all(|l| l.binary_search(row).is_ok()))
            .map(|&row| row as usize)
            .filter(|&row| self.haystacks[row].contains(&needle))
            .collect()
    }

    /// Whether `row` is among [`SearchIndex::search`]'s answer for `query`
    /// (one substring test, for a cache that looks at a few changed rows).
    pub fn row_matches(&self, row: usize, query: &str) -> bool {
        self.matcher(query)(row)
    }

    /// [`SearchIndex::row_matches`] for many rows: `query` is read once.
    pub fn matcher(&self, query: &str) -> impl Fn(usize) -> bool + '_ {
        let needle = query.trim().to_lowercase();
        move |row| self.haystacks.get(row).is_some_and(|h| needle.is_empty() || h.contains(&needle))
    }

    fn scan(&self, needle: &str) -> Vec<usize> {
        self.haystacks
            .iter()
            .enumerate()
            .filter(|(_, h)| h.contains(needle))
            .map(|(row, _)| row)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        let mut idx = SearchIndex::default();
        for (row, t) in texts.iter().enumerate() {
            idx.set_row(row, haystack(&format!("INC{row:07}"), t, ""));
        }
        idx
    }

    #[test]
    fn finds_substrings_case_insensitively() {
        let idx = index(&["Printer jammed", "VPN drops", "printer offline", "Email slow"]);
        assert_eq!(idx.search("PRINTER"), vec![0, 2]);
        assert_eq!(idx.search("vpn"), vec![1]);
        assert_eq!(idx.search("nothing like it"), Vec::<usize>::new());
        assert_eq!(idx.search("  "), vec![0, 1, 2, 3]);
        for query in ["PRINTER", "vpn", "nothing like it", "  ", "p", "inc"] {
            let one_by_one: Vec<usize> = (0..idx.len()).filter(|&row| idx.row_matches(row, query)).collect();
            assert_eq!(one_by_one, idx.search(query), "{query}");
        }
    }

    #[test]
    fn candidates_with_all_trigrams_but_not_the_phrase_are_dropped() {
        // "xabcbcd" holds both trigrams of "abcd" (abc, bcd) but not "abcd" itself.
        let idx = index(&["xabcbcd", "zabcdz"]);
        assert_eq!(idx.search("abcd"), vec![1]);
    }

    #[test]
    fn short_queries_scan() {
        let idx = index(&["a", "ab", "b"]);
        assert_eq!(idx.search("ab"), vec![1]);
        assert_eq!(idx.search("b"), vec![1, 2]);
    }

    #[test]
    fn replacing_a_row_updates_postings() {
        let mut idx = index(&["router down", "printer"]);
        idx.set_row(0, haystack("INC0000000", "switch down", ""));
        assert!(idx.search("router").is_empty());
        assert_eq!(idx.search("switch"), vec![0]);
        let rebuilt = index(&["switch down", "printer"]);
        assert_eq!(idx, rebuilt);
    }
}
