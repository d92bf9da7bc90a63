// Pure helpers for editing properties: which catalog properties apply, and their current values.

import type { Catalog, Property, PropertyValue } from '../bindings';

export interface PropertyRow {
  property: Property;
  value: PropertyValue;
  /** True when the value is the default, not set on the element or flow. */
  isDefault: boolean;
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
