//! The life of a timer as a timeline: every piece of time from its start to
//! its end, and whether that piece counted towards the target.
//!
//! A piece is *counted* (the calendar was open and the clock ran), *skipped*
//! (the calendar was closed: a night, a weekend, a holiday, a lunch break) or
//! *paused* (the ticket was in a pausing state, such as On Hold, whatever the
//! calendar said). The pieces follow each other with no gap and no overlap,
//! and the counted ones add up to exactly the business time the timer shows.
//! The calendar's own [`BusinessCalendar::stretches`] gives the counted and
//! skipped pieces; pauses are laid over them.
//!
//! A ticket open for a year has hundreds of nights; [`Timeline::rows`] keeps
//! the first and last pieces and sums up the ones between in a single row,
//! so a page never shows thousands of lines.

use chrono::TimeDelta;
use chrono_tz::Tz;

use super::words::{local_range, span};
use crate::domain::calendar::{BusinessCalendar, SkipReason, StretchKind};
use crate::domain::ids::Timestamp;
use crate::domain::incident::{HoldReason, IncidentState};
use crate::domain::sla::PauseSpan;

/// What happened to the SLA clock during one piece of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentKind {
    /// Business time: the calendar was open and the clock ran.
    Counted,
    /// The calendar was closed, so the clock stood still (night, weekend, holiday, lunch).
    Skipped(SkipReason),
    /// The ticket was in a state that pauses the timer (On Hold, say), so the
    /// clock stood still even where the calendar was open.
    Paused {
        /// The state that held the clock.
        state: IncidentState,
        /// Why the ticket was on hold, when it was.
        hold_reason: Option<HoldReason>,
    },
}

/// One piece of a timer's timeline, `from` (included) to `to` (excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where the piece starts.
    pub from: Timestamp,
    /// Where it ends, which is where the next piece starts.
    pub to: Timestamp,
    /// Counted, skipped or paused.
    pub kind: SegmentKind,
    /// The business time inside the piece: all of it when counted, none when
    /// skipped, and for a pause the open hours it covered (time that did not
    /// count, and that moved the due time later if it came before it).
    pub business: TimeDelta,
}

impl Segment {
    /// How long the piece lasted in real time.
    pub fn wall(&self) -> TimeDelta {
        self.to - self.from
    }

    /// Whether the SLA clock ran during this piece.
    pub fn is_counted(&self) -> bool {
        self.kind == SegmentKind::Counted
    }

    /// One line for a student, times on the calendar's clock (`zone`).
    pub fn describe(&self, zone: Tz) -> String {
        let when = format!("{} ({})", local_range(zone, self.from, self.to), span(self.wall()));
        match &self.kind {
            SegmentKind::Counted => format!("{when}: counted, the calendar was open"),
            SegmentKind::Skipped(reason) => format!("{when}: not counted, {}", reason.describe()),
            SegmentKind::Paused { state, hold_reason } => {
                let why = hold_reason.map_or_else(|| state.label().to_string(), |r| format!("{} ({})", state.label(), r.label()));
                format!("{when}: paused while {why}; {} of it fell in opening hours and did not count", span(self.business))
            }
        }
    }
}

/// Several pieces of a long timeline told in one row: how much counted and
/// how many of each kind of skipped or paused piece lay between `from` and `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Start of the first piece summed up.
    pub from: Timestamp,
    /// End of the last piece summed up.
    pub to: Timestamp,
    /// How many pieces the row stands for.
    pub segments: usize,
    /// Business time counted in them.
    pub counted: TimeDelta,
    /// Pieces outside opening hours on working days (nights, early mornings, evenings).
    pub nights: usize,
    /// Pieces covering days with no opening hours (weekends).
    pub weekends: usize,
    /// The holidays met, by name, in order.
    pub holidays: Vec<String>,
    /// Breaks between two opening intervals of a day (lunch).
    pub lunch_breaks: usize,
    /// Pauses.
    pub pauses: usize,
    /// Real time spent paused.
    pub paused: TimeDelta,
}

impl Summary {
    fn of(segments: &[Segment]) -> Self {
        let mut summary = Summary {
            from: segments.first().map_or_else(Timestamp::default, |s| s.from),
            to: segments.last().map_or_else(Timestamp::default, |s| s.to),
            segments: segments.len(),
            counted: TimeDelta::zero(),
            nights: 0,
            weekends: 0,
            holidays: Vec::new(),
            lunch_breaks: 0,
            pauses: 0,
            paused: TimeDelta::zero(),
        };
        for segment in segments {
            match &segment.kind {
                SegmentKind::Counted => summary.counted += segment.wall(),
                SegmentKind::Skipped(SkipReason::OutsideHours) => summary.nights += 1,
                SegmentKind::Skipped(SkipReason::Weekend) => summary.weekends += 1,
                SegmentKind::Skipped(SkipReason::Holiday { label, .. }) => summary.holidays.push(label.clone()),
                SegmentKind::Skipped(SkipReason::LunchBreak) => summary.lunch_breaks += 1,
                SegmentKind::Paused { .. } => {
                    summary.pauses += 1;
                    summary.paused += segment.wall();
                }
            }
        }
        summary
    }

    /// One line for a student, times on the calendar's clock (`zone`).
    pub fn describe(&self, zone: Tz) -> String {
        let mut skipped = Vec::new();
        let mut count = |n: usize, one: &str, many: &str| match n {
            0 => {}
            1 => skipped.push(format!("1 {one}")),
            n => skipped.push(format!("{n} {many}")),
        };
        count(self.nights, "night or evening outside opening hours", "nights or evenings outside opening hours");
        count(self.weekends, "weekend", "weekends");
        count(self.lunch_breaks, "lunch break", "lunch breaks");
        if !self.holidays.is_empty() {
            let shown: Vec<&str> = self.holidays.iter().take(5).map(String::as_str).collect();
            let more = self.holidays.len() - shown.len();
            let names = if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") };
            let noun = if self.holidays.len() == 1 { "holiday" } else { "holidays" };
            skipped.push(format!("{} {noun} ({names})", self.holidays.len()));
        }
        let mut line = format!(
            "{}: {} pieces in brief: {} counted",
            local_range(zone, self.from, self.to),
            self.segments,
            span(self.counted)
        );
        if !skipped.is_empty() {
            line.push_str(&format!("; not counted: {}", skipped.join(", ")));
        }
        match self.pauses {
            0 => {}
            1 => line.push_str(&format!("; 1 pause ({})", span(self.paused))),
            n => line.push_str(&format!("; {n} pauses ({} in all)", span(self.paused))),
        }
        line
    }
}

/// A row of a timeline as a page shows it: one piece, or several summed up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// One piece in full.
    Segment(Segment),
    /// Many pieces in one line.
    Summary(Summary),
}

impl Row {
    /// One line for a student, times on the calendar's clock (`zone`).
    pub fn describe(&self, zone: Tz) -> String {
        match self {
            Row::Segment(segment) => segment.describe(zone),
            Row::Summary(summary) => summary.describe(zone),
        }
    }
}

/// Every piece of a timer's life from its start to its end (when it was met
/// or cancelled, or "now"), in order, tiling that span exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The timer's start: where its clock started counting (or would have,
    /// had the calendar been open).
    pub from: Timestamp,
    /// Where the explanation stops: when the target was met, the timer was
    /// cancelled, or "now".
    pub to: Timestamp,
    /// The pieces, oldest first.
    pub segments: Vec<Segment>,
}

impl Timeline {
    /// Lays the pauses over the calendar's stretches between `from` and `to`.
    /// Pauses are those of a [`crate::domain::sla::Timer`]: oldest first, not
    /// overlapping; one still going on has no end and runs to `to`.
    pub(super) fn build(calendar: &BusinessCalendar, from: Timestamp, to: Timestamp, pauses: &[PauseSpan]) -> Self {
        let mut segments = Vec::new();
        let mut cursor = from;
        for pause in pauses {
            let (start, end) = (pause.from.max(cursor), pause.to.unwrap_or(to).min(to));
            if start >= end {
                continue;
            }
            push_stretches(calendar, cursor, start, &mut segments);
            let kind = SegmentKind::Paused { state: pause.state, hold_reason: pause.hold_reason };
            segments.push(Segment { from: start, to: end, kind, business: calendar.business_time_between(start, end) });
            cursor = end;
        }
        push_stretches(calendar, cursor, to, &mut segments);
        Timeline { from, to, segments }
    }

    /// Business time counted: the sum of the counted pieces.
    pub fn counted(&self) -> TimeDelta {
        self.segments.iter().filter(|s| s.is_counted()).map(Segment::wall).sum()
    }

    /// The timeline in at most `max_rows` rows (at least 3): every piece when
    /// they fit; otherwise the first and last pieces in full and one
    /// [`Summary`] row for those between.
    pub fn rows(&self, max_rows: usize) -> Vec<Row> {
        let max_rows = max_rows.max(3);
        let n = self.segments.len();
        if n <= max_rows {
            return self.segments.iter().cloned().map(Row::Segment).collect();
        }
        let head = (max_rows - 1) / 2;
        let tail = max_rows - 1 - head;
        let mut rows: Vec<Row> = self.segments[..head].iter().cloned().map(Row::Segment).collect();
        rows.push(Row::Summary(Summary::of(&self.segments[head..n - tail])));
        rows.extend(self.segments[n - tail..].iter().cloned().map(Row::Segment));
        rows
    }
}

fn push_stretches(calendar: &BusinessCalendar, from: Timestamp, to: Timestamp, out: &mut Vec<Segment>) {
    for stretch in calendar.stretches(from, to) {
        let (kind, business) = match stretch.kind {
            StretchKind::Counted => (SegmentKind::Counted, stretch.duration()),
            StretchKind::Skipped(reason) => (SegmentKind::Skipped(reason), TimeDelta::zero()),
        };
        out.push(Segment { from: stretch.from, to: stretch.to, kind, business });
    }
}
