#![cfg(not(target_arch = "wasm32"))]
//! Properties of SLA timers over random valid incident histories: business
//! time never exceeds wall time, elapsed time never goes back as "now"
//! advances, pausing never adds time, and pauses only move the due time later.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use servicelab::domain::sla::{PauseCondition, ReopenPolicy, SlaDefinition, Timer, default_calendars, default_slas, timers};
use servicelab::domain::{TicketRecord, Timestamp};

#[path = "common/sla_history.rs"]
mod sla_history;
use sla_history::{Step, history};

fn step() -> impl Strategy<Value = Step> {
    sla_history::step(3 * 24 * 60, 0.2)
}

fn definitions(policy: usize) -> Vec<SlaDefinition> {
    let mut slas = default_slas();
    for sla in &mut slas {
        sla.reopen = ReopenPolicy::ALL[policy];
    }
    slas
}

fn arbitrary() -> impl Strategy<Value = (TicketRecord, Timestamp, usize)> {
    (0i64..2 * 365 * 24 * 60, 1u8..=4, prop::collection::vec(step(), 0..12), 0..ReopenPolicy::ALL.len()).prop_map(
        |(offset, priority, steps, policy)| {
            let opened = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap() + TimeDelta::minutes(offset);
            let (record, last) = history(opened, priority, &steps);
            (record, last, policy)
        },
    )
}

fn find(found: &[Timer], timer: &Timer) -> Timer {
    found.iter().find(|t| t.definition == timer.definition).cloned().expect("a timer never disappears")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn business_elapsed_never_exceeds_wall_elapsed_and_due_is_never_early(
        (record, last, policy) in arbitrary(), extra in 0i64..5 * 24 * 60,
    ) {
        let now = last + TimeDelta::minutes(extra);
        for timer in timers(&record, &definitions(policy), &default_calendars(), now) {
            prop_assert!(timer.business_elapsed_minutes <= timer.wall_elapsed_minutes, "{timer:?}");
            prop_assert!(timer.due >= timer.original_due, "{timer:?}");
            prop_assert!(timer.thresholds.windows(2).all(|w| w[0].percent < w[1].percent && w[0].at <= w[1].at));
            prop_assert!(timer.pauses.windows(2).all(|w| w[0].to.is_some_and(|to| to <= w[1].from)));
        }
    }

    #[test]
    fn elapsed_time_never_goes_back_as_now_advances(
        (record, _last, policy) in arbitrary(), a in 0i64..20 * 24 * 60, b in 0i64..5 * 24 * 60,
    ) {
        let opened = record.events[0].at;
        let (early, late) = (opened + TimeDelta::minutes(a), opened + TimeDelta::minutes(a + b));
        let slas = definitions(policy);
        let calendars = default_calendars();
        let later = timers(&record, &slas, &calendars, late);
        for before in timers(&record, &slas, &calendars, early) {
            let after = find(&later, &before);
            if after.cycle == before.cycle {
                prop_assert!(after.business_elapsed_minutes >= before.business_elapsed_minutes, "{before:?}\n{after:?}");
                prop_assert!(after.wall_elapsed_minutes >= before.wall_elapsed_minutes, "{before:?}\n{after:?}");
            } else {
                prop_assert!(after.cycle > before.cycle);
            }
        }
    }

    #[test]
    fn pausing_on_hold_never_adds_elapsed_time((record, last, policy) in arbitrary(), extra in 0i64..3 * 24 * 60) {
        let now = last + TimeDelta::minutes(extra);
        let with_pauses = definitions(policy);
        let mut without_pauses = with_pauses.clone();
        for sla in &mut without_pauses {
            sla.pause = PauseCondition::never();
        }
        let calendars = default_calendars();
        let paused = timers(&record, &with_pauses, &calendars, now);
        let running = timers(&record, &without_pauses, &calendars, now);
        prop_assert_eq!(paused.len(), running.len());
        for (p, r) in paused.iter().zip(&running) {
            prop_assert_eq!(p.definition, r.definition);
            prop_assert!(p.business_elapsed_minutes <= r.business_elapsed_minutes, "{p:?}\n{r:?}");
            prop_assert!(p.wall_elapsed_minutes <= r.wall_elapsed_minutes, "{p:?}\n{r:?}");
            prop_assert!(p.due >= r.due, "{p:?}\n{r:?}");
        }
    }
}
