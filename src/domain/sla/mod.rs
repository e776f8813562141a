//! SLA timers: how long a ticket has, how much of it is used, and whether
//! the promise was kept.
//!
//! An [`SlaDefinition`] is a target a service designer writes ("resolve a P2
//! incident within 8 business hours of the Office hours calendar, pausing
//! while On Hold"). Its calendar lives in [`Calendars`], named, so several
//! definitions share it. A [`Timer`] is what one definition says about one
//! ticket at one moment: stage, elapsed time, due time, pauses, thresholds.
//!
//! Timers are never stored. [`timers`] replays the ticket's event history
//! each time, so they are a pure function of (events, definitions,
//! calendars, now), and a definition edited mid-life gives right figures at
//! once. The calendar arithmetic is [`crate::domain::calendar`]'s.
//!
//! Files: [`definition`] (what a definition says), [`validate`] (what it may
//! not say), [`calendars`], [`config`] (definitions and calendars being edited), [`defaults`] (ServiceNow-like starting SLAs),
//! [`replay`] (history to timers, and the attachment rule), `run` (the clock
//! through states and reopens), [`timer`] (the figures), [`board`] (every
//! ticket's timers kept ready for any "now", and the crossings ahead), [`rebuild`] (a board for a new
//! configuration built in steps before it is saved), [`summary`] (colour
//! bands, "breaching soon" and a ticket's line in the incident list),
//! [`explain`] (a timer told step by step: why it attached, its timeline, its
//! arithmetic), [`whatif`] (a draft configuration compared with the saved one).

pub mod board;
pub mod calendars;
pub mod config;
pub mod defaults;
pub mod definition;
pub mod explain;
pub mod rebuild;
pub mod replay;
mod run;
pub mod summary;
pub mod timer;
pub mod validate;
pub mod whatif;

#[cfg(test)]
mod tests;

pub use board::{CrossingKind, SlaBoard, SlaCrossing, SlaSummary};
pub use calendars::{CalendarId, Calendars, NamedCalendar};
pub use defaults::{ALWAYS_OPEN, OFFICE_HOURS, default_calendars, default_slas, office_hours_calendar};
pub use explain::{Explanation, explain};
pub use definition::{
    AgreementKind, CancelCondition, Conditions, DEFAULT_THRESHOLDS, Metric, NotifyRule, PauseCondition, Recipient,
    ReopenPolicy, SlaDefinition, SlaId, default_notify,
};
pub use rebuild::BoardRebuild;
pub use replay::{timer, timers};
pub use summary::{Band, SlaStanding, TicketSla, sla_standing, sla_summary};
pub use timer::{PauseSpan, Stage, ThresholdCrossing, Timer};
pub use validate::{MAX_THRESHOLD, SlaError, check_config};
pub use whatif::{Draft, WhatIf, whatif};
