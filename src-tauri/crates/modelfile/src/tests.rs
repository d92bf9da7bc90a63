use super::*;
use maestro_model::PropertyValue;

const CREW: &str = r#"
name: Research crew
components:
  - id: web
    kind: web-content
    name: Web pages
  - id: researcher
    kind: agent
    name: Researcher
    properties: { autonomy: autonomous, memory: persistent }
  - { id: files, kind: tool, name: File write, properties: { side_effect: write }, position: { x: 10, y: 20 } }
  - { id: runner, kind: agent, name: Runner, layer: L4, justification: It schedules the jobs. }
flows:
  - { from: web, to: researcher, name: pages }
  - { id: out, from: researcher, to: files, properties: { validated: false, protocol: mcp } }
boundaries:
  - { id: corp, name: Corporate network, properties: { trust: trusted }, contains: [researcher, files] }
"#;

fn yaml(text: &str) -> Result<Model, ModelFileError> {
    parse(text, Format::Yaml, Catalog::builtin())
}

#[test]
fn a_yaml_model_becomes_a_model() {
    let model = yaml(CREW).unwrap();
    assert_eq!(model.name, "Research crew");
    assert_eq!(model.elements.len(), 4);
    assert_eq!(model.elements[1].properties["autonomy"], PropertyValue::Text("autonomous".into()));
    assert_eq!(model.elements[3].layer_override.as_ref().unwrap().layer, "L4");
    let flow_ids: Vec<&str> = model.flows.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(flow_ids, ["flow-1", "out"]);
    assert_eq!(model.flows[1].properties["validated"], PropertyValue::Bool(false));
    assert_eq!(model.boundaries[0].contains.len(), 2);
    // Given positions are kept; the rest are laid out in layer rows, all finite and distinct.
    assert_eq!(model.elements[2].position, maestro_model::Position::new(10.0, 20.0));
    assert!(model.elements.iter().all(|e| e.position.is_finite()));
    assert_ne!(model.elements[0].position, model.elements[1].position);
}

#[test]
fn json_works_the_same() {
    let json = r#"{"name": "m", "components": [{"id": "a", "kind": "agent", "name": "A"}], "flows": []}"#;
    let model = parse(json, Format::Json, Catalog::builtin()).unwrap();
    assert_eq!(model.elements[0].kind.as_str(), "agent");
}

fn error(text: &str) -> String {
    yaml(text).unwrap_err().to_string()
}

#[test]
fn mistakes_are_reported_by_element_and_field() {
    assert_eq!(
        error("name: m\ncomponents:\n  - { id: x, kind: warp-drive, name: X }\n"),
        "components[0] (id 'x'), field 'kind': unknown kind 'warp-drive'"
    );
    assert_eq!(
        error("name: m\ncomponents:\n  - { id: a, kind: agent, name: A }\nflows:\n  - { from: a, to: ghost }\n"),
        "flows[0], field 'to': 'ghost' is not a component of this model"
    );
    assert_eq!(
        error("name: m\ncomponents:\n  - { id: a, kind: agent, name: A, properties: { autonomy: total } }\n"),
        "components[0] (id 'a'), field 'properties.autonomy': must be one of assistive, supervised, autonomous, not \"total\""
    );
    assert_eq!(
        error(
            "name: m\ncomponents:\n  - { id: a, kind: agent, name: A, properties: { internet_exposed: yes please } }\n"
        ),
        "components[0] (id 'a'), field 'properties.internet_exposed': must be true or false, not \"yes please\""
    );
    assert_eq!(
        error("name: m\ncomponents:\n  - { id: a, kind: agent, name: A, properties: { sandbox: gvisor } }\n"),
        "components[0] (id 'a'), field 'properties.sandbox': 'sandbox' does not apply to kind 'agent'"
    );
    assert_eq!(
        error("name: m\ncomponents:\n  - { id: a, kind: agent, name: A, layer: L4 }\n"),
        "components[0] (id 'a'), field 'layer': say why: add a 'justification' for the chosen layer"
    );
    assert_eq!(
        error("name: m\ncomponents:\n  - { id: a, kind: agent, name: A }\n  - { id: a, kind: tool, name: B }\n"),
        "components[1] (id 'a'), field 'id': this id is already used"
    );
    assert!(matches!(yaml("name: m\ncomponents: [ { id: a } ]\n"), Err(ModelFileError::Syntax(_))));
    assert!(matches!(yaml(": : :\n- ["), Err(ModelFileError::Syntax(_))));
}

#[test]
fn formats_follow_the_file_extension() {
    assert_eq!(Format::of_path(Path::new("m.yaml")), Some(Format::Yaml));
    assert_eq!(Format::of_path(Path::new("m.YML")), Some(Format::Yaml));
    assert_eq!(Format::of_path(Path::new("m.json")), Some(Format::Json));
    assert_eq!(Format::of_path(Path::new("m.maestro")), None);
}

#[test]
fn boundaries_nest_keep_their_boxes_and_are_fitted_when_written_without() {
    let text = format!(
        "{CREW}  - {{ id: lab, name: Lab, parent: corp, contains: [files], position: {{ x: 0, y: 0 }}, size: {{ width: 400, height: 300 }}, notes: kept }}\n"
    );
    let model = yaml(&text).unwrap();
    let lab = model.boundary(&"lab".into()).unwrap();
    assert_eq!(
        (lab.parent.as_ref().map(|p| p.as_str()), lab.size.width, lab.notes.as_str()),
        (Some("corp"), 400.0, "kept")
    );
    let corp = maestro_model::Rect::of_boundary(model.boundary(&"corp".into()).unwrap());
    let researcher = model.element(&"researcher".into()).unwrap();
    assert!(corp.contains_rect(&maestro_model::Rect::of_element(researcher)), "corp is fitted around its members");
    assert!(corp.contains_rect(&maestro_model::Rect::of_boundary(lab)), "and around the boundary nested in it");
}

#[test]
fn a_boundary_nested_in_itself_or_with_half_a_box_is_named() {
    let looped = format!("{CREW}  - {{ id: lab, name: Lab, parent: lab }}\n");
    let err = yaml(&looped).unwrap_err().to_string();
    assert!(err.starts_with("boundaries[1] (id 'lab'), field 'parent'") && err.contains("inside itself"), "{err}");
    let half = format!("{CREW}  - {{ id: lab, name: Lab, position: {{ x: 0, y: 0 }} }}\n");
    let err = yaml(&half).unwrap_err().to_string();
    assert!(err.contains("field 'size'"), "{err}");
    let missing = format!("{CREW}  - {{ id: lab, name: Lab, parent: nowhere }}\n");
    assert!(yaml(&missing).unwrap_err().to_string().contains("no boundary with id 'nowhere'"));
}
