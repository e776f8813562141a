//! Where the current workspace lives in the browser, and how it is opened.
//!
//! Opening never loses data: a stored workspace that cannot be read is left
//! where it is, the app runs on a fresh demo workspace in memory without
//! saving, and the user decides what happens to the unreadable copy.

use chrono::{DateTime, Utc};

use super::local::{self, Loaded, SaveError};
use crate::domain::Workspace;
use crate::domain::demo::demo_workspace;

/// The localStorage key of the current workspace.
pub const WORKSPACE_KEY: &str = "servicelab.workspace";
/// The key prefix under which unreadable workspaces are set aside.
pub const QUARANTINE_PREFIX: &str = "servicelab.unreadable.";

/// The key prefix of the copy kept before a stored workspace is migrated to
/// a newer format (the schema version it had follows the prefix).
pub const BACKUP_PREFIX: &str = "servicelab.backup.schema-";

/// The result of opening the stored workspace.
#[derive(Debug)]
pub enum Opened {
    /// The stored workspace, read back.
    Stored(Workspace),
    /// Nothing was stored: a demo workspace was created (and should be saved).
    FirstVisit(Workspace),
    /// Something is stored but cannot be read. It is untouched; `workspace`
    /// is a demo to work with in memory until the user decides.
    Unreadable { raw: String, error: String, workspace: Workspace },
    /// The browser refuses storage: the app runs in memory only.
    NoStorage { error: String, workspace: Workspace },
}

/// Opens the stored workspace, or creates the demo workspace on a first visit.
pub fn open(now: DateTime<Utc>) -> Opened {
    let loaded = local::load_with(WORKSPACE_KEY, |raw| {
        Workspace::from_json_migrating(raw).map(|(ws, found)| (ws, found, raw.to_owned())).map_err(|e| e.to_string())
    });
    match loaded {
        Loaded::Found((workspace, found, _)) if found == crate::domain::SCHEMA_VERSION => Opened::Stored(workspace),
        Loaded::Found((workspace, found, raw)) => match keep_copy(&format!("{BACKUP_PREFIX}{found}"), &raw) {
            Ok(_) => Opened::Stored(workspace),
            Err(e) => Opened::Unreadable {
                error: format!("it needs upgrading from format {found}, and the copy kept before upgrading could not be written ({e})"),
                raw,
                workspace: demo_workspace(now),
            },
        },
        Loaded::Missing => Opened::FirstVisit(super::embedded::first_visit_workspace(now)),
        Loaded::Undecodable { raw, error } => Opened::Unreadable { raw, error, workspace: demo_workspace(now) },
        Loaded::Unavailable { error } => Opened::NoStorage { error, workspace: super::embedded::first_visit_workspace(now) },
    }
}

/// Saves `workspace` as the current workspace.
pub fn save(workspace: &Workspace) -> Result<(), SaveError> {
    local::save_raw(WORKSPACE_KEY, &workspace.to_json())
}

/// Moves an unreadable stored workspace aside (under a key of its own, checked
/// by reading it back) so that the current key can be used again. Returns the
/// key it now lives under.
pub fn quarantine(raw: &str, now: DateTime<Utc>) -> Result<String, SaveError> {
    keep_copy(&format!("{QUARANTINE_PREFIX}{}", now.format("%Y%m%dT%H%M%S%.3fZ")), raw)
}

/// Writes `raw` under `key` and checks it by reading it back.
fn keep_copy(key: &str, raw: &str) -> Result<String, SaveError> {
    let key = key.to_owned();
    local::save_raw(&key, raw)?;
    match local::load_with(&key, |text| Ok::<_, String>(text.to_owned())) {
        Loaded::Found(copy) if copy == raw => Ok(key),
        _ => Err(SaveError { key, reason: "the copy could not be read back".into() }),
    }
}
