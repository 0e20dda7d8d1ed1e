// Decoders of the core wasm types both artifact codecs store (a module's imports and a
// component's core module types), each checking the shape as metadata-shape.ts does.

import { REF_BIT, isRefType } from '@tswasm/environ';
import type { FuncType, GlobalType, Limits, MemoryType, RefType, TableType, ValType } from '@tswasm/environ';
import { asArray, asBoolean, asCount, asIndex, asObject, nullable, shapeError } from './metadata-shape.js';

const NUMERIC_TYPES: ReadonlySet<number> = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b]);

/**
 * A packed value type (environ's val-type.ts).
 * @throws ArtifactError unless `value` is a numeric type or a reference type
 */
export function decodeValType(value: unknown, where: string): ValType {
  // The packed form (environ's val-type.ts): a numeric code, or a reference with bit 8 set;
  // concrete heap types keep the value below 2^31.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
    return shapeError('a value type', where, value);
  }
  if (!NUMERIC_TYPES.has(value) && (value & REF_BIT) === 0) return shapeError('a value type', where, value);
  return value as ValType;
}

/** @throws ArtifactError unless `value` is a packed reference type */
export function decodeRefType(value: unknown, where: string): RefType {
  const type = decodeValType(value, where);
  if (!isRefType(type)) return shapeError('a reference type', where, value);
  return type;
}

/** @throws ArtifactError unless `value` is `{ min, max }` with counts */
function decodeLimits(value: unknown, where: string): Limits {
  const l = asObject(value, where);
  return { min: asCount(l.min, where, 'min'), max: nullable(l.max, (v) => asCount(v, where, 'max')) };
}

/** @throws ArtifactError unless `value` is a table type */
export function decodeTableType(value: unknown, where: string): TableType {
  const t = asObject(value, where);
  return {
    element: decodeRefType(t.element, `${where}.element`),
    limits: decodeLimits(t.limits, `${where}.limits`),
    is64: asBoolean(t.is64, where, 'is64'),
  };
}

/** @throws ArtifactError unless `value` is a memory type */
export function decodeMemoryType(value: unknown, where: string): MemoryType {
  const m = asObject(value, where);
  return {
    limits: decodeLimits(m.limits, `${where}.limits`),
    shared: asBoolean(m.shared, where, 'shared'),
    is64: asBoolean(m.is64, where, 'is64'),
    pageSizeLog2: asIndex(m.pageSizeLog2, 17, where, 'pageSizeLog2'),
  };
}

/** @throws ArtifactError unless `value` is a global type */
export function decodeGlobalType(value: unknown, where: string): GlobalType {
  const g = asObject(value, where);
  return { content: decodeValType(g.content, `${where}.content`), mutable: asBoolean(g.mutable, where, 'mutable') };
}

/** @throws ArtifactError unless `value` is a function type `{ kind: 'func', params, results }` */
export function decodeFuncType(value: unknown, where: string): FuncType {
  const f = asObject(value, where);
  if (f.kind !== 'func') return shapeError('func', `${where}.kind`, f.kind);
  return {
    kind: 'func',
    params: asArray(f.params, where, 'params').map((v) => decodeValType(v, `${where}.params[]`)),
    results: asArray(f.results, where, 'results').map((v) => decodeValType(v, `${where}.results[]`)),
  };
}
