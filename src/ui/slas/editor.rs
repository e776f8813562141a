//! The SLA configuration draft shared by the Definitions and Calendars tabs,
//! and the two ways out of it: save (the domain's `SetSlaConfig`, as the
//! acting person) or discard.

use std::ops::ControlFlow::{Break, Continue};

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::notice::{Notice, Spot};
use crate::domain::calendar::draft::CalendarDraft;
use crate::domain::calendar::presets::describe_minutes;
use crate::domain::sla::config::SlaConfigDraft;
use crate::domain::sla::{BoardRebuild, CalendarId, SlaId};
use crate::domain::{Command, DomainError, Workspace};
use crate::ui::later::in_steps;
use crate::ui::state::{AppState, use_app};

/// From this many tickets on, a save works out the timers in steps first.
const STEPPED_FROM: usize = 2_000;

/// Tickets replayed between two looks at the time. The time is looked at
/// between steps, so a task runs its ~30 ms plus one step: with steps of
/// 500, What-if tasks of 54-59 ms at 100,000 tickets; steps of 100 cut the
/// overrun to a fifth.
const ROWS: usize = 100;

/// What the SLAs section edits, provided as context by [`super::SlasPage`].
#[derive(Clone, Copy)]
pub struct SlaEditor {
    pub app: AppState,
    /// Definitions and calendars as edited, saved or not.
    pub draft: RwSignal<SlaConfigDraft>,
    /// The configuration in force, as a draft, to tell what is unsaved.
    pub in_force: Memo<SlaConfigDraft>,
    /// The section's one message.
    pub notice: Notice,
    /// The definition open in the editor.
    pub sla: RwSignal<Option<SlaId>>,
    /// The calendar open in the editor.
    pub calendar: RwSignal<Option<CalendarId>>,
    /// While a save works out the timers in steps: tickets done, and in all.
    pub saving: RwSignal<Option<(usize, usize)>>,
}

impl SlaEditor {
    /// A draft of the configuration in force, with the first definition and
    /// the first calendar with weekly hours open.
    pub fn new() -> Self {
        let app = use_app();
        let in_force = Memo::new(move |_| app.workspace.with(|ws| SlaConfigDraft::of(ws.calendars(), ws.slas())));
        let draft = in_force.get_untracked();
        let sla = draft.slas.first().map(|d| d.id);
        let calendar = draft
            .calendars
            .iter()
            .find(|c| !c.draft.always_open)
            .or(draft.calendars.first())
            .map(|c| c.id);
        Self {
            app,
            draft: RwSignal::new(draft),
            in_force,
            notice: Notice::new(),
            sla: RwSignal::new(sla),
            calendar: RwSignal::new(calendar),
            saving: RwSignal::new(None),
        }
    }

    /// Whether the draft differs from what is in force.
    pub fn unsaved(&self) -> bool {
        let in_force = self.in_force;
        self.draft.with(|d| in_force.with(|f| d != f))
    }

    /// Saves the draft: refused with the calendars' problems, or the domain's
    /// reason. On a large workspace, every timer is first worked out again
    /// under the draft in steps, with [`SlaEditor::saving`] telling how far
    /// it got, and the configuration is saved once they all are: never half.
    pub fn save(&self) {
        if self.saving.get_untracked().is_some() {
            return;
        }
        let notice = self.notice;
        let clicked = self.draft.get_untracked();
        let (calendars, slas) = match clicked.to_config() {
            Ok(config) => config,
            Err(problems) => {
                return notice.error(Spot::Save, format!("Not saved: {}.", problems.join("; ")));
            }
        };
        let actor = self.app.actor.get_untracked();
        // Who may not save is told at once (the domain says so): no timer is worked out for nothing.
        let (allowed, tickets) =
            self.app.workspace.with_untracked(|ws| (ws.person(actor).is_some_and(|p| p.is_admin()), ws.tickets().len()));
        if !allowed || tickets < STEPPED_FROM {
            return self.put_in_force(Command::SetSlaConfig { calendars, slas }, None, &clicked);
        }
        let editor = *self;
        editor.saving.set(Some((0, tickets)));
        spawn_local(async move {
            let Some(mut board) = editor.app.workspace.try_with_untracked(|ws| BoardRebuild::new(ws, &calendars, &slas)) else {
                return;
            };
            let step = |ws: &Workspace| if board.step(ws, ROWS) { Break(()) } else { Continue(board.progress()) };
            let report = |done, total| editor.saving.set(Some((done, total)));
            if in_steps(editor.app, step, report, || true).await.is_none() {
                return;
            }
            editor.saving.set(None);
            editor.put_in_force(Command::SetSlaConfig { calendars, slas }, Some(board), &clicked);
        });
    }

    /// Applies the save; the draft shows what is in force after it, unless
    /// it was edited again while the save was under way.
    fn put_in_force(&self, command: Command, board: Option<BoardRebuild>, clicked: &SlaConfigDraft) {
        let notice = self.notice;
        match self.app.apply_with_board(command, board) {
            Ok(_) => {
                // The section may have been left while the save was under way: it is saved all the same.
                if self.draft.try_with_untracked(|d| d == clicked).unwrap_or(false)
                    && let Some(in_force) = self.in_force.try_get_untracked()
                {
                    self.draft.set(in_force);
                }
                notice.status(
                    Spot::Save,
                    "Saved: every SLA timer now follows these definitions and calendars; those they change were worked out again from the ticket histories.",
                );
            }
            Err(error) => notice.error(Spot::Save, self.refusal(&error)),
        }
    }

    /// Puts the configuration in force back into the draft.
    pub fn discard(&self) {
        self.draft.set(self.in_force.get_untracked());
        let draft = self.in_force.get_untracked();
        if self.sla.get_untracked().is_some_and(|id| draft.definition(id).is_none()) {
            self.sla.set(draft.slas.first().map(|d| d.id));
        }
        if self.calendar.get_untracked().is_some_and(|id| draft.calendar(id).is_none()) {
            self.calendar.set(draft.calendars.first().map(|c| c.id));
        }
        self.notice.status(Spot::Save, "Changes discarded: the definitions and calendars in force are shown again.");
    }

    /// The domain's refusal, and for a refusal by role, who may do it.
    fn refusal(&self, error: &DomainError) -> String {
        if !matches!(error, DomainError::NotAllowed { .. }) {
            return format!("Not saved. {error}.");
        }
        let admins = self.app.workspace.with_untracked(|ws| {
            ws.people().iter().filter(|p| p.is_admin()).map(|p| p.name.clone()).collect::<Vec<_>>()
        });
        let who = match admins.as_slice() {
            [] => "This workspace has no admin.".to_string(),
            [one] => format!("Ask {one}, the admin, or choose them under Acting as, then save again."),
            many => format!("Ask an admin ({}), or choose one under Acting as, then save again.", many.join(", ")),
        };
        format!("Not saved. {error}. {who}")
    }
}

/// The editor from context.
pub fn use_editor() -> SlaEditor {
    expect_context::<SlaEditor>()
}

/// A calendar's summary for lists: "Europe/London · 24x7" or "Europe/London · 45 h a week".
pub fn calendar_summary(draft: &CalendarDraft) -> String {
    let hours = if draft.always_open {
        "24x7".to_string()
    } else {
        format!("{} a week", describe_minutes(i64::from(draft.weekly_minutes())))
    };
    format!("{} · {hours}", draft.zone.name())
}
