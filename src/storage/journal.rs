//! The journal: changes that a closing tab had not yet seen committed to
//! IndexedDB, kept in localStorage so that the next start saves them.
//!
//! An IndexedDB transaction cannot be waited for while a page unloads: a
//! reload or a closed tab within milliseconds of an edit can abort the save
//! that was under way, or prevent it from starting. localStorage writes, by
//! contrast, are synchronous. So when the page is hidden for good
//! (`pagehide`) with changes not yet committed, the tab writes the parts of
//! the workspace that changed since its last committed save (the head and the
//! tickets whose history grew) together with the version that save made.
//!
//! At the next start, [`Journal::fits`] decides whether the journal still
//! goes over what is stored: the stored version is the one it was written
//! against, or one more if its own save was under way and committed after
//! all (the meta record names the tab that wrote it). The parts are then laid
//! over the stored ones ([`super::parts::overlay`]) and saved in one
//! transaction, and only then is the journal removed. A journal that does not
//! fit (another tab saved in between) or that cannot be read is never thrown
//! away: it is set aside under a `servicelab.backup.` key that the Data
//! section offers for download.
//!
//! The journal is written only when the page goes away, never while it is
//! in use, so a tab that is still open never has its unsaved work taken over
//! by another tab.

use serde::{Deserialize, Serialize};

use super::idb::Meta;
use super::local::{self, Loaded, SaveError};

/// The localStorage key prefix of journals, followed by the workspace id.
pub const PREFIX: &str = "servicelab.journal.";

/// Unsaved parts of one workspace, as a tab left them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// The tab that wrote it (see [`Meta::writer`]).
    pub tab: u64,
    /// The stored version the parts go over.
    pub base: u64,
    /// A save of this tab was under way; it may have committed as `base + 1`.
    pub in_flight: bool,
    /// How many changes the parts hold (for the export reminder).
    pub changes: u64,
    /// The workspace's head, when it changed.
    pub head: Option<String>,
    /// Tickets whose history grew, by id.
    pub tickets: Vec<(u32, String)>,
}

impl Journal {
    /// Whether the journal goes over what is stored now (`stored`).
    pub fn fits(&self, stored: &Meta) -> bool {
        stored.version == self.base || (self.in_flight && stored.version == self.base + 1 && stored.writer == self.tab)
    }
}

/// The key of workspace `id`'s journal.
pub fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// Writes the journal of workspace `id`.
pub fn save(id: &str, journal: &Journal) -> Result<(), SaveError> {
    local::save(&key(id), journal)
}

/// Reads the journal of workspace `id`.
pub fn load(id: &str) -> Loaded<Journal> {
    local::load(&key(id))
}

/// Removes the journal of workspace `id`.
pub fn clear(id: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(&key(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(base: u64, in_flight: bool) -> Journal {
        Journal { tab: 7, base, in_flight, changes: 1, head: None, tickets: Vec::new() }
    }

    fn meta(version: u64, writer: u64) -> Meta {
        Meta { version, unexported: 0, writer }
    }

    #[test]
    fn a_journal_fits_the_version_it_was_written_against() {
        assert!(journal(4, false).fits(&meta(4, 0)));
        assert!(journal(4, true).fits(&meta(4, 3)));
    }

    #[test]
    fn its_own_save_committing_after_all_still_fits() {
        assert!(journal(4, true).fits(&meta(5, 7)));
    }

    #[test]
    fn another_tabs_save_in_between_does_not_fit() {
        assert!(!journal(4, false).fits(&meta(5, 7)), "no save of ours was under way");
        assert!(!journal(4, true).fits(&meta(5, 3)), "version 5 was written by tab 3");
        assert!(!journal(4, true).fits(&meta(6, 7)), "two saves happened since");
        assert!(!journal(4, false).fits(&meta(3, 0)), "the stored workspace went back (replaced)");
    }

    #[test]
    fn a_journal_round_trips_through_json() {
        let j = Journal { tickets: vec![(3, "{\"id\":3}".into())], head: Some("{\"name\":\"x\"}".into()), ..journal(9, true) };
        let text = serde_json::to_string(&j).unwrap();
        assert_eq!(serde_json::from_str::<Journal>(&text).unwrap(), j);
    }
}
