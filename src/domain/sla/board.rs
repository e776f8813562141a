//! The SLA board: every ticket's timers, ready to read at any "now" without
//! replaying history, and the moments the clock will cross a warning
//! threshold or a due time.
//!
//! Replaying a ticket's events is what makes a timer right (see
//! [`super::replay`]), but a clock tick changes no event: between two events
//! of a ticket its timers move in a way known in advance. So the board
//! replays each (ticket, definition) once, as of the ticket's last event,
//! and keeps that replay. From it, at any later `now`:
//!
//! * a **running** timer's due time is fixed; business elapsed is the target
//!   minus the business time left before the due time (or plus the time
//!   since), one short walk; it becomes Breached just after `due`, and each
//!   threshold is shown from an instant computed once;
//! * a **paused** timer's percentage and stage stand still (its due time
//!   slides with "now" and is read afresh);
//! * an **achieved** or **cancelled** timer does not move at all.
//!
//! The instants still ahead are kept in one ordered index, so "what changes
//! between the last tick and this one?" ([`SlaBoard::changes_between`]) costs
//! O(log n + k) for 100,000 tickets, and a list only recomputes the rows it
//! shows ([`SlaBoard::summary`]). When a ticket gets events, [`SlaBoard::refresh`]
//! replays that ticket alone; the workspace keeps a board in step with its
//! history (see `Workspace::sla_board`).

use std::collections::BTreeSet;
use std::ops::Bound;

use chrono::TimeDelta;

use super::calendars::Calendars;
use super::definition::{SlaDefinition, SlaId};
use super::replay::{Replayed, replay};
use super::timer::{Stage, Timer};
use crate::domain::calendar::BusinessCalendar;
use crate::domain::calendar::timer::{capped_target, percent};
use crate::domain::ids::{TicketId, Timestamp};
use crate::domain::ticket::TicketRecord;

mod lines;
use lines::Glance;

/// What a timer crosses at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CrossingKind {
    /// A warning threshold (percent of the target): the timer shows it from this instant.
    Threshold(u16),
    /// The due time: from the next instant on the timer is Breached.
    Breach,
}

/// One instant at which a timer of a ticket crosses a threshold or its due
/// time: what a notification is sent for, and what makes a list row change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlaCrossing {
    /// When it happens.
    pub at: Timestamp,
    /// The ticket.
    pub ticket: TicketId,
    /// The definition whose timer crosses.
    pub definition: SlaId,
    /// The timer's cycle (reopens under NewCycle or Restart start another).
    pub cycle: u32,
    /// Threshold or breach.
    pub kind: CrossingKind,
}

impl SlaCrossing {
    /// The largest crossing at `at`, for range bounds.
    fn last_at(at: Timestamp) -> Self {
        Self { at, ticket: TicketId(u32::MAX), definition: SlaId(u32::MAX), cycle: u32::MAX, kind: CrossingKind::Breach }
    }
}

/// The figures a ticket list shows for a ticket's most urgent timer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlaSummary {
    /// The definition of that timer.
    pub definition: SlaId,
    /// Where it stands.
    pub stage: Stage,
    /// Business elapsed as a percentage of the target, 2 decimals.
    pub percent: f64,
    /// Business minutes left before the breach; negative once breached.
    pub time_left_minutes: i64,
    /// When the target must be met.
    pub due: Timestamp,
}

impl SlaSummary {
    /// The list figures of a timer.
    fn of(timer: &Timer) -> Self {
        Self {
            definition: timer.definition,
            stage: timer.stage,
            percent: timer.percent,
            time_left_minutes: timer.time_left_minutes,
            due: timer.due,
        }
    }
}

/// One timer of one ticket, replayed as of the ticket's last event.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Kept {
    /// Position of the definition in the board's list.
    definition: usize,
    replayed: Replayed,
    /// The instant it was replayed to: the ticket's last event.
    as_of: Timestamp,
    /// Its list figures at `as_of` (the whole [`Timer`] is read again from
    /// `replayed` when asked for: keeping it would triple the board's size).
    figures: SlaSummary,
    /// Business time it had counted at `as_of`, to the nanosecond (kept for
    /// live timers only: a running one counts on from it, a paused one has
    /// what is left of its target still to count).
    counted: TimeDelta,
    /// Its crossings after `as_of`, as entered in the index.
    ahead: Vec<SlaCrossing>,
}

/// Every ticket's SLA timers kept ready for any "now" (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct SlaBoard {
    definitions: Vec<SlaDefinition>,
    calendars: Calendars,
    /// `rows[id - 1]`: the timers of ticket `id`.
    rows: Vec<Vec<Kept>>,
    /// `glances[id - 1]`: the glance at ticket `id`'s timers, in step with `rows`.
    glances: Vec<Glance>,
    /// Every crossing still ahead of its ticket's last event, in time order.
    index: BTreeSet<SlaCrossing>,
    /// The latest instant crossings were settled up to: before it, a
    /// ticket's crossings may be missing (see [`SlaBoard::steady_until`]).
    settled_through: Option<Timestamp>,
}

impl PartialEq for SlaBoard {
    /// Two boards are equal when they give the same answers: the same
    /// definitions and calendars, the same replayed clocks and the same
    /// crossings pending. Where each replay stopped (a ticket's last event,
    /// which a notification moves without changing any timer) is not compared.
    fn eq(&self, other: &Self) -> bool {
        let same_rows = self.rows.len() == other.rows.len()
            && self.rows.iter().zip(&other.rows).all(|(a, b)| {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.definition == y.definition && x.replayed == y.replayed)
            });
        let same_glances = self.glances.len() == other.glances.len()
            && self.glances.iter().zip(&other.glances).all(|(a, b)| a.first_due == b.first_due);
        same_rows
            && same_glances
            && self.definitions == other.definitions
            && self.calendars == other.calendars
            && self.index == other.index
    }
}

impl Eq for SlaBoard {}

impl SlaBoard {
    /// Replays every ticket once under these definitions and calendars.
    pub fn build(records: &[TicketRecord], definitions: &[SlaDefinition], calendars: &Calendars) -> Self {
        let mut board = Self::empty(definitions, calendars);
        board.reserve(records.len());
        for record in records {
            board.refresh(record);
        }
        board
    }

    /// Makes room for the rows of `tickets` tickets in one allocation.
    pub fn reserve(&mut self, tickets: usize) {
        self.rows.reserve_exact(tickets.saturating_sub(self.rows.len()));
        self.glances.reserve_exact(tickets.saturating_sub(self.glances.len()));
    }

    /// Drops the timers of every ticket from row `rows` on, for
    /// [`Teardown`](crate::domain::teardown::Teardown): the crossings index
    /// is left as it is, to be freed with the rest.
    pub(crate) fn keep_rows(&mut self, rows: usize) {
        self.rows.truncate(rows);
        self.glances.truncate(rows);
    }

    /// A board for these definitions and calendars with no ticket yet
    /// ([`SlaBoard::refresh`] adds each).
    pub fn empty(definitions: &[SlaDefinition], calendars: &Calendars) -> Self {
        Self { definitions: definitions.to_vec(), calendars: calendars.clone(), ..Self::default() }
    }

    /// Replays one ticket again after it received events (or was created).
    pub fn refresh(&mut self, record: &TicketRecord) {
        let Some(row) = (record.id.0 as usize).checked_sub(1) else { return };
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
            self.glances.resize(row + 1, Glance::default());
        }
        for old in std::mem::take(&mut self.rows[row]) {
            for crossing in &old.ahead {
                self.index.remove(crossing);
            }
        }
        let kept = self.replay_row(record);
        for timer in &kept {
            self.index.extend(timer.ahead.iter().copied());
        }
        self.glances[row] = self.glance(&kept);
        self.rows[row] = kept;
    }

    /// The definitions the board replays.
    pub fn definitions(&self) -> &[SlaDefinition] {
        &self.definitions
    }

    /// The calendars of its definitions.
    pub fn calendars(&self) -> &Calendars {
        &self.calendars
    }

    /// Every timer of a ticket at `now`, exactly as [`super::timers`] replays
    /// them. `now` is read as no earlier than the ticket's last event.
    pub fn timers(&self, ticket: TicketId, now: Timestamp) -> Vec<Timer> {
        self.row(ticket)
            .iter()
            .map(|kept| {
                let (definition, calendar) = self.definition(kept);
                kept.replayed.read(definition, calendar, now.max(kept.as_of))
            })
            .collect()
    }

    /// The ticket's most urgent timer at `now`, for list columns: timers
    /// whose clock runs come first, then paused ones, then those met, then
    /// cancelled ones; within each, the earliest due time. `None` when no
    /// definition applies to the ticket.
    pub fn summary(&self, ticket: TicketId, now: Timestamp) -> Option<SlaSummary> {
        self.row(ticket)
            .iter()
            .map(|kept| (urgency(kept), self.figures_at(kept, now)))
            .min_by_key(|(class, summary)| (*class, summary.due))
            .map(|(_, summary)| summary)
    }

    /// The crossings with `from < at <= to`, in time order: what a clock
    /// moving from `from` to `to` makes happen (crossings already settled,
    /// see [`SlaBoard::settle_until`], are not listed).
    pub fn changes_between(&self, from: Timestamp, to: Timestamp) -> impl Iterator<Item = &SlaCrossing> {
        let range = if from < to {
            (Bound::Excluded(SlaCrossing::last_at(from)), Bound::Included(SlaCrossing::last_at(to)))
        } else {
            (Bound::Excluded(SlaCrossing::last_at(from)), Bound::Included(SlaCrossing::last_at(from)))
        };
        self.index.range(range)
    }

    /// The crossings still ahead of a ticket's last event, in time order per timer.
    pub fn ahead_of(&self, ticket: TicketId) -> impl Iterator<Item = &SlaCrossing> {
        self.row(ticket).iter().flat_map(|kept| kept.ahead.iter())
    }

    /// Takes every crossing at or before `until` out of the index: time has
    /// passed them and they have been dealt with (notifications recorded),
    /// so later windows do not list them again. Returns them in time order.
    pub fn settle_until(&mut self, until: Timestamp) -> Vec<SlaCrossing> {
        self.note_settled(until);
        let later = self.index.split_off(&SlaCrossing::last_at(until));
        let settled: Vec<SlaCrossing> = std::mem::replace(&mut self.index, later).into_iter().collect();
        for crossing in &settled {
            if let Some(row) = (crossing.ticket.0 as usize).checked_sub(1).and_then(|row| self.rows.get_mut(row)) {
                for kept in row.iter_mut() {
                    kept.ahead.retain(|c| c != crossing);
                }
            }
        }
        settled
    }

    /// Like [`SlaBoard::settle_until`] for one ticket's crossings only (a
    /// workspace being read settles each ticket as it comes).
    pub fn settle_ticket_until(&mut self, ticket: TicketId, until: Timestamp) {
        self.note_settled(until);
        let limit = SlaCrossing::last_at(until);
        let Some(row) = (ticket.0 as usize).checked_sub(1).and_then(|row| self.rows.get_mut(row)) else { return };
        let index = &mut self.index;
        for kept in row.iter_mut() {
            kept.ahead.retain(|crossing| {
                let settled = *crossing < limit;
                if settled {
                    index.remove(crossing);
                }
                !settled
            });
            kept.ahead.shrink_to_fit();
        }
    }

    fn note_settled(&mut self, until: Timestamp) {
        self.settled_through = self.settled_through.max(Some(until));
    }

    /// Until when a ticket's timers stay as they are at `now` in all but
    /// their running percentage and time left: the first instant after
    /// `now` at which one shows a new warning threshold, or the due time of
    /// a running one (it is Breached just after). Stage, band and the due
    /// time of running timers cannot change before that instant, so a list
    /// filtered or sorted by them need not look at the ticket again until
    /// then. A paused timer's stage and band stand still, and so does the
    /// due time of one paused after its breach, but the due time of one
    /// paused in time slides with the clock: `paused_due` says whether the
    /// caller reads that. `now` itself when something read may change at
    /// any moment: such a paused timer, a `now` before the ticket's last
    /// event (the timers are then replayed afresh), or before crossings were
    /// settled (those may be missing). [`Timestamp::MAX_UTC`] when nothing
    /// read moves.
    pub fn steady_until(&self, ticket: TicketId, now: Timestamp, paused_due: bool) -> Timestamp {
        if self.settled_through.is_some_and(|settled| now < settled) {
            return now;
        }
        let mut until = Timestamp::MAX_UTC;
        for kept in self.row(ticket) {
            if now < kept.as_of {
                return now;
            }
            if !kept.replayed.run.is_live() || kept.replayed.detached.is_some() {
                continue;
            }
            if !kept.replayed.is_running() {
                if paused_due && kept.figures.stage != Stage::Breached {
                    return now;
                }
                continue;
            }
            if kept.figures.due >= now {
                until = until.min(kept.figures.due);
            }
            // A threshold is shown from its crossing, or from the moment the rounded
            // percentage reaches it, which may come a little earlier (half a
            // hundredth of a percent of the target). Thresholds come in time order:
            // the first still to be shown is the next change.
            let (definition, calendar) = self.definition(kept);
            let target_seconds = capped_target(definition.target_minutes).num_seconds();
            for crossing in &kept.ahead {
                let CrossingKind::Threshold(p) = crossing.kind else { continue };
                if crossing.at > now {
                    until = until.min(crossing.at);
                }
                let rounded = TimeDelta::seconds(rounded_from(target_seconds, p));
                let reached = calendar.add_business_time(kept.as_of, rounded - kept.counted);
                if reached + TimeDelta::seconds(1) > now {
                    until = until.min(reached.max(now));
                    break;
                }
            }
        }
        until
    }

    /// How many timers the board keeps, all tickets together: as many as any
    /// "now" from the tickets' last events on shows (timers attach on events).
    pub fn timer_count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// Puts the board under new definitions and calendars without replaying
    /// the timers that cannot change: `from_old[i]` is the new position of
    /// the old definition at position `i` when it and its calendar are the
    /// same (its timers are kept), `None` when its timers go. `added` holds,
    /// by row and in row order, the timers of the other new definitions,
    /// replayed under them. A row for which `stale` is true (its ticket got
    /// events since, or no timer was replayed for it) is replayed whole.
    /// Only the rows whose timers change are touched, so most of the
    /// board's memory is neither copied nor freed.
    pub(super) fn reconfigure(
        &mut self,
        definitions: Vec<SlaDefinition>,
        calendars: Calendars,
        from_old: &[Option<usize>],
        added: Vec<(usize, Vec<Kept>)>,
        records: &[TicketRecord],
        stale: impl Fn(usize) -> bool,
    ) {
        self.definitions = definitions;
        self.calendars = calendars;
        self.reserve(records.len());
        let mut added = added.into_iter().peekable();
        for (row, record) in records.iter().enumerate() {
            while added.next_if(|(r, _)| *r < row).is_some() {}
            let mine = added.next_if(|(r, _)| *r == row).map(|(_, timers)| timers);
            let Some(slot) = (record.id.0 as usize).checked_sub(1) else { continue };
            if slot >= self.rows.len() || stale(row) {
                self.refresh(record);
                continue;
            }
            let index = &mut self.index;
            let timers = &mut self.rows[slot];
            let before = timers.len();
            timers.retain_mut(|kept| match from_old.get(kept.definition).copied().flatten() {
                Some(position) => {
                    kept.definition = position;
                    true
                }
                None => {
                    for crossing in &kept.ahead {
                        index.remove(crossing);
                    }
                    false
                }
            });
            let added_some = mine.as_ref().is_some_and(|fresh| !fresh.is_empty());
            if let Some(mut fresh) = mine {
                for kept in &fresh {
                    index.extend(kept.ahead.iter().copied());
                }
                timers.append(&mut fresh);
            }
            // In the order of the definitions, as a replay leaves them.
            if !timers.is_sorted_by_key(|kept| kept.definition) {
                timers.sort_by_key(|kept| kept.definition);
            }
            if timers.len() != before {
                timers.shrink_to_fit();
            }
            if added_some || timers.len() != before {
                self.glances[slot] = Self::glance_with(&self.definitions, &self.rows[slot]);
            }
        }
    }

    /// How many crossings lie ahead in the index.
    pub fn pending_crossings(&self) -> usize {
        self.index.len()
    }

    fn row(&self, ticket: TicketId) -> &[Kept] {
        (ticket.0 as usize).checked_sub(1).and_then(|row| self.rows.get(row)).map_or(&[], Vec::as_slice)
    }

    fn definition(&self, kept: &Kept) -> (&SlaDefinition, &BusinessCalendar) {
        let definition = &self.definitions[kept.definition];
        let calendar = self.calendars.get(definition.calendar).expect("a kept timer's calendar exists");
        (definition, calendar)
    }

    fn replay_row(&self, record: &TicketRecord) -> Vec<Kept> {
        self.replay_some(record, |_| true)
    }

    /// The timers of `record` under the definitions whose positions `which`
    /// picks, in the order of the definitions.
    pub(super) fn replay_some(&self, record: &TicketRecord, which: impl Fn(usize) -> bool) -> Vec<Kept> {
        let Some(as_of) = record.last_event_at() else { return Vec::new() };
        let mut kept = Vec::new();
        for (position, definition) in self.definitions.iter().enumerate() {
            if !which(position) || definition.conditions.ticket_kind != record.kind {
                continue;
            }
            let Some(calendar) = self.calendars.get(definition.calendar) else { continue };
            let Some(replayed) = replay(record, definition, calendar, as_of) else { continue };
            let timer = replayed.read(definition, calendar, as_of);
            let live = replayed.run.is_live() && replayed.detached.is_none();
            let counted = if live { counted(calendar, &replayed, as_of) } else { TimeDelta::zero() };
            let ahead =
                if replayed.is_running() { ahead(record.id, definition, calendar, &timer, as_of, counted) } else { Vec::new() };
            kept.push(Kept { definition: position, replayed, as_of, figures: SlaSummary::of(&timer), counted, ahead });
        }
        // Most tickets keep one or two timers; a pushed-to Vec holds room for
        // four, and at 100,000 tickets that room is most of the board's memory.
        kept.shrink_to_fit();
        kept
    }

    /// A kept timer's list figures at `now`.
    fn figures_at(&self, kept: &Kept, now: Timestamp) -> SlaSummary {
        if now <= kept.as_of || !kept.replayed.run.is_live() || kept.replayed.detached.is_some() {
            return kept.figures;
        }
        let (definition, calendar) = self.definition(kept);
        if !kept.replayed.is_running() {
            // Paused: its figures stand still. One paused after its due time
            // stays breached, due when it was; for one paused in time the due
            // time slides with "now": what is left of the target, counted
            // from "now". One paused on the instant its target ran out
            // breaches the moment time moves on, and is read afresh.
            let left = capped_target(definition.target_minutes) - kept.counted;
            return match kept.figures.stage {
                Stage::Breached => kept.figures,
                Stage::Paused if left > TimeDelta::zero() => SlaSummary { due: calendar.add_business_time(now, left), ..kept.figures },
                _ => SlaSummary::of(&kept.replayed.read(definition, calendar, now)),
            };
        }
        let due = kept.figures.due;
        let seconds = elapsed(calendar, definition, kept, now).num_seconds().max(0);
        let target = capped_target(definition.target_minutes);
        SlaSummary {
            definition: definition.id,
            stage: if now > due { Stage::Breached } else { Stage::InProgress },
            percent: percent(seconds, target.num_seconds()),
            time_left_minutes: target.num_minutes().saturating_sub(seconds / 60),
            due,
        }
    }
}

/// Business time counted by a running timer at `now` (not before `as_of`):
/// the target minus what is left before a due time still ahead, or what was
/// counted at `as_of` plus what has passed since.
fn elapsed(calendar: &BusinessCalendar, definition: &SlaDefinition, kept: &Kept, now: Timestamp) -> TimeDelta {
    let due = kept.figures.due;
    if kept.as_of <= due && now <= due {
        capped_target(definition.target_minutes) - calendar.business_time_between(now, due)
    } else {
        kept.counted + calendar.business_time_between(kept.as_of, now)
    }
}

/// Business time a replayed timer had counted at `as_of`, pauses left out,
/// to the nanosecond (its figures only show whole minutes).
fn counted(calendar: &BusinessCalendar, replayed: &Replayed, as_of: Timestamp) -> TimeDelta {
    let run = &replayed.run;
    let mut total = calendar.business_time_between(run.start, as_of);
    for (from, to) in run.pause_spans(as_of) {
        total -= calendar.business_time_between(from.max(run.start), to);
    }
    total
}

/// Sorting class of a kept timer: running, paused, met, cancelled.
fn urgency(kept: &Kept) -> u8 {
    match (&kept.replayed.detached, kept.replayed.run.cancelled_at, kept.replayed.run.stopped) {
        (Some(_), _, _) | (None, Some(_), _) => 3,
        (None, None, Some(_)) => 2,
        _ if kept.replayed.is_running() => 0,
        _ => 1,
    }
}

/// The crossings of a running timer after `as_of`: each threshold not yet
/// shown, from the instant the timer shows it, and the breach at the due time.
fn ahead(
    ticket: TicketId,
    definition: &SlaDefinition,
    calendar: &BusinessCalendar,
    timer: &Timer,
    as_of: Timestamp,
    counted: TimeDelta,
) -> Vec<SlaCrossing> {
    let target_seconds = capped_target(definition.target_minutes).num_seconds();
    let crossing = |at, kind| SlaCrossing { at, ticket, definition: definition.id, cycle: timer.cycle, kind };
    let mut out = Vec::new();
    for &p in &definition.thresholds {
        if timer.thresholds.iter().any(|c| c.percent == p) {
            continue;
        }
        let shown = TimeDelta::seconds(shown_from(target_seconds, p));
        let at = calendar.add_business_time(as_of, shown - counted);
        if at > as_of {
            out.push(crossing(at, CrossingKind::Threshold(p)));
        }
    }
    if timer.due >= as_of && timer.breached_at.is_none() {
        out.push(crossing(timer.due, CrossingKind::Breach));
    }
    out.shrink_to_fit();
    out
}

/// The first whole second of business time at which a timer's percentage,
/// rounded to hundredths, reaches `p`: up to half a hundredth of a percent of
/// the target before `p` % of it.
fn rounded_from(target_seconds: i64, p: u16) -> i64 {
    let start = (target_seconds.saturating_mul(i64::from(p)) / 100 - target_seconds / 5_000 - 1).max(0);
    first_second(target_seconds, start, |percent| percent >= f64::from(p))
}

/// The business seconds after which a timer shows threshold `p`: its share
/// of the target in whole seconds, or a little more where the rounded
/// percentage only reaches `p` later (a 1-minute target at 33 %, say).
fn shown_from(target_seconds: i64, p: u16) -> i64 {
    let start = target_seconds.saturating_mul(i64::from(p)) / 100;
    first_second(target_seconds, start, |percent| percent + 0.01 >= f64::from(p))
}

/// The first whole second of business time from `start` whose rounded
/// percentage of the target `shows`, looking at most one target further.
fn first_second(target_seconds: i64, start: i64, shows: impl Fn(f64) -> bool) -> i64 {
    let limit = start.saturating_add(target_seconds);
    let mut seconds = start;
    while !shows(percent(seconds, target_seconds)) && seconds < limit {
        seconds += 1;
    }
    seconds
}
