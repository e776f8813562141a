//! Generated incidents for benchmarks, and the scripting both generators use.
//!
//! Generated tickets are made the honest way: by applying commands through
//! [`Workspace::apply`] at increasing times, with the clock advanced before
//! each step so auto-close happens as it would in real life. So their
//! histories are real and every rule has been checked on them.
//!
//! Randomness comes from [`Prng`], a small SplitMix64 generator: the same
//! seed always gives the same workspace, on every platform.

use chrono::Duration;

use super::command::{Command, NewIncident};
use super::error::DomainError;
use super::ids::{PersonId, TicketId, Timestamp};
use super::incident::{Category, HoldReason, IncidentState, ResolutionCode};
use super::lifecycle::transition;
use super::workspace::Workspace;

/// A small deterministic pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Prng(u64);

impl Prng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Self {
        Prng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with the given percentage.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Builds a command once the ids of the script's tickets are known.
pub(super) type MakeCommand = Box<dyn Fn(&[Option<TicketId>]) -> Command>;

/// One scripted step: who does what, when. `creates` names the script slot
/// the created ticket fills, so later steps can refer to it.
pub(super) struct Step {
    pub at: Timestamp,
    pub actor: PersonId,
    pub creates: Option<usize>,
    pub make: MakeCommand,
}

/// A list of steps run in time order (ties keep insertion order).
pub(super) struct Script {
    pub steps: Vec<Step>,
    pub slots: usize,
}

impl Script {
    /// A script whose created tickets fill `slots` slots.
    pub fn new(slots: usize) -> Self {
        Script { steps: Vec::new(), slots }
    }

    /// Adds a step.
    pub fn add(&mut self, at: Timestamp, actor: PersonId, make: impl Fn(&[Option<TicketId>]) -> Command + 'static) {
        self.steps.push(Step { at, actor, creates: None, make: Box::new(make) });
    }

    /// Adds a step creating the ticket of `slot`.
    pub fn create(&mut self, slot: usize, at: Timestamp, actor: PersonId, new: NewIncident) {
        let make: MakeCommand = Box::new(move |_| Command::CreateIncident(new.clone()));
        self.steps.push(Step { at, actor, creates: Some(slot), make });
    }

    /// Runs every step in time order, advancing the clock before each, then
    /// to `end`. Returns the created tickets by slot.
    pub fn run(mut self, ws: &mut Workspace, end: Timestamp) -> Result<Vec<Option<TicketId>>, DomainError> {
        self.steps.sort_by_key(|s| s.at);
        let mut ids = vec![None; self.slots];
        for step in &self.steps {
            ws.advance_clock(step.at);
            let command = (step.make)(&ids);
            let applied = ws.apply(command, step.actor, step.at)?;
            if let (Some(slot), Some(id)) = (step.creates, applied.created) {
                ids[slot] = Some(id);
            }
        }
        ws.advance_clock(end);
        Ok(ids)
    }
}

/// The slot's ticket id; scripts only refer to slots created earlier.
pub(super) fn slot(ids: &[Option<TicketId>], k: usize) -> TicketId {
    ids[k].expect("a script step refers to a ticket created before it")
}

const SYMPTOMS: &[(&str, Category, &str)] = &[
    ("cannot log in to", Category::Software, "Authentication"),
    ("is very slow on", Category::Software, "Performance"),
    ("shows error 500 on", Category::Software, "Application error"),
    ("printer jammed near", Category::Hardware, "Printer"),
    ("laptop will not boot at", Category::Hardware, "Laptop"),
    ("Wi-Fi drops at", Category::Network, "Wireless"),
    ("VPN disconnects from", Category::Network, "VPN"),
    ("database timeout in", Category::Database, "Availability"),
    ("suspicious e-mail received at", Category::Security, "Phishing"),
    ("how do I export a report from", Category::Inquiry, "How-to"),
];
const PLACES: &[&str] = &[
    "the warehouse portal", "Dock 3", "the Rotterdam office", "the finance floor", "the customs gateway",
    "the fleet tracker", "the night shift desk", "the Antwerp depot", "the billing system", "meeting room Nautilus",
];

/// Adds `count` generated incidents to `ws`, opened over the 90 days before
/// `now` with a realistic mix of outcomes (about 10 % New, 15 % In Progress,
/// 8 % On Hold, 7 % Canceled, the rest Resolved or, after auto-close, Closed).
/// The workspace needs at least one assignment group with an agent member
/// and one person to act as caller. Returns the created incidents.
pub fn generate_incidents(ws: &mut Workspace, count: usize, seed: u64, now: Timestamp) -> Result<Vec<TicketId>, DomainError> {
    let teams: Vec<_> = ws
        .groups()
        .iter()
        .filter_map(|g| {
            let agents: Vec<PersonId> =
                g.members.iter().copied().filter(|&m| ws.person(m).is_some_and(|p| p.is_agent())).collect();
            (!agents.is_empty()).then_some((g.id, agents))
        })
        .collect();
    let callers: Vec<PersonId> = ws.people().iter().map(|p| p.id).collect();
    if teams.is_empty() || callers.is_empty() {
        return Err(DomainError::BadWorkspace {
            reason: "generating incidents needs an assignment group with an agent member".to_string(),
        });
    }
    let impacts: Vec<u8> = ws.matrix().impact.levels.iter().map(|l| l.value).collect();
    let urgencies: Vec<u8> = ws.matrix().urgency.levels.iter().map(|l| l.value).collect();
    let mut rng = Prng::new(seed);
    let mut script = Script::new(count);
    let window_minutes = 90 * 24 * 60;
    for k in 0..count {
        let opened = now - Duration::minutes(60 + rng.below(window_minutes) as i64);
        let (group, agents) = rng.pick(&teams).clone();
        let agent = *rng.pick(&agents);
        let caller = *rng.pick(&callers);
        let (symptom, category, subcategory) = *rng.pick(SYMPTOMS);
        let place = *rng.pick(PLACES);
        let new = NewIncident {
            short_description: format!("{} {symptom} {place}", ["User", "Team", "Site"][k % 3]),
            description: format!("Reported by phone. Reference G{seed}-{k}. Affects {place}."),
            caller,
            category,
            subcategory: subcategory.to_string(),
            service: None,
            ci: None,
            impact: *rng.pick(&impacts),
            urgency: *rng.pick(&urgencies),
            assignment_group: Some(group),
            assigned_to: None,
        };
        script.create(k, opened, agent, new);
        let roll = rng.below(100);
        if roll < 10 {
            continue; // stays New
        }
        let started = opened + Duration::minutes(5 + rng.below(120) as i64);
        if started >= now {
            continue;
        }
        script.add(started, agent, move |ids| Command::Assign { id: slot(ids, k), group: Some(group), agent: Some(agent) });
        if roll < 17 {
            script.add(started, agent, move |ids| transition(slot(ids, k), IncidentState::Canceled));
            continue;
        }
        script.add(started, agent, move |ids| transition(slot(ids, k), IncidentState::InProgress));
        let resolved = started + Duration::minutes(30 + rng.below(4 * 24 * 60) as i64);
        if roll < 32 || resolved >= now {
            continue; // stays In Progress
        }
        if roll < 40 {
            let reason = *rng.pick(&HoldReason::ALL);
            script.add(resolved, agent, move |ids| Command::Transition {
                id: slot(ids, k),
                to: IncidentState::OnHold,
                hold_reason: Some(reason),
                resolution_code: None,
                resolution_notes: String::new(),
            });
            continue;
        }
        let code = *rng.pick(&[ResolutionCode::SolvedPermanently, ResolutionCode::SolvedWorkAround, ResolutionCode::SolvedRemotely]);
        script.add(resolved, agent, move |ids| Command::Transition {
            id: slot(ids, k),
            to: IncidentState::Resolved,
            hold_reason: None,
            resolution_code: Some(code),
            resolution_notes: "Service restored and confirmed with the caller.".to_string(),
        });
    }
    let ids = script.run(ws, now)?;
    Ok(ids.into_iter().flatten().collect())
}
