//! Shared memory poisoning: a store that one party writes and a different agent reads.
//!
//! Agent memory, vector stores and document stores are trusted by whoever reads them. When an
//! agent, a tool or outside input writes a store that another agent reads back, whatever the
//! writer was tricked into storing steers the reader later, perhaps for other users. One finding
//! per store, with its first writer and first other reader as the path.

use super::{PathHit, describe_path};
use crate::context::Context;

const STORES: &[&str] = &["memory", "vector-store", "document-store", "database"];
const WRITERS: &[&str] =
    &["agent", "orchestrator", "tool", "mcp-server", "web-content", "external-api", "peer-agent", "human"];
const READERS: &[&str] = &["agent", "orchestrator"];

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    (0..cx.model.elements.len())
        .filter(|&store| STORES.contains(&cx.kind_of(store)))
        .filter_map(|store| {
            let writes: Vec<usize> =
                cx.incoming[store].iter().copied().filter(|&f| WRITERS.contains(&cx.kind_of(cx.ends[f].0))).collect();
            let reads: Vec<usize> =
                cx.outgoing[store].iter().copied().filter(|&f| READERS.contains(&cx.kind_of(cx.ends[f].1))).collect();
            let (write, read) = writes
                .iter()
                .flat_map(|&w| reads.iter().map(move |&r| (w, r)))
                .find(|&(w, r)| cx.ends[w].0 != cx.ends[r].1)?;
            let elements = vec![cx.ends[write].0, store, cx.ends[read].1];
            let facts = vec![
                format!("{} writers and {} readers", writes.len(), reads.len()),
                format!("path {}", describe_path(cx, &elements)),
            ];
            Some(PathHit { elements, flows: vec![write, read], facts })
        })
        .collect()
}
