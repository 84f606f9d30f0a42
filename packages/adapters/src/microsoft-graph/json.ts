/**
 * Checked JSON at the adapter edge. `JSON.parse` would accept a `__proto__` key as an own property,
 * which a later spread or merge could turn into a prototype change: a body with one is refused as a
 * whole, like a body that is not JSON at all.
 */

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);

export function parseJson(text: string): Parsed {
  let forbidden = null as string | null;
  try {
    const value: unknown = JSON.parse(text, function reviver(this: unknown, key: string, v: unknown) {
      if (FORBIDDEN_KEYS.has(key)) forbidden = key;
      return v;
    });
    if (forbidden !== null) return { ok: false, problem: `the body has a "${forbidden}" key` };
    return { ok: true, value };
  } catch (error) {
    // SyntaxError, or RangeError for nesting deeper than the engine's stack.
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.name : 'unknown error'})` };
  }
}

/** Thrown inside a decoder when the shape is wrong; caught at the decoder's entry point. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export type Obj = { readonly [key: string]: unknown };

export function obj(value: unknown, where: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(`${where} is not an object`);
  return value as Obj;
}

export const get = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

export function str(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ShapeError(`${where} is not a string`);
  return value;
}

/** A string, `null`, or absent (undefined): Graph writes unset properties as null. */
export function optStr(value: unknown, where: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  return str(value, where);
}

export function arr(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${where} is not an array`);
  return value;
}
