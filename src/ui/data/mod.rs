//! The Data section: the workspaces in this browser, how they are stored,
//! and (in its own part, [`export_import`]) export and import.

mod export_import;
mod import_csv;
mod import_json;
mod picker;
mod status;
mod workspaces;

use leptos::prelude::*;

use super::pages::SectionIntro;
use super::sections::Section;
use export_import::ExportImport;
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
