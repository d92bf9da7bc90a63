//! Rebuilding a model that came from elsewhere (a file, an old revision) through the model's own
//! edit checks, so that whatever it holds, the result is a model the editor could have made.

use crate::{EditError, EditOp, Model, Placed};
use std::collections::HashSet;

impl Model {
    /// This model's parts put into an empty model one by one through [`Model::apply`]: elements
    /// and flows, then boundaries (top level first, then their nesting, which must name
    /// boundaries that exist and never form a loop), then decisions (one per finding). The first
    /// part that breaks a rule is the error.
    pub fn rebuilt(self) -> Result<Model, EditError> {
        let Model { name, description, elements, flows, boundaries, decisions } = self;
        let mut model = Model::new("");
        model.apply(EditOp::RenameModel { name })?;
        model.apply(EditOp::DescribeModel { description })?;
        model.apply(EditOp::Insert {
            elements: elements.into_iter().map(Placed::appended).collect(),
            flows: flows.into_iter().map(Placed::appended).collect(),
            memberships: Vec::new(),
        })?;
        let mut nesting = Vec::new();
        let mut top_level = Vec::with_capacity(boundaries.len());
        for mut boundary in boundaries {
            if let Some(parent) = boundary.parent.take() {
                nesting.push(EditOp::SetBoundaryParent { boundary: boundary.id.clone(), parent: Some(parent) });
            }
            top_level.push(boundary);
        }
        model.append_boundaries(top_level).map_err(|(_, error)| error)?;
        for op in nesting {
            model.apply(op)?;
        }
        let mut decided = HashSet::new();
        for decision in &decisions {
            if !decided.insert(decision.finding.as_str()) {
                return Err(EditError::DuplicateId(decision.finding.to_string()));
            }
        }
        model.decisions = decisions;
        Ok(model)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Boundary, EditError, Element, Flow, Model, Position, Size};

    fn two_agents() -> Model {
        let mut model = Model::new("m");
        for id in ["a", "b"] {
            model.elements.push(Element { id: id.into(), kind: "agent".into(), name: id.into(), ..Default::default() });
        }
        model.flows.push(Flow { id: "f".into(), from: "a".into(), to: "b".into(), ..Default::default() });
        model
    }

    #[test]
    fn a_sound_model_comes_back_unchanged() {
        let mut model = two_agents();
        let outer = Boundary {
            id: "outer".into(),
            name: "Outer".into(),
            position: Position::new(0.0, 0.0),
            size: Size::new(400.0, 300.0),
            ..Default::default()
        };
        // The inner boundary comes first in the list: its parent is set once both exist.
        let inner = Boundary {
            id: "inner".into(),
            name: "Inner".into(),
            parent: Some("outer".into()),
            contains: vec!["a".into()],
            ..outer.clone()
        };
        model.boundaries = vec![inner, outer];
        assert_eq!(model.clone().rebuilt().unwrap(), model);
    }

    #[test]
    fn each_broken_rule_is_refused() {
        let mut dangling = two_agents();
        dangling.flows[0].to = "nowhere".into();
        assert!(matches!(dangling.rebuilt(), Err(EditError::DanglingFlow { .. })));
        let mut twice = two_agents();
        twice.elements[1].id = "a".into();
        twice.flows.clear();
        assert!(matches!(twice.rebuilt(), Err(EditError::DuplicateId(_))));
        let mut nameless = two_agents();
        nameless.name = " ".into();
        assert_eq!(nameless.rebuilt(), Err(EditError::EmptyName));
    }
}

#[cfg(test)]
mod replace_tests {
    use crate::{EditError, EditOp, Element, Model};

    #[test]
    fn replacing_the_whole_model_is_checked_and_undone_by_replacing_it_back() {
        let mut model = Model::new("now");
        let mut earlier = Model::new("earlier");
        earlier.elements.push(Element { id: "a".into(), kind: "agent".into(), name: "A".into(), ..Default::default() });
        let undo = model.apply(EditOp::Replace { model: Box::new(earlier.clone()) }).unwrap();
        assert_eq!(model, earlier);
        model.apply(undo).unwrap();
        assert_eq!(model, Model::new("now"));
        let mut broken = earlier;
        broken.elements.push(broken.elements[0].clone());
        let refused = model.apply(EditOp::Replace { model: Box::new(broken) });
        assert_eq!(refused, Err(EditError::DuplicateId("a".into())));
        assert_eq!(model, Model::new("now"), "a refused replacement changes nothing");
    }
}
