//! The arithmetic behind a timer's figures, one step at a time:
//!
//! 1. start + target (business time on the calendar) = original due;
//! 2. original due + business time spent paused before it = due;
//! 3. business elapsed / target = percent;
//! 4. target - business elapsed = time left (negative: over the target);
//! 5. the verdict: met on time, breached at the due time, or not yet due.
//!
//! Each step is data (so a page can lay it out as a sum) and a sentence.

use chrono_tz::Tz;

use super::words::{local_time, minutes};
use crate::domain::calendar::BusinessCalendar;
use crate::domain::ids::Timestamp;
use crate::domain::sla::{Stage, Timer};

/// One step of the arithmetic that gives a timer's figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// start + target = original due.
    OriginalDue {
        /// When the clock started.
        start: Timestamp,
        /// When it really started counting: the next opening of the calendar
        /// when the start fell outside opening hours, else the start.
        counting_from: Timestamp,
        /// The target, in minutes of the calendar's open time.
        target_minutes: u64,
        /// The calendar's name.
        calendar: String,
        /// The result: when the target falls due with no pause at all.
        original_due: Timestamp,
    },
    /// original due + paused business time = due.
    Due {
        /// From the step before.
        original_due: Timestamp,
        /// Business time spent paused before the due time: how far pauses pushed it.
        paused_business_minutes: u64,
        /// The result: when the target must be met.
        due: Timestamp,
    },
    /// business elapsed / target = percent.
    Percent {
        /// Business time counted so far (pauses excluded).
        business_elapsed_minutes: u64,
        /// The target.
        target_minutes: u64,
        /// The result, 2 decimals.
        percent: f64,
        /// Real time since the start, pauses excluded, for comparison.
        wall_elapsed_minutes: u64,
    },
    /// target - business elapsed = time left.
    TimeLeft {
        /// Business minutes left; negative once past the target.
        minutes: i64,
        /// Whether the clock has stopped (met or cancelled), so this is what was left then.
        stopped: bool,
    },
    /// Whether the promise was kept.
    Verdict {
        /// The timer's stage.
        stage: Stage,
        /// The due time.
        due: Timestamp,
        /// When it was met, or cancelled, if it was.
        ended_at: Option<Timestamp>,
    },
}

impl Step {
    /// The step as a sentence, times on the calendar's clock (`zone`).
    pub fn describe(&self, zone: Tz) -> String {
        let time = |at: Timestamp| local_time(zone, at);
        match self {
            Step::OriginalDue { start, counting_from, target_minutes, calendar, original_due } => {
                let late_start = if counting_from > start {
                    format!(" (the calendar was closed then, so counting began at {})", time(*counting_from))
                } else {
                    String::new()
                };
                format!(
                    "Start {}{late_start} + target {} of business time on the \"{calendar}\" calendar = original due {}.",
                    time(*start),
                    minutes(*target_minutes),
                    time(*original_due)
                )
            }
            Step::Due { original_due, paused_business_minutes: 0, due } if original_due == due => {
                format!("No pause came before the due time, so the due time stays {}.", time(*due))
            }
            Step::Due { original_due, paused_business_minutes, due } => format!(
                "Original due {} + {} of business time spent paused = due {}.",
                time(*original_due),
                minutes(*paused_business_minutes),
                time(*due)
            ),
            Step::Percent { business_elapsed_minutes, target_minutes, percent, wall_elapsed_minutes } => format!(
                "Business time elapsed {} / target {} = {percent:.2} % (real time elapsed, pauses excluded: {}).",
                minutes(*business_elapsed_minutes),
                minutes(*target_minutes),
                minutes(*wall_elapsed_minutes)
            ),
            Step::TimeLeft { minutes: left, stopped } => {
                let when = if *stopped { " when the clock stopped" } else { "" };
                if *left >= 0 {
                    format!("Time left{when}: {} of business time.", minutes(left.unsigned_abs()))
                } else {
                    format!("Time left{when}: none, the target was exceeded by {} of business time.", minutes(left.unsigned_abs()))
                }
            }
            Step::Verdict { stage, due, ended_at } => match (stage, ended_at) {
                (Stage::Breached, Some(met)) => {
                    format!("Breached: the due time {} passed before the target was met at {}.", time(*due), time(*met))
                }
                (Stage::Breached, None) => format!("Breached at {}: the target was not met by the due time.", time(*due)),
                (Stage::Achieved, Some(met)) => format!("Achieved: met at {}, by the due time {}.", time(*met), time(*due)),
                (Stage::Cancelled, Some(at)) => {
                    format!("Cancelled at {}: the timer no longer applies and compliance leaves it out.", time(*at))
                }
                _ => format!("Not breached yet: the target must be met by {}.", time(*due)),
            },
        }
    }
}

/// The five steps for `timer`, on `calendar` named `calendar_name`.
pub(super) fn steps(timer: &Timer, target_minutes: u64, calendar: &BusinessCalendar, calendar_name: &str) -> Vec<Step> {
    let ended_at = timer.cancelled_at.or(timer.achieved_at);
    vec![
        Step::OriginalDue {
            start: timer.start,
            counting_from: calendar.next_business_instant(timer.start),
            target_minutes,
            calendar: calendar_name.to_string(),
            original_due: timer.original_due,
        },
        Step::Due {
            original_due: timer.original_due,
            // Business time from the original due to the due is exactly the
            // business time paused before the due: pauses after it move nothing.
            paused_business_minutes: calendar.business_minutes_between(timer.original_due, timer.due),
            due: timer.due,
        },
        Step::Percent {
            business_elapsed_minutes: timer.business_elapsed_minutes,
            target_minutes,
            percent: timer.percent,
            wall_elapsed_minutes: timer.wall_elapsed_minutes,
        },
        Step::TimeLeft { minutes: timer.time_left_minutes, stopped: ended_at.is_some() },
        Step::Verdict { stage: timer.stage, due: timer.due, ended_at },
    ]
}
