//! SLA compliance, the figure service level reports lead with:
//!
//! compliance = achieved / (achieved + breached)
//!
//! Only timers whose outcome is known count: achieved ones (met on time) and
//! breached ones (the due time passed, whether the ticket was then resolved
//! late or is still open, since the promise is already broken). Timers still
//! in progress or paused have no outcome yet, and cancelled ones no longer
//! apply, so both are left out. With no achieved and no breached timer there
//! is no percentage at all: "no finished timers", never 0 % or NaN.

use crate::domain::sla::Stage;

/// Achieved and breached timers of one group (a priority, a definition, or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compliance {
    /// Timers that met their target on time.
    pub achieved: usize,
    /// Timers whose due time passed before the target was met.
    pub breached: usize,
}

impl Compliance {
    /// Counts one timer in `stage`; stages without an outcome are ignored.
    pub fn count(&mut self, stage: Stage) {
        match stage {
            Stage::Achieved => self.achieved += 1,
            Stage::Breached => self.breached += 1,
            Stage::InProgress | Stage::Paused | Stage::Cancelled => {}
        }
    }

    /// Takes back a timer counted with [`Compliance::count`].
    pub(super) fn uncount(&mut self, stage: Stage) {
        match stage {
            Stage::Achieved => self.achieved = self.achieved.saturating_sub(1),
            Stage::Breached => self.breached = self.breached.saturating_sub(1),
            Stage::InProgress | Stage::Paused | Stage::Cancelled => {}
        }
    }

    /// Timers with an outcome: achieved + breached.
    pub fn finished(&self) -> usize {
        self.achieved + self.breached
    }

    /// achieved / (achieved + breached) as a percentage, 2 decimals; `None`
    /// when no timer has finished, since there is nothing to divide.
    pub fn percent(&self) -> Option<f64> {
        let finished = self.finished();
        if finished == 0 {
            return None;
        }
        let hundredths = (self.achieved as u128 * 20_000 + finished as u128) / (2 * finished as u128);
        Some(hundredths as f64 / 100.0)
    }

    /// The figure with its counts, e.g. `75.00 % (3 achieved of 4 finished)`,
    /// or `no finished timers`.
    pub fn describe(&self) -> String {
        match self.percent() {
            Some(percent) => format!("{percent:.2} % ({} achieved of {} finished)", self.achieved, self.finished()),
            None => "no finished timers".to_string(),
        }
    }
}

/// Compliance under the configuration in force and under a draft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Comparison {
    /// With the saved configuration.
    pub before: Compliance,
    /// With the draft.
    pub after: Compliance,
}

impl Comparison {
    /// `before → after`, e.g. `80.00 % (8 achieved of 10 finished) → 60.00 % (6 achieved of 10 finished)`.
    pub fn describe(&self) -> String {
        format!("{} → {}", self.before.describe(), self.after.describe())
    }

    /// Whether the draft changes the counts.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compliance_is_achieved_over_finished_and_says_so_when_nothing_finished() {
        let mut c = Compliance::default();
        assert_eq!((c.percent(), c.describe()), (None, "no finished timers".to_string()));
        for stage in [Stage::Achieved, Stage::Achieved, Stage::InProgress, Stage::Paused, Stage::Cancelled, Stage::Breached] {
            c.count(stage);
        }
        assert_eq!((c.achieved, c.breached, c.finished()), (2, 1, 3));
        assert_eq!(c.percent(), Some(66.67));
        assert_eq!(c.describe(), "66.67 % (2 achieved of 3 finished)");
        let all_breached = Compliance { achieved: 0, breached: 4 };
        assert_eq!(all_breached.percent(), Some(0.0));
    }
}
