//! Reading a ticket's SLA line from the board, as lists do for every row:
//! its [`TicketSla`] from the kept figures, and where its most urgent timer
//! stands ([`SlaStanding`]) from a [`Glance`] kept beside its timers when
//! that is enough.

use super::{Kept, SlaBoard};
use crate::domain::ids::{TicketId, Timestamp};
use crate::domain::sla::definition::{SlaDefinition, SlaId};
use crate::domain::sla::summary::{Band, SlaStanding, TicketSla};
use crate::domain::sla::timer::Stage;

/// What a list's SLA filter most often asks of a ticket, kept beside its
/// timers: a view over 30,000 open incidents reads these few bytes each
/// instead of each ticket's timers, scattered in memory (a cache miss or two
/// per ticket, most of the view's time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Glance {
    /// The latest instant the ticket's timers were replayed to; `None` when it has none.
    pub(super) replayed_to: Option<Timestamp>,
    /// Of its live timers that are running or were paused after their due
    /// time, the one due first (the first in definition order on a tie):
    /// once "now" is past that due time, it is the ticket's most urgent timer.
    pub(super) first_due: Option<(Timestamp, SlaId)>,
}

impl SlaBoard {
    /// Whether the board answers for `ticket` at `now`: its timers were
    /// replayed to no later than `now` (a ticket no definition ever covered
    /// has none at any time, since timers only attach as events come).
    /// Reading the kept timers spares a list a look at each ticket's history.
    pub fn answers(&self, ticket: TicketId, now: Timestamp) -> bool {
        self.glance_at(ticket).replayed_to.is_none_or(|to| to <= now)
    }

    /// The ticket's line in a list at `now` ([`TicketSla`]): exactly what
    /// [`TicketSla::of`] gives for [`SlaBoard::timers`], most of the time
    /// without reading a timer in full. Its band follows from its list
    /// figures (see [`Band::from_figures`]); only a running timer within a
    /// hundredth of a percent under a warning threshold is read in full.
    pub fn ticket_sla(&self, ticket: TicketId, now: Timestamp) -> Option<TicketSla> {
        TicketSla::most_urgent(self.row(ticket).iter().map(|kept| self.line_at(kept, now)))
    }

    /// Where the ticket's most urgent timer stands at `now`: exactly the
    /// [`TicketSla::standing`] of [`SlaBoard::ticket_sla`]. Once `now` is
    /// past the ticket's first due time (its [`Glance`]) that is all it
    /// reads: the timer is Breached whatever its percentage, and the
    /// business time it counted since (a walk over every week since its
    /// last event) is not needed.
    pub fn standing(&self, ticket: TicketId, now: Timestamp) -> Option<SlaStanding> {
        let glance = self.glance_at(ticket);
        if let (Some(to), Some((due, definition))) = (glance.replayed_to, glance.first_due)
            && to <= now
            && now > due
        {
            // Past the first due time of its running (or paused when
            // breached) timers: that one is live and breached, due before
            // any other such timer.
            return Some(SlaStanding { definition, band: Band::Breached, live: true, due });
        }
        SlaStanding::most_urgent(self.row(ticket).iter().map(|kept| self.line_at(kept, now).standing()))
    }

    fn line_at(&self, kept: &Kept, now: Timestamp) -> TicketSla {
        let (definition, calendar) = self.definition(kept);
        let replayed = &kept.replayed;
        let figures = self.figures_at(kept, now);
        match Band::from_figures(figures.stage, figures.percent, &definition.thresholds) {
            Some(band) => TicketSla {
                definition: figures.definition,
                band,
                live: replayed.run.is_live() && replayed.detached.is_none(),
                percent: figures.percent,
                time_left_minutes: figures.time_left_minutes,
                due: figures.due,
            },
            None => TicketSla::line(&replayed.read(definition, calendar, now.max(kept.as_of)), &definition.thresholds),
        }
    }

    fn glance_at(&self, ticket: TicketId) -> Glance {
        (ticket.0 as usize).checked_sub(1).and_then(|row| self.glances.get(row)).copied().unwrap_or_default()
    }

    /// The glance at `row`, the timers of one ticket.
    pub(super) fn glance(&self, row: &[Kept]) -> Glance {
        Self::glance_with(&self.definitions, row)
    }

    /// [`SlaBoard::glance`] while the board's rows are borrowed.
    pub(super) fn glance_with(definitions: &[SlaDefinition], row: &[Kept]) -> Glance {
        let can_be_overdue = |kept: &&Kept| {
            kept.replayed.is_running()
                || (kept.replayed.run.is_live() && kept.replayed.detached.is_none() && kept.figures.stage == Stage::Breached)
        };
        Glance {
            replayed_to: row.iter().map(|kept| kept.as_of).max(),
            first_due: row
                .iter()
                .filter(can_be_overdue)
                .min_by_key(|kept| kept.figures.due)
                .map(|kept| (kept.figures.due, definitions[kept.definition].id)),
        }
    }
}
