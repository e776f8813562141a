//! The app's one store: the workspace, who is acting, and whether it is saved.
//!
//! Components read the workspace through `with` (no copies) and change it only
//! through [`AppState::apply`], which runs a domain command as the acting
//! person at the app clock's time and saves the result at once.

use leptos::prelude::*;

use crate::domain::{Applied, Command, DomainError, PersonId, Workspace};
use crate::storage::local;
use crate::storage::workspace::{self as store, Opened};
use crate::ui::AppClock;

const ACTOR_KEY: &str = "servicelab.actor";

/// Whether the workspace in memory is safely in browser storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Persistence {
    /// Every change so far is stored.
    Saved,
    /// The last write failed; the work is kept in memory only.
    Failed(String),
    /// The stored workspace could not be read, so nothing is written until the
    /// user decides what to do with it. `raw` is the stored text, untouched.
    Held { raw: String, error: String },
    /// The browser offers no storage at all: the app runs in memory.
    MemoryOnly(String),
}

/// Shared state of the running app, provided as context by [`crate::ui::App`].
#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub actor: RwSignal<PersonId>,
    pub persistence: RwSignal<Persistence>,
    pub clock: AppClock,
}

impl AppState {
    /// Opens the stored workspace (or the demo on a first visit).
    pub fn open(clock: AppClock) -> Self {
        let now = clock.now_untracked();
        let (workspace, persistence) = match store::open(now) {
            Opened::Stored(ws) => (ws, Persistence::Saved),
            Opened::FirstVisit(ws) => {
                let persistence = match store::save(&ws) {
                    Ok(()) => Persistence::Saved,
                    Err(e) => Persistence::Failed(e.to_string()),
                };
                (ws, persistence)
            }
            Opened::Unreadable { raw, error, workspace } => (workspace, Persistence::Held { raw, error }),
            Opened::NoStorage { error, workspace } => (workspace, Persistence::MemoryOnly(error)),
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
        Self {
            workspace: RwSignal::new(workspace),
            actor: RwSignal::new(actor),
            persistence: RwSignal::new(persistence),
            clock,
        }
    }

    /// Runs `command` as the acting person, now. On success the workspace is
    /// saved; on error nothing changes and the domain's reason is returned.
    pub fn apply(&self, command: Command) -> Result<Applied, DomainError> {
        let actor = self.actor.get_untracked();
        let now = self.clock.now_untracked();
        let (changed, result) = self
            .workspace
            .try_maybe_update(|ws| {
                // Auto-closes that fell due come first, so the command sees today's states.
                let closed = !ws.advance_clock(now).is_empty();
                let result = ws.apply(command, actor, now);
                let changed = closed || result.is_ok();
                (changed, (changed, result))
            })
            .expect("the workspace signal lives as long as the app");
        if changed {
            self.persist();
        }
        result
    }

    /// Closes resolved incidents whose auto-close moment the clock has
    /// passed, on every tick. The check is a look at the earliest pending
    /// close, so it costs nothing when there is none.
    pub fn close_due_incidents_as_time_passes(&self) {
        let app = *self;
        Effect::new(move |_| {
            let now = app.clock.now();
            if app.workspace.with_untracked(|ws| ws.pending_auto_closes(now)) == 0 {
                return;
            }
            app.workspace.update(|ws| {
                ws.advance_clock(now);
            });
            app.persist();
        });
    }

    /// Sets who the user acts as, remembered across reloads.
    pub fn act_as(&self, person: PersonId) {
        self.actor.set(person);
        // Losing this preference is harmless; the workspace itself is not involved.
        let _ = local::save(ACTOR_KEY, &person);
    }

    /// Writes the workspace to storage unless writing is on hold.
    pub fn persist(&self) {
        if matches!(self.persistence.get_untracked(), Persistence::Held { .. } | Persistence::MemoryOnly(_)) {
            return;
        }
        let outcome = self.workspace.with_untracked(store::save);
        self.persistence.set(match outcome {
            Ok(()) => Persistence::Saved,
            Err(e) => Persistence::Failed(e.to_string()),
        });
    }

    /// Sets the unreadable stored workspace aside under a key of its own, then
    /// starts saving the workspace in memory. Fails, changing nothing, if the
    /// copy cannot be made.
    pub fn set_aside_unreadable(&self) -> Result<String, String> {
        let Persistence::Held { raw, .. } = self.persistence.get_untracked() else {
            return Err("There is no unreadable workspace to set aside.".into());
        };
        let key = store::quarantine(&raw, self.clock.now_untracked()).map_err(|e| e.to_string())?;
        self.persistence.set(Persistence::Saved);
        self.persist();
        Ok(key)
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
