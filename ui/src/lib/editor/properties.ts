// Pure helpers for editing properties: which catalog properties apply, and their current values.

import type { Catalog, Property, PropertyValue } from '../bindings';

export interface PropertyRow {
  property: Property;
  /** The value; null when the selected items differ (a mixed multi-selection). */
  value: PropertyValue | null;
  /** True when the value is the default, not set on the element or flow (on any of them). */
  isDefault: boolean;
}

/** What `commonPropertyRows` needs of each selected element. */
export interface Propertied {
  kind: string;
  properties?: Partial<Record<string, PropertyValue>>;
}

/**
 * The properties every one of `elements` has (by its kind), each with the value they share, or
 * null where they differ: what a multi-selection can edit at once.
 */
export function commonPropertyRows(catalog: Catalog, elements: readonly Propertied[]): PropertyRow[] {
  if (elements.length === 0) return [];
  const each = elements.map((e) => propertyRows(catalog, e.kind, e.properties ?? {}));
  return each[0]
    .filter((row) => each.every((rows) => rows.some((r) => r.property.id === row.property.id)))
    .map((row) => {
      const rows = each.map((rs) => rs.find((r) => r.property.id === row.property.id)!);
      const shared = rows.every((r) => r.value === row.value);
      return { property: row.property, value: shared ? row.value : null, isDefault: rows.every((r) => r.isDefault) };
    });
}

/** The rows for an element of `kind`, or for a flow or boundary (`appliesTo`) when `kind` is null. */
export function propertyRows(
  catalog: Catalog,
  kind: string | null,
  set: Partial<Record<string, PropertyValue>>,
  appliesTo: 'flow' | 'boundary' = 'flow',
): PropertyRow[] {
  const kindEntry = kind ? catalog.kinds.find((k) => k.id === kind) : undefined;
  const ids = kind
    ? (kindEntry?.properties ?? [])
    : catalog.properties.filter((p) => p.applies_to.includes(appliesTo)).map((p) => p.id);
  return ids
    .map((id) => catalog.properties.find((p) => p.id === id))
    .filter((p): p is Property => p !== undefined)
    .map((property) => {
      const own = set[property.id];
      const fallback = kindEntry?.defaults?.[property.id] ?? property.default;
      return own !== undefined && own !== null
        ? { property, value: own, isDefault: false }
        : { property, value: fallback as PropertyValue, isDefault: true };
    });
}
