#![cfg(not(target_arch = "wasm32"))]
//! The fuzz target's body on stable Rust: thousands of deterministic
//! mutations of real exports (bit flips, truncations, splices, inserted and
//! deleted bytes, and JSON-aware edits that swap values deep inside a valid
//! file) go through `fuzz_import`, which panics when the importer panics or
//! an accepted file does not round-trip. Every input runs under
//! `catch_unwind`, so one failure does not hide the others; failures are
//! written to `exchange-fuzz-failures/` in Cargo's test scratch directory
//! (`CARGO_TARGET_TMPDIR`) to be replayed.
//!
//! The test also counts outcomes, so it cannot pass by never reaching the
//! checks: some mutants must be accepted, and refusals of each kind must occur.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::{TimeZone, Utc};
use serde_json::Value;
use servicelab::domain::generate::Prng;
use servicelab::storage::exchange::fuzz::fuzz_import;
use servicelab::storage::exchange::*;

const ROUNDS: usize = 2500;

/// Real exports to mutate: the fixtures (a small workspace with every kind
/// of event, the demo's design), and from the first a compact export, a bare
/// stored workspace and the same file as schema version 1.
fn seeds() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange");
    let workspace = std::fs::read(dir.join("small-workspace.json")).unwrap();
    let design = std::fs::read(dir.join("demo-design.json")).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
    let ws = import(&workspace, at).unwrap().workspace;
    let mut older: Value = serde_json::from_slice(&workspace).unwrap();
    older["schema_version"] = 1.into();
    older["workspace"]["schema_version"] = 1.into();
    older["workspace"].as_object_mut().unwrap().remove("slas");
    vec![
        workspace,
        design,
        export(&ws, Scope::Workspace, at, Style::Compact).into_bytes(),
        ws.to_json().into_bytes(),
        older.to_string().into_bytes(),
    ]
}

/// Replaces one random node of `value` by something plausible and wrong.
fn mutate_value(value: &mut Value, rng: &mut Prng, donors: &[Value]) {
    let mut node = value;
    loop {
        let children = match node {
            Value::Array(items) if !items.is_empty() => items.len(),
            Value::Object(map) if !map.is_empty() => map.len(),
            _ => break,
        };
        if rng.chance(25) {
            break;
        }
        let k = rng.below(children as u64) as usize;
        node = match node {
            Value::Array(items) => &mut items[k],
            Value::Object(map) => map.values_mut().nth(k).expect("k < len"),
            _ => unreachable!(),
        };
    }
    *node = match rng.below(9) {
        0 => Value::Null,
        1 => Value::from(rng.below(12)),
        2 => Value::from(-1),
        3 => Value::from(u64::MAX),
        4 => Value::from(*rng.pick(&[
            "New",
            "Closed",
            "Resolved",
            "OnHold",
            "Incident",
            "Frozen",
            "",
            "2025-02-30T00:00:00Z",
            "2020-01-01T00:00:00Z",
            "2030-01-01T00:00:00.5Z",
            "INC0001001",
            "REQ0001001",
        ])),
        5 => rng.pick(donors).clone(),
        6 => Value::Array(Vec::new()),
        7 => Value::Object(serde_json::Map::new()),
        _ => Value::from(true),
    };
}

/// One mutant of a seed.
fn mutant(seeds: &[Vec<u8>], values: &[Value], rng: &mut Prng) -> Vec<u8> {
    let seed = rng.pick(seeds);
    let mut bytes = seed.clone();
    let at = |rng: &mut Prng, len: usize| rng.below(len.max(1) as u64) as usize;
    match rng.below(7) {
        0 => {
            for _ in 0..=rng.below(4) {
                let i = at(rng, bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        1 => bytes.truncate(at(rng, bytes.len())),
        2 => {
            let other = rng.pick(seeds);
            let (cut, from) = (at(rng, bytes.len()), at(rng, other.len()));
            bytes.truncate(cut);
            bytes.extend_from_slice(&other[from..]);
        }
        3 => {
            let i = at(rng, bytes.len());
            const JUNK: [&[u8]; 9] = [b"{", b"]", b"\"", b"\\u00", b"\xff\xfe", b",", b"null", b"1e999", b"-0"];
            let junk = *rng.pick(&JUNK);
            bytes.splice(i..i, junk.iter().copied());
        }
        4 => {
            let i = at(rng, bytes.len());
            let n = (rng.below(64) as usize).min(bytes.len() - i);
            bytes.drain(i..i + n);
        }
        _ => {
            let mut value = rng.pick(values).clone();
            let donors: Vec<Value> = values.iter().flat_map(|v| v.get("workspace").and_then(|w| w.get("tickets")).cloned()).collect();
            for _ in 0..=rng.below(3) {
                mutate_value(&mut value, rng, &donors);
            }
            bytes = value.to_string().into_bytes();
        }
    }
    bytes
}

/// The kind of outcome, for the tally.
fn outcome(bytes: &[u8]) -> &'static str {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
    match import(bytes, now) {
        Ok(_) => "accepted",
        Err(ImportError::Invalid(_)) => "invalid",
        Err(ImportError::NotJson { .. }) => "not json",
        Err(ImportError::NotText { .. }) => "not text",
        Err(ImportError::NotAnExport { .. }) => "not an export",
        Err(ImportError::NewerSchema { .. }) => "newer",
        Err(ImportError::TooDeep { .. }) => "too deep",
        Err(ImportError::TooLarge { .. }) => "too large",
    }
}

#[test]
fn thousands_of_mutated_exports_never_break_the_importer() {
    let seeds = seeds();
    let values: Vec<Value> = seeds.iter().map(|s| serde_json::from_slice(s).unwrap()).collect();
    for seed in &seeds {
        assert_eq!(outcome(seed), "accepted", "every seed is a valid file");
    }
    let mut rng = Prng::new(0x5e41_ce1a);
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for round in 0..ROUNDS {
        let bytes = mutant(&seeds, &values, &mut rng);
        match catch_unwind(AssertUnwindSafe(|| fuzz_import(&bytes))) {
            Ok(()) => *tally.entry(outcome(&bytes)).or_default() += 1,
            Err(panic) => {
                let why = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
                failures.push((round, why.unwrap_or_default(), bytes));
            }
        }
    }
    std::panic::set_hook(hook);
    if !failures.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("exchange-fuzz-failures");
        std::fs::create_dir_all(&dir).unwrap();
        for (round, _, bytes) in &failures {
            std::fs::write(dir.join(format!("round-{round}.json")), bytes).unwrap();
        }
        let list: Vec<String> = failures.iter().take(10).map(|(round, why, _)| format!("round {round}: {why}")).collect();
        panic!("{} of {ROUNDS} inputs broke a rule (saved in {}):\n{}", failures.len(), dir.display(), list.join("\n"));
    }
    println!("outcomes: {tally:?}");
    for kind in ["accepted", "invalid", "not json", "not text", "not an export"] {
        assert!(tally.get(kind).copied().unwrap_or(0) > 0, "no mutant was {kind}: the mutations miss a path ({tally:?})");
    }
}

#[test]
fn share_links_built_from_arbitrary_bytes_never_break_the_reader() {
    let mut rng = Prng::new(7);
    for _ in 0..2000 {
        let len = rng.below(40) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let link = format!("#import={}", String::from_utf8_lossy(&bytes));
        fuzz_import(link.as_bytes());
        if let Ok(fragment) = fragment_for(&bytes) {
            assert_eq!(bytes_from_fragment(&fragment).unwrap(), bytes);
        }
    }
}
