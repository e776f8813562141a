//! The list of workspaces in this browser, kept in localStorage.
//!
//! The list is small (a name and an id per workspace), so it lives in
//! localStorage under [`CATALOG_KEY`], read and written with gloo-storage.
//! The workspaces' data lives in IndexedDB ([`super::idb`]) under their ids.
//! Which workspace a tab shows is remembered per tab (sessionStorage) and
//! for the next new tab ([`CURRENT_KEY`]).
//!
//! The list's operations are pure functions on [`Catalog`], tested natively;
//! [`load`] and [`save`] are the only parts that touch the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::local::{self, Loaded, SaveError};

/// The localStorage key of the workspace list.
pub const CATALOG_KEY: &str = "servicelab.workspaces";
/// The localStorage (and sessionStorage) key of the workspace to open.
pub const CURRENT_KEY: &str = "servicelab.current";

/// One workspace in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its key in IndexedDB.
    pub id: String,
    /// Its name, as shown in the header (the workspace's own name).
    pub name: String,
    /// When it was created in this browser.
    pub created: DateTime<Utc>,
    /// When it was last exported, if ever.
    #[serde(default)]
    pub exported: Option<DateTime<Utc>>,
}

/// Every workspace stored in this browser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub workspaces: Vec<Entry>,
}

impl Catalog {
    /// The entry of workspace `id`.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.workspaces.iter().find(|e| e.id == id)
    }

    /// Adds a workspace to the list (replacing an entry with the same id).
    pub fn add(&mut self, entry: Entry) {
        self.workspaces.retain(|e| e.id != entry.id);
        self.workspaces.push(entry);
    }

    /// Renames workspace `id`. Fails on a blank name or an unknown id.
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("A workspace needs a name.".into());
        }
        let entry = self.workspaces.iter_mut().find(|e| e.id == id).ok_or("That workspace is no longer in the list.")?;
        entry.name = name.to_owned();
        Ok(())
    }

    /// Removes workspace `id` from the list.
    pub fn remove(&mut self, id: &str) {
        self.workspaces.retain(|e| e.id != id);
    }

    /// A name not used by any workspace yet: `base`, or `base (2)`, `base (3)`...
    pub fn unused_name(&self, base: &str) -> String {
        let taken = |name: &str| self.workspaces.iter().any(|e| e.name == name);
        if !taken(base) {
            return base.to_owned();
        }
        (2..).map(|n| format!("{base} ({n})")).find(|name| !taken(name)).expect("some number is free")
    }
}

/// A new workspace id: the time in milliseconds and a random part, in base 36.
pub fn new_id(now: DateTime<Utc>, random: f64) -> String {
    fn base36(mut n: u64) -> String {
        let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut out = Vec::new();
        loop {
            out.push(digits[(n % 36) as usize]);
            n /= 36;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        String::from_utf8(out).expect("ASCII digits")
    }
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    format!("ws-{}-{}", base36(millis), base36((random * 1e9) as u64))
}

/// Reads the list.
pub fn load() -> Loaded<Catalog> {
    local::load(CATALOG_KEY)
}

/// Writes the list.
pub fn save(catalog: &Catalog) -> Result<(), SaveError> {
    local::save(CATALOG_KEY, catalog)
}

/// The workspace this tab opens: the one it had (sessionStorage), else the
/// last one chosen in any tab.
pub fn current() -> Option<String> {
    let window = web_sys::window()?;
    let in_tab = window.session_storage().ok().flatten().and_then(|s| s.get_item(CURRENT_KEY).ok().flatten());
    in_tab.or_else(|| match local::load::<String>(CURRENT_KEY) {
        Loaded::Found(id) => Some(id),
        _ => None,
    })
}

/// Remembers `id` as this tab's workspace and the one new tabs open.
pub fn set_current(id: &str) {
    if let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        // A preference: losing it only means the next tab opens another workspace.
        let _ = session.set_item(CURRENT_KEY, id);
    }
    let _ = local::save(CURRENT_KEY, &id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(id: &str, name: &str) -> Entry {
        Entry { id: id.into(), name: name.into(), created: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), exported: None }
    }

    #[test]
    fn names_are_made_unique_and_never_blank() {
        let mut c = Catalog::default();
        c.add(entry("a", "Harbourside Logistics"));
        assert_eq!(c.unused_name("Empty"), "Empty");
        assert_eq!(c.unused_name("Harbourside Logistics"), "Harbourside Logistics (2)");
        c.add(entry("b", "Harbourside Logistics (2)"));
        assert_eq!(c.unused_name("Harbourside Logistics"), "Harbourside Logistics (3)");
        assert!(c.rename("a", "   ").is_err());
        assert!(c.rename("zz", "X").is_err());
        c.rename("a", "  Training ").unwrap();
        assert_eq!(c.get("a").unwrap().name, "Training");
        c.remove("a");
        assert!(c.get("a").is_none());
        assert_eq!(c.workspaces.len(), 1);
    }

    #[test]
    fn ids_differ_by_time_and_chance() {
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
        assert_ne!(new_id(t, 0.1), new_id(t, 0.2));
        assert_ne!(new_id(t, 0.1), new_id(t + chrono::Duration::milliseconds(1), 0.1));
        assert!(new_id(t, 0.5).starts_with("ws-"));
    }

    #[test]
    fn a_list_from_an_older_release_without_export_dates_reads() {
        let c: Catalog =
            serde_json::from_str(r#"{"workspaces":[{"id":"a","name":"A","created":"2026-01-01T00:00:00Z"}]}"#).unwrap();
        assert_eq!(c.workspaces[0].exported, None);
    }
}
