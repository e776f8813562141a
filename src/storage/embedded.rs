//! A workspace carried inside the page by the single-file build.
//!
//! `bash scripts/single-file.sh class.json` writes one HTML file with the
//! workspace `class.json` in it, as
//! `<script type="application/json" id="embedded-workspace">`. The first time
//! that file opens in a browser where nothing is stored, the app starts on
//! that workspace instead of the demo, and saves it as usual.
//!
//! An embedded workspace never replaces a stored one. When something is
//! already stored, the stored workspace opens as always, and the app offers
//! the embedded one as a file to download and import (see
//! `crate::ui::single_file`). A page's embedded workspace is acknowledged
//! once it has been loaded, downloaded or dismissed, so the offer is not
//! repeated for the same workspace.

use std::cell::RefCell;

use chrono::{DateTime, Utc};

use super::local::{self, Loaded, SaveError};
use crate::domain::Workspace;
use crate::domain::demo::demo_workspace;

/// The id of the element that holds an embedded workspace.
pub const ELEMENT_ID: &str = "embedded-workspace";
/// The localStorage key that remembers the last embedded workspace acknowledged.
pub const ACKNOWLEDGED_KEY: &str = "servicelab.embedded.acknowledged";

thread_local! {
    /// Why the embedded workspace could not be read on this open, if it could not.
    static PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A workspace embedded in the page.
#[derive(Debug, Clone)]
pub struct Embedded {
    /// The JSON text exactly as embedded (it is what a download hands over).
    pub json: String,
}

impl Embedded {
    /// The workspace it holds, or why it cannot be read.
    pub fn read(&self) -> Result<Workspace, String> {
        Workspace::from_json_migrating(&self.json).map(|(ws, _)| ws).map_err(|e| e.to_string())
    }

    /// A short fingerprint of the text, to remember it was acknowledged.
    pub fn fingerprint(&self) -> String {
        // FNV-1a: stable, tiny, and enough to tell two classes' files apart.
        let hash = self.json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("{hash:016x}-{}", self.json.len())
    }

    /// Whether this embedded workspace was already loaded, downloaded or dismissed here.
    pub fn acknowledged(&self) -> bool {
        matches!(local::load_with(ACKNOWLEDGED_KEY, |raw| Ok::<_, String>(raw.to_owned())), Loaded::Found(seen) if seen == self.fingerprint())
    }

    /// Remembers that the user has dealt with this embedded workspace.
    pub fn acknowledge(&self) -> Result<(), SaveError> {
        local::save_raw(ACKNOWLEDGED_KEY, &self.fingerprint())
    }
}

/// The workspace embedded in the page, if the page has one.
pub fn embedded() -> Option<Embedded> {
    let json = web_sys::window()?.document()?.get_element_by_id(ELEMENT_ID)?.text_content()?;
    Some(Embedded { json })
}

/// The workspace to start on when nothing is stored (a first visit, or a
/// browser that stores nothing): the one embedded in the page if it has a
/// readable one, else the demo. An unreadable embedded
/// workspace is reported through [`problem`].
pub fn first_visit_workspace(now: DateTime<Utc>) -> Workspace {
    let Some(found) = embedded() else {
        return demo_workspace(now);
    };
    match found.read() {
        Ok(workspace) => {
            // Losing this note only means the offer may show once more: harmless.
            let _ = found.acknowledge();
            workspace
        }
        Err(error) => {
            PROBLEM.with(|p| *p.borrow_mut() = Some(error));
            demo_workspace(now)
        }
    }
}

/// Why the workspace embedded in the page could not be opened on this first
/// visit, if that happened.
pub fn problem() -> Option<String> {
    PROBLEM.with(|p| p.borrow().clone())
}
