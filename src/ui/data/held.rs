//! The workspace an import has checked, held until the user stores or
//! drops it.
//!
//! It is shared, not copied: a copy of 100,000 tickets took 280 ms in one
//! task. When its last share goes (stored, cancelled, replaced by another
//! file, or the page left) it is freed in steps ([`free_in_steps`]), never
//! in one go.

use std::ops::Deref;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::Workspace;
use crate::storage::pace::free_in_steps;

/// A checked workspace, freed in steps when dropped.
pub(super) struct Checked(Option<Workspace>);

impl Deref for Checked {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        self.0.as_ref().expect("emptied only when dropped")
    }
}

impl Drop for Checked {
    fn drop(&mut self) {
        if let Some(workspace) = self.0.take() {
            free_in_steps(workspace);
        }
    }
}

/// A checked workspace waiting for the user's choice.
#[derive(Clone, Copy)]
pub(super) struct Held(StoredValue<Option<Rc<Checked>>, LocalStorage>);

impl Held {
    pub(super) fn new() -> Self {
        Held(StoredValue::new_local(None))
    }

    /// Holds `workspace`, letting go of the one held before.
    pub(super) fn hold(&self, workspace: Workspace) {
        self.0.set_value(Some(Rc::new(Checked(Some(workspace)))));
    }

    /// The workspace held, shared with the caller.
    pub(super) fn shared(&self) -> Option<Rc<Checked>> {
        self.0.with_value(Clone::clone)
    }

    /// Lets go of the workspace held, if any.
    pub(super) fn discard(&self) {
        self.0.set_value(None);
    }
}
