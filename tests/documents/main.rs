//! Documents on disk: files of every earlier format still open as the model they held.

mod code;
mod formats;
