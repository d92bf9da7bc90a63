//! What changed between two versions of a model: parts added, removed and changed, by id, each
//! with the fields that differ. Linear in the size of both models; the order of the result is
//! the models' own, so the same pair always gives the same diff.

use maestro_model::{Boundary, Decision, Element, Flow, Model};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// One part that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PartChange {
    pub id: String,
    /// The part's name (the newer one when it changed).
    pub name: String,
    /// The fields that differ, for a part in both versions.
    pub fields: Vec<String>,
}

/// The parts of one kind that were added, removed or changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Changes {
    pub added: Vec<PartChange>,
    pub removed: Vec<PartChange>,
    pub changed: Vec<PartChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ModelDiff {
    /// `name`, `description` when the model's own texts differ.
    pub model: Vec<String>,
    pub elements: Changes,
    pub flows: Changes,
    pub boundaries: Changes,
    pub decisions: Changes,
}

impl ModelDiff {
    pub fn is_empty(&self) -> bool {
        self.model.is_empty()
            && self.elements.is_empty()
            && self.flows.is_empty()
            && self.boundaries.is_empty()
            && self.decisions.is_empty()
    }

    /// In a line: "2 elements added, 1 flow changed", or "no changes".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (noun, changes) in [
            ("element", &self.elements),
            ("flow", &self.flows),
            ("boundary", &self.boundaries),
            ("decision", &self.decisions),
        ] {
            for (verb, list) in
                [("added", &changes.added), ("removed", &changes.removed), ("changed", &changes.changed)]
            {
                match list.len() {
                    0 => {}
                    1 => parts.push(format!("1 {noun} {verb}")),
                    n => parts.push(format!("{n} {} {verb}", plural(noun))),
                }
            }
        }
        if !self.model.is_empty() {
            parts.push(format!("the model's {} changed", self.model.join(" and ")));
        }
        if parts.is_empty() { "no changes".to_owned() } else { parts.join(", ") }
    }
}

impl ModelDiff {
    /// For a terminal or a review comment: one line per part, `+` added, `-` removed, `~`
    /// changed (with the fields that differ). Names are the model's text: control characters
    /// in them are shown as `?`, so a name cannot move the cursor or recolour a terminal.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return "no changes\n".to_owned();
        }
        let mut out = String::new();
        if !self.model.is_empty() {
            out.push_str(&format!("model: {} changed\n", self.model.join(", ")));
        }
        for (title, changes) in [
            ("elements", &self.elements),
            ("flows", &self.flows),
            ("boundaries", &self.boundaries),
            ("decisions", &self.decisions),
        ] {
            if changes.is_empty() {
                continue;
            }
            out.push_str(&format!("{title}:\n"));
            for (mark, list) in [("+", &changes.added), ("-", &changes.removed), ("~", &changes.changed)] {
                for part in list {
                    let name = if part.name.is_empty() || part.name == part.id {
                        String::new()
                    } else {
                        format!(" ({})", printable(&part.name))
                    };
                    let fields =
                        if part.fields.is_empty() { String::new() } else { format!(": {}", part.fields.join(", ")) };
                    out.push_str(&format!("  {mark} {}{name}{fields}\n", printable(&part.id)));
                }
            }
        }
        out.push_str(&format!("({})\n", self.summary()));
        out
    }
}

/// `text` with every control character (escape sequences, carriage returns, newlines) as `?`,
/// for a terminal: text from a file cannot move the cursor or recolour it.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

fn plural(noun: &str) -> String {
    if noun == "boundary" { "boundaries".to_owned() } else { format!("{noun}s") }
}

/// What turned `old` into `new`.
pub fn diff_models(old: &Model, new: &Model) -> ModelDiff {
    let mut model = Vec::new();
    if old.name != new.name {
        model.push("name".to_owned());
    }
    if old.description != new.description {
        model.push("description".to_owned());
    }
    ModelDiff {
        model,
        elements: changes(&old.elements, &new.elements, |e| e.id.as_str(), |e| e.name.clone(), element_fields),
        flows: changes(&old.flows, &new.flows, |f| f.id.as_str(), |f| f.name.clone(), flow_fields),
        boundaries: changes(&old.boundaries, &new.boundaries, |b| b.id.as_str(), |b| b.name.clone(), boundary_fields),
        decisions: changes(
            &old.decisions,
            &new.decisions,
            |d| d.finding.as_str(),
            |d| d.finding.as_str().to_owned(),
            decision_fields,
        ),
    }
}

fn changes<T: PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> String,
    fields: impl Fn(&T, &T) -> Vec<String>,
) -> Changes {
    let before: HashMap<&str, &T> = old.iter().map(|item| (id(item), item)).collect();
    let after: HashMap<&str, &T> = new.iter().map(|item| (id(item), item)).collect();
    let part = |item: &T, fields: Vec<String>| PartChange { id: id(item).to_owned(), name: name(item), fields };
    let mut result = Changes::default();
    for item in new {
        match before.get(id(item)) {
            None => result.added.push(part(item, Vec::new())),
            // Most parts are unchanged: comparing them whole is much cheaper than naming fields.
            Some(was) if *was == item => {}
            Some(was) => {
                let differ = fields(was, item);
                if !differ.is_empty() {
                    result.changed.push(part(item, differ));
                }
            }
        }
    }
    result.removed =
        old.iter().filter(|item| !after.contains_key(id(item))).map(|item| part(item, Vec::new())).collect();
    result
}

/// The names of the fields that differ, with each property by name.
fn differing(pairs: &[(&str, bool)]) -> Vec<String> {
    pairs.iter().filter(|(_, same)| !same).map(|(name, _)| (*name).to_owned()).collect()
}

fn property_fields(old: &maestro_model::Properties, new: &maestro_model::Properties) -> Vec<String> {
    let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
    names.sort();
    names.dedup();
    names.into_iter().filter(|n| old.get(*n) != new.get(*n)).map(|n| format!("properties.{n}")).collect()
}

fn element_fields(old: &Element, new: &Element) -> Vec<String> {
    let mut fields = differing(&[
        ("kind", old.kind == new.kind),
        ("name", old.name == new.name),
        ("position", old.position == new.position),
        ("layer", old.layer_override == new.layer_override),
        ("description", old.description == new.description),
        ("notes", old.notes == new.notes),
    ]);
    fields.extend(property_fields(&old.properties, &new.properties));
    fields
}

fn flow_fields(old: &Flow, new: &Flow) -> Vec<String> {
    let mut fields = differing(&[
        ("from", old.from == new.from),
        ("to", old.to == new.to),
        ("name", old.name == new.name),
        ("description", old.description == new.description),
        ("notes", old.notes == new.notes),
    ]);
    fields.extend(property_fields(&old.properties, &new.properties));
    fields
}

fn boundary_fields(old: &Boundary, new: &Boundary) -> Vec<String> {
    let mut fields = differing(&[
        ("name", old.name == new.name),
        ("contains", old.contains == new.contains),
        ("parent", old.parent == new.parent),
        ("box", old.position == new.position && old.size == new.size),
        ("description", old.description == new.description),
        ("notes", old.notes == new.notes),
    ]);
    fields.extend(property_fields(&old.properties, &new.properties));
    fields
}

fn decision_fields(old: &Decision, new: &Decision) -> Vec<String> {
    differing(&[("status", old.status == new.status), ("justification", old.justification == new.justification)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_model::{DecisionStatus, Position, PropertyValue};

    fn base() -> Model {
        let mut model = Model::new("Crew");
        for id in ["a", "b", "c"] {
            model.elements.push(Element {
                id: id.into(),
                kind: "agent".into(),
                name: id.to_uppercase(),
                ..Default::default()
            });
        }
        model.flows.push(Flow { id: "f".into(), from: "a".into(), to: "b".into(), ..Default::default() });
        model
    }

    #[test]
    fn the_text_lists_each_part_and_cannot_drive_a_terminal() {
        let old = base();
        let mut new = base();
        new.elements[1].name = "B\u{1b}[31m red\r".into();
        new.elements.push(Element { id: "d".into(), kind: "tool".into(), name: "D".into(), ..Default::default() });
        let text = diff_models(&old, &new).to_text();
        assert_eq!(
            text, "elements:\n  + d (D)\n  ~ b (B?[31m red?): name\n(1 element added, 1 element changed)\n",
            "{text}"
        );
        assert_eq!(diff_models(&old, &old).to_text(), "no changes\n");
    }

    #[test]
    fn the_same_model_has_no_changes() {
        assert!(diff_models(&base(), &base()).is_empty());
        assert_eq!(diff_models(&base(), &base()).summary(), "no changes");
    }

    #[test]
    fn each_change_is_named_by_part_and_field() {
        let old = base();
        let mut new = base();
        new.elements.remove(2);
        new.elements[0].position = Position::new(5.0, 5.0);
        new.elements[0].properties.insert("autonomy".into(), PropertyValue::Text("autonomous".into()));
        new.elements.push(Element { id: "d".into(), kind: "tool".into(), name: "D".into(), ..Default::default() });
        new.flows[0].name = "asks".into();
        new.decisions.push(Decision {
            finding: "goal-manipulation:a".into(),
            status: DecisionStatus::Accepted,
            justification: "reviewed".into(),
        });
        new.description = "now described".into();
        let d = diff_models(&old, &new);
        assert_eq!(d.elements.added[0].id, "d");
        assert_eq!(d.elements.removed[0].id, "c");
        assert_eq!(d.elements.changed[0].fields, ["position", "properties.autonomy"]);
        assert_eq!(d.flows.changed[0].fields, ["name"]);
        assert_eq!(d.decisions.added[0].id, "goal-manipulation:a");
        assert_eq!(
            d.summary(),
            "1 element added, 1 element removed, 1 element changed, 1 flow changed, 1 decision added, \
             the model's description changed"
        );
    }
}
