//! Revisions: each save records the state it wrote, with when, by whom and what changed, so that
//! any two saved states can be compared and an old one restored.
//!
//! A file holds its latest state in its tables and, for each revision after the first, the way
//! back to the revision before it: a *back step* that names the parts to take away, the parts as
//! they were, and where they stood. An old revision is rebuilt by walking back from the latest
//! state, so the history grows with what changed, not with the size of the model times the
//! number of saves. Each revision keeps a digest of its state, and a rebuilt state must match
//! it: a file edited by another program, or damaged, gives a clear error, never a wrong model.
//!
//! States are compared in the form a file gives back (decisions ordered by finding), so the
//! digest of a state is the same whether it was just saved or just read.

use maestro_model::{Boundary, Decision, Element, Flow, Model};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use thiserror::Error;

/// One saved state of a model, as a list of revisions shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    /// 1 for the first revision, counting up.
    pub number: u32,
    /// When it was saved (RFC 3339, UTC); empty when not known (a model first recorded from a
    /// file that kept no revisions).
    pub saved_at: String,
    /// Who saved it, as their settings name them; empty when not known.
    pub author: String,
    /// What changed since the revision before, in a line.
    pub summary: String,
}

/// Why a revision cannot be rebuilt.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RevisionError {
    #[error("there is no revision {0}")]
    Unknown(u32),
    #[error(
        "the model in this file is not its latest revision (another program changed the file), \
         so earlier revisions cannot be rebuilt exactly"
    )]
    LatestDiffers,
    #[error("revision {0} cannot be rebuilt: the way back to it is missing or damaged ({1})")]
    Damaged(u32, String),
}

/// A revision as the file keeps it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub revision: Revision,
    /// The digest of the revision's state.
    pub digest: String,
    /// JSON of the [`BackStep`] to the revision before; `None` for the first.
    pub back: Option<String>,
}

/// Every revision of one file, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Revisions {
    entries: Vec<Entry>,
}

impl Revisions {
    pub(crate) fn from_entries(entries: Vec<Entry>) -> Self {
        Self { entries }
    }

    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The revisions, oldest first.
    pub fn list(&self) -> Vec<Revision> {
        self.entries.iter().map(|e| e.revision.clone()).collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The latest revision.
    pub fn latest(&self) -> Option<&Revision> {
        self.entries.last().map(|e| &e.revision)
    }

    /// Records `saved` as a new revision. `on_file` is the state the file held before (its
    /// latest revision), `None` for a file written for the first time. A file that held a
    /// model but kept no revisions first gets that model recorded as revision 1, so that what
    /// it was stays within reach. Returns `false`, recording nothing, when `saved` is the
    /// latest revision already.
    pub fn record(
        &mut self,
        on_file: Option<&Model>,
        saved: &Model,
        saved_at: String,
        author: String,
        summary: String,
    ) -> bool {
        let saved = comparable(saved);
        let digest = digest_of(&saved);
        if self.entries.last().is_some_and(|latest| latest.digest == digest) {
            return false;
        }
        let on_file = on_file.map(comparable);
        let mut back = None;
        if let Some(before) = &on_file {
            let before_digest = digest_of(before);
            // Another program changed the model in the file after its latest revision: that state
            // is recorded as it is, and the way back past it is lost (and said to be).
            if self.entries.last().is_some_and(|latest| latest.digest != before_digest) {
                let revision = Revision {
                    number: self.entries.len() as u32 + 1,
                    saved_at: String::new(),
                    author: String::new(),
                    summary: "Changed outside MAESTRO Studio: earlier revisions cannot be rebuilt from here".to_owned(),
                };
                self.entries.push(Entry { revision, digest: before_digest.clone(), back: None });
            }
            if self.entries.is_empty() && before_digest != digest {
                let revision = Revision {
                    number: 1,
                    saved_at: String::new(),
                    author: String::new(),
                    summary: "The model as it was before revisions were kept".to_owned(),
                };
                self.entries.push(Entry { revision, digest: digest_of(before), back: None });
            }
            if !self.entries.is_empty() {
                let step = BackStep::between(&saved, before);
                let text = serde_json::to_string(&step).expect("model parts always serialise");
                back = (text.len() <= MAX_BACK_STEP_BYTES).then_some(text);
            }
        }
        let number = self.entries.len() as u32 + 1;
        self.entries.push(Entry { revision: Revision { number, saved_at, author, summary }, digest, back });
        true
    }

    /// The state of revision `number`, rebuilt from `latest` (the model the file holds) and
    /// checked as any model read from a file is.
    pub fn model_at(&self, latest: &Model, number: u32) -> Result<Model, RevisionError> {
        let index = (number as usize).checked_sub(1).filter(|&i| i < self.entries.len());
        let index = index.ok_or(RevisionError::Unknown(number))?;
        let mut state = comparable(latest).into_owned();
        if self.entries.last().map(|e| e.digest.as_str()) != Some(digest_of(&state).as_str()) {
            return Err(RevisionError::LatestDiffers);
        }
        let damaged = |detail: String| RevisionError::Damaged(number, detail);
        for entry in self.entries[index + 1..].iter().rev() {
            let text =
                entry.back.as_deref().ok_or_else(|| damaged(format!("revision {} has none", entry.revision.number)))?;
            let step: BackStep = serde_json::from_str(text).map_err(|e| damaged(e.to_string()))?;
            state = step.undo(state).map_err(damaged)?;
        }
        if digest_of(&state) != self.entries[index].digest {
            return Err(damaged("the rebuilt model does not match the digest saved with it".to_owned()));
        }
        state.rebuilt().map_err(|e| damaged(e.to_string()))
    }
}

/// `model` as a file gives it back: decisions in the order of their findings, and no negative
/// zero in a coordinate (SQLite keeps a whole REAL as an integer, so -0.0 reads back as 0.0).
/// Copied only when it differs.
fn comparable(model: &Model) -> Cow<'_, Model> {
    let negative_zero = |v: f64| v == 0.0 && v.is_sign_negative();
    let has_negative_zero = model.elements.iter().any(|e| negative_zero(e.position.x) || negative_zero(e.position.y))
        || model
            .boundaries
            .iter()
            .any(|b| [b.position.x, b.position.y, b.size.width, b.size.height].into_iter().any(negative_zero));
    if model.decisions.is_sorted_by(|a, b| a.finding <= b.finding) && !has_negative_zero {
        return Cow::Borrowed(model);
    }
    let mut model = model.clone();
    model.decisions.sort_by(|a, b| a.finding.cmp(&b.finding));
    let unsigned = |v: &mut f64| {
        if *v == 0.0 {
            *v = 0.0;
        }
    };
    for e in &mut model.elements {
        unsigned(&mut e.position.x);
        unsigned(&mut e.position.y);
    }
    for b in &mut model.boundaries {
        unsigned(&mut b.position.x);
        unsigned(&mut b.position.y);
    }
    Cow::Owned(model)
}

/// A 64-bit FNV-1a digest of the model's JSON, as 16 hex digits. It tells states apart; it is
/// not meant to resist someone forging a file (nothing in a file is trusted for that).
fn digest_of(model: &Model) -> String {
    struct Fnv(u64);
    impl std::io::Write for Fnv {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut fnv = Fnv(0xcbf2_9ce4_8422_2325);
    serde_json::to_writer(&mut fnv, model).expect("model parts always serialise");
    format!("{:016x}", fnv.0)
}

/// Something with an id in one of the model's lists.
trait Part: Clone + PartialEq {
    fn key(&self) -> &str;
}

impl Part for Element {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Part for Flow {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Part for Boundary {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Part for Decision {
    fn key(&self) -> &str {
        self.finding.as_str()
    }
}

/// The most parts one list may hold while a revision is rebuilt (the file format's row limits
/// are far below it); a step that would make more is damage.
const MAX_PARTS: usize = 2_000_000;

/// The longest back step kept; a bigger one (a whole large model rearranged) is not kept, and
/// the revisions before it are then out of reach. The reader refuses values over 16 MiB.
const MAX_BACK_STEP_BYTES: usize = 8 << 20;

/// How to turn one revision's state into the one before it.
#[derive(Debug, Default, Serialize, Deserialize)]
struct BackStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "ListStep::is_empty")]
    elements: ListStep<Element>,
    #[serde(default, skip_serializing_if = "ListStep::is_empty")]
    flows: ListStep<Flow>,
    #[serde(default, skip_serializing_if = "ListStep::is_empty")]
    boundaries: ListStep<Boundary>,
    #[serde(default, skip_serializing_if = "ListStep::is_empty")]
    decisions: ListStep<Decision>,
}

impl BackStep {
    /// The step from `newer` back to `older`.
    fn between(newer: &Model, older: &Model) -> Self {
        BackStep {
            name: (newer.name != older.name).then(|| older.name.clone()),
            description: (newer.description != older.description).then(|| older.description.clone()),
            elements: ListStep::between(&newer.elements, &older.elements),
            flows: ListStep::between(&newer.flows, &older.flows),
            boundaries: ListStep::between(&newer.boundaries, &older.boundaries),
            decisions: ListStep::between(&newer.decisions, &older.decisions),
        }
    }

    fn undo(self, mut model: Model) -> Result<Model, String> {
        if let Some(name) = self.name {
            model.name = name;
        }
        if let Some(description) = self.description {
            model.description = description;
        }
        model.elements = self.elements.undo(model.elements)?;
        model.flows = self.flows.undo(model.flows)?;
        model.boundaries = self.boundaries.undo(model.boundaries)?;
        model.decisions = self.decisions.undo(model.decisions)?;
        Ok(model)
    }
}

/// How to turn one list of parts into the list an older state had.
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct ListStep<T> {
    /// The ids of parts the newer list has and the older had not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    drop: Vec<String>,
    /// Parts as the older list had them (changed since, or gone), with their index in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    put: Vec<(usize, T)>,
    /// The older list's order of ids, kept only when undoing `drop` and `put` does not give it
    /// (parts were reordered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order: Option<Vec<String>>,
}

impl<T> Default for ListStep<T> {
    fn default() -> Self {
        Self { drop: Vec::new(), put: Vec::new(), order: None }
    }
}

impl<T> ListStep<T> {
    fn is_empty(&self) -> bool {
        self.drop.is_empty() && self.put.is_empty() && self.order.is_none()
    }
}

impl<T: Part> ListStep<T> {
    fn between(newer: &[T], older: &[T]) -> Self {
        let in_newer: HashMap<&str, &T> = newer.iter().map(|p| (p.key(), p)).collect();
        let in_older: HashSet<&str> = older.iter().map(Part::key).collect();
        let mut step = ListStep {
            drop: newer.iter().map(Part::key).filter(|k| !in_older.contains(k)).map(str::to_owned).collect(),
            put: older
                .iter()
                .enumerate()
                .filter(|(_, part)| in_newer.get(part.key()) != Some(part))
                .map(|(i, part)| (i, part.clone()))
                .collect(),
            order: None,
        };
        // Undone on the ids alone, does the step give the older order?
        let keys: Vec<Key> = newer.iter().map(|p| Key(p.key())).collect();
        let keys_step = ListStep {
            drop: step.drop.clone(),
            put: step.put.iter().map(|(i, p)| (*i, Key(p.key()))).collect(),
            order: None,
        };
        let same_order =
            keys_step.undo(keys).is_ok_and(|list| list.iter().map(|k| k.0).eq(older.iter().map(Part::key)));
        if !same_order {
            step.order = Some(older.iter().map(|p| p.key().to_owned()).collect());
        }
        step
    }

    fn undo(self, list: Vec<T>) -> Result<Vec<T>, String> {
        let mut list = list;
        if !self.drop.is_empty() {
            let drop: HashSet<&str> = self.drop.iter().map(String::as_str).collect();
            list.retain(|p| !drop.contains(p.key()));
        }
        // Parts still there are replaced where they stand; the others go back at their index.
        let mut put: HashMap<String, (usize, T)> =
            self.put.into_iter().map(|(index, part)| (part.key().to_owned(), (index, part))).collect();
        if !put.is_empty() {
            for item in list.iter_mut() {
                if let Some((_, part)) = put.remove(item.key()) {
                    *item = part;
                }
            }
        }
        let mut missing: Vec<(usize, T)> = put.into_values().collect();
        if list.len() + missing.len() > MAX_PARTS {
            return Err(format!("more than {MAX_PARTS} parts in one list"));
        }
        match self.order {
            None => {
                // One pass: each part put back lands at its index, the others keep their order.
                missing.sort_by_key(|(index, _)| *index);
                let total = list.len() + missing.len();
                let mut merged = Vec::with_capacity(total);
                let mut kept = list.into_iter();
                let mut missing = missing.into_iter().peekable();
                while merged.len() < total {
                    if missing.peek().is_some_and(|(index, _)| *index == merged.len()) {
                        merged.extend(missing.next().map(|(_, part)| part));
                    } else if let Some(part) = kept.next() {
                        merged.push(part);
                    } else if let Some((index, part)) = missing.next() {
                        return Err(format!("'{}' was at {index}, which its list does not reach", part.key()));
                    }
                }
                Ok(merged)
            }
            Some(order) => {
                let mut by_key: HashMap<String, T> = list
                    .into_iter()
                    .chain(missing.into_iter().map(|(_, p)| p))
                    .map(|p| (p.key().to_owned(), p))
                    .collect();
                let ordered = order
                    .iter()
                    .map(|key| by_key.remove(key).ok_or_else(|| format!("'{key}' is ordered but not there")))
                    .collect::<Result<Vec<T>, String>>()?;
                match by_key.keys().next() {
                    Some(left) => Err(format!("'{left}' is there but not ordered")),
                    None => Ok(ordered),
                }
            }
        }
    }
}

/// A part's id alone, to work out an order without copying parts.
#[derive(Clone, Copy, PartialEq)]
struct Key<'a>(&'a str);

impl Part for Key<'_> {
    fn key(&self) -> &str {
        self.0
    }
}

/// The time now as RFC 3339 in UTC, to the second ("2026-12-03T14:05:09Z").
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    utc_text(secs)
}

/// Today's date in UTC, as YYYY-MM-DD.
pub fn today_utc() -> String {
    now_utc()[..10].to_owned()
}

/// Seconds since 1970 as RFC 3339 in UTC (civil dates from days, as in Howard Hinnant's
/// `civil_from_days`).
fn utc_text(secs: u64) -> String {
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3_600, rest % 3_600 / 60, rest % 60)
}

#[cfg(test)]
mod tests;
