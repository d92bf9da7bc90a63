use super::*;
use maestro_model::{DecisionStatus, Position, PropertyValue};

fn element(id: &str) -> Element {
    Element { id: id.into(), kind: "agent".into(), name: id.to_uppercase(), ..Default::default() }
}

fn record(revisions: &mut Revisions, on_file: Option<&Model>, saved: &Model) -> bool {
    revisions.record(on_file, saved, "2026-12-03T10:00:00Z".into(), "Ada".into(), "a change".into())
}

/// A small deterministic generator, so that a failure names a seed that repeats it.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// One random edit of every kind the editor can make to a list: add, remove, change, reorder.
fn mutate(model: &mut Model, rng: &mut Lcg, next_id: &mut usize) {
    match rng.below(8) {
        0 | 1 => {
            *next_id += 1;
            let at = rng.below(model.elements.len() + 1);
            model.elements.insert(at, element(&format!("e{next_id}")));
        }
        2 if !model.elements.is_empty() => {
            let gone = model.elements.remove(rng.below(model.elements.len())).id;
            model.flows.retain(|f| f.from != gone && f.to != gone);
        }
        3 if !model.elements.is_empty() => {
            let i = rng.below(model.elements.len());
            model.elements[i].position = Position::new(rng.below(500) as f64, 0.5);
            model.elements[i].properties.insert("autonomy".into(), PropertyValue::Text("autonomous".into()));
        }
        4 if model.elements.len() > 1 => {
            let (a, b) = (rng.below(model.elements.len()), rng.below(model.elements.len()));
            model.elements.swap(a, b);
        }
        5 if model.elements.len() > 1 => {
            *next_id += 1;
            let (a, b) = (rng.below(model.elements.len()), rng.below(model.elements.len()));
            if a != b {
                let (from, to) = (model.elements[a].id.clone(), model.elements[b].id.clone());
                model.flows.push(Flow { id: format!("f{next_id}").into(), from, to, ..Default::default() });
            }
        }
        6 => {
            *next_id += 1;
            model.decisions.push(Decision {
                finding: format!("z-finding:{next_id}").into(),
                status: DecisionStatus::Accepted,
                justification: "reviewed".into(),
            });
            model.description = format!("after {next_id}");
        }
        _ => model.name = format!("Model {}", rng.below(3)),
    }
}

#[test]
fn every_revision_is_rebuilt_exactly_from_the_latest_state() {
    for seed in 0..40 {
        let mut rng = Lcg(seed);
        let mut revisions = Revisions::default();
        let mut model = Model::new("Model 0");
        let mut saved: Vec<Model> = Vec::new();
        let mut next_id = 0;
        for _ in 0..25 {
            for _ in 0..rng.below(4) + 1 {
                mutate(&mut model, &mut rng, &mut next_id);
            }
            if record(&mut revisions, saved.last(), &model) {
                saved.push(comparable(&model).into_owned());
            }
        }
        assert_eq!(revisions.len(), saved.len(), "seed {seed}");
        let latest = saved.last().unwrap();
        for (i, state) in saved.iter().enumerate() {
            let rebuilt = revisions.model_at(latest, i as u32 + 1).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            assert_eq!(&rebuilt, state, "seed {seed}, revision {}", i + 1);
        }
    }
}

#[test]
fn a_back_step_holds_only_what_changed() {
    let mut old = Model::new("m");
    old.elements = (0..100).map(|i| element(&format!("e{i}"))).collect();
    let mut new = old.clone();
    new.elements.push(element("added"));
    new.elements.remove(10);
    new.elements[20].name = "Renamed".into();
    let step = BackStep::between(&new, &old);
    assert_eq!(step.elements.drop, ["added"]);
    assert_eq!(
        step.elements.put.iter().map(|(i, p)| (*i, p.id.as_str())).collect::<Vec<_>>(),
        [(10, "e10"), (21, "e21")]
    );
    assert!(step.elements.order.is_none(), "adding and removing keeps the others' order");
    assert!(step.flows.is_empty() && step.name.is_none());
    // Moving one part to the front reorders the list: then the order is kept whole.
    let mut reordered = old.clone();
    let last = reordered.elements.pop().unwrap();
    reordered.elements.insert(0, last);
    let step = BackStep::between(&reordered, &old);
    assert_eq!(step.elements.order.as_ref().map(Vec::len), Some(100));
    assert_eq!(step.undo(reordered).unwrap(), old);
}

#[test]
fn saving_the_latest_state_again_records_nothing() {
    let mut revisions = Revisions::default();
    let model = Model::new("m");
    assert!(record(&mut revisions, None, &model));
    assert!(!record(&mut revisions, Some(&model), &model));
    assert_eq!(revisions.list()[0].number, 1);
    assert_eq!(revisions.list()[0].author, "Ada");
}

#[test]
fn a_file_without_revisions_gets_its_model_recorded_first() {
    let mut revisions = Revisions::default();
    let before = Model::new("old");
    let mut after = before.clone();
    after.elements.push(element("a"));
    assert!(record(&mut revisions, Some(&before), &after));
    let list = revisions.list();
    assert_eq!(list.len(), 2);
    assert_eq!((list[0].saved_at.as_str(), list[0].author.as_str()), ("", ""));
    assert!(list[0].summary.contains("before revisions were kept"));
    assert_eq!(revisions.model_at(&after, 1).unwrap(), before);
    // Saved unchanged, such a file gets one revision: the state it has.
    let mut unchanged = Revisions::default();
    assert!(record(&mut unchanged, Some(&before), &before));
    assert_eq!(unchanged.len(), 1);
}

#[test]
fn a_state_that_cannot_be_rebuilt_exactly_is_an_error() {
    let mut revisions = Revisions::default();
    let first = Model::new("m");
    let mut second = first.clone();
    second.elements.push(element("a"));
    record(&mut revisions, None, &first);
    record(&mut revisions, Some(&first), &second);
    assert_eq!(revisions.model_at(&second, 3), Err(RevisionError::Unknown(3)));
    assert_eq!(revisions.model_at(&second, 0), Err(RevisionError::Unknown(0)));
    // Another program changed the model in the file.
    let mut edited = second.clone();
    edited.name = "edited".into();
    assert_eq!(revisions.model_at(&edited, 1), Err(RevisionError::LatestDiffers));
    // A damaged back step.
    let mut damaged = revisions.clone();
    damaged.entries[1].back = Some("{\"elements\": {\"put\": [[7, {\"id\": 3}]]}}".into());
    assert!(matches!(damaged.model_at(&second, 1), Err(RevisionError::Damaged(1, _))));
    damaged.entries[1].back = Some("{\"elements\": {\"drop\": [\"nothing\"]}}".into());
    let err = damaged.model_at(&second, 1).unwrap_err().to_string();
    assert!(err.contains("does not match the digest"), "{err}");
    damaged.entries[1].back = None;
    assert!(matches!(damaged.model_at(&second, 1), Err(RevisionError::Damaged(1, _))));
    // A step that rebuilds a model breaking the model's rules (a flow to nowhere).
    let mut broken = revisions.clone();
    broken.entries[1].back = Some(
        "{\"flows\": {\"put\": [[0, {\"id\": \"f\", \"from\": \"a\", \"to\": \"gone\", \"name\": \"\", \
         \"description\": \"\", \"notes\": \"\", \"properties\": {}}]]}}"
            .into(),
    );
    assert!(matches!(broken.model_at(&second, 1), Err(RevisionError::Damaged(1, _))));
}

#[test]
fn times_are_written_in_utc() {
    assert_eq!(utc_text(0), "1970-01-01T00:00:00Z");
    assert_eq!(utc_text(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(utc_text(1_796_313_600), "2026-12-03T16:00:00Z");
    assert_eq!(utc_text(4_102_444_799), "2099-12-31T23:59:59Z");
    assert!(now_utc().ends_with('Z') && now_utc().len() == 20);
}

#[test]
fn a_crafted_step_putting_parts_back_is_one_pass_and_checked() {
    // Many parts put back at the front, as a crafted file could ask: linear, not quadratic.
    let step: ListStep<Element> =
        ListStep { drop: Vec::new(), put: (0..200_000).map(|i| (i, element(&format!("p{i}")))).collect(), order: None };
    let kept: Vec<Element> = (0..10).map(|i| element(&format!("k{i}"))).collect();
    let undone = step.undo(kept).unwrap();
    assert_eq!(undone.len(), 200_010);
    assert_eq!(undone[0].id.as_str(), "p0");
    assert_eq!(undone[200_009].id.as_str(), "k9");
    // Indices that no list reaches, or that repeat, are damage.
    let past: ListStep<Element> = ListStep { drop: vec![], put: vec![(5, element("x"))], order: None };
    assert!(past.undo(vec![element("a")]).unwrap_err().contains("does not reach"));
    let twice: ListStep<Element> =
        ListStep { drop: vec![], put: vec![(0, element("x")), (0, element("y"))], order: None };
    assert!(twice.undo(vec![element("a")]).is_err());
}

#[test]
fn a_model_changed_outside_is_recorded_as_such_before_the_next_save() {
    let mut revisions = Revisions::default();
    let first = Model::new("m");
    record(&mut revisions, None, &first);
    let mut outside = first.clone();
    outside.name = "edited elsewhere".into();
    let mut saved = outside.clone();
    saved.elements.push(element("a"));
    assert!(record(&mut revisions, Some(&outside), &saved));
    let list = revisions.list();
    assert_eq!(list.len(), 3);
    assert!(list[1].summary.starts_with("Changed outside MAESTRO Studio"), "{}", list[1].summary);
    assert_eq!(revisions.model_at(&saved, 2).unwrap(), outside);
    assert!(matches!(revisions.model_at(&saved, 1), Err(RevisionError::Damaged(1, _))));
}
