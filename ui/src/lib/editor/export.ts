// What the export dialog holds, and the request it sends: pure, so it is tested apart from the
// component.

import type { ExportRequest, FindingStatus } from '../bindings';

/** The statuses whose findings a report for people may leave out. */
export const HIDEABLE: readonly FindingStatus[] = ['mitigated', 'accepted', 'transferred', 'not-applicable'];

export interface ExportChoices {
  format: string;
  /** '' for nothing, `layer:L3` for a layer, `chain:ID` for a finding's chain. */
  highlight: string;
  bands: boolean;
  scale: number;
  legend: boolean;
  hide: FindingStatus[];
  organisation: string;
  author: string;
}

/** What the dialog starts with: the HTML report, the diagram as drawn at its own size. */
export function defaultChoices(): ExportChoices {
  return { format: 'html', highlight: '', bands: false, scale: 1, legend: true, hide: [], organisation: '', author: '' };
}

/** The request for the app: only what the chosen format takes, blanks as nothing. */
export function exportRequest(choices: ExportChoices): ExportRequest {
  const [kind, ...rest] = choices.highlight.split(':');
  const target = rest.join(':');
  const blank = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    format: choices.format,
    highlightLayer: kind === 'layer' && target ? target : null,
    highlightChain: kind === 'chain' && target ? target : null,
    bands: choices.bands,
    scale: Number.isFinite(choices.scale) ? choices.scale : 1,
    legend: choices.legend,
    hide: choices.format === 'html' ? [...choices.hide] : [],
    organisation: blank(choices.organisation),
    author: blank(choices.author),
  };
}
