//! Export and import: a workspace (or its design) as a versioned JSON file,
//! and back, checked all the way.
//!
//! **Export** ([`export`], [`export_workspace`], [`export_design`]) writes an
//! envelope (`format`, `schema_version`, `app_version`, `exported_at`) around
//! the data, one record per line, byte-identical for the same data so files
//! diff well. Time is an argument; nothing here reads a clock.
//!
//! **Import** is all or nothing and pure: [`import`] (or [`ImportJob`] in
//! steps, for progress on large files; [`StreamRead`] feeds it a file in
//! slices) returns either a fully built
//! [`Workspace`](crate::domain::Workspace) with a [`Preview`] of what it holds,
//! or an [`ImportError`] saying why nothing was imported: too large (checked
//! before reading), not text, not JSON (line and column), nested too deep,
//! not a ServiceLab export, from a newer version; or, for a readable export,
//! every problem with its JSON path and a sentence (at most
//! [`MAX_PROBLEMS`] listed, the rest counted). Older versions are upgraded
//! with [`crate::domain::migrate`]. Existing data is never touched: the
//! caller decides whether the result is a new workspace or replaces one.
//!
//! **Share links** ([`share`]) carry a small compressed export in a URL fragment.
//!
//! **Export in steps** ([`ExportJob`]) writes the same bytes a bounded
//! number of tickets at a time, and refuses to finish a file if the
//! workspace changed in between.
//!
//! Files: [`export`], [`export_job`] and [`layout`] (writing), [`read`] (reading and
//! versions), [`stream`] (a current export read in slices), [`diagnose`]
//! (shape problems), [`validate`] (meaning), [`job`] (steps and the result),
//! [`preview`], [`error`], [`locate`] (paths and plain messages), [`share`],
//! [`fuzz`] (the fuzz target's body).

pub mod diagnose;
pub mod error;
pub mod export;
pub mod export_job;
pub mod fuzz;
pub mod job;
pub mod layout;
pub mod locate;
pub mod preview;
pub mod read;
pub mod share;
pub mod stream;
pub mod validate;

pub use error::{ImportError, MAX_PROBLEMS, Problem, Problems};
pub use export::{Scope, Style, export, export_design, export_to, export_workspace, file_name};
pub use export_job::{ExportJob, ExportSteps, Moment, StepError};
pub use job::{Building, ImportJob, Imported, Progress, import};
pub use preview::Preview;
pub use read::Header;
pub use share::{FRAGMENT_PREFIX, MAX_SHARE_BYTES, ShareError, bytes_from_fragment, decode_base64url, encode_base64url, fragment_for};
pub use stream::StreamRead;

/// The `format` of a whole-workspace export.
pub const WORKSPACE_FORMAT: &str = "servicelab.workspace";
/// The `format` of a design export (organisation and configuration, no tickets).
pub const DESIGN_FORMAT: &str = "servicelab.design";
/// The ServiceLab version written in exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The largest file an import reads: 256 MiB. An export of 100,000 generated
/// incidents is about 104 MB (52 MB per 50,000, see `benches/exchange.rs`); a
/// larger file would need more memory than a browser tab reliably has while
/// it is parsed.
pub const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

/// The deepest nesting of lists and objects the JSON reader accepts
/// (serde_json refuses the 128th level). ServiceLab's own exports nest
/// about 10 deep.
pub const MAX_NESTING: usize = 127;
