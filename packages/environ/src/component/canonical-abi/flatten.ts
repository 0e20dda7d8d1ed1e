// Flattening of component types into core value types, CanonicalABI.md "Flattening": the core
// signature a `canon lift` callee must have and the one a `canon lower` produces. Names follow
// CanonicalABI.md (`flatten_type`, `flatten_functype`, `MAX_FLAT_PARAMS`, `join`).

import type { FuncType } from '../../types/core-types.js';
import { F32, F64, I32, I64 } from '../../types/val-type.js';
import type { ValType } from '../../types/val-type.js';
import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import { someValueTypeWithin } from '../types/value-type-parts.js';
import type { ComponentDefinedType, ComponentFuncType, ComponentValType } from '../types/component-types.js';

/** Most core parameters a synchronous call passes flat before spilling them to memory. */
export const MAX_FLAT_PARAMS = 16;
/** Most core results a call returns flat before returning them through memory. */
export const MAX_FLAT_RESULTS = 1;
/** Most core parameters an async lowered call passes flat. */
export const MAX_FLAT_ASYNC_PARAMS = 4;

// Every caller only distinguishes lengths up to MAX_FLAT_PARAMS + 1.
const FLATTEN_LIMIT = MAX_FLAT_PARAMS + 1;

/** Whether the core function adapts a component function for export (`lift`) or import (`lower`). */
export type FlattenContext = 'lift' | 'lower';

/** The canonical options that change the flattened signature. */
export interface FlattenOptions {
  readonly async: boolean;
  readonly callback: boolean;
}

// CanonicalABI.md `join`: the core type that can hold both of two variant cases' flat types.
function join(a: ValType, b: ValType): ValType {
  if (a === b) return a;
  if ((a === I32 && b === F32) || (a === F32 && b === I32)) return I32;
  return I64;
}

/**
 * Appends the flat core types of `type` to `out` (CanonicalABI.md `flatten_type`), stopping
 * once `out` is longer than `limit`: past the limit only "too many" matters, and a hostile type
 * can flatten to exponentially many values.
 */
export function flattenValType(types: ComponentTypeList, type: ComponentValType, out: ValType[], limit = FLATTEN_LIMIT): void {
  if (out.length > limit) return;
  if (type.kind === 'primitive') {
    switch (type.type) {
      case 'bool':
      case 's8':
      case 'u8':
      case 's16':
      case 'u16':
      case 's32':
      case 'u32':
      case 'char':
      case 'error-context':
        out.push(I32);
        return;
      case 's64':
      case 'u64':
        out.push(I64);
        return;
      case 'f32':
        out.push(F32);
        return;
      case 'f64':
        out.push(F64);
        return;
      case 'string':
        out.push(I32, I32);
        return;
      default:
        return assertNever(type.type);
    }
  }
  // Each defined type is flattened once (up to the limit) and the result reused: variant cases
  // share parts, so flattening the tree unfolding afresh could take exponential time.
  const flat = types.derived('flat', type.id, (id) => {
    const entry = types.get(id);
    const own: ValType[] = [];
    if (entry.kind === 'defined') flattenDefined(types, entry.type, own, FLATTEN_LIMIT);
    return own;
  });
  for (let i = 0; i < flat.length && out.length <= limit; i++) out.push(flat[i] as ValType);
}

function flattenDefined(types: ComponentTypeList, defined: ComponentDefinedType, out: ValType[], limit: number): void {
  switch (defined.kind) {
    case 'primitive':
      return flattenValType(types, { kind: 'primitive', type: defined.type }, out, limit);
    case 'record':
      for (const field of defined.fields) flattenValType(types, field.type, out, limit);
      return;
    case 'tuple':
      for (const t of defined.types) flattenValType(types, t, out, limit);
      return;
    case 'list':
      if (defined.length === null) out.push(I32, I32);
      else for (let i = 0; i < defined.length && out.length <= limit; i++) flattenValType(types, defined.element, out, limit);
      return;
    case 'map':
      out.push(I32, I32);
      return;
    case 'flags':
      for (let i = 0; i < Math.ceil(defined.names.length / 32) && out.length <= limit; i++) out.push(I32);
      return;
    case 'enum':
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      out.push(I32);
      return;
    case 'variant':
      return flattenCases(types, defined.cases.map((c) => c.type), out, limit);
    case 'option':
      return flattenCases(types, [null, defined.type], out, limit);
    case 'result':
      return flattenCases(types, [defined.ok, defined.err], out, limit);
    default:
      return assertNever(defined);
  }
}

// CanonicalABI.md `flatten_variant`: the discriminant, then each position joined across cases.
function flattenCases(types: ComponentTypeList, cases: readonly (ComponentValType | null)[], out: ValType[], limit: number): void {
  const flat: ValType[] = [];
  for (const c of cases) {
    if (c === null) continue;
    const caseFlat: ValType[] = [];
    flattenValType(types, c, caseFlat, limit);
    for (let i = 0; i < caseFlat.length; i++) {
      const t = caseFlat[i] as ValType;
      const have = flat[i];
      flat[i] = have === undefined ? t : join(have, t);
    }
  }
  out.push(I32, ...flat);
}

/**
 * The core signature of `type` in `context` under `options` (CanonicalABI.md `flatten_functype`):
 * parameters beyond `MAX_FLAT_PARAMS` and results beyond `MAX_FLAT_RESULTS` go through memory.
 */
export function flattenFuncType(types: ComponentTypeList, type: ComponentFuncType, context: FlattenContext, options: FlattenOptions): FuncType {
  let params: ValType[] = [];
  for (const p of type.params) flattenValType(types, p.type, params);
  let results: ValType[] = [];
  if (type.result !== null) flattenValType(types, type.result, results);
  if (!options.async) {
    if (params.length > MAX_FLAT_PARAMS) params = [I32];
    if (results.length > MAX_FLAT_RESULTS) {
      if (context === 'lift') results = [I32];
      else {
        params.push(I32);
        results = [];
      }
    }
    return { kind: 'func', params, results };
  }
  if (context === 'lift') {
    if (params.length > MAX_FLAT_PARAMS) params = [I32];
    results = options.callback ? [I32] : [];
  } else {
    if (params.length > MAX_FLAT_ASYNC_PARAMS) params = [I32];
    if (results.length > 0) params.push(I32);
    results = [I32];
  }
  return { kind: 'func', params, results };
}

/** Whether values of `type` live partly in linear memory (strings, lists, maps). */
export function containsPointers(types: ComponentTypeList, type: ComponentValType | null): boolean {
  return someValueTypeWithin(types, type, 'containsPointers', (name) => name === 'string', (d) => {
    if (d.kind === 'primitive') return d.type === 'string';
    if (d.kind === 'map' || (d.kind === 'list' && d.length === null)) return true;
    // A stream or future is a handle: its elements never sit in this call's memory.
    if (d.kind === 'stream' || d.kind === 'future') return false;
    return null;
  });
}
