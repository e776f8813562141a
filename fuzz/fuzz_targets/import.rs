//! Fuzzes the importer with arbitrary bytes: it must never panic, and a
//! file it accepts must survive export, import and export byte for byte.
//! The body is `servicelab::storage::exchange::fuzz::fuzz_import`, which
//! `tests/exchange_fuzz.rs` also drives on stable Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    servicelab::storage::exchange::fuzz::fuzz_import(data);
});
