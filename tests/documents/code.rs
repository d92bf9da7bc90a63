//! Model-as-code export of every bundled sample: read back it is the same model, and the text
//! of one sample is a snapshot, so a change to what export writes shows up in review.

use maestro_catalog::Catalog;
use maestro_document::{SAMPLES, sample};
use maestro_modelfile::{Format, parse, to_text};

#[test]
fn every_sample_written_as_code_reads_back_as_the_same_model() {
    for info in SAMPLES {
        let mut model = sample(info.id, Catalog::builtin()).expect("a bundled sample");
        // Decisions are kept in finding order, as a saved file keeps them.
        model.decisions.sort_by(|a, b| a.finding.cmp(&b.finding));
        for format in [Format::Yaml, Format::Json] {
            let text = to_text(&model, format);
            let read = parse(&text, format, Catalog::builtin()).unwrap_or_else(|e| panic!("{}: {e}", info.id));
            assert_eq!(read, model, "{} as {format:?}", info.id);
            assert_eq!(to_text(&read, format), text, "{}: the same model gives the same bytes", info.id);
        }
    }
}

#[test]
fn a_sample_as_yaml() {
    let model = sample("research-crew", Catalog::builtin()).expect("a bundled sample");
    insta::assert_snapshot!("research-crew-as-code", to_text(&model, Format::Yaml));
}
