// Helpers of the codec tests over plain data: chai-comparable forms of environ's classes, and
// the paths of a metadata tree for replacing one node at a time.

import { ComponentTypeList, PrimaryMap } from '@tswasm/environ';

/**
 * PrimaryMap and ComponentTypeList keep their state in #private fields, which chai cannot see:
 * expose it (for the type list: every entry, every alias, the resource count).
 */
export function comparable(value: unknown): unknown {
  if (value instanceof PrimaryMap) return { primaryMap: value.values().map(comparable) };
  if (value instanceof ComponentTypeList) {
    const entries: unknown[] = [];
    const aliases: unknown[] = [];
    for (let id = 0; id < value.length; id++) {
      entries.push(comparable(value.get(id as never)));
      aliases.push(value.aliasOf(id as never));
    }
    return { typeList: { entries, aliases, resourceCount: value.resourceCount } };
  }
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, comparable(v)]));
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Uint8Array) return value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

/** Every path to every node of plain data, for replacing one node at a time. */
export function nodePaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...path, i], out));
  else if (value instanceof Uint32Array || value instanceof Int32Array) value.forEach((_, i) => out.push([...path, i]));
  else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, k], out);
  }
  return out;
}

export function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, replacement) : v));
  if (value instanceof Uint32Array || value instanceof Int32Array) {
    // A number stays in the typed array (coerced as a typed array stores it); anything else
    // turns it into a plain array, which the decoder must refuse.
    if (typeof replacement === 'number') {
      const copy = value.slice();
      copy[head as number] = replacement;
      return copy;
    }
    return Array.from(value, (v, i) => (i === head ? replacement : v));
  }
  const object = value as Record<string, unknown>;
  return { ...object, [String(head)]: replaced(object[String(head)], rest, replacement) };
}
