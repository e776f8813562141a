//! "Why is this incident due then?": a timer explained so a student can
//! check every figure by hand.
//!
//! [`explain`] replays one definition on one ticket (the same replay as
//! [`super::timer`], so the explanation can never disagree with the timer)
//! and adds what the figures alone do not say:
//!
//! * the **attachment** ([`Attachment`]): which conditions the ticket met,
//!   when, what change made it match, whether the clock counts from before
//!   that (retroactive start), and how it ended ([`Ending`]): met in which
//!   state, or cancelled because of a cancel state or because the ticket
//!   stopped matching;
//! * the **timeline** ([`Timeline`]): every piece of time from the start to
//!   the end, counted, skipped by the calendar (night, weekend, holiday,
//!   lunch) or paused (with the state and hold reason), tiling the span;
//! * the **arithmetic** ([`Step`]): start + target = original due, + paused
//!   business time = due, elapsed / target = percent, time left, verdict.
//!
//! Everything is data a page lays out; [`Explanation::sentences`] tells it in
//! plain English. Files: `explain/attachment.rs`, `explain/timeline.rs`,
//! `explain/arithmetic.rs`, `explain/words.rs` (times and lengths in words).

mod arithmetic;
mod attachment;
mod timeline;
pub mod words;

use chrono_tz::Tz;

pub use arithmetic::Step;
pub use attachment::{Attachment, CancelReason, Condition, Ending, FactChange};
pub use timeline::{Row, Segment, SegmentKind, Summary, Timeline};

use super::calendars::{CalendarId, Calendars};
use super::definition::{SlaDefinition, SlaId};
use super::replay;
use super::timer::Timer;
use crate::domain::ids::{GroupId, ServiceId, TicketKind, Timestamp};
use crate::domain::ticket::TicketRecord;
use crate::domain::workspace::Workspace;
use words::{local_time, minutes, span};

/// How many timeline rows [`Explanation::sentences`] shows before summing up the middle.
pub const SENTENCE_ROWS: usize = 24;

/// Everything needed to understand one SLA timer of one ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The definition explained.
    pub definition: SlaId,
    /// Its name.
    pub definition_name: String,
    /// The calendar it counts on.
    pub calendar: CalendarId,
    /// The calendar's name.
    pub calendar_name: String,
    /// The calendar's time zone: the clock times are shown on.
    pub zone: Tz,
    /// The timer's figures, exactly as [`super::timer`] gives them.
    pub timer: Timer,
    /// Why and since when the definition applies.
    pub attachment: Attachment,
    /// How the clock ended, if it did.
    pub ending: Ending,
    /// Every piece of time from the start to the end.
    pub timeline: Timeline,
    /// The sums that give due time, percent and time left.
    pub arithmetic: Vec<Step>,
}

/// Explains the timer `definition` puts on `record` at `now`: `None` when it
/// gives none (the ticket is of another kind, never matched, its calendar is
/// missing, or it was logged after `now`).
pub fn explain(record: &TicketRecord, definition: &SlaDefinition, calendars: &Calendars, now: Timestamp) -> Option<Explanation> {
    if record.kind != definition.conditions.ticket_kind {
        return None;
    }
    let entry = calendars.entry(definition.calendar)?;
    let calendar = &entry.calendar;
    let timer = replay::timer(record, definition, calendar, now)?;
    let end = timer.cancelled_at.or(timer.achieved_at).unwrap_or(now).min(now);
    Some(Explanation {
        definition: definition.id,
        definition_name: definition.name.clone(),
        calendar: entry.id,
        calendar_name: entry.name.clone(),
        zone: calendar.zone(),
        attachment: attachment::attachment(record, definition, &timer)?,
        ending: attachment::ending(record, definition, &timer),
        timeline: Timeline::build(calendar, timer.start, end, &timer.pauses),
        arithmetic: arithmetic::steps(&timer, definition.target_minutes, calendar, &entry.name),
        timer,
    })
}

/// How sentences name priorities, services and groups: by number, or by the
/// names a workspace gives them.
#[derive(Clone, Copy)]
enum Names<'a> {
    Numbers,
    Workspace(&'a Workspace),
}

impl Names<'_> {
    fn priority(self, value: u8) -> String {
        match self {
            Names::Numbers => value.to_string(),
            Names::Workspace(ws) => ws.matrix().priority.describe(value),
        }
    }

    fn service(self, id: Option<ServiceId>) -> String {
        match (self, id) {
            (_, None) => "none".to_string(),
            (Names::Workspace(ws), Some(id)) => ws.service(id).map_or_else(|| id.to_string(), |s| s.name.clone()),
            (Names::Numbers, Some(id)) => id.to_string(),
        }
    }

    fn group(self, id: Option<GroupId>) -> String {
        match (self, id) {
            (_, None) => "none".to_string(),
            (Names::Workspace(ws), Some(id)) => ws.group_name(id),
            (Names::Numbers, Some(id)) => id.to_string(),
        }
    }

    fn change(self, change: &FactChange) -> String {
        match *change {
            FactChange::Priority { from, to } => format!("priority {} → {}", self.priority(from), self.priority(to)),
            FactChange::Service { from, to } => format!("service {} → {}", self.service(from), self.service(to)),
            FactChange::Group { from, to } => format!("assignment group {} → {}", self.group(from), self.group(to)),
        }
    }
}

impl Explanation {
    /// The explanation in plain English, naming priorities, services and
    /// groups by number: attachment, ending, timeline (at most
    /// [`SENTENCE_ROWS`] rows) and arithmetic.
    pub fn sentences(&self) -> Vec<String> {
        self.render(Names::Numbers)
    }

    /// Like [`Explanation::sentences`], with the names `workspace` gives
    /// priorities ("2 - High"), services and groups.
    pub fn sentences_in(&self, workspace: &Workspace) -> Vec<String> {
        self.render(Names::Workspace(workspace))
    }

    fn render(&self, names: Names<'_>) -> Vec<String> {
        let mut out = self.attachment_sentences(names);
        out.push(self.ending_sentence(names));
        out.push(format!("Timeline on the \"{}\" calendar ({}):", self.calendar_name, self.zone.name()));
        out.extend(self.timeline.rows(SENTENCE_ROWS).iter().map(|row| format!("  {}", row.describe(self.zone))));
        out.extend(self.arithmetic.iter().map(|step| step.describe(self.zone)));
        out
    }

    fn attachment_sentences(&self, names: Names<'_>) -> Vec<String> {
        let a = &self.attachment;
        let time = |at: Timestamp| local_time(self.zone, at);
        let met: Vec<String> = a
            .conditions
            .iter()
            .map(|condition| match condition {
                Condition::Kind(TicketKind::Incident) => "it is an incident".to_string(),
                Condition::Kind(kind) => format!("it is a {}", kind.label().to_lowercase()),
                Condition::Priority { value, covered } => {
                    let covered: Vec<String> = covered.iter().map(|&p| names.priority(p)).collect();
                    format!("its priority {} is one the definition covers ({})", names.priority(*value), covered.join(", "))
                }
                Condition::Service(id) => format!("it is about the service {}", names.service(Some(*id))),
                Condition::Group(id) => format!("it is assigned to {}", names.group(Some(*id))),
            })
            .collect();
        let when = if a.trigger.is_empty() {
            format!("when the ticket was logged, {}", time(a.attached_at))
        } else {
            let changes: Vec<String> = a.trigger.iter().map(|c| names.change(c)).collect();
            format!("at {}, when this changed: {}", time(a.attached_at), changes.join(", "))
        };
        let mut out = vec![format!("\"{}\" attached {when}, because {}.", self.definition_name, met.join("; "))];
        if a.retroactive {
            out.push(format!(
                "Its clock counts from {}, before it attached (retroactive start), as if it had applied all along; {} of business time was already used when it attached.",
                time(a.start),
                span(self.counted_before(a.attached_at))
            ));
        }
        if a.cycle > 1 {
            out.push(format!(
                "This is cycle {}: the ticket was reopened, and under \"{}\" the clock started again with the full target at {}.",
                a.cycle,
                a.reopen.label(),
                time(a.start)
            ));
        } else if !a.retroactive && a.start > a.logged_at {
            out.push(format!("Its clock started when it attached, at {} (no retroactive start).", time(a.start)));
        }
        out
    }

    /// Business time counted on the timeline before `at`.
    fn counted_before(&self, at: Timestamp) -> chrono::TimeDelta {
        let counted = self.timeline.segments.iter().filter(|s| s.is_counted() && s.from < at);
        counted.map(|s| s.to.min(at) - s.from).sum()
    }

    fn ending_sentence(&self, names: Names<'_>) -> String {
        let time = |at: Timestamp| local_time(self.zone, at);
        let paused = minutes(self.timer.pauses.iter().map(|p| p.wall_minutes).sum());
        match &self.ending {
            Ending::Running { paused: true } => format!("The clock is paused now ({paused} paused in all)."),
            Ending::Running { paused: false } => "The clock is running now.".to_string(),
            Ending::Met { at, state } => format!("The clock stopped at {}, when the ticket reached {}.", time(*at), state.label()),
            Ending::Cancelled { at, reason: CancelReason::State(state) } => {
                format!("The timer was cancelled at {}, when the ticket reached {}.", time(*at), state.label())
            }
            Ending::Cancelled { at, reason: CancelReason::StoppedMatching(changes) } => {
                let changes: Vec<String> = changes.iter().map(|c| names.change(c)).collect();
                format!(
                    "The timer was cancelled at {}, when the ticket stopped meeting the definition's conditions ({}).",
                    time(*at),
                    changes.join(", ")
                )
            }
        }
    }
}
