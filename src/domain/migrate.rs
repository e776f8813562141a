//! Older stored formats, brought up to date.
//!
//! A workspace carries the `schema_version` it was written with. Reading
//! starts from the raw JSON value: each step below upgrades one version to
//! the next, so a file from any earlier release reaches the current format
//! by running the steps in order. A file from a *newer* release is refused
//! with [`DomainError::NewerSchema`] rather than guessed at, so that the app
//! can open it read-only and never overwrite data it does not understand.
//!
//! Steps add what the old format lacked with the values a fresh workspace
//! gets, so migrated data equals data created fresh (tested in
//! `tests/domain_migrate.rs`).

use serde_json::{Map, Value};

use super::error::DomainError;
use super::sla::{default_calendars, default_slas};
use super::workspace::SCHEMA_VERSION;

/// Upgrades a stored workspace in place to [`SCHEMA_VERSION`] and returns
/// the version it was found in.
pub fn upgrade(value: &mut Value) -> Result<u32, DomainError> {
    let bad = |reason: &str| DomainError::BadWorkspace { reason: reason.to_string() };
    let object = value.as_object_mut().ok_or_else(|| bad("it is not a JSON object"))?;
    let found = object
        .get("schema_version")
        .ok_or_else(|| bad("it has no schema_version"))?
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| bad("its schema_version is not a whole number"))?;
    if found == 0 {
        return Err(bad("its schema_version is 0, which no release wrote"));
    }
    if found > SCHEMA_VERSION {
        return Err(DomainError::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    let mut version = found;
    while version < SCHEMA_VERSION {
        match version {
            1 => v1_to_v2(object)?,
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
        version += 1;
        object.insert("schema_version".into(), Value::from(version));
    }
    Ok(found)
}

/// Version 2 stores SLA definitions and their calendars in the workspace.
/// Version 1 workspaces get the defaults a new workspace starts with.
fn v1_to_v2(object: &mut Map<String, Value>) -> Result<(), DomainError> {
    let encode = |e: serde_json::Error| DomainError::BadWorkspace { reason: e.to_string() };
    object.insert("calendars".into(), serde_json::to_value(default_calendars()).map_err(encode)?);
    object.insert("slas".into(), serde_json::to_value(default_slas()).map_err(encode)?);
    Ok(())
}
