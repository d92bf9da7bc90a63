// Test data written as plain literals: ids as strings, branded here once instead of in every
// line of every test. For tests only; the app brands ids where they enter it (see ../ids.ts).

type Branded = string & { readonly __brand: string };

/** `T` with every branded id written as a plain string. */
export type Unbranded<T> = T extends Branded
  ? string
  : T extends readonly (infer U)[]
    ? Unbranded<U>[]
    : T extends object
      ? { [K in keyof T]: Unbranded<T[K]> }
      : T;

/** A value of type `T` from a literal with plain-string ids. */
export const fixture = <T>(value: Unbranded<T>): T => value as T;
