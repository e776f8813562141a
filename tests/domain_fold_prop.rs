#![cfg(not(target_arch = "wasm32"))]
//! Property: for any sequence of commands, folding each ticket's stored events
//! from scratch gives exactly the incident the workspace maintained step by
//! step, a refused command changes nothing, and the JSON round trip
//! preserves everything.

use chrono::Duration;
use proptest::prelude::*;
use servicelab::domain::*;

#[path = "common/commands.rs"]
mod commands;
use commands::{command, world};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn folding_the_history_equals_the_maintained_incident(
        steps in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), 0u16..3000), 1..60)
    ) {
        let mut w = world();
        let mut t = w.ws.clock().now;
        for (kind, a, b, c, who, minutes) in steps {
            t += Duration::minutes(i64::from(minutes));
            w.ws.advance_clock(t);
            let actor = w.people[usize::from(who) % w.people.len()];
            let cmd = command(&w, kind, a, b, c);
            let before = w.ws.clone();
            match w.ws.apply(cmd, actor, t) {
                Ok(_) => {}
                Err(_) => prop_assert_eq!(&w.ws, &before, "a refused command changed the workspace"),
            }
        }
        for record in w.ws.tickets() {
            let folded = Incident::fold(record).expect("every record starts with its creation");
            prop_assert_eq!(Some(&folded), w.ws.incident(record.id));
            prop_assert!(record.events.windows(2).all(|p| p[0].at <= p[1].at));
            let inc = &folded;
            prop_assert_eq!(inc.hold_reason.is_some(), inc.state == IncidentState::OnHold);
            prop_assert_eq!(inc.resolution.is_some(), matches!(inc.state, IncidentState::Resolved | IncidentState::Closed));
            prop_assert!(!w.ws.ancestors(record.id).contains(&record.id));
        }
        let back = Workspace::from_json(&w.ws.to_json()).unwrap();
        prop_assert_eq!(&back, &w.ws);
    }
}

/// The generator above must reach deep into the lifecycle, or the property
/// would prove little: a fixed pseudo-random run checks that it does.
#[test]
fn the_command_generator_reaches_every_state() {
    use servicelab::domain::generate::Prng;
    let mut rng = Prng::new(7);
    let mut w = world();
    let mut t = w.ws.clock().now;
    let mut applied = 0;
    for _ in 0..2000 {
        let r = rng.next_u64().to_le_bytes();
        t += Duration::minutes(i64::from(r[5] % 60));
        w.ws.advance_clock(t);
        let actor = w.people[usize::from(r[4]) % w.people.len()];
        if w.ws.apply(command(&w, r[0], r[1], r[2], r[3]), actor, t).is_ok() {
            applied += 1;
        }
    }
    assert!(applied > 400, "only {applied} commands applied");
    for state in IncidentState::ALL {
        assert!(w.ws.incidents().any(|i| i.state == state), "{state:?} never reached");
    }
    assert!(w.ws.incidents().any(|i| !i.children.is_empty()));
    assert!(w.ws.incidents().any(|i| i.major));
    for record in w.ws.tickets() {
        assert_eq!(Incident::fold(record).as_ref(), w.ws.incident(record.id));
    }
}
