//! `cargo bench -p maestro-tests --bench cli`: the `maestro` command line as CI runs it — one
//! whole process per analysis, from start to the last byte of the report — on generated models
//! of 1,000, 2,000, 4,000 and 16,000 elements (about three flows each), saved as `.maestro` files
//! and as model-as-code YAML. Prints the median wall-clock time, the time per element and how it
//! grows (4× the elements should cost about 4× the time), and the start-up time on a small model
//! (target: under 10 ms).
//!
//! It measures the binary as it is handed out (`cargo xtask cli`: release, statically linked,
//! stripped), building it first when it is missing or out of date (set `MAESTRO_CLI` to measure
//! another binary). With
//! `--json` it prints one JSON line per size and input instead, for `pytm_compare.py`; with
//! `--write-models DIR` it only writes the generated models there.

mod generated;

use maestro_catalog::Catalog;
use maestro_modelfile::{Format, to_text};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SIZES: [usize; 4] = [1_000, 2_000, 4_000, 16_000];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--write-models") {
        let dir = PathBuf::from(args.get(at + 1).expect("--write-models DIR"));
        std::fs::create_dir_all(&dir).expect("creating the models folder");
        for elements in SIZES {
            write_models(&dir, elements);
        }
        return;
    }
    let json = args.iter().any(|a| a == "--json");
    let maestro = binary();
    let dir = tempfile::tempdir().expect("a temporary folder");

    let small = dir.path().join("small.maestro");
    maestro_store::save(&catalog_clean(generated::model_in_boundaries(20)), &small).expect("saving");
    let start_up = median(31, || run(&maestro, &["check", path(&small)]));
    if json {
        println!("{{\"start_up_ms\": {:.3}}}", ms(start_up));
    } else {
        let size = std::fs::metadata(&maestro).map(|m| m.len()).unwrap_or(0);
        println!("`maestro` as a whole process ({}), median of several runs:", maestro.display());
        println!(
            "  binary: {:.1} MB ({:.2}× of the 10 MB limit)",
            size as f64 / 1e6,
            size as f64 / (10.0 * 1024.0 * 1024.0)
        );
        println!(
            "  start-up: `maestro check` on 20 elements: {:.1} ms ({:.2}× of the 10 ms target)",
            ms(start_up),
            ms(start_up) / 10.0
        );
    }

    let mut previous: Option<(usize, f64)> = None;
    for elements in SIZES {
        let (file, yaml) = write_models(dir.path(), elements);
        let runs = if elements >= 16_000 { 5 } else { 11 };
        let analyze_file = median(runs, || run(&maestro, &["analyze", path(&file), "--format", "json"]));
        let analyze_yaml = median(runs, || run(&maestro, &["analyze", path(&yaml), "--format", "json"]));
        let sarif = median(runs, || run(&maestro, &["analyze", path(&file), "--format", "sarif"]));
        if json {
            println!(
                "{{\"elements\": {elements}, \"flows\": {}, \"maestro_ms\": {:.3}, \"yaml_ms\": {:.3}, \"sarif_ms\": {:.3}}}",
                elements * 3,
                ms(analyze_file),
                ms(analyze_yaml),
                ms(sarif)
            );
            continue;
        }
        let per = |t: Duration| ms(t) * 1e3 / elements as f64;
        let growth = previous.map_or(String::new(), |(n, before)| {
            format!("; {:.1}× the time for {:.0}× the elements", ms(analyze_file) / before, elements as f64 / n as f64)
        });
        println!(
            "  analyze {elements:>6} elements: .maestro {:7.1} ms ({:.1} µs/element), YAML {:7.1} ms \
             ({:.1} µs/element), SARIF out {:.1} µs/element{growth}",
            ms(analyze_file),
            per(analyze_file),
            ms(analyze_yaml),
            per(analyze_yaml),
            per(sarif)
        );
        previous = Some((elements, ms(analyze_file)));
    }
}

/// Writes the generated model of `elements` as `generated-N.maestro` and `generated-N.yaml`.
fn write_models(dir: &Path, elements: usize) -> (PathBuf, PathBuf) {
    let model = catalog_clean(generated::model_in_boundaries(elements));
    let file = dir.join(format!("generated-{elements}.maestro"));
    let _ = std::fs::remove_file(&file);
    maestro_store::save(&model, &file).expect("saving");
    let yaml = dir.join(format!("generated-{elements}.yaml"));
    std::fs::write(&yaml, to_text(&model, Format::Yaml)).expect("writing");
    (file, yaml)
}

/// The generated model without properties its kinds do not take, which model as code refuses.
fn catalog_clean(mut model: maestro_model::Model) -> maestro_model::Model {
    let catalog = Catalog::builtin();
    for element in &mut model.elements {
        let Some(kind) = catalog.kind(element.kind.as_str()) else { continue };
        element.properties.retain(|name, _| kind.properties.contains(name));
    }
    model
}

/// The binary to measure: `MAESTRO_CLI`, or the one handed out (`cargo xtask cli`: release,
/// static, stripped), made up to date.
fn binary() -> PathBuf {
    if let Some(given) = std::env::var_os("MAESTRO_CLI") {
        return PathBuf::from(given);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["xtask", "cli"])
        .stderr(Stdio::inherit())
        .output()
        .expect("running cargo xtask cli");
    assert!(output.status.success(), "building the release `maestro` failed");
    let printed = String::from_utf8(output.stdout).expect("a UTF-8 path");
    PathBuf::from(printed.lines().last().expect("cargo xtask cli prints where the binary is"))
}

/// One whole run of `maestro`, its report read to the end and thrown away.
fn run(maestro: &Path, args: &[&str]) {
    let output =
        Command::new(maestro).args(args).stdin(Stdio::null()).stderr(Stdio::null()).output().expect("running maestro");
    // 1 is "findings at or above --fail-on", which analysis of these models does not set.
    assert!(output.status.code() == Some(0), "maestro {args:?} failed: {:?}", output.status);
    std::hint::black_box(output.stdout);
}

fn path(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
