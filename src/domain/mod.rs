//! The ITSM model: pure Rust with no web, storage or clock dependencies.
//!
//! Everything here takes time as an argument and returns values or typed
//! errors, so the same rules run in the browser, in native tests and in
//! benchmarks. A test (`tests/architecture.rs`) keeps web and clock imports out.
//!
//! Map of the incident model:
//!
//! * [`ids`]: typed ids, ticket numbers (`INC0001001`), [`ids::Timestamp`].
//! * [`priority`] and [`priority_lint`]: the impact x urgency matrix, its presets and its linter.
//! * [`incident`]: states, hold reasons, resolution codes, allowed transitions.
//! * [`org`]: people and roles, groups, services, CIs.
//! * [`event`] and [`ticket`]: the event history (stored truth) and the incident folded from it.
//! * [`command`], [`apply`], [`lifecycle`]: every change, validated before it is recorded.
//! * [`workspace`]: the whole world, its caches, its clock and auto-close; [`migrate`]: older stored formats;
//!   [`assemble`]: a stored workspace put together a few tickets at a time; [`teardown`]: one freed in steps.
//! * [`audit`]: events told as sentences; [`check`]: whether a stored history is a legal sequence;
//!   [`notify`]: SLA threshold notifications and who read them.
//! * [`calendar`]: business calendars (hours, holidays, time zones) and the pure SLA timer core.
//! * [`sla`]: SLA definitions, named calendars and timers replayed from a ticket's history.
//! * [`search`] and [`query`]: the trigram index, list filters, sorts and saved views.
//! * [`demo`] and [`generate`]: a realistic demo organisation and bulk data for benchmarks.

pub mod apply;
pub mod assemble;
pub mod audit;
pub mod calendar;
pub mod check;
pub mod clock;
pub mod columns;
pub mod command;
pub mod demo;
pub mod error;
pub mod event;
pub mod generate;
pub mod ids;
pub mod incident;
pub mod itil;
pub mod lifecycle;
pub mod migrate;
pub mod notify;
pub mod org;
pub mod priority;
pub mod priority_lint;
pub mod query;
pub mod search;
pub mod sla;
pub mod teardown;
pub mod ticket;
pub mod workspace;

pub use command::{Applied, Command, EscalationRequest, FieldEdit, NewIncident};
pub use error::DomainError;
pub use ids::{CiId, GroupId, PersonId, ServiceId, TicketId, TicketKind, TicketNumber, Timestamp};
pub use incident::{Category, HoldReason, IncidentState, Resolution, ResolutionCode};
pub use priority::PriorityMatrix;
pub use ticket::{Incident, TicketRecord};
pub use assemble::Assembly;
pub use workspace::{Settings, Workspace, SCHEMA_VERSION};
