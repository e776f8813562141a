//! The app's one store: the workspace, who is acting, and whether it is saved.
//!
//! Components read the workspace through `with` (no copies) and change it only
//! through [`AppState::apply`], which runs a domain command as the acting
//! person at the app clock's time and schedules a save.
//!
//! Saving is write-behind: the first change after a save starts a timer of
//! [`SAVE_DELAY_MS`] (zero: the save starts as soon as the current task ends,
//! so that a reload right after an edit finds it stored, while a burst of
//! commands made in one go, such as a bulk update, still becomes one save),
//! and changes made while a save is under way go into the next one. Each
//! save is one IndexedDB transaction that writes the workspace's head and
//! every ticket whose history grew (histories only
//! grow, so comparing their lengths with the last save finds them all,
//! whatever code path changed them). The commands not yet saved are kept, so
//! that if another tab saved first they can be replayed on top of its
//! version; if they no longer apply, this tab takes the saved version and
//! offers its own as a download.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::IdbDatabase;

use crate::domain::sla::BoardRebuild;
use crate::domain::{Applied, Command, DomainError, PersonId, SCHEMA_VERSION, Timestamp, Workspace};
use crate::storage::catalog::{self, Catalog};
use crate::storage::idb::{self, Meta, WriteError, Writes};
use crate::storage::journal;
use crate::storage::local;
use crate::storage::tabs::{self, Channel, Saved};
use crate::storage::workspace::{self as store, Decoded, Mode, Ready};
use crate::storage::parts;
use crate::ui::AppClock;

mod leaving;

const ACTOR_KEY: &str = "servicelab.actor";
/// How long after the first unsaved change the save starts.
pub const SAVE_DELAY_MS: u64 = 0;
/// Unexported changes after which the export reminder appears.
pub const EXPORT_REMINDER_AT: u64 = 50;

/// Whether the workspace in memory is safely in browser storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Persistence {
    /// Every change so far is stored, or about to be (a save is under way).
    Saved,
    /// The last write failed; the work is kept in memory only.
    Failed(String),
    /// Written by a newer release: shown, never written, edits refused.
    ReadOnly { reason: String, found: u32 },
    /// The browser offers no storage (or refused it): the app runs in memory.
    MemoryOnly(String),
}

/// Something about storage the user should read once.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    /// This tab's unsaved changes could not be applied over another tab's
    /// save; its version can be downloaded.
    Conflict(String),
}

/// What the Data section shows about storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorageInfo {
    /// The id of the open workspace in IndexedDB (empty when in memory).
    pub id: String,
    /// Changes saved since the last export.
    pub unexported: u64,
    /// From the first unsaved change to its transaction's commit, last save.
    pub last_save_ms: Option<f64>,
    /// From the page's start to the workspace being ready.
    pub boot_ms: f64,
    /// Saves committed by this tab, and versions taken from other tabs.
    pub saves: u64,
    pub caught_up: u64,
    pub notice: Option<Notice>,
    /// The browser's answer to `navigator.storage.persist()`.
    pub persisted: Option<bool>,
    /// `navigator.storage.estimate()`: bytes used and available to this site.
    pub estimate: Option<(f64, f64)>,
}

/// An export under way (see `ui/data/export_import.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Exporting {
    /// What is exported ("the workspace").
    pub what: &'static str,
    /// What is counted ("tickets").
    pub noun: &'static str,
    pub done: usize,
    pub total: usize,
}

/// A command applied since the last committed save, kept for replay.
#[derive(Clone)]
struct Logged {
    command: Command,
    actor: PersonId,
    at: Timestamp,
}

/// The saving machinery (not reactive; JS handles are not `Send`).
#[derive(Default)]
struct Saver {
    db: Option<IdbDatabase>,
    id: String,
    version: u64,
    /// Each ticket's event count as of the last committed save.
    saved_lens: Vec<usize>,
    log: Vec<Logged>,
    /// Changes made since the last committed save.
    unsaved: u64,
    /// A change was made that cannot be replayed (a clock move).
    unreplayable: bool,
    in_flight: bool,
    timer: bool,
    export_reset: bool,
    first_unsaved_at: Option<f64>,
    channel: Option<std::rc::Rc<Channel>>,
    /// This tab's version, kept after a conflict so it can be downloaded.
    stale_copy: Option<String>,
    /// This tab, as recorded in the meta record of each save it makes.
    tab: u64,
    /// A journal was written when the page was hidden for good.
    journaled: bool,
}

/// Shared state of the running app, provided as context by [`crate::ui::App`].
#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub actor: RwSignal<PersonId>,
    pub persistence: RwSignal<Persistence>,
    pub info: RwSignal<StorageInfo>,
    pub catalog: RwSignal<Catalog>,
    pub clock: AppClock,
    /// The export under way, if any: one at a time, and auto-closes wait
    /// for its end so the file holds one moment.
    pub export: RwSignal<Option<Exporting>>,
    saver: StoredValue<Saver, LocalStorage>,
}

pub use crate::storage::pace::{now_ms, sleep};

fn lengths(ws: &Workspace) -> Vec<usize> {
    ws.tickets().iter().map(|t| t.events.len()).collect()
}

impl AppState {
    /// The state of a workspace opened by [`store::boot`].
    pub fn from_ready(clock: AppClock, ready: Ready, boot_ms: f64) -> Self {
        let Ready { db, id, workspace, meta, mode, notice, catalog } = *Box::new(ready);
        let persistence = match mode {
            Mode::Editable => Persistence::Saved,
            Mode::ReadOnly { reason, found } => Persistence::ReadOnly { reason, found },
            Mode::MemoryOnly(reason) => Persistence::MemoryOnly(reason),
        };
        let stored_actor = match local::load::<PersonId>(ACTOR_KEY) {
            local::Loaded::Found(id) if workspace.person(id).is_some() => Some(id),
            _ => None,
        };
        let actor = stored_actor.unwrap_or_else(|| default_actor(&workspace));
        // A simulated clock comes back where it was saved, paused.
        if workspace.clock().simulated {
            clock.set(workspace.clock().now, crate::ui::clock::ClockMode::Simulated { running: false, speed: 60 });
        }
        let info = StorageInfo {
            id: id.clone(),
            unexported: meta.unexported,
            boot_ms,
            notice: notice.map(Notice::Info),
            ..StorageInfo::default()
        };
        // Any number but 0 (saves no tab owns) tells this tab's saves apart.
        let tab = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64 + 1;
        let saver = Saver { saved_lens: lengths(&workspace), db, id, version: meta.version, tab, ..Saver::default() };
        let state = Self {
            workspace: RwSignal::new(workspace),
            actor: RwSignal::new(actor),
            persistence: RwSignal::new(persistence),
            info: RwSignal::new(info),
            catalog: RwSignal::new(catalog),
            clock,
            export: RwSignal::new(None),
            saver: StoredValue::new_local(saver),
        };
        state.listen_to_other_tabs();
        state.save_when_hidden();
        state.ask_to_persist();
        state
    }

    /// Whether changes are written to storage.
    fn writes(&self) -> bool {
        self.persistence.with_untracked(|p| matches!(p, Persistence::Saved | Persistence::Failed(_)))
    }

    /// Runs `command` as the acting person, now. On success a save is
    /// scheduled; on error nothing changes and the domain's reason is returned.
    pub fn apply(&self, command: Command) -> Result<Applied, DomainError> {
        self.apply_with_board(command, None)
    }

    /// [`AppState::apply`] with the SLA board of a `SetSlaConfig` built
    /// beforehand, in steps (see `Workspace::apply_with_board`).
    pub fn apply_with_board(&self, command: Command, board: Option<BoardRebuild>) -> Result<Applied, DomainError> {
        if let Persistence::ReadOnly { found, .. } = self.persistence.get_untracked() {
            return Err(DomainError::NewerSchema { found, supported: SCHEMA_VERSION });
        }
        let actor = self.actor.get_untracked();
        // Another tab's changes may carry a time this tab's clock has not
        // reached yet (clocks tick separately); history never goes back.
        let now = self.clock.now_untracked().max(self.workspace.with_untracked(|ws| ws.clock().now));
        let logged = Logged { command: command.clone(), actor, at: now };
        let (changed, result) = self
            .workspace
            .try_maybe_update(|ws| {
                // Auto-closes that fell due come first, so the command sees today's states.
                let closed = !ws.advance_clock(now).is_empty();
                let result = ws.apply_with_board(command, actor, now, board);
                let changed = closed || result.is_ok();
                (changed, (changed, result))
            })
            .expect("the workspace signal lives as long as the app");
        if result.is_ok() {
            self.saver.update_value(|s| s.log.push(logged));
        }
        if changed {
            self.changed(true);
        }
        result
    }

    /// Closes resolved incidents whose auto-close moment the clock has
    /// passed, on every tick. The check is a look at the earliest pending
    /// close, so it costs nothing when there is none. During an export the
    /// closes wait, and happen as soon as it ends.
    pub fn close_due_incidents_as_time_passes(&self) {
        let app = *self;
        let exporting = Memo::new(move |_| app.export.with(Option::is_some));
        Effect::new(move |_| {
            let now = app.clock.now();
            if exporting.get() {
                return;
            }
            if app.workspace.with_untracked(|ws| ws.pending_auto_closes(now)) == 0 {
                return;
            }
            if matches!(app.persistence.get_untracked(), Persistence::ReadOnly { .. }) {
                return;
            }
            app.workspace.update(|ws| {
                ws.advance_clock(now);
            });
            // Replaying commands at their times redoes these closes too.
            app.changed(true);
        });
    }

    /// Sets who the user acts as, remembered across reloads.
    pub fn act_as(&self, person: PersonId) {
        self.actor.set(person);
        // Losing this preference is harmless; the workspace itself is not involved.
        let _ = local::save(ACTOR_KEY, &person);
    }

    /// Records that the workspace changed outside [`AppState::apply`] (the
    /// clock was moved) and schedules a save.
    pub fn persist(&self) {
        self.changed(false);
    }

    fn changed(&self, replayable: bool) {
        if !self.writes() {
            return;
        }
        self.saver.update_value(|s| {
            s.unsaved += 1;
            s.unreplayable |= !replayable;
            s.first_unsaved_at.get_or_insert_with(now_ms);
        });
        self.schedule();
    }

    /// The exporter calls this after the workspace was exported: the count
    /// of unexported changes starts again from zero.
    pub fn mark_exported(&self) {
        self.info.update(|i| i.unexported = 0);
        let id = self.info.with_untracked(|i| i.id.clone());
        let now = self.clock.now_untracked();
        let mut catalog = self.catalog.get_untracked();
        if let Some(entry) = catalog.workspaces.iter_mut().find(|e| e.id == id) {
            entry.exported = Some(now);
            if catalog::save(&catalog).is_ok() {
                self.catalog.set(catalog);
            }
        }
        if self.writes() {
            self.saver.update_value(|s| s.export_reset = true);
            self.schedule();
        }
    }

    fn schedule(&self) {
        let start = self.saver.try_update_value(|s| !std::mem::replace(&mut s.timer, true)).unwrap_or(false);
        if start {
            let app = *self;
            set_timeout(
                move || {
                    app.saver.update_value(|s| s.timer = false);
                    app.flush();
                },
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
        }
    }

    /// Starts saving what changed, unless a save is already under way (it
    /// schedules the next one when it ends).
    pub fn flush(&self) {
        if !self.writes() {
            return;
        }
        let job = self.saver.try_update_value(|s| {
            if s.in_flight || (s.unsaved == 0 && !s.export_reset) {
                return None;
            }
            let db = s.db.clone()?;
            s.in_flight = true;
            Some((db, s.id.clone(), s.version, s.saved_lens.clone(), s.log.len(), s.unsaved, s.export_reset, s.tab))
        });
        let Some(Some((db, id, version, saved_lens, logged, unsaved, export_reset, writer))) = job else { return };
        let (writes, new_lens) = self.workspace.with_untracked(|ws| {
            let lens = lengths(ws);
            let tickets = lens
                .iter()
                .enumerate()
                .filter(|&(row, len)| saved_lens.get(row) != Some(len))
                .map(|(row, _)| (row as u32 + 1, parts::ticket_json(ws, row as u32 + 1)))
                .collect();
            let head = Some(parts::head_json(ws));
            (Writes { head, tickets, changes: unsaved, exported: export_reset, writer, ..Writes::default() }, lens)
        });
        let app = *self;
        spawn_local(async move {
            let lock = format!("servicelab.write.{id}");
            let result = tabs::with_lock(&lock, {
                let (db, id) = (db.clone(), id.clone());
                async move { idb::write(&db, &id, Some(version), writes).await }
            })
            .await;
            match result {
                Ok(meta) => app.saved(meta, new_lens, logged, unsaved, export_reset),
                Err(WriteError::Stale { .. }) => {
                    app.saver.update_value(|s| s.in_flight = false);
                    app.catch_up().await;
                }
                Err(WriteError::Failed(reason)) => {
                    app.saver.update_value(|s| s.in_flight = false);
                    app.persistence.set(Persistence::Failed(format!("Could not save in this browser: {reason}")));
                }
            }
        });
    }

    fn saved(&self, meta: Meta, new_lens: Vec<usize>, logged: usize, unsaved: u64, export_reset: bool) {
        let now = now_ms();
        let (more, took, id, channel) = self
            .saver
            .try_update_value(|s| {
                s.in_flight = false;
                s.version = meta.version;
                s.saved_lens = new_lens;
                s.log.drain(..logged.min(s.log.len()));
                s.unsaved -= unsaved.min(s.unsaved);
                if s.unsaved == 0 {
                    s.unreplayable = false;
                }
                s.export_reset &= !export_reset;
                let took = s.first_unsaved_at.map(|t| now - t);
                s.first_unsaved_at = (s.unsaved > 0).then_some(now);
                (s.unsaved > 0 || s.export_reset, took, s.id.clone(), s.channel.clone())
            })
            .expect("the saver lives as long as the app");
        if let Some(channel) = channel {
            channel.announce(&Saved { workspace: id.clone(), version: meta.version });
        }
        // A save that commits after `pagehide` moves the journal on too.
        if self.saver.with_value(|s| s.journaled) {
            if self.saver.with_value(|s| s.unsaved > 0) {
                self.keep_journal();
            } else {
                journal::clear(&id);
                self.saver.update_value(|s| s.journaled = false);
            }
        }
        self.info.update(|i| {
            i.unexported = meta.unexported;
            i.last_save_ms = took;
            i.saves += 1;
        });
        if matches!(self.persistence.get_untracked(), Persistence::Failed(_)) {
            self.persistence.set(Persistence::Saved);
        }
        if more {
            self.schedule();
        }
    }

    /// Reads the version another tab saved and makes it this tab's. Changes
    /// this tab has not saved are replayed on top of it when they still
    /// apply; otherwise this tab's version is kept for download and the user
    /// is told.
    async fn catch_up(&self) {
        let Some((db, id)) = self.saver.with_value(|s| s.db.clone().map(|db| (db, s.id.clone()))) else { return };
        let stored = match idb::read(&db, &id).await {
            Ok(Some(stored)) => stored,
            Ok(None) => return self.stop_writing("This workspace was deleted in another tab.".into()),
            Err(e) => return self.stop_writing(format!("The version saved by another tab cannot be read ({e}).")),
        };
        let newer = match parts::join(&stored.head, &stored.tickets).map(|text| store::decode(&text)) {
            Ok(Decoded::Current(ws)) => ws,
            Ok(Decoded::Newer { .. }) => {
                return self.stop_writing("Another tab saved this workspace with a newer version of ServiceLab.".into());
            }
            Ok(Decoded::Older(..)) | Ok(Decoded::Bad(_)) | Err(_) => {
                return self.stop_writing("The version saved by another tab cannot be read.".into());
            }
        };
        let (log, unsaved, unreplayable) = self.saver.with_value(|s| (s.log.clone(), s.unsaved, s.unreplayable));
        let base_lens = lengths(&newer);
        let mut replayed = newer.clone();
        let replay = if unreplayable {
            Err("a change of the clock cannot be replayed".to_owned())
        } else {
            log.iter().try_for_each(|l| {
                // A change replayed after the other tab's lands after them in history.
                let at = l.at.max(replayed.clock().now);
                replayed.advance_clock(at);
                replayed.apply(l.command.clone(), l.actor, at).map(|_| ()).map_err(|e| e.to_string())
            })
        };
        let replayed_ok = replay.is_ok();
        let notice = match replay {
            Ok(()) if unsaved == 0 => None,
            Ok(()) => Some(Notice::Info(format!(
                "Another tab saved this workspace while this tab had {unsaved} unsaved change(s); they were applied on top of its version."
            ))),
            Err(reason) => {
                let mine = self.workspace.with_untracked(Workspace::to_json);
                self.saver.update_value(|s| s.stale_copy = Some(mine));
                Some(Notice::Conflict(format!(
                    "Another tab saved this workspace while this tab had {unsaved} unsaved change(s), and they cannot be applied to its version ({reason}). \
                     This tab now shows the saved version. Download this tab's version to keep your changes."
                )))
            }
        };
        let workspace = if replayed_ok { replayed } else { newer };
        self.saver.update_value(|s| {
            s.version = stored.meta.version;
            s.saved_lens = base_lens;
            if !replayed_ok {
                s.log.clear();
                s.unsaved = 0;
                s.unreplayable = false;
                s.first_unsaved_at = None;
            }
        });
        self.workspace.set(workspace);
        self.info.update(|i| {
            i.unexported = stored.meta.unexported;
            i.caught_up += 1;
            if notice.is_some() {
                i.notice = notice;
            }
        });
        if matches!(self.persistence.get_untracked(), Persistence::Failed(_)) {
            self.persistence.set(Persistence::Saved);
        }
        if replayed_ok && unsaved > 0 {
            self.schedule();
        }
    }

    fn stop_writing(&self, reason: String) {
        self.persistence.set(Persistence::MemoryOnly(format!("{reason} This tab no longer saves; download your work or reload.")));
    }

    /// This tab's version from before a conflict, as JSON, if there was one.
    pub fn stale_copy(&self) -> Option<String> {
        self.saver.with_value(|s| s.stale_copy.clone())
    }

    /// Dismisses the notice.
    pub fn dismiss_notice(&self) {
        self.info.update(|i| i.notice = None);
    }

    /// Follows saves announced by other tabs on the same workspace.
    fn listen_to_other_tabs(&self) {
        let app = *self;
        let channel = Channel::join(move |saved: Saved| {
            let behind = app.saver.with_value(|s| s.id == saved.workspace && saved.version > s.version);
            if !behind || !app.writes() {
                return;
            }
            let busy = app.saver.with_value(|s| s.in_flight || s.unsaved > 0);
            if busy {
                // The next save finds the newer version and catches up then.
                return;
            }
            spawn_local(async move { app.catch_up().await });
        });
        self.saver.update_value(|s| s.channel = channel.map(std::rc::Rc::new));
    }

    /// Asks the browser to keep this site's storage, and how much is used.
    fn ask_to_persist(&self) {
        if !self.writes() {
            return;
        }
        let app = *self;
        spawn_local(async move {
            let persisted = crate::storage::quota::persist().await;
            let estimate = crate::storage::quota::estimate().await;
            app.info.update(|i| {
                i.persisted = persisted;
                i.estimate = estimate;
            });
        });
    }

    /// Reads the storage estimate again (after the workspace list changed).
    pub fn refresh_estimate(&self) {
        let app = *self;
        spawn_local(async move {
            let estimate = crate::storage::quota::estimate().await;
            app.info.update(|i| i.estimate = estimate);
        });
    }

    /// The IndexedDB database, when storage works.
    pub fn database(&self) -> Option<IdbDatabase> {
        self.saver.with_value(|s| s.db.clone())
    }

    /// Saves now and waits for it; `Err` if this tab's changes are not stored.
    pub async fn save_now(&self) -> Result<(), String> {
        if !self.writes() {
            return Ok(());
        }
        for _ in 0..100 {
            let (busy, dirty) = self.saver.with_value(|s| (s.in_flight, s.unsaved > 0 || s.export_reset));
            if !busy && !dirty {
                return Ok(());
            }
            if let Persistence::Failed(reason) = self.persistence.get_untracked() {
                return Err(reason);
            }
            if !busy {
                self.flush();
            }
            sleep(20).await;
        }
        Err("saving took too long".into())
    }

    /// Re-reads the open workspace from storage (after renaming it).
    pub async fn reload_from_storage(&self) {
        self.catch_up().await;
    }
}

/// The person a newcomer acts as: the first agent, else the first person.
fn default_actor(ws: &Workspace) -> PersonId {
    let people = ws.people();
    people
        .iter()
        .find(|p| p.is_agent())
        .or(people.first())
        .map(|p| p.id)
        .unwrap_or(PersonId::SYSTEM)
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
