//! The sample model the app opens on when it is started without a file.

use maestro_model::Model;

pub const SAMPLE_NAME: &str = "Research and writing crew";

const RESEARCH_CREW: &str = include_str!("../samples/research-crew.json");

/// The bundled sample: a researcher and a writer agent with web search, shared notes and file write.
pub fn sample_model() -> Model {
    serde_json::from_str(RESEARCH_CREW).expect("the bundled sample is valid JSON for a model")
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_catalog::Catalog;
    use maestro_model::{EditOp, Placed};

    #[test]
    fn the_sample_is_a_valid_model_of_known_kinds() {
        let sample = sample_model();
        assert_eq!(sample.name, SAMPLE_NAME);
        // Re-inserting everything into an empty model runs every check an edit would.
        let mut rebuilt = Model::new(SAMPLE_NAME);
        rebuilt
            .apply(EditOp::Insert {
                elements: sample.elements.iter().cloned().map(Placed::appended).collect(),
                flows: sample.flows.iter().cloned().map(Placed::appended).collect(),
                memberships: vec![],
            })
            .unwrap();
        assert_eq!(rebuilt, sample);
        for element in &sample.elements {
            assert!(Catalog::builtin().kind(element.kind.as_str()).is_some(), "{}", element.kind);
        }
    }
}
