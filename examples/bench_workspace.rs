//! Writes the benchmark suite's workspace of `n` tickets as the app's own
//! JSON export, so that the end-to-end benchmark (`e2e/bench/`) imports into
//! the browser exactly the data `benches/workloads.rs` times natively and in
//! wasm: the demo generator's output from its fixed seed at its fixed "now".
//!
//!     cargo run --release --example bench_workspace -- 100000 target/bench-data/100000.json
//!
//! The file is what "Export this workspace (JSON)" writes (scope workspace,
//! one record per line), dated at the benchmark's "now", so two runs write
//! the same bytes. Prints the ticket count, the file size and the time taken.

#[path = "../benches/workloads.rs"]
mod workloads;

use std::time::Instant;

use servicelab::storage::exchange::{Scope, Style, export};

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_workspace <tickets> <out.json>";
    let tickets: usize = args.next().and_then(|n| n.replace(['_', ','], "").parse().ok()).expect(usage);
    let out = args.next().expect(usage);
    let started = Instant::now();
    let ws = workloads::workspace(tickets);
    let text = export(&ws, Scope::Workspace, workloads::bench_now(), Style::Records);
    if let Some(dir) = std::path::Path::new(&out).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    std::fs::write(&out, &text).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    println!(
        "{out}: {} tickets, {:.1} MB, written in {:.1} s",
        ws.tickets().len(),
        text.len() as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
}
