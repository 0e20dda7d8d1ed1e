// Per-signature JS for `Func.call` on numeric signatures: the generated function checks each
// tagged param's kind, calls the raw export with the payloads, and tags the results again,
// with no loop, no intermediate arrays and no per-value dispatch. Other signatures (v128,
// references) take the api's generic path. On V8 14 the try/catch around the raw call keeps
// its JS-to-wasm wrapper from being inlined; see typed-call-trampoline.ts.

import { F32, F64, I32, I64, valTypeToString, type FuncType, type ValType } from '@tswasm/environ';
import type { ErrorMapper } from './typed-call-trampoline.js';

/** A value tagged with its kind, as the api's `Val`. */
export interface TaggedValue {
  readonly kind: string;
  readonly value: unknown;
}

/** A host-to-wasm entry taking and returning tagged values. */
export type UntypedCall = (params: readonly TaggedValue[]) => TaggedValue[];

/** Builds the entry for one raw function; see `makeUntypedCallFactory`. */
export type UntypedCallFactory = (fn: Function, mapError: ErrorMapper) => UntypedCall;

function isNumeric(t: ValType): boolean {
  return t === I32 || t === I64 || t === F32 || t === F64;
}

/** The JS source of the factory for `type`, or null when the type is not all numeric. */
export function untypedCallSource(type: FuncType): string | null {
  if (!type.params.every(isNumeric) || !type.results.every(isNumeric)) return null;
  const kinds = type.params.map(valTypeToString);
  const checks = kinds
    .map((kind, i) => `const p${i} = params[${i}]; if (p${i}.kind !== '${kind}') throw new TypeError('type mismatch: expected ${kind}, found ' + p${i}.kind);`)
    .join('\n  ');
  const args = kinds.map((_, i) => `p${i}.value`).join(', ');
  const resultKinds = type.results.map(valTypeToString);
  const results =
    resultKinds.length === 0 ? '[]'
    : resultKinds.length === 1 ? `[{ kind: '${resultKinds[0]}', value: r }]`
    : `[${resultKinds.map((kind, i) => `{ kind: '${kind}', value: r[${i}] }`).join(', ')}]`;
  return `return function call(params) {
  if (params.length !== ${kinds.length}) throw new TypeError('expected ${kinds.length} arguments, found ' + params.length);
  ${checks}
  let r;
  try { r = fn(${args}); } catch (error) { throw mapError(error); }
  return ${results};
};`;
}

/** The factory of `Func.call` entries for `type`, or null when the type is not all numeric. */
export function makeUntypedCallFactory(type: FuncType): UntypedCallFactory | null {
  const source = untypedCallSource(type);
  return source === null ? null : (new Function('fn', 'mapError', source) as UntypedCallFactory);
}
