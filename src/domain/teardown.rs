//! Freeing a large workspace a slice at a time.
//!
//! A workspace of 100,000 tickets is millions of small allocations: every
//! event's texts, every folded incident, every ticket's SLA timers and search
//! text. Dropping it frees them all in one go, which in a browser tab is one
//! task of about a hundred milliseconds: a frozen page. Code that is done
//! with a large workspace (an import stored or cancelled) turns it into a
//! [`Teardown`] and calls [`Teardown::step`] between turns of the page.
//!
//! The workspace is owned by the teardown and never handed back, so the
//! half-freed state in between (tickets gone from the end, caches shortened
//! with them) can never be read.

use super::workspace::Workspace;

/// A workspace being freed, the last tickets first (see the module's documentation).
#[derive(Debug)]
pub struct Teardown(Option<Workspace>);

impl Workspace {
    /// Starts freeing this workspace in steps.
    pub fn teardown(self) -> Teardown {
        Teardown(Some(self))
    }
}

impl Teardown {
    /// Frees up to `tickets` more tickets (at least one), with what every
    /// cache keeps for them; once none is left, the rest of the workspace.
    /// True when everything is freed.
    pub fn step(&mut self, tickets: usize) -> bool {
        let Some(ws) = self.0.as_mut() else { return true };
        let keep = ws.tickets.len().saturating_sub(tickets.max(1));
        ws.tickets.truncate(keep);
        ws.derived.incidents.truncate(keep);
        ws.derived.versions.0.truncate(keep);
        ws.derived.sla.keep_rows(keep);
        ws.derived.search.keep_rows(keep);
        if keep == 0 {
            self.0 = None;
        }
        self.0.is_none()
    }

    /// How many tickets are left to free.
    pub fn left(&self) -> usize {
        self.0.as_ref().map_or(0, |ws| ws.tickets.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::demo::demo_workspace;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_teardown_frees_a_step_of_tickets_at_a_time_until_nothing_is_left() {
        let ws = demo_workspace(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
        let total = ws.tickets().len();
        assert!(total > 20, "the demo has tickets to free");
        let mut teardown = ws.teardown();
        let mut steps = 0;
        while !teardown.step(20) {
            steps += 1;
            assert_eq!(teardown.left(), total - 20 * steps);
        }
        assert_eq!(teardown.left(), 0);
        assert_eq!(steps, total.div_ceil(20) - 1);
        assert!(teardown.step(20), "a finished teardown stays finished");
    }

    #[test]
    fn a_step_of_zero_still_frees_one_ticket() {
        let ws = demo_workspace(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
        let total = ws.tickets().len();
        let mut teardown = ws.teardown();
        assert!(!teardown.step(0));
        assert_eq!(teardown.left(), total - 1);
    }
}
