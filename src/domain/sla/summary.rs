//! What a person scanning timers needs to see at a glance: the colour band
//! of each timer, and one line per ticket for the incident list.
//!
//! A [`Timer`] holds the figures; this module turns them into judgements
//! that must be the same everywhere they appear (the form's bars, the list's
//! columns, the "Breaching soon" view, their sorts), which is why they live
//! in the domain and not in a component.
//!
//! **Bands.** A running timer is coloured by the warning thresholds of its
//! own definition, not by fixed percentages, so a definition that warns at
//! 75 % only (iTop's habit) shows no amber stage:
//!
//! * *on track* below its first warning threshold;
//! * *warning* once it reached a warning threshold under 100 %, but not the last one;
//! * *serious* once it reached the **last** warning threshold under 100 %
//!   (75 % with ServiceNow's 50/75/100; the only one with iTop's 75/100);
//! * *breached* once its due time has passed (running, paused or met late);
//! * *paused*, *achieved* and *cancelled* follow the timer's stage: a
//!   stopped clock is grey whatever percentage it stopped at.
//!
//! Thresholds of 100 % and more are the breach and reminders after it; they
//! add no band. A definition with no threshold under 100 % has no warning
//! band: it goes from on track straight to breached, as its author asked.
//!
//! **Breaching soon** means: the timer's clock is running (stage In
//! progress: not paused, met, cancelled, nor already breached) and it is in
//! the *serious* band. That is the moment the definition's author chose for
//! the last warning before the breach, so the view agrees with the warnings
//! people are sent. A paused timer is left out: it cannot breach while its
//! clock stands still. A breached one is left out too: it is no longer
//! "soon", and has a view of its own ("SLA breached").
//!
//! **The most urgent timer of a ticket** (what the list shows) is chosen by
//! [`TicketSla::of`]: live timers first (not met, not cancelled), the
//! breached ones before the others, then running before paused, and among
//! equals the one **due first**. Due time, not business time left, because
//! two timers on different calendars count time left in different hours:
//! 30 office-hours minutes left on a Friday at 16:50 is due on Monday, after
//! 2 hours left on a 24x7 calendar. Only when no timer is live does the
//! ticket show how its timers ended (breached late, achieved, cancelled).
//!
//! [`sla_summary`] is the one function the list calls for a ticket's line.
//! It replays the ticket's history today; a cache can stand behind it
//! without any caller changing.

use super::definition::{SlaDefinition, SlaId};
use super::replay::timers;
use super::timer::{Stage, Timer};
use crate::domain::ids::{GroupId, ServiceId, TicketId, TicketKind, Timestamp};
use crate::domain::workspace::Workspace;

/// Where a timer stands against its definition's thresholds: what colour its bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Band {
    /// Running, below the first warning threshold (green).
    OnTrack,
    /// Running, past a warning threshold but not the last one before 100 % (amber).
    Warning,
    /// Running, past the last warning threshold before 100 % (orange): breaching soon.
    Serious,
    /// Past its due time, whether still running, paused or met late (red).
    Breached,
    /// The clock stands still (grey).
    Paused,
    /// The target was met on time.
    Achieved,
    /// The timer no longer applies.
    Cancelled,
}

impl Band {
    /// Every band, from most to least urgent.
    pub const ALL: [Band; 7] =
        [Self::Breached, Self::Serious, Self::Warning, Self::OnTrack, Self::Paused, Self::Achieved, Self::Cancelled];

    /// The band of `timer`, whose definition warns at `thresholds` (percent, ascending or not).
    pub fn of(timer: &Timer, thresholds: &[u16]) -> Band {
        Self::at(timer.stage, thresholds, |p| {
            timer.percent >= f64::from(p) || timer.thresholds.iter().any(|c| c.percent == p)
        })
    }

    /// The band of a timer at `stage` and `percent` when these two settle it,
    /// without the crossings it recorded: the same as [`Band::of`] gives.
    ///
    /// A timer records a threshold only while its rounded percentage is at
    /// most a hundredth under it (see `measure_with_thresholds`), so the
    /// crossings matter only in that hundredth: there the answer is `None`,
    /// and the caller reads the timer in full.
    pub(super) fn from_figures(stage: Stage, percent: f64, thresholds: &[u16]) -> Option<Band> {
        let near = |p: u16| p < 100 && percent < f64::from(p) && percent + 0.01 >= f64::from(p);
        if stage == Stage::InProgress && thresholds.iter().copied().any(near) {
            return None;
        }
        Some(Self::at(stage, thresholds, |p| percent >= f64::from(p)))
    }

    /// The band at `stage`, `reached` telling which thresholds a running timer has shown.
    fn at(stage: Stage, thresholds: &[u16], reached: impl Fn(u16) -> bool) -> Band {
        match stage {
            Stage::Breached => Band::Breached,
            Stage::Achieved => Band::Achieved,
            Stage::Cancelled => Band::Cancelled,
            Stage::Paused => Band::Paused,
            Stage::InProgress => {
                let warnings = thresholds.iter().copied().filter(|&p| p < 100);
                match warnings.clone().max() {
                    Some(last) if reached(last) => Band::Serious,
                    _ if warnings.into_iter().any(reached) => Band::Warning,
                    _ => Band::OnTrack,
                }
            }
        }
    }

    /// The band's name as people read it next to a bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTrack => "On track",
            Self::Warning => "Warning",
            Self::Serious => "Breaching soon",
            Self::Breached => "Breached",
            Self::Paused => "Paused",
            Self::Achieved => "Achieved",
            Self::Cancelled => "Cancelled",
        }
    }

    /// A stable lower-case name, for style classes and data attributes.
    pub fn key(self) -> &'static str {
        match self {
            Self::OnTrack => "on-track",
            Self::Warning => "warning",
            Self::Serious => "serious",
            Self::Breached => "breached",
            Self::Paused => "paused",
            Self::Achieved => "achieved",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A ticket's SLA position in one line: its most urgent timer, as the
/// incident list shows and sorts it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TicketSla {
    /// The definition of the timer shown.
    pub definition: SlaId,
    /// Its band.
    pub band: Band,
    /// Whether it is still live (neither met nor cancelled): only then do
    /// time left and due mean something.
    pub live: bool,
    /// Business elapsed as a percentage of the target.
    pub percent: f64,
    /// Business minutes left; negative once overdue.
    pub time_left_minutes: i64,
    /// When it is (or was) due.
    pub due: Timestamp,
}

/// Where a ticket's most urgent timer stands, without its figures: what a
/// list filters by ("Breaching soon", "SLA breached") and sorts by stage
/// or due time. The same timer [`TicketSla`] shows; reading it skips the
/// business time elapsed, which for a timer breached weeks ago is a walk
/// over every week since (see [`super::SlaBoard::standing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaStanding {
    /// The definition of the timer.
    pub definition: SlaId,
    /// Its band.
    pub band: Band,
    /// Whether it is still live (neither met nor cancelled).
    pub live: bool,
    /// When it is (or was) due.
    pub due: Timestamp,
}

impl SlaStanding {
    /// The most urgent of a ticket's standings, taken in the order of their
    /// definitions (the first wins a tie): live and breached first, then
    /// running, paused, met late, achieved, cancelled; among equals the one
    /// due first.
    pub(super) fn most_urgent(standings: impl Iterator<Item = SlaStanding>) -> Option<SlaStanding> {
        standings.min_by_key(|s| (s.urgency_group(), s.due))
    }

    /// 0 live and breached, 1 running, 2 paused, 3 met late, 4 achieved, 5 cancelled.
    fn urgency_group(&self) -> u8 {
        match (self.live, self.band) {
            (true, Band::Breached) => 0,
            (true, Band::Paused) => 2,
            (true, _) => 1,
            (false, Band::Breached) => 3,
            (false, Band::Cancelled) => 5,
            (false, _) => 4,
        }
    }

    /// Whether the ticket is breaching soon: its most urgent timer is
    /// running and in the serious band (see the module's definition).
    pub fn breaching_soon(&self) -> bool {
        self.live && self.band == Band::Serious
    }

    /// Whether the ticket is overdue: its most urgent timer is live and past its due time.
    pub fn overdue(&self) -> bool {
        self.live && self.band == Band::Breached
    }

    /// The order of the "SLA stage" column, most urgent first: overdue,
    /// breaching soon, warning, on track, paused, then the finished ones
    /// (breached late, achieved, cancelled).
    pub fn stage_rank(&self) -> i64 {
        match (self.live, self.band) {
            (true, band) => Band::ALL.iter().position(|b| *b == band).unwrap_or(0) as i64,
            (false, Band::Breached) => 5,
            (false, Band::Achieved) => 6,
            (false, _) => 7,
        }
    }
}

impl TicketSla {
    /// The most urgent of a ticket's `timers` (see the module's rule), or
    /// `None` when the ticket has none. `definitions` give the thresholds.
    pub fn of(timers: &[Timer], definitions: &[SlaDefinition]) -> Option<TicketSla> {
        Self::most_urgent(timers.iter().map(|timer| {
            let thresholds = definitions.iter().find(|d| d.id == timer.definition).map_or(&[][..], |d| &d.thresholds);
            Self::line(timer, thresholds)
        }))
    }

    /// The line of one timer whose definition warns at `thresholds`.
    pub(super) fn line(timer: &Timer, thresholds: &[u16]) -> TicketSla {
        TicketSla {
            definition: timer.definition,
            band: Band::of(timer, thresholds),
            live: timer.achieved_at.is_none() && timer.cancelled_at.is_none(),
            percent: timer.percent,
            time_left_minutes: timer.time_left_minutes,
            due: timer.due,
        }
    }

    /// The most urgent of the lines of a ticket's timers, taken in the order
    /// of their definitions (the first wins a tie), by [`SlaStanding`]'s rule.
    pub(super) fn most_urgent(lines: impl Iterator<Item = TicketSla>) -> Option<TicketSla> {
        lines.min_by_key(|s| (s.standing().urgency_group(), s.due))
    }

    /// Where the line's timer stands, without its figures.
    pub fn standing(&self) -> SlaStanding {
        SlaStanding { definition: self.definition, band: self.band, live: self.live, due: self.due }
    }

    /// Whether the ticket is breaching soon (see [`SlaStanding::breaching_soon`]).
    pub fn breaching_soon(&self) -> bool {
        self.standing().breaching_soon()
    }

    /// Whether the ticket is overdue (see [`SlaStanding::overdue`]).
    pub fn overdue(&self) -> bool {
        self.standing().overdue()
    }

    /// The order of the "SLA stage" column (see [`SlaStanding::stage_rank`]).
    pub fn stage_rank(&self) -> i64 {
        self.standing().stage_rank()
    }

    /// The stage as the list writes it: the band, with the percentage used
    /// while the timer is live ("Warning · 62 %").
    pub fn stage_text(&self) -> String {
        match (self.live, self.band) {
            (true, Band::Breached) => "Breached".to_string(),
            (true, band) => format!("{} · {:.0} %", band.label(), self.percent.floor()),
            (false, Band::Breached) => "Breached (met late)".to_string(),
            (false, band) => band.label().to_string(),
        }
    }

    /// Business time left as the list writes it ("1 h 30 min", "2 h overdue"),
    /// or nothing once the timer is met or cancelled.
    pub fn time_left_text(&self) -> String {
        if !self.live {
            return String::new();
        }
        time_left_text(self.time_left_minutes)
    }
}

/// The list's line for ticket `id` at `now`: its most urgent timer, or
/// `None` when no SLA definition ever applied to it (or there is no such ticket).
///
/// This is the single door the incident list goes through for SLA columns,
/// sorts and the SLA views. It reads the workspace's [`super::SlaBoard`],
/// which keeps every ticket's timers ready at any `now` from the ticket's
/// last event on, so a view or a clock tick costs no replay, and whose
/// [`super::SlaBoard::ticket_sla`] gives the line without reading each timer
/// in full. Only a `now` before the ticket's timers were replayed to (its
/// last event then, which the board does not answer) replays.
pub fn sla_summary(ws: &Workspace, id: TicketId, now: Timestamp) -> Option<TicketSla> {
    let board = ws.sla_board();
    if board.answers(id, now) {
        return board.ticket_sla(id, now);
    }
    TicketSla::of(&timers(ws.record(id)?, ws.slas(), ws.calendars(), now), ws.slas())
}

/// Where ticket `id`'s most urgent timer stands at `now`: the
/// [`TicketSla::standing`] of its [`sla_summary`], read without the figures
/// a list filtered or sorted by stage or due time does not show.
pub fn sla_standing(ws: &Workspace, id: TicketId, now: Timestamp) -> Option<SlaStanding> {
    let board = ws.sla_board();
    if board.answers(id, now) {
        return board.standing(id, now);
    }
    sla_summary(ws, id, now).map(|line| line.standing())
}

/// A number of minutes as people read a duration: "45 min", "4 h", "27 h 05 min".
/// Never days: a "day" of business time is ambiguous (see [`super::defaults`]).
pub fn minutes_text(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// Business minutes left as people read them: "1 h 30 min", or "25 min overdue" once negative.
pub fn time_left_text(minutes: i64) -> String {
    let text = minutes_text(minutes.unsigned_abs());
    if minutes < 0 { format!("{text} overdue") } else { text }
}

/// The definitions that attach to a new incident of this priority, service
/// and group the moment it is logged: what its timers will be.
pub fn attaching(
    definitions: &[SlaDefinition],
    kind: TicketKind,
    priority: u8,
    service: Option<ServiceId>,
    group: Option<GroupId>,
) -> impl Iterator<Item = &SlaDefinition> {
    definitions.iter().filter(move |d| d.conditions.ticket_kind == kind && d.conditions.matches(priority, service, group))
}
