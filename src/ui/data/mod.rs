//! The Data section: the workspaces in this browser, how they are stored,
//! and (in its own part, [`export_import`]) export, import and share links.
//! [`ShareOffer`] is the one piece shown outside the section: opening a
//! share link offers its import on whatever page the link leads to.

mod deflate;
mod export_import;
mod held;
mod import_csv;
mod import_json;
mod picker;
mod share_link;
mod share_offer;
mod status;
mod workspaces;

use leptos::prelude::*;

use super::pages::SectionIntro;
use super::sections::Section;
use export_import::ExportImport;
pub use share_offer::ShareOffer;
use status::StorageStatus;
use workspaces::Workspaces;

/// The Data section's page.
#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <section class="page data-page" aria-labelledby="page-title">
            <SectionIntro section=Section::Data />
            <Workspaces />
            <StorageStatus />
            <ExportImport />
        </section>
    }
}
