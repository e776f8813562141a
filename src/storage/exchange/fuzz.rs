//! The body of the import fuzz target, callable from stable Rust too.
//!
//! `fuzz/fuzz_targets/import.rs` (cargo-fuzz) hands it arbitrary bytes, and
//! `tests/exchange_fuzz.rs` hands it thousands of deterministic mutations of
//! real exports (bit flips, truncations, splices), so the same code is
//! exercised with or without a fuzzing toolchain. It panics only when a rule
//! is broken: the importer itself panicked, an accepted file did not survive
//! export, import and export again byte for byte, or an error had no words.

use super::{Style, bytes_from_fragment, export, import};
use crate::domain::Timestamp;

/// The instant the fuzz body imports at (designs get it as their clock).
fn fuzz_now() -> Timestamp {
    Timestamp::from_timestamp(1_772_452_800, 0).expect("a valid instant")
}

/// Imports `data`; if it is accepted, checks it round-trips exactly; if it
/// is refused, checks the refusal can be shown. Also reads `data` as a share
/// link. Panics when a rule is broken (see the module notes).
pub fn fuzz_import(data: &[u8]) {
    let now = fuzz_now();
    match import(data, now) {
        Ok(imported) => {
            let scope = imported.preview.scope;
            let first = export(&imported.workspace, scope, now, Style::Records);
            let again = match import(first.as_bytes(), now) {
                Ok(again) => again,
                Err(e) => panic!("the export of an accepted file was refused: {e}"),
            };
            let second = export(&again.workspace, scope, now, Style::Records);
            assert!(first == second, "export, import, export changed the bytes");
            assert!(!imported.preview.summary().is_empty());
        }
        Err(error) => assert!(!error.to_string().is_empty(), "a refusal must say why"),
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(error) = bytes_from_fragment(text)
    {
        assert!(!error.to_string().is_empty(), "a refused link must say why");
    }
}
