//! Small models for the graph analyses' unit tests.

use crate::{Analysis, AnalysisOptions, analyze_with};
use maestro_catalog::Catalog;
use maestro_model::{Boundary, Element, Flow, Model, Properties, PropertyValue};

pub(crate) fn text(value: &str) -> PropertyValue {
    PropertyValue::Text(value.into())
}

pub(crate) fn yes() -> PropertyValue {
    PropertyValue::Bool(true)
}

fn properties(pairs: &[(&str, PropertyValue)]) -> Properties {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

/// Builds a model element by element: `.el(id, kind, props)`, `.flow(id, from, to, props)`,
/// `.boundary(id, trust, members)`.
#[derive(Default)]
pub(crate) struct Build {
    model: Model,
}

impl Build {
    pub fn el(mut self, id: &str, kind: &str, props: &[(&str, PropertyValue)]) -> Self {
        self.model.elements.push(Element {
            id: id.into(),
            kind: kind.into(),
            name: id.to_owned(),
            properties: properties(props),
            ..Default::default()
        });
        self
    }

    pub fn flow(mut self, id: &str, from: &str, to: &str, props: &[(&str, PropertyValue)]) -> Self {
        self.model.flows.push(Flow {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            properties: properties(props),
            ..Default::default()
        });
        self
    }

    /// A call whose answer comes back: a flow with `role = request`.
    pub fn call(self, id: &str, from: &str, to: &str) -> Self {
        self.flow(id, from, to, &[("role", text("request"))])
    }

    pub fn boundary(mut self, id: &str, trust: &str, members: &[&str]) -> Self {
        self.model.boundaries.push(Boundary {
            id: id.into(),
            name: id.to_owned(),
            properties: properties(&[("trust", text(trust))]),
            contains: members.iter().map(|m| (*m).into()).collect(),
            ..Default::default()
        });
        self
    }

    pub fn model(self) -> Model {
        self.model
    }

    pub fn analyse(self) -> Analysis {
        analyze_with(&self.model, Catalog::builtin(), AnalysisOptions::default())
    }

    pub fn analyse_with(self, options: AnalysisOptions) -> Analysis {
        analyze_with(&self.model, Catalog::builtin(), options)
    }
}

pub(crate) fn build() -> Build {
    Build::default()
}

/// The ids of the findings of `threat`, in report order.
pub(crate) fn ids(analysis: &Analysis, threat: &str) -> Vec<String> {
    analysis
        .findings
        .iter()
        .filter(|f| f.threat == threat || f.also.iter().any(|a| a == threat))
        .map(|f| f.id.to_string())
        .collect()
}

/// The one finding with this id.
pub(crate) fn finding<'a>(analysis: &'a Analysis, id: &str) -> &'a crate::Finding {
    analysis.findings.iter().find(|f| f.id == id).unwrap_or_else(|| {
        let all: Vec<&str> = analysis.findings.iter().map(|f| f.id.as_str()).collect();
        panic!("no finding {id}; found {all:?}")
    })
}

/// Runs `check` with the context of a model, for the shared facts (untrusted reach, labelled data).
pub(crate) fn with_context<T>(model: &Model, check: impl FnOnce(&crate::context::Context) -> T) -> T {
    let directed = crate::two_way::with_mirrors(model);
    let cx = crate::context::Context::new(&directed, Catalog::builtin(), AnalysisOptions::default());
    check(&cx)
}

/// The index of an element by id.
pub(crate) fn index(model: &Model, id: &str) -> usize {
    model.elements.iter().position(|e| e.id.as_str() == id).expect("an element with that id")
}
