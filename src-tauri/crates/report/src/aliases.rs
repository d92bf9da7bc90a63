//! How every report names an alias's source: the catalog's short name beside the id, and the
//! table of the sources a report's findings use, so a reader can resolve them.

use crate::Subject;
use maestro_catalog::{Alias, Source};
use std::collections::BTreeSet;

impl Subject<'_> {
    /// The sources these aliases name, each once, in catalog order. A source the catalog does not
    /// know (validation keeps them out, but a report never drops one) follows, named by its id.
    pub(crate) fn sources_of<'x>(&self, aliases: impl IntoIterator<Item = &'x Alias>) -> Vec<Source> {
        let used: BTreeSet<&str> = aliases.into_iter().map(|a| a.source.as_str()).collect();
        let known = self.catalog.sources.iter().filter(|s| used.contains(s.id.as_str())).cloned();
        let unknown = used.iter().filter(|id| self.catalog.source(id).is_none()).map(|id| Source {
            id: (*id).to_owned(),
            name: (*id).to_owned(),
            short: (*id).to_owned(),
        });
        known.chain(unknown).collect()
    }

    /// The sources the findings' aliases name, for a report's table of sources.
    pub(crate) fn sources_used(&self) -> Vec<Source> {
        self.sources_of(self.analysis.findings.iter().flat_map(|f| &f.aliases))
    }

    /// How a source is shown beside an id, e.g. "ASI T&M v1.1"; its id when the catalog does not
    /// know it.
    pub(crate) fn source_short<'s>(&'s self, source: &'s str) -> &'s str {
        self.catalog.source(source).map_or(source, |s| s.short.as_str())
    }

    /// "T1 (ASI T&M v1.1)": the id, then its source. Not escaped.
    pub(crate) fn alias_with_source_after(&self, alias: &Alias) -> String {
        format!("{} ({})", alias.id, self.source_short(&alias.source))
    }

    /// "ASI T&M v1.1 T1": the source, then the id, for lists and cells. Not escaped.
    pub(crate) fn alias_with_source_before(&self, alias: &Alias) -> String {
        format!("{} {}", self.source_short(&alias.source), alias.id)
    }
}

/// The ids of the aliases from one source, in the finding's order.
pub(crate) fn ids_from<'f>(aliases: &'f [Alias], source: &str) -> Vec<&'f str> {
    aliases.iter().filter(|a| a.source == source).map(|a| a.id.as_str()).collect()
}
