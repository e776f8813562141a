//! The workspace an import has checked, held until the user stores or
//! drops it.
//!
//! It is shared, not copied: a copy of 100,000 tickets took 280 ms in one
//! task. Once nobody holds it any more (stored, cancelled, replaced by
//! another file, or the page left) it is freed in steps ([`free_in_steps`]),
//! never in one go.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::Workspace;
use crate::storage::pace::free_in_steps;

/// A checked workspace waiting for the user's choice.
#[derive(Clone, Copy)]
pub(super) struct Held(StoredValue<Option<Rc<Workspace>>, LocalStorage>);

impl Held {
    /// Nothing held yet. Whatever is held when the owning component goes
    /// (the user leaves the Data section) is let go of the same way.
    pub(super) fn new() -> Self {
        let held = Held(StoredValue::new_local(None));
        on_cleanup(move || held.discard());
        held
    }

    /// Holds `workspace`, letting go of the one held before.
    pub(super) fn hold(&self, workspace: Workspace) {
        if let Some(before) = self.0.try_update_value(|held| held.replace(Rc::new(workspace))).flatten() {
            release(before);
        }
    }

    /// The workspace held, shared with the caller.
    pub(super) fn shared(&self) -> Option<Rc<Workspace>> {
        self.0.with_value(Clone::clone)
    }

    /// Lets go of the workspace held, if any.
    pub(super) fn discard(&self) {
        if let Some(held) = self.0.try_update_value(Option::take).flatten() {
            release(held);
        }
    }
}

/// Lets go of one share of a held workspace; the last one frees it in steps.
pub(super) fn release(shared: Rc<Workspace>) {
    if let Ok(workspace) = Rc::try_unwrap(shared) {
        free_in_steps(workspace);
    }
}
