// Tiny wasm modules that let JS call wasm exactly. V8's JS boundary turns f32 and f64 into JS
// numbers (which may change a NaN's payload) and refuses v128 altogether. An adapter imports the
// real function (or global) and exports a wrapper whose signature has only i32, i64 and
// references: f32/f64 travel as their bits (reinterpret), a v128 as two i64 halves. Calling
// through it is wasm-to-wasm, so nothing is converted on the way. An exnref cannot cross the JS
// boundary at all; it travels as an i32 "is null" flag, which is all a script can tell of one.

import type { FuncType, GlobalType, ValType } from '@tswasm/environ';
import { EXNREF, F32, F64, I32, I64, V128 } from '@tswasm/environ';
import { WASM_HEADER, name, section, uleb, valTypeBytes, vec } from '@tswasm/jit';

/** True when a JS call cannot carry this type exactly, so an adapter is needed. */
export function needsAdapter(type: ValType): boolean {
  return type === F32 || type === F64 || type === V128 || type === EXNREF;
}

/** The types a value of `type` travels as through an adapter. */
export function loweredTypes(type: ValType): ValType[] {
  if (type === F32 || type === EXNREF) return [I32];
  if (type === F64 || type === V128) return type === V128 ? [I64, I64] : [I64];
  return [type];
}

function funcTypeBytes(params: readonly ValType[], results: readonly ValType[]): number[] {
  return [0x60, ...vec(params.map(valTypeBytes)), ...vec(results.map(valTypeBytes))];
}


/** Pushes a value of `type` held in lowered locals starting at `local` (reinterprets / rebuilds). */
function raise(type: ValType, local: number): number[] {
  if (type === F32) return [0x20, ...uleb(local), 0xbe];
  if (type === F64) return [0x20, ...uleb(local), 0xbf];
  // i64x2.splat of the low half, then i64x2.replace_lane 1 with the high half.
  if (type === V128) return [0x20, ...uleb(local), 0xfd, 0x12, 0x20, ...uleb(local + 1), 0xfd, 0x1e, 0x01];
  // The only exnref a script can pass is null.
  if (type === EXNREF) return [0xd0, 0x69];
  return [0x20, ...uleb(local)];
}

/** Pushes the lowered form of the value of `type` in local `local`. */
function lower(type: ValType, local: number): number[] {
  if (type === F32) return [0x20, ...uleb(local), 0xbc];
  if (type === F64) return [0x20, ...uleb(local), 0xbd];
  if (type === V128) return [0x20, ...uleb(local), 0xfd, 0x1d, 0x00, 0x20, ...uleb(local), 0xfd, 0x1d, 0x01];
  if (type === EXNREF) return [0x20, ...uleb(local), 0xd1];
  return [0x20, ...uleb(local)];
}

function codeSection(locals: readonly ValType[], body: readonly number[]): number[] {
  const localDecls = vec(locals.map((type) => [1, ...valTypeBytes(type)]));
  const func = [...localDecls, ...body, 0x0b];
  return section(10, vec([[...uleb(func.length), ...func]]));
}

/**
 * An adapter for functions of `type`: it imports `("", "f")` of that type and exports `call`,
 * which takes and returns the lowered types (see `loweredTypes`), multiple results as a list.
 */
export function functionAdapterBytes(type: FuncType): Uint8Array {
  const loweredParams = type.params.flatMap(loweredTypes);
  const loweredResults = type.results.flatMap(loweredTypes);
  const body: number[] = [];
  let local = 0;
  for (const param of type.params) {
    body.push(...raise(param, local));
    local += loweredTypes(param).length;
  }
  body.push(0x10, 0x00);
  // Results come off the stack last first, into one local each; then out again, lowered.
  const resultLocals = type.results.map((_, i) => local + i);
  for (let i = type.results.length - 1; i >= 0; i--) body.push(0x21, ...uleb(resultLocals[i] ?? 0));
  type.results.forEach((result, i) => body.push(...lower(result, resultLocals[i] ?? 0)));
  const bytes = [
    ...WASM_HEADER,
    section(1, vec([funcTypeBytes(type.params, type.results), funcTypeBytes(loweredParams, loweredResults)])),
    section(2, vec([[...name(''), ...name('f'), 0x00, 0x00]])),
    section(3, vec([[0x01]])),
    section(7, vec([[...name('call'), 0x00, 0x01]])),
    codeSection(type.results, body),
  ].flat();
  return Uint8Array.from(bytes);
}

/**
 * An adapter that reads a global of `type`: it imports `("", "g")` and exports `get`, which
 * returns the global's value lowered.
 */
export function globalReaderBytes(type: GlobalType): Uint8Array {
  const lowered = loweredTypes(type.content);
  // global.get 0, then park it in local 0 to lower it.
  const body = [0x23, 0x00, 0x21, 0x00, ...lower(type.content, 0)];
  const bytes = [
    ...WASM_HEADER,
    section(1, vec([funcTypeBytes([], lowered)])),
    section(2, vec([[...name(''), ...name('g'), 0x03, ...valTypeBytes(type.content), type.mutable ? 1 : 0]])),
    section(3, vec([[0x00]])),
    section(7, vec([[...name('get'), 0x00, 0x00]])),
    codeSection([type.content], body),
  ].flat();
  return Uint8Array.from(bytes);
}
