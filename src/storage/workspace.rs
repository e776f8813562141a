//! Opening a workspace at boot, and the whole-workspace operations.
//!
//! [`boot`] finds the workspace this tab should show and decides how it can
//! be used. It never loses data:
//!
//! * nothing stored yet: a demo workspace is created;
//! * the single `servicelab.workspace` key of earlier releases: it is copied
//!   into IndexedDB, the copy read back and compared, and only then is the
//!   old key removed (until then it is the backup);
//! * stored in an older format: migrated, with the original kept first as a
//!   backup record in the same transaction;
//! * stored by a newer release: shown read-only and never written;
//! * changes a tab left in its [`journal`] when it closed mid-save: saved
//!   first, or set aside for download when they no longer fit;
//! * unreadable: left exactly as it is, and the user gets a recovery screen;
//! * IndexedDB or localStorage blocked: the app runs in memory and says so.

use chrono::{DateTime, Utc};
use web_sys::IdbDatabase;

use super::catalog::{self, Catalog, Entry};
use super::idb::{self, Fetched, Meta, Stored, TicketTexts, Writes};
use super::journal;
use super::local::{self, Loaded};
use super::pace::Pace;
use super::parts;
use super::verify;
use crate::domain::demo::demo_workspace;
use crate::domain::{DomainError, SCHEMA_VERSION, Workspace};

/// The localStorage key of the single workspace of earlier releases.
pub const WORKSPACE_KEY: &str = "servicelab.workspace";
/// The key prefix under which unreadable data is set aside in localStorage.
pub const QUARANTINE_PREFIX: &str = "servicelab.unreadable.";

/// How the opened workspace may be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Changes are saved to IndexedDB.
    Editable,
    /// Written by a newer release (format `found`): shown, never written.
    ReadOnly { reason: String, found: u32 },
    /// The browser offers no storage: changes live in this tab only.
    MemoryOnly(String),
}

/// A workspace ready to use.
pub struct Ready {
    pub db: Option<IdbDatabase>,
    pub id: String,
    pub workspace: Workspace,
    pub meta: Meta,
    pub mode: Mode,
    /// Something the user should know (a migration happened...).
    pub notice: Option<String>,
    pub catalog: Catalog,
}

/// Where unreadable data is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A workspace in IndexedDB.
    Stored { id: String, name: String },
    /// The `servicelab.workspace` key of an earlier release.
    Legacy,
}

/// Stored data that could not be read. Nothing has been changed.
pub struct Recovery {
    pub db: Option<IdbDatabase>,
    pub source: Source,
    /// Everything stored, as text, for the user to download.
    pub raw: String,
    pub error: String,
    pub catalog: Catalog,
}

/// Told how many of a workspace's tickets have been read, of how many.
pub type Progress<'a> = &'a dyn Fn(usize, usize);

/// The outcome of [`boot`].
pub enum Boot {
    Ready(Box<Ready>),
    Recovery(Recovery),
}

/// What a stored text turned out to be.
#[derive(Debug)]
pub enum Decoded {
    Current(Workspace),
    /// Migrated in memory from the version given.
    Older(Workspace, u32),
    /// Written by a newer release; readable as far as this release understands it.
    Newer { workspace: Workspace, reason: String, found: u32 },
    Bad(String),
}

/// Reads a workspace's JSON text, whatever version wrote it.
pub fn decode(text: &str) -> Decoded {
    match Workspace::from_json_migrating(text) {
        Ok((ws, found)) if found == SCHEMA_VERSION => Decoded::Current(ws),
        Ok((ws, found)) => Decoded::Older(ws, found),
        Err(newer @ DomainError::NewerSchema { found, .. }) => {
            // Read what this release understands, to show it; it is never written back.
            let mut value: serde_json::Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => return Decoded::Bad(e.to_string()),
            };
            value["schema_version"] = SCHEMA_VERSION.into();
            match Workspace::from_json(&value.to_string()) {
                Ok(workspace) => Decoded::Newer { workspace, reason: newer.to_string(), found },
                Err(e) => Decoded::Bad(format!("{newer} This version cannot show it either: {e}")),
            }
        }
        Err(e) => Decoded::Bad(e.to_string()),
    }
}

/// Every record of `workspace`, replacing whatever was stored.
pub fn full_writes(workspace: &Workspace) -> Writes {
    Writes {
        head: Some(parts::head_json(workspace)),
        tickets: parts::ticket_texts(workspace),
        replace_tickets: true,
        ..Writes::default()
    }
}

/// The backup label for data of schema `version`.
pub fn backup_label(version: u32) -> String {
    format!("schema-{version}")
}

/// Opens the workspace this tab should show.
/// `progress(done, total)` is told how many of the workspace's tickets have
/// been read so far, while a large one opens.
pub async fn boot(now: DateTime<Utc>, progress: Progress<'_>) -> Boot {
    let memory_only = |error: String| {
        Boot::Ready(Box::new(Ready {
            db: None,
            id: String::new(),
            workspace: super::embedded::first_visit_workspace(now),
            meta: Meta::default(),
            mode: Mode::MemoryOnly(error),
            notice: None,
            catalog: Catalog::default(),
        }))
    };
    let db = match idb::open().await {
        Ok(db) => db,
        Err(e) => return memory_only(e),
    };
    let mut catalog = match catalog::load() {
        Loaded::Found(c) => c,
        Loaded::Unavailable { error } => return memory_only(error),
        Loaded::Undecodable { raw, error } => match relist(&db, &raw, now).await {
            Ok(c) => c,
            Err(e) => return memory_only(format!("the list of workspaces cannot be read ({error}) and could not be rebuilt ({e})")),
        },
        Loaded::Missing => return first_run(db, now, progress).await,
    };
    let chosen = catalog::current().filter(|id| catalog.get(id).is_some()).or_else(|| catalog.workspaces.first().map(|e| e.id.clone()));
    let Some(id) = chosen else {
        return match create(&db, &mut catalog, &demo_workspace(now), now, None).await {
            Ok(id) => open_stored(db, id, catalog, progress).await,
            Err(e) => memory_only(e),
        };
    };
    open_stored(db, id, catalog, progress).await
}

/// Opens workspace `id` from IndexedDB.
pub async fn open_stored(db: IdbDatabase, id: String, catalog: Catalog, progress: Progress<'_>) -> Boot {
    catalog::set_current(&id);
    let name = catalog.get(&id).map_or_else(|| id.clone(), |e| e.name.clone());
    let source = Source::Stored { id: id.clone(), name };
    let recovery = |db: IdbDatabase, raw: String, error: String, catalog: Catalog| {
        Boot::Recovery(Recovery { db: Some(db), source: source.clone(), raw, error, catalog })
    };
    let fetched = match idb::fetch(&db, &id).await {
        Ok(Some(fetched)) => fetched,
        Ok(None) => {
            let error = "nothing is stored for it in this browser any more (the browser may have cleared its storage)".to_owned();
            return recovery(db, String::new(), error, catalog);
        }
        Err(error) => {
            let raw = idb::export_raw(&db, &id).await.unwrap_or_default();
            return recovery(db, raw, error, catalog);
        }
    };
    let Fetched { meta, head, tickets } = fetched;
    // Changes a closing tab left in its journal are laid over what is stored first.
    let (meta, head, tickets, recovered) = if matches!(journal::load(&id), Loaded::Missing | Loaded::Unavailable { .. }) {
        (meta, head, tickets, None)
    } else {
        let tickets = match tickets.into_vec().await {
            Ok(tickets) => tickets,
            Err(error) => {
                let raw = idb::export_raw(&db, &id).await.unwrap_or_default();
                return recovery(db, raw, error, catalog);
            }
        };
        let (Stored { meta, head, tickets }, recovered) = journal::recover(&db, &id, Stored { meta, head, tickets }).await;
        (meta, head, TicketTexts::Owned(tickets), recovered)
    };
    let ready = |workspace, meta, mode, notice, db, catalog| {
        Boot::Ready(Box::new(Ready { db: Some(db), id: id.clone(), workspace, meta, mode, notice, catalog }))
    };
    if let Some(workspace) = assemble(&head, &tickets, progress).await {
        return ready(workspace, meta, Mode::Editable, recovered, db, catalog);
    }
    let tickets = match tickets.into_vec().await {
        Ok(tickets) => tickets,
        Err(error) => {
            let raw = idb::export_raw(&db, &id).await.unwrap_or_default();
            return recovery(db, raw, error, catalog);
        }
    };
    // Another format, or something damaged: the joined document is read the
    // way a file is, which migrates it or names what is wrong.
    let text = match parts::join(&head, &tickets) {
        Ok(text) => text,
        Err(error) => {
            let raw = idb::export_raw(&db, &id).await.unwrap_or_default();
            return recovery(db, raw, error, catalog);
        }
    };
    // Every ticket's text is in `text` now. Freeing them before the workspace
    // is built keeps them out of the tab's peak memory (a WebAssembly memory
    // never shrinks), which at 100,000 tickets is over a hundred MB.
    drop((head, tickets));
    match decode(&text) {
        Decoded::Current(ws) => ready(ws, meta, Mode::Editable, recovered, db, catalog),
        Decoded::Newer { workspace, reason, found } => ready(workspace, meta, Mode::ReadOnly { reason, found }, None, db, catalog),
        Decoded::Bad(error) => recovery(db, text, error, catalog),
        Decoded::Older(ws, found) => {
            let writes = Writes { backup: Some((backup_label(found), text)), ..full_writes(&ws) };
            match idb::write(&db, &id, Some(meta.version), writes).await {
                Ok(meta) => {
                    let notice = format!(
                        "This workspace was stored in format {found} and has been upgraded to format {SCHEMA_VERSION}. \
                         The original is kept in this browser as a backup."
                    );
                    ready(ws, meta, Mode::Editable, Some(notice), db, catalog)
                }
                Err(e) => {
                    let reason = format!(
                        "this workspace is stored in format {found} and needs upgrading, but the upgrade could not be saved ({e}); \
                         the stored copy is left as it was and changes made now are not saved"
                    );
                    ready(ws, meta, Mode::MemoryOnly(reason), None, db, catalog)
                }
            }
        }
    }
}

/// Reads stored parts in the current format a few tickets at a time, giving
/// the page a turn whenever a step has taken its budget, so that opening a
/// large workspace never freezes it. `None` when the parts are in another
/// format or anything in them is wrong: the caller then reads them whole.
async fn assemble(head: &str, tickets: &TicketTexts, progress: Progress<'_>) -> Option<Workspace> {
    let mut assembly = Workspace::assemble(&parts::join(head, &[]).ok()?).ok()?;
    let total = tickets.len();
    assembly.expect_tickets(total);
    let mut pace = Pace::new();
    for done in 0..total {
        assembly.add_ticket(&tickets.get(done).ok()?).ok()?;
        if done % 64 == 63 && pace.due() {
            progress(done + 1, total);
            pace.breathe().await;
        }
    }
    progress(total, total);
    pace.breathe().await;
    Some(assembly.finish())
}

/// No workspace list yet: move the workspace of an earlier release into
/// IndexedDB, or create the demo on a first visit.
async fn first_run(db: IdbDatabase, now: DateTime<Utc>, progress: Progress<'_>) -> Boot {
    let legacy = local::load_with(WORKSPACE_KEY, |raw| Ok::<_, String>(raw.to_owned()));
    let mut catalog = Catalog::default();
    let memory = |workspace, error: String, db| {
        Boot::Ready(Box::new(Ready {
            db: Some(db),
            id: String::new(),
            workspace,
            meta: Meta::default(),
            mode: Mode::MemoryOnly(error),
            notice: None,
            catalog: Catalog::default(),
        }))
    };
    let raw = match legacy {
        Loaded::Found(raw) => raw,
        Loaded::Unavailable { error } => return memory(demo_workspace(now), error, db),
        Loaded::Missing | Loaded::Undecodable { .. } => {
            // Building the demo and storing it are two steps for the page.
            let workspace = super::embedded::first_visit_workspace(now);
            super::pace::yield_to_page().await;
            return match create(&db, &mut catalog, &workspace, now, None).await {
                Ok(id) => open_stored(db, id, catalog, progress).await,
                Err(e) => memory(demo_workspace(now), e, db),
            };
        }
    };
    let (workspace, backup) = match decode(&raw) {
        Decoded::Current(ws) => (ws, None),
        Decoded::Older(ws, found) => (ws, Some((backup_label(found), raw.clone()))),
        Decoded::Newer { workspace, reason, found } => {
            return Boot::Ready(Box::new(Ready {
                db: Some(db),
                id: String::new(),
                workspace,
                meta: Meta::default(),
                mode: Mode::ReadOnly { reason, found },
                notice: None,
                catalog,
            }));
        }
        Decoded::Bad(error) => return Boot::Recovery(Recovery { db: Some(db), source: Source::Legacy, raw, error, catalog }),
    };
    match create(&db, &mut catalog, &workspace, now, backup).await {
        Ok(id) => {
            // The copy is in IndexedDB and checked: the old key has done its job.
            if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = storage.remove_item(WORKSPACE_KEY);
            }
            let mut booted = open_stored(db, id, catalog, progress).await;
            if let Boot::Ready(ready) = &mut booted {
                ready.notice = Some("Your workspace was moved to this browser's database (IndexedDB), which holds far more than before. It was checked after the move.".into());
            }
            booted
        }
        Err(e) => memory(
            workspace,
            format!("your workspace could not be moved to this browser's database ({e}); it is kept where it was, and today's changes are not saved"),
            db,
        ),
    }
}

/// Stores `workspace` as a new workspace, checks the copy by reading it
/// back, then adds it to the list. Returns its id.
pub async fn create(
    db: &IdbDatabase,
    catalog: &mut Catalog,
    workspace: &Workspace,
    now: DateTime<Utc>,
    backup: Option<(String, String)>,
) -> Result<String, String> {
    let id = catalog::new_id(now, js_sys::Math::random());
    let writes = std::rc::Rc::new(Writes { backup, ..verify::full_writes_paced(workspace).await });
    idb::write_shared(db, &id, None, writes.clone()).await.map_err(|e| e.to_string())?;
    let copy = idb::fetch(db, &id).await?.ok_or("the new workspace could not be read back")?;
    if !verify::read_back_paced(&copy, &writes).await {
        let _ = idb::delete(db, &id).await;
        return Err("the copy read back differs from the original".into());
    }
    let name = catalog.unused_name(workspace.name());
    catalog.add(Entry { id: id.clone(), name, created: now, exported: None });
    if let Err(e) = catalog::save(catalog) {
        catalog.remove(&id);
        let _ = idb::delete(db, &id).await;
        return Err(e.to_string());
    }
    Ok(id)
}

/// Copies stored workspace `from` under a new id named `name`, and lists it.
pub async fn duplicate(db: &IdbDatabase, catalog: &mut Catalog, from: &str, name: &str, now: DateTime<Utc>) -> Result<String, String> {
    let stored = idb::read(db, from).await?.ok_or("that workspace is not stored any more")?;
    let head = with_name(&stored.head, name)?;
    let id = catalog::new_id(now, js_sys::Math::random());
    let tickets = stored.tickets.into_iter().enumerate().map(|(i, t)| (i as u32 + 1, t)).collect();
    let writes = Writes { head: Some(head), tickets, replace_tickets: true, ..Writes::default() };
    idb::write(db, &id, None, writes).await.map_err(|e| e.to_string())?;
    catalog.add(Entry { id: id.clone(), name: name.to_owned(), created: now, exported: None });
    if let Err(e) = catalog::save(catalog) {
        catalog.remove(&id);
        let _ = idb::delete(db, &id).await;
        return Err(e.to_string());
    }
    Ok(id)
}

/// Renames stored workspace `id` (its head and its list entry).
/// Returns the new meta record, so the tab showing it knows its version.
pub async fn rename(db: &IdbDatabase, catalog: &mut Catalog, id: &str, name: &str) -> Result<Meta, String> {
    let mut renamed = catalog.clone();
    renamed.rename(id, name)?;
    let stored = idb::read(db, id).await?.ok_or("that workspace is not stored any more")?;
    let head = with_name(&stored.head, name.trim())?;
    let writes = Writes { head: Some(head), ..Writes::default() };
    let meta = idb::write(db, id, Some(stored.meta.version), writes).await.map_err(|e| e.to_string())?;
    catalog::save(&renamed).map_err(|e| e.to_string())?;
    *catalog = renamed;
    Ok(meta)
}

/// Deletes stored workspace `id` and takes it off the list.
pub async fn delete(db: &IdbDatabase, catalog: &mut Catalog, id: &str) -> Result<(), String> {
    let mut smaller = catalog.clone();
    smaller.remove(id);
    catalog::save(&smaller).map_err(|e| e.to_string())?;
    *catalog = smaller;
    idb::delete(db, id).await
}

/// The head text with its workspace name replaced.
fn with_name(head: &str, name: &str) -> Result<String, String> {
    let mut value: serde_json::Value = serde_json::from_str(head).map_err(|e| format!("the workspace cannot be read ({e})"))?;
    let object = value.as_object_mut().ok_or("the workspace cannot be read (not an object)")?;
    object.insert("name".into(), name.into());
    Ok(value.to_string())
}

/// The list was unreadable: keep its text aside (checked), then list what
/// IndexedDB holds, named after each workspace's stored name.
async fn relist(db: &IdbDatabase, raw: &str, now: DateTime<Utc>) -> Result<Catalog, String> {
    keep_copy(&format!("{QUARANTINE_PREFIX}workspaces.{}", now.format("%Y%m%dT%H%M%S%.3fZ")), raw)?;
    let mut catalog = Catalog::default();
    for id in idb::list(db).await? {
        let name = match idb::read(db, &id).await {
            Ok(Some(stored)) => serde_json::from_str::<serde_json::Value>(&stored.head)
                .ok()
                .and_then(|v| v["name"].as_str().map(str::to_owned))
                .unwrap_or_else(|| id.clone()),
            _ => id.clone(),
        };
        catalog.add(Entry { id, name, created: now, exported: None });
    }
    catalog::save(&catalog).map_err(|e| e.to_string())?;
    Ok(catalog)
}

/// Writes `raw` under `key` in localStorage and checks it by reading it back.
pub fn keep_copy(key: &str, raw: &str) -> Result<String, String> {
    local::save_raw(key, raw).map_err(|e| e.to_string())?;
    match local::load_with(key, |text| Ok::<_, String>(text.to_owned())) {
        Loaded::Found(copy) if copy == raw => Ok(key.to_owned()),
        _ => Err(format!("the copy under \"{key}\" could not be read back")),
    }
}

/// The localStorage keys holding data set aside or left by an earlier layout.
pub fn kept_aside() -> Vec<String> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX) || k == WORKSPACE_KEY || k.starts_with("servicelab.backup."))
        .collect();
    keys.sort();
    keys
}

/// Replaces stored workspace `id` with `workspace`, an import. First the
/// stored one is copied, untouched, to a new workspace in the list named
/// `backup_name` (or `backup_name (2)`...); if that copy fails nothing is
/// replaced. The replacement is then written in one transaction against
/// the version read (so a save from another tab in between makes it fail
/// rather than mix), read back and compared. Returns the backup's name.
pub async fn replace(
    db: &IdbDatabase,
    catalog: &mut Catalog,
    id: &str,
    workspace: &Workspace,
    backup_name: &str,
    now: DateTime<Utc>,
) -> Result<String, String> {
    // Only its version is needed: the records stay JavaScript strings.
    let stored = idb::fetch(db, id).await?.ok_or("that workspace is not stored any more")?;
    let name = catalog.unused_name(backup_name);
    duplicate(db, catalog, id, &name, now).await?;
    let writes = std::rc::Rc::new(verify::full_writes_paced(workspace).await);
    idb::write_shared(db, id, Some(stored.meta.version), writes.clone()).await.map_err(|e| {
        format!("{e}; the workspace was not replaced, and its backup “{name}” is in the list")
    })?;
    let copy = idb::fetch(db, id).await?.ok_or("the replaced workspace could not be read back")?;
    if !verify::read_back_paced(&copy, &writes).await {
        return Err(format!("the replaced workspace read back differs from the file; its previous content is kept as “{name}”"));
    }
    let mut renamed = catalog.clone();
    let wanted = renamed.unused_name(workspace.name());
    if renamed.get(id).is_some_and(|e| e.name != workspace.name()) && renamed.rename(id, &wanted).is_ok() && catalog::save(&renamed).is_ok() {
        *catalog = renamed;
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn demo() -> Workspace {
        demo_workspace(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())
    }

    #[test]
    fn decoding_tells_current_older_newer_and_bad_apart() {
        let ws = demo();
        let json = ws.to_json();
        assert!(matches!(decode(&json), Decoded::Current(w) if w == ws));

        let mut v1: serde_json::Value = serde_json::from_str(&json).unwrap();
        let o = v1.as_object_mut().unwrap();
        o.remove("calendars");
        o.remove("slas");
        o.insert("schema_version".into(), 1.into());
        assert!(matches!(decode(&v1.to_string()), Decoded::Older(w, 1) if w == ws));

        let mut v9: serde_json::Value = serde_json::from_str(&json).unwrap();
        v9["schema_version"] = 9.into();
        v9["a_field_from_the_future"] = true.into();
        match decode(&v9.to_string()) {
            Decoded::Newer { workspace: w, reason, found } => {
                assert_eq!(found, 9);
                assert_eq!(w.tickets(), ws.tickets());
                assert!(reason.contains("newer version"), "{reason}");
            }
            other => panic!("expected Newer, got {other:?}"),
        }
        for bad in ["", "{\"name\": \"cut", "[1,2]", "{\"schema_version\": \"two\"}"] {
            assert!(matches!(decode(bad), Decoded::Bad(_)), "{bad:?}");
        }
        let mut wrong = serde_json::from_str::<serde_json::Value>(&json).unwrap();
        wrong["people"] = "nobody".into();
        assert!(matches!(decode(&wrong.to_string()), Decoded::Bad(_)));
    }

    #[test]
    fn a_new_name_changes_only_the_name() {
        let ws = demo();
        let head = with_name(&parts::head_json(&ws), "Training copy").unwrap();
        let text = parts::join(&head, &parts::ticket_texts(&ws).into_iter().map(|(_, t)| t).collect::<Vec<_>>()).unwrap();
        let renamed = Workspace::from_json(&text).unwrap();
        assert_eq!(renamed.name(), "Training copy");
        assert_eq!(renamed.tickets(), ws.tickets());
        assert_eq!(renamed.people(), ws.people());
    }
}
