//! When the page goes away: saving as the tab is hidden, the journal of
//! unsaved changes written on `pagehide`, and coming back from the browser's
//! page cache.

use leptos::prelude::*;

use super::*;

impl AppState {
    /// Saves at once when the tab is hidden (switching away, closing).
    pub(super) fn save_when_hidden(&self) {
        let app = *self;
        let handler = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            let hidden = document().hidden();
            if hidden {
                app.flush();
            }
        });
        document().set_onvisibilitychange(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
        handler.forget();
        // The page is going away (reload, close, navigation): the save
        // started here may be cut off, so the journal keeps its changes.
        let on_pagehide = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            app.flush();
            app.keep_journal();
        });
        // Back from the browser's page cache after all: this tab goes on
        // saving, so its journal goes; if another tab already took it over,
        // this tab's memory is out of date and the page starts afresh.
        let on_pageshow = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::PageTransitionEvent)>::new(
            move |event: web_sys::PageTransitionEvent| {
                if event.persisted() {
                    app.resume_after_page_cache();
                }
            },
        );
        if let Some(window) = web_sys::window() {
            window.set_onpagehide(Some(wasm_bindgen::JsCast::unchecked_ref(on_pagehide.as_ref())));
            window.set_onpageshow(Some(wasm_bindgen::JsCast::unchecked_ref(on_pageshow.as_ref())));
        }
        on_pagehide.forget();
        on_pageshow.forget();
    }

    /// Writes the [journal](crate::storage::journal) of the changes not yet
    /// committed: the head and every ticket whose history grew since the last
    /// committed save. Synchronous, so it is done before the page goes.
    pub(super) fn keep_journal(&self) {
        if !self.writes() {
            return;
        }
        let Some((id, base, saved_lens, in_flight, changes, tab)) = self
            .saver
            .with_value(|s| (s.unsaved > 0 && !s.id.is_empty()).then(|| (s.id.clone(), s.version, s.saved_lens.clone(), s.in_flight, s.unsaved, s.tab)))
        else {
            return;
        };
        let entry = self.workspace.with_untracked(|ws| journal::Journal {
            tab,
            base,
            in_flight,
            changes,
            head: Some(parts::head_json(ws)),
            tickets: lengths(ws)
                .iter()
                .enumerate()
                .filter(|&(row, len)| saved_lens.get(row) != Some(len))
                .map(|(row, _)| (row as u32 + 1, parts::ticket_json(ws, row as u32 + 1)))
                .collect(),
        });
        match journal::save(&id, &entry) {
            Ok(()) => self.saver.update_value(|s| s.journaled = true),
            Err(e) => web_sys::console::warn_1(&format!("ServiceLab: the safety copy of unsaved changes failed: {e}").into()),
        }
    }

    /// The page came back from the browser's page cache after `pagehide`.
    pub(super) fn resume_after_page_cache(&self) {
        let Some(id) = self.saver.try_update_value(|s| std::mem::take(&mut s.journaled).then(|| s.id.clone())).flatten() else {
            return;
        };
        let tab = self.saver.with_value(|s| s.tab);
        match journal::load(&id) {
            local::Loaded::Found(entry) if entry.tab == tab => journal::clear(&id),
            _ => {
                let _ = web_sys::window().map(|w| w.location().reload());
            }
        }
    }
}
