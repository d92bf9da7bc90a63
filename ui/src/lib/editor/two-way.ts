// Two-way flows on the canvas: one edge for data that moves both ways (the `role` property's
// `two-way` value; the analysis follows it in both directions).

import type { Edit, Flow } from '../bindings';

export const TWO_WAY = 'two-way';

export function isTwoWay(flow: Flow): boolean {
  return flow.properties?.role === TWO_WAY;
}

/**
 * The edit that makes the chosen flows two-way, or, when all of them already are, one-way again
 * (the role's default). Null when no flow is chosen.
 */
export function toggleTwoWay(flows: readonly Flow[]): Edit | null {
  if (flows.length === 0) return null;
  const allTwoWay = flows.every(isTwoWay);
  return {
    type: 'setPropertyOfEach',
    targets: flows.map((f) => f.id),
    property: 'role',
    value: allTwoWay ? null : TWO_WAY,
  };
}
