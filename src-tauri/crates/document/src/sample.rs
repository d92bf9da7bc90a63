//! The bundled sample models: the example systems of the MAESTRO reference, written as
//! model-as-code. The app opens on [`DEFAULT_SAMPLE`] when started without a file.

use maestro_catalog::Catalog;
use maestro_model::Model;
use maestro_modelfile::Format;
use serde::Serialize;
use specta::Type;

/// A sample the user can start a new model from.
#[derive(Clone, Copy, Debug, Serialize, Type)]
pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    #[serde(skip)]
    yaml: &'static str,
}

macro_rules! samples {
    ($(($id:literal, $title:literal)),* $(,)?) => {
        &[$(Sample { id: $id, title: $title, yaml: include_str!(concat!("../samples/", $id, ".yaml")) }),*]
    };
}

pub const SAMPLES: &[Sample] = samples![
    ("research-crew", "Research and writing crew (web search, file write)"),
    ("support-platform", "Customer support on a shared fine-tuned model"),
    ("legal-rag", "Legal-research retrieval pipeline"),
    ("coding-assistant", "Coding assistant on Kubernetes with a REPL"),
    ("financial-pipeline", "Three-agent financial analysis pipeline"),
    ("clinical-summariser", "Clinical summarisation agent"),
    ("contributor-orchestrator", "Contributor-facing orchestrator"),
    ("agent-ring", "Five-agent intelligence ring"),
];

pub const DEFAULT_SAMPLE: &str = "research-crew";

/// The sample with this id as a model, or `None` for an unknown id.
pub fn sample(id: &str, catalog: &Catalog) -> Option<Model> {
    let sample = SAMPLES.iter().find(|s| s.id == id)?;
    // Every sample is parsed by the tests below, so a failure here is a build defect.
    Some(maestro_modelfile::parse(sample.yaml, Format::Yaml, catalog).expect("bundled samples are valid"))
}

/// The sample the app opens on.
pub fn sample_model() -> Model {
    sample(DEFAULT_SAMPLE, Catalog::builtin()).expect("the default sample exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_parses_with_known_kinds_and_finite_positions() {
        for s in SAMPLES {
            let model = maestro_modelfile::parse(s.yaml, Format::Yaml, Catalog::builtin())
                .unwrap_or_else(|e| panic!("sample {}: {e}", s.id));
            assert!(model.elements.len() >= 5, "{}", s.id);
            assert!(model.elements.iter().all(|e| e.position.is_finite()), "{}", s.id);
        }
        assert!(sample(DEFAULT_SAMPLE, Catalog::builtin()).is_some());
        assert!(sample("nope", Catalog::builtin()).is_none());
    }
}
