// Pure helpers for the findings panel: filtering, ordering and the user's decisions.

import type { DecisionStatus, Finding, FindingStatus, Severity, Stride } from '../bindings';

export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
export const STATUSES: FindingStatus[] = ['open', 'mitigated', 'accepted', 'transferred', 'not-applicable'];
export const STRIDE_LETTERS: Stride[] = ['S', 'T', 'R', 'I', 'D', 'E'];
/** What a user may decide; `mitigated` is never decided, the model's properties show it. */
export const DECISIONS: DecisionStatus[] = ['accepted', 'transferred', 'not-applicable'];

export interface FindingFilter {
  layer: string | null;
  stride: Stride | null;
  severity: Severity | null;
  status: FindingStatus | null;
  /** Only findings about these element or flow ids (the canvas selection), when set. */
  targets: string[] | null;
}

export const NO_FILTER: FindingFilter = { layer: null, stride: null, severity: null, status: null, targets: null };

/** Findings passing every set filter, worst first, then in the analysis's own order. */
export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .filter(({ finding: f }) =>
      (filter.layer === null || f.layer === filter.layer) &&
      (filter.stride === null || f.stride === filter.stride) &&
      (filter.severity === null || f.severity === filter.severity) &&
      (filter.status === null || f.status === filter.status) &&
      (filter.targets === null || f.targets.some((t) => filter.targets!.includes(t))),
    )
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) || a.order - b.order)
    .map(({ finding }) => finding);
}

export function statusLabel(status: FindingStatus): string {
  return status === 'not-applicable' ? 'not applicable' : status;
}

/** Whether the status is the user's decision rather than the analysis's. */
export function isDecided(status: FindingStatus): boolean {
  return (DECISIONS as string[]).includes(status);
}
