//! `cargo bench -p maestro-tests --bench analysis`: full analysis of generated models (in trust
//! boundaries) of 100,
//! 1,000 and 10,000 elements (about three flows each). Prints the median time, the time per
//! element, the targets (1,000 elements within one 16 ms frame, 10,000 within 150 ms) and how
//! cost grows from one size to the next (10× the elements should cost about 10× the time).
//!
//! With `--json` it prints one JSON line per size instead, for the pytm comparison script.

mod generated;

use maestro_analysis::analyze;
use maestro_catalog::Catalog;
use std::time::{Duration, Instant};

fn median_time(elements: usize) -> (Duration, usize) {
    let model = generated::model_in_boundaries(elements);
    let catalog = Catalog::builtin();
    let runs = if elements >= 10_000 { 7 } else { 21 };
    let mut times = Vec::with_capacity(runs);
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let analysis = analyze(&model, catalog);
        times.push(start.elapsed());
        findings = std::hint::black_box(analysis).findings.len();
    }
    times.sort();
    (times[runs / 2], findings)
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let targets = [(100, None), (1_000, Some(16.0)), (10_000, Some(150.0))];
    let mut previous: Option<(usize, f64)> = None;
    if !json {
        println!("full analysis (layers, findings, matrix), median of several runs");
    }
    for (elements, target_ms) in targets {
        let (time, findings) = median_time(elements);
        let ms = time.as_secs_f64() * 1e3;
        if json {
            println!(
                "{{\"elements\": {elements}, \"flows\": {}, \"findings\": {findings}, \"ms\": {ms:.3}}}",
                elements * 3
            );
            continue;
        }
        let per_element_us = ms * 1e3 / elements as f64;
        let target = target_ms.map_or(String::new(), |t: f64| format!("  target {t} ms: {:.2}× of budget", ms / t));
        let growth = previous.map_or(String::new(), |(n, prev_ms)| {
            format!("  growth from {n}: {:.1}× time for {:.0}× elements", ms / prev_ms, elements as f64 / n as f64)
        });
        println!(
            "{elements:>6} elements, {findings:>6} findings: {ms:8.2} ms ({per_element_us:.2} µs/element){target}{growth}"
        );
        previous = Some((elements, ms));
    }
}
