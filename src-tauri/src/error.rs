//! The one error type every command returns to the UI.

use maestro_document::DocumentError;
use serde::Serialize;
use specta::Type;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// The edit was refused; the document is unchanged.
    InvalidEdit,
    /// A file could not be read or written; the document is unchanged.
    File,
    /// Something in the app itself failed.
    Internal,
}

/// What the UI shows when a command fails: a sentence for the user and its category.
#[derive(Clone, Debug, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Internal, message: message.into() }
    }
}

impl From<DocumentError> for CommandError {
    fn from(error: DocumentError) -> Self {
        let kind = match error {
            DocumentError::Edit(_)
            | DocumentError::UnknownKind(_)
            | DocumentError::UnknownLayer(_)
            | DocumentError::InvalidProperty(_)
            | DocumentError::BadPaste(_)
            | DocumentError::Nothing(_) => ErrorKind::InvalidEdit,
            DocumentError::Store(_)
            | DocumentError::NoPath
            | DocumentError::Import { .. }
            | DocumentError::ChangedOnDisk(_)
            | DocumentError::ReadOnly(_)
            | DocumentError::Revision(_) => ErrorKind::File,
        };
        Self { kind, message: error.to_string() }
    }
}
