//! Shared memory poisoning: a store that one party writes and a different agent reads back.
//!
//! Agent memory, retrieval indexes and shared stores are trusted by whoever reads them. When a
//! party writes a store that another agent reads back, whatever the writer was tricked into
//! storing steers the reader later, perhaps for other users. The writer is an agent or a tool an
//! agent drives, and it takes an attacker to poison: untrusted content must reach the writer (see
//! [`super::untrusted`]). An outside source that writes a store directly makes it an input, which
//! the goal-manipulation rules look at, not a memory.
//! One finding per store, with an exposed writer and the first other reader as the path.

use super::{PathHit, describe_path};
use crate::context::{Context, Side};
use maestro_catalog::KindTrait;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let untrusted = cx.untrusted();
    // A writer of memory: an agent, or a tool an agent drives, that attacker content reaches and
    // that passes it on (an outside source writing a store directly is an input, not memory).
    let driven = |e: usize| {
        cx.hops_in[e].iter().any(|&h| cx.has(cx.hops[h].from, KindTrait::Agent) && cx.hops[h].side != Side::Answer)
    };
    let exposed = |e: usize| {
        untrusted.passes_on(cx, e) && (cx.has(e, KindTrait::Agent) || (cx.has(e, KindTrait::Actor) && driven(e)))
    };
    (0..cx.model.elements.len())
        .filter(|&store| cx.has(store, KindTrait::ContextStore))
        .filter_map(|store| {
            // Writes: one-way data into the store (a request to it is a query).
            let writes: Vec<usize> = cx.hops_in[store]
                .iter()
                .copied()
                .filter(|&h| cx.hops[h].side == Side::Data && exposed(cx.hops[h].from))
                .collect();
            let reads: Vec<usize> =
                cx.hops_out[store].iter().copied().filter(|&h| cx.has(cx.hops[h].to, KindTrait::Agent)).collect();
            let (write, read) = writes.iter().flat_map(|&w| reads.iter().map(move |&r| (w, r))).find(|&(w, r)| {
                // The writer is another party: not the reader, nor a tool the reader drives.
                let (writer, reader) = (cx.hops[w].from, cx.hops[r].to);
                writer != reader
                    && !(cx.has(writer, KindTrait::Actor)
                        && cx.hops_out[reader].iter().any(|&h| cx.hops[h].to == writer))
            })?;
            // From where the attacker is, through the writer, into the store and out to the reader.
            let (mut elements, mut flows) = cx.untrusted().raw.path(cx, cx.hops[write].from);
            if elements.is_empty() {
                elements.push(cx.hops[write].from);
            }
            elements.extend([store, cx.hops[read].to]);
            flows.extend([cx.hops[write].flow, cx.hops[read].flow]);
            let facts = vec![
                format!(
                    "{} exposed writer{} and {} reader{}",
                    writes.len(),
                    plural(writes.len()),
                    reads.len(),
                    plural(reads.len())
                ),
                format!("path {}", describe_path(cx, &elements)),
            ];
            let legs = cx.untrusted().other_origins(cx, cx.hops[write].from, &elements);
            let mut hit = PathHit::new(elements, flows, facts);
            hit.subject = Some(cx.hops[read].to);
            hit.legs = legs;
            Some(hit)
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids};

    #[test]
    fn an_exposed_writer_poisons_what_another_agent_reads_back() {
        let analysis = build()
            .el("page", "web-content", &[])
            .el("researcher", "agent", &[])
            .el("notes", "memory", &[])
            .el("writer", "agent", &[])
            .flow("f1", "page", "researcher", &[])
            .flow("f2", "researcher", "notes", &[])
            .flow("f3", "notes", "writer", &[])
            .analyse();
        let poisoning = finding(&analysis, "memory-poisoning:writer");
        assert_eq!(poisoning.path, ["page", "f1", "researcher", "f2", "notes", "f3", "writer"]);
    }

    #[test]
    fn a_store_nobody_untrusted_reaches_is_not_poisoned() {
        let analysis = build()
            .el("researcher", "agent", &[])
            .el("notes", "memory", &[])
            .el("writer", "agent", &[])
            .flow("f2", "researcher", "notes", &[])
            .flow("f3", "notes", "writer", &[])
            .analyse();
        assert!(ids(&analysis, "memory-poisoning").is_empty());
    }
}
