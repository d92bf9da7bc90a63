//! An open document: the single source of truth for one model being edited.
//!
//! A [`Document`] owns the model, the undo and redo history (of edit operations, not copies of the
//! model), the file it belongs to and whether it has unsaved changes. A user interface sends it
//! [`Edit`]s and renders the [`Snapshot`] it returns (sent as a [`SnapshotUpdate`]: after the first,
//! only what changed); it keeps no model of its own.
//!
//! This crate knows nothing of windows, IPC or how dialogs are shown.

mod document;
mod edit;
mod file_name;
mod geometry;
mod history;
pub mod load;
mod model_diff;
mod recovery;
mod sample;
mod snapshot;
mod update;

pub use document::{Document, DocumentError};
pub use edit::{BoundaryGeometry, BoundaryMove, Edit, Fragment};
pub use file_name::file_stem;
pub use maestro_store::{Revision, RevisionError};
pub use model_diff::{Changes, ModelDiff, PartChange, diff_models, printable};
pub use recovery::{Recovered, Recovery, RecoveryError, RecoveryOffer};
pub use sample::{DEFAULT_SAMPLE, SAMPLES, Sample, sample, sample_model};
pub use snapshot::{Snapshot, window_title};
pub use update::{ItemsPatch, Keyed, Publisher, SnapshotPatch, SnapshotUpdate, diff, diff_items};
