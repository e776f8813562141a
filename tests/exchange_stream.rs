#![cfg(not(target_arch = "wasm32"))]
//! Reading an export in slices ([`StreamRead`]) gives what reading the whole
//! file gives ([`ImportJob::start`]), wherever the file is cut; and for any
//! file that is not a current export read without a hitch, it gives up, so
//! that the whole file is read as before, with the same messages.
//!
//! The figures for the 100,000-ticket file are printed by
//! `cargo test --release --test exchange_stream -- --ignored --nocapture`.

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use servicelab::domain::demo::demo_workspace;
use servicelab::domain::generate::generate_incidents;
use servicelab::domain::*;
use servicelab::storage::exchange::{ImportJob, Imported, Scope, StreamRead, Style, export};

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap()
}

/// The demo organisation with `size` generated incidents, named `name`.
fn workspace(seed: u64, size: usize, name: &str) -> Workspace {
    let start = now() + Duration::minutes((seed % 100_000) as i64);
    let mut ws = demo_workspace(start);
    generate_incidents(&mut ws, size, seed, start).unwrap();
    let mut renamed: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    renamed["name"] = name.into();
    Workspace::from_json(&renamed.to_string()).unwrap()
}

/// `bytes` fed in pieces ending at `cuts` (sorted, any order of ends allowed).
fn streamed(bytes: &[u8], cuts: &[usize]) -> Option<ImportJob> {
    let mut stream = StreamRead::new();
    let mut from = 0;
    let mut ends: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
    ends.sort_unstable();
    ends.push(bytes.len());
    for end in ends {
        if !stream.feed(&bytes[from..end]) {
            return None;
        }
        from = end;
    }
    ImportJob::streamed(stream)
}

/// The finished import, or its refusal as text.
fn finished(job: ImportJob) -> Result<Imported, String> {
    job.finish().map_err(|e| e.to_string())
}

/// The streamed import equals the whole-file import, to the last field.
fn same_as_whole(bytes: &[u8], cuts: &[usize]) {
    let whole = finished(ImportJob::start(bytes, now()).expect("the file reads whole"));
    let parts = finished(streamed(bytes, cuts).expect("the file reads in slices"));
    match (whole, parts) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.workspace, b.workspace);
            assert_eq!(a.preview, b.preview);
            assert_eq!(a.workspace.to_json(), b.workspace.to_json());
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("whole: {:?}, in slices: {:?}", a.map(|i| i.preview), b.map(|i| i.preview)),
    }
}

/// `text` must make the stream give up, cut anywhere; the whole-file reader decides.
fn falls_back(text: &[u8]) {
    for cuts in [vec![], vec![text.len() / 2], (1..text.len()).step_by(7).collect()] {
        assert!(streamed(text, &cuts).is_none(), "read in slices: {}", String::from_utf8_lossy(&text[..text.len().min(300)]));
    }
}

/// `text` with the first `from` made `to`, which must be there.
fn changed(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// `text` with `bytes` put in after the first `marker`.
fn inserted(text: &str, marker: &str, bytes: &[u8]) -> Vec<u8> {
    let at = text.find(marker).expect("the marker") + marker.len();
    [&text.as_bytes()[..at], bytes, &text.as_bytes()[at..]].concat()
}

/// The small fixture (every kind of event), with escapes and characters of
/// two to four bytes in its name and in a ticket's text.
fn small_export(style: Style) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exchange/small-workspace.json");
    let fixture = std::fs::read(path).unwrap();
    let ws = ImportJob::start(&fixture, now()).unwrap().finish().unwrap().workspace;
    let mut value: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    let odd = "Quote \" back\\slash \u{e9}t\u{e9} 🙂 \u{1} \u{2028}";
    value["name"] = odd.into();
    let created = &mut value["tickets"][0]["events"][0]["change"]["Created"]["short_description"];
    *created = format!("{odd} {}", created.as_str().unwrap()).into();
    let ws = Workspace::from_json(&value.to_string()).unwrap();
    export(&ws, Scope::Workspace, now(), style)
}

/// Cuts near every place a cut could go wrong (escapes, characters of
/// several bytes, the keys the reader looks for, the ticket list's ends),
/// and a few others.
fn risky_cuts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut near: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'\\' || bytes[i] >= 0x80 || bytes[i] == b'[' || bytes[i] == b']').collect();
    for key in ["\"tickets\"", "\"workspace\"", "\"format\""] {
        near.extend(text.match_indices(key).map(|(i, _)| i));
    }
    let mut cuts: Vec<usize> = near.iter().flat_map(|&i| i.saturating_sub(3)..(i + 12).min(bytes.len())).collect();
    cuts.extend((0..bytes.len()).step_by(97));
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn slices_cut_anywhere_read_as_the_whole_file(
        seed in any::<u64>(),
        size in 0usize..25,
        name in "\\PC{0,20}",
        compact in any::<bool>(),
        mark in any::<bool>(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..60),
    ) {
        let style = if compact { Style::Compact } else { Style::Records };
        let text = export(&workspace(seed, size, &name), Scope::Workspace, now(), style);
        let bytes = if mark { [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat() } else { text.into_bytes() };
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        same_as_whole(&bytes, &cuts);
    }
}

#[test]
fn a_cut_anywhere_and_single_bytes_read_as_the_whole_file() {
    for style in [Style::Records, Style::Compact] {
        let text = small_export(style);
        assert!(text.contains("\\\"") && text.contains("\\\\") && text.contains("\\u0001") && text.contains('🙂'));
        let whole = ImportJob::start(text.as_bytes(), now()).unwrap().finish().unwrap();
        let cuts = risky_cuts(&text);
        assert!(cuts.len() > 300, "{}", cuts.len());
        for cut in cuts {
            let parts = streamed(text.as_bytes(), &[cut]).unwrap_or_else(|| panic!("cut at {cut}")).finish().unwrap();
            assert_eq!(parts.workspace, whole.workspace, "cut at {cut}");
        }
        let every: Vec<usize> = (0..text.len()).collect();
        same_as_whole(text.as_bytes(), &every);
    }
}

#[test]
fn keys_in_another_order_and_unknown_keys_read_as_the_whole_file() {
    let text = small_export(Style::Compact);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ws = value["workspace"].as_object().unwrap();
    // The tickets first, the workspace before the envelope, unknown keys here and there.
    let mut inner = String::from("{\"tickets\":");
    inner += &ws["tickets"].to_string();
    inner += ",\"x-note\":{\"tickets\":[1,2],\"workspace\":{}}";
    for (key, v) in ws.iter().filter(|(k, _)| *k != "tickets") {
        inner += &format!(",{}:{v}", serde_json::to_string(key).unwrap());
    }
    inner += "}";
    let reordered = format!(
        "\r\n\t{{\"tickets\":[],\"workspace\" : {inner} ,\"exported_at\":{},\"app_version\":{},\"format\":{},\"schema_version\":2,\"extra\":[[\"workspace\"]]}}\n\n",
        value["exported_at"], value["app_version"], value["format"]
    );
    for cut in (0..reordered.len()).step_by(13) {
        same_as_whole(reordered.as_bytes(), &[cut, cut + 5]);
    }
    // An empty ticket list, with space inside.
    let empty = export(&Workspace::new("Empty", now()), Scope::Workspace, now(), Style::Records);
    assert!(empty.contains("\"tickets\": []") || empty.contains("\"tickets\":[]"), "{empty}");
    same_as_whole(empty.replace("\"tickets\": []", "\"tickets\": [ \n ]").as_bytes(), &[]);
}

#[test]
fn a_file_refused_for_its_meaning_is_refused_alike() {
    // Read without a hitch, but a ticket names a person nobody is: the checks refuse both the same way.
    let text = small_export(Style::Records).replacen("\"actor\":", "\"actor\":9999,\"x\":", 1);
    same_as_whole(text.as_bytes(), &[100, 5000]);
}

#[test]
fn other_files_make_the_stream_give_up() {
    let text = small_export(Style::Records);
    let design = export(&workspace(3, 6, "Design"), Scope::Design, now(), Style::Records);
    let bare = workspace(3, 6, "Bare").to_json();
    let older = text.replace("\"schema_version\": 2", "\"schema_version\": 1");
    assert_ne!(older, text);
    let newer = text.replace("\"schema_version\": 2", "\"schema_version\": 3");
    let first_ticket = text.find("{\"id\":1,").expect("a ticket record");
    let mid_ticket = first_ticket + 40;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("an older version", older.into_bytes()),
        ("a newer version", newer.into_bytes()),
        ("a design", design.into_bytes()),
        ("a bare workspace", bare.into_bytes()),
        ("bad JSON inside a ticket", [&text[..mid_ticket], "}{", &text[mid_ticket..]].concat().into_bytes()),
        ("a ticket that does not read", changed(&text, "{\"id\":1,", "{\"id\":\"one\",").into_bytes()),
        ("a ticket with a key twice", changed(&text, "{\"id\":1,", "{\"id\":1,\"id\":1,").into_bytes()),
        ("a ticket that is not an object", changed(&text, "{\"id\":1,", "7,{\"id\":1,").into_bytes()),
        ("a comma too many", changed(&text, "      ]}\n    ],", "      ]},\n    ],").into_bytes()),
        ("a missing comma", changed(&text, "      ]},\n      {\"id\":2,", "      ]}\n      {\"id\":2,").into_bytes()),
        ("the tickets twice", changed(&text, "\"clock\":", "\"tickets\": [], \"clock\":").into_bytes()),
        ("the workspace twice", changed(&text, "\"exported_at\":", "\"workspace\": {}, \"exported_at\":").into_bytes()),
        ("a format twice", changed(&text, "\"exported_at\":", "\"format\": \"x\", \"exported_at\":").into_bytes()),
        ("a key with escapes", changed(&text, "\"tickets\":", "\"tick\\u0065ts\":").into_bytes()),
        ("no ticket list", changed(&text, "\"tickets\":", "\"tickers\":").into_bytes()),
        ("text after the export", format!("{text}x").into_bytes()),
        ("a second document", format!("{text}{{}}").into_bytes()),
        ("not closed", text.as_bytes()[..text.len() - 3].to_vec()),
        ("a list", format!("[{text}]").into_bytes()),
        ("not UTF-8 in a ticket", inserted(&text, "\"short_description\":\"", b"\xFF")),
        ("not UTF-8 in the name", inserted(&text, "Quote", b"\xC3(")),
        ("half a byte-order mark", [b"\xEF\xBB".as_slice(), text.as_bytes()].concat()),
        ("two byte-order marks", [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
        ("nested deep", changed(&text, "\"clock\":", &format!("\"deep\": {}1{}, \"clock\":", "[".repeat(100), "]".repeat(100))).into_bytes()),
        ("empty", Vec::new()),
        ("not JSON", b"this is not JSON {".to_vec()),
    ];
    for (what, bytes) in &cases {
        eprintln!("{what}");
        falls_back(bytes);
    }
    // The whole-file reader still has its say: it migrates, reads designs and
    // bare workspaces, takes the last of two keys (its slow road); the rest it refuses.
    let taken: Vec<&str> = cases.iter().filter(|(_, b)| ImportJob::start(b, now()).is_ok()).map(|(what, _)| *what).collect();
    assert_eq!(taken, [
        "an older version",
        "a design",
        "a bare workspace",
        "a ticket with a key twice",
        "the tickets twice",
        "the workspace twice",
        "a key with escapes",
        "nested deep"
    ]);
}

#[test]
fn a_stream_that_gave_up_stays_given_up() {
    let text = small_export(Style::Compact);
    let mut stream = StreamRead::new();
    assert!(!stream.feed(b"[1,"));
    assert!(!stream.feed(text.as_bytes()));
    assert!(ImportJob::streamed(stream).is_none());
    let mut stream = StreamRead::new();
    assert!(stream.feed(&text.as_bytes()[..100]));
    assert_eq!(stream.bytes(), 100);
    assert!(ImportJob::streamed(stream).is_none(), "half a file");
}

/// Reading the 100,000-ticket benchmark file whole and in slices of half a
/// megabyte, as the Data section does:
/// `cargo test --release --test exchange_stream -- --ignored --nocapture`
/// (the file is written by `scripts/bench.sh`; or name one in SERVICELAB_BENCH_FILE).
#[test]
#[ignore]
fn figures_for_the_large_file() {
    let path = std::env::var("SERVICELAB_BENCH_FILE").unwrap_or_else(|_| "target/bench-data/100000.json".to_string());
    let bytes = std::fs::read(&path).expect("the benchmark file");
    let started = std::time::Instant::now();
    let whole = ImportJob::start(&bytes, now()).expect("it reads whole");
    let whole_ms = started.elapsed().as_secs_f64() * 1000.0;
    let tickets = whole.progress().total;
    drop(whole);
    let started = std::time::Instant::now();
    let mut stream = StreamRead::new();
    let mut slices = Vec::new();
    for piece in bytes.chunks(1 << 19) {
        let step = std::time::Instant::now();
        assert!(stream.feed(piece));
        slices.push(step.elapsed().as_secs_f64() * 1000.0);
    }
    slices.sort_by(f64::total_cmp);
    let (median, longest) = (slices[slices.len() / 2], slices[slices.len() - 1]);
    let step = std::time::Instant::now();
    let job = ImportJob::streamed(stream).expect("it reads in slices");
    let last = step.elapsed().as_secs_f64() * 1000.0;
    let sliced_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(job.progress().total, tickets);
    println!(
        "{path}: {:.1} MB, {tickets} tickets; whole: {whole_ms:.0} ms in one step; in {} slices of 512 KiB: {sliced_ms:.0} ms in all, median slice {median:.1} ms, longest {longest:.1} ms, last step (head and organisation checks) {last:.1} ms",
        bytes.len() as f64 / 1e6,
        slices.len()
    );
}
