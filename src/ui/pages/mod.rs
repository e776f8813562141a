//! One module per page; `SectionPage` introduces any section.

mod not_found;
mod section;

pub use not_found::NotFound;
pub use section::{SectionIntro, SectionPage};
