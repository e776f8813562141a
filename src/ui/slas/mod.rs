//! The SLAs section: definitions, calendars and the calendar tester, each a
//! tab with its own address (`/slas`, `/slas/calendars`, `/slas/tester`), and the what-if of the draft (`/slas/whatif`).
//!
//! Definitions and calendars are edited in one draft ([`editor::SlaEditor`])
//! that lives as long as the section is open, so switching tabs keeps unsaved
//! work; saving applies the domain's `SetSlaConfig` as the acting person.

mod calendars;
mod controls;
mod definition_form;
mod definitions;
mod editor;
mod format;
mod holidays;
mod layout;
mod notice;
mod save_bar;
mod tester;
mod week_grid;
mod whatif;
mod whatif_run;

pub use calendars::CalendarsTab;
pub use definitions::DefinitionsTab;
pub use layout::SlasPage;
pub use tester::TesterTab;
pub use whatif::{WhatIfTab, WhatIfView};
pub use whatif_run::{WhatIfProgress, use_whatif_run};
