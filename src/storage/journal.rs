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

use chrono::Utc;
use web_sys::IdbDatabase;

use super::idb::{self, Meta, Stored, Writes};
use super::parts;
use super::workspace::{decode, keep_copy, Decoded};
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

/// Saves the changes that the last tab on workspace `id` left in its
/// journal when it closed before they were committed. Returns what is
/// stored afterwards and a sentence for the user, if there is anything to
/// tell. A journal is removed only once its changes are saved, or once it
/// is set aside for download.
pub(super) async fn recover(db: &IdbDatabase, id: &str, stored: Stored) -> (Stored, Option<String>) {
    let entry = match load(id) {
        Loaded::Missing | Loaded::Unavailable { .. } => return (stored, None),
        Loaded::Undecodable { raw, error } => return (stored, set_journal_aside(id, &raw, &format!("they could not be read ({error})"))),
        Loaded::Found(entry) => entry,
    };
    let raw = || serde_json::to_string(&entry).unwrap_or_default();
    if !entry.fits(&stored.meta) {
        return (stored, set_journal_aside(id, &raw(), "another tab saved this workspace after them"));
    }
    let (mut head, mut tickets) = (stored.head.clone(), stored.tickets.clone());
    if let Err(e) = parts::overlay(&mut head, &mut tickets, entry.head.as_deref(), &entry.tickets) {
        return (stored, set_journal_aside(id, &raw(), &e));
    }
    if head == stored.head && tickets == stored.tickets {
        // The save under way when the tab closed committed after all.
        clear(id);
        return (stored, None);
    }
    match parts::join(&head, &tickets).map(|text| decode(&text)) {
        Ok(Decoded::Current(_)) => {}
        _ => return (stored, set_journal_aside(id, &raw(), "they do not make a readable workspace with what is stored")),
    }
    let changes = if stored.meta.version == entry.base { entry.changes } else { 0 };
    let writes = Writes { head: Some(head.clone()), tickets: entry.tickets.clone(), changes, ..Writes::default() };
    match idb::write(db, id, Some(stored.meta.version), writes).await {
        Ok(meta) => {
            clear(id);
            let notice = format!(
                "The last time this workspace was open, the page closed before {} reached the browser's database. \
                 They were kept in a safety copy and are saved now.",
                if entry.changes == 1 { "1 change".to_owned() } else { format!("{} changes", entry.changes) }
            );
            (Stored { meta, head, tickets }, Some(notice))
        }
        Err(e) => (stored, set_journal_aside(id, &raw(), &format!("saving them failed ({e})"))),
    }
}

/// Keeps a journal that cannot be applied where the Data section offers it
/// for download, then removes it. Returns the sentence for the user.
fn set_journal_aside(id: &str, raw: &str, why: &str) -> Option<String> {
    let key = format!("servicelab.backup.unsaved.{id}.{}", Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
    match keep_copy(&key, raw) {
        Ok(key) => {
            clear(id);
            Some(format!(
                "Changes left unsaved when this workspace was last closed were not applied: {why}. \
                 They are kept untouched under “{key}”; download them under Data, “Data kept aside”."
            ))
        }
        Err(e) => Some(format!(
            "Changes left unsaved when this workspace was last closed were not applied ({why}), and could not be set aside ({e}). \
             Export this workspace before making changes."
        )),
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
