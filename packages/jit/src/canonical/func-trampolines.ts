// The function-level canonical-ABI trampolines, CanonicalABI.md `canon lift` / `canon lower`
// for synchronous functions, as JS source specialized per signature:
// - a lifted export (host calls guest): lower the JS arguments (flat, or spilled into memory
//   allocated with realloc beyond MAX_FLAT_PARAMS), call the core function, lift the result
//   (flat, or from the returned pointer beyond MAX_FLAT_RESULTS), then call post-return;
// - a lowered import (guest calls host): lift the core arguments (flat, or from the pointer to
//   spilled params), call the host function, lower its result (flat return, or stored at the
//   return pointer the guest passes as its last argument).
// The source is the body of `function (env)` returning the trampoline, so it holds no instance
// state: one source per key serves every instance, and an artifact can store it.

import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, containsPointers } from '@tswasm/environ';
import type { ComponentFuncType, ComponentTypeList, ComponentValType, ResourceId } from '@tswasm/environ';
import type { CanonicalAbiOptions, CanonicalEnv } from './abi-options.js';
import { TRAP_MESSAGES } from './abi-options.js';
import { JsEmitter, MAX_TRAMPOLINE_LINES, TrampolineTooLargeError, jsString } from './js-emitter.js';
import { allocHelper, checkRangeHelper } from './memory-access.js';
import { fieldOffsets } from './records.js';
import { signatureKeyWithResources, unfoldedSize } from './signature-key.js';
import type { SignatureKey } from './signature-key.js';
import { TypeDispatch } from './type-dispatch.js';
import { FlatList } from './value-codegen.js';
import type { FlatValue } from './value-codegen.js';

/** Which side of the boundary the trampoline adapts (a fused adapter joins two guests). */
export type TrampolineDirection = 'lifted-export' | 'lowered-import' | 'fused-adapter';

/** A generated trampoline: its key, its source and the resource types its slots refer to. */
export interface CanonicalTrampoline {
  /** Equal keys have equal `source` (see `signatureKey`). */
  readonly key: string;
  readonly direction: TrampolineDirection;
  /** The body of `function (env)` that returns the trampoline (`instantiateCanonicalTrampoline`). */
  readonly source: string;
  /**
   * `resources[slot]` is the resource type of the handles passed with `slot`: the signature's
   * resources in order of first appearance, so equal keys number their resources alike.
   */
  readonly resources: readonly ResourceId[];
}

const POINTER_OOB = jsString(TRAP_MESSAGES.pointerOutOfBounds);
const UNALIGNED = jsString(TRAP_MESSAGES.unaligned);

function flatCount(g: TypeDispatch, types: readonly ComponentValType[], limit: number): number {
  let n = 0;
  for (const t of types) {
    n += g.flat(t).length;
    if (n > limit) return n;
  }
  return n;
}

// The params (or results) as a tuple in memory: offsets, size and alignment.
function tupleLayout(g: TypeDispatch, types: readonly ComponentValType[]): { offsets: number[]; size: number; align: number } {
  const offsets = fieldOffsets(g, types);
  let align = 1;
  let end = 0;
  types.forEach((t, i) => {
    const l = g.layout(t);
    align = Math.max(align, l.align);
    end = (offsets[i] ?? 0) + l.size;
  });
  return { offsets, size: Math.ceil(end / align) * align, align };
}

/**
 * The key and resource slots of the trampoline of `type` in `direction` (what a cache looks up
 * before generating). Checks what generation assumes: a synchronous function whose tree
 * unfolding is small enough, since the generated code and the key grow with it.
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 * @throws {TypeError} when the function is async
 */
export function canonicalSignature(types: ComponentTypeList, type: ComponentFuncType, direction: TrampolineDirection, options: CanonicalAbiOptions): SignatureKey {
  rejectAsync(type);
  let size = unfoldedSize(types, type.result);
  for (const p of type.params) size += unfoldedSize(types, p.type);
  if (size > MAX_TRAMPOLINE_LINES) throw new TrampolineTooLargeError();
  return signatureKeyWithResources(types, type, direction, options);
}

// TODO(#5): the async ABI (tasks, callbacks, MAX_FLAT_ASYNC_PARAMS) has its own trampolines.
function rejectAsync(type: ComponentFuncType): void {
  if (type.async) throw new TypeError('async component functions are not supported yet');
}

// Whether the trampoline touches linear memory: spilled params, results through a pointer, or
// a string, list or map anywhere in the signature (CanonicalABI.md requires `memory` then).
function needsMemory(types: ComponentTypeList, paramTypes: readonly ComponentValType[], result: ComponentValType | null, spilled: boolean): boolean {
  return spilled || paramTypes.some((t) => containsPointers(types, t)) || containsPointers(types, result);
}

function assemble(g: TypeDispatch, params: readonly string[], name: string, usesMemory: boolean): string {
  const emit = g.emit;
  // `trap` and the resource callbacks are read once; `callee`, `memory`, `realloc` and
  // `postReturn` at each use, so the runtime can fill them in once the core instance exists
  // (a lowered import is created before the instance whose memory it uses).
  const lines = ["'use strict';", 'const trap = env.trap;'];
  if (usesMemory) {
    if (!g.options.memory) throw new TypeError('canonical options lack `memory`, which this signature needs');
    lines.push('let buf = null, dv = null, u8 = null;');
    lines.push('function mem() {');
    lines.push('  const b = env.memory.buffer;');
    lines.push('  if (b !== buf) {');
    lines.push('    buf = b;');
    lines.push('    dv = new DataView(b);');
    lines.push('    u8 = new Uint8Array(b);');
    lines.push('  }');
    lines.push('}');
  }
  if (emit.hasHelper('alloc') && !g.options.realloc) throw new TypeError('canonical options lack `realloc`, which this signature needs');
  if (g.hasResources) lines.push('const liftOwn = env.liftOwn, liftBorrow = env.liftBorrow, lowerOwn = env.lowerOwn, lowerBorrow = env.lowerBorrow;');
  const prelude = emit.preludeSource();
  if (prelude !== '') lines.push(prelude);
  lines.push(`return function ${name}(${params.join(', ')}) {`);
  lines.push('  const callee = env.callee;');
  lines.push(emit.bodySource());
  lines.push('};');
  return lines.join('\n');
}

/**
 * The trampoline through which the host calls a guest export of type `type` (`canon lift`).
 * It is called with one JS value per parameter and returns the result's JS value (`undefined`
 * for none); a `result` is returned as `{ kind: 'Ok' | 'Err', value }`.
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 * @throws {TypeError} when the signature needs `memory` or `realloc` and `options` lack it, or is async
 */
export function generateLiftedExport(types: ComponentTypeList, type: ComponentFuncType, options: CanonicalAbiOptions): CanonicalTrampoline {
  const { key, resources } = canonicalSignature(types, type, 'lifted-export', options);
  const emit = new JsEmitter();
  const g = new TypeDispatch(types, options, emit, resources);
  const paramTypes = type.params.map((p) => p.type);
  // `arg<N>` cannot collide with the emitter's locals, which are a short prefix and a number.
  const params = paramTypes.map((_, i) => `arg${i}`);

  const result = type.result;
  const paramsSpilled = flatCount(g, paramTypes, MAX_FLAT_PARAMS) > MAX_FLAT_PARAMS;
  const resultsInMemory = result !== null && flatCount(g, [result], MAX_FLAT_RESULTS) > MAX_FLAT_RESULTS;
  let args: string[];
  if (!paramsSpilled) {
    const flat: FlatValue[] = [];
    paramTypes.forEach((t, i) => flat.push(...g.lowerFlat(t, params[i] as string)));
    args = flat.map((f) => f.expr);
  } else {
    // CanonicalABI.md lower_flat_values: the params as a tuple in memory from realloc.
    const { offsets, size, align } = tupleLayout(g, paramTypes);
    const sp = emit.bind(`${allocHelper(emit)}(0, 0, ${align}, ${size})`, 'sp');
    paramTypes.forEach((t, i) => g.store(t, params[i] as string, `${sp} + ${offsets[i] ?? 0}`));
    args = [sp];
  }

  const call = `callee(${args.join(', ')})`;
  if (result === null) {
    emit.line(`${call};`);
    if (options.postReturn) {
      emit.line('const postReturn = env.postReturn;');
      emit.line('postReturn();');
    }
    emit.line('return undefined;');
  } else if (!resultsInMemory) {
    emit.line(`const r = ${call};`);
    const flatResult = g.flat(result);
    const value = g.liftFlat(result, new FlatList(flatResult.map((t) => ({ expr: 'r', type: t })), emit));
    if (options.postReturn) {
      emit.line('const postReturn = env.postReturn;');
      emit.line('postReturn(r);');
    }
    emit.line(`return ${value};`);
  } else {
    emit.line(`const r = ${call};`);
    emit.line('mem();');
    const rp = emit.bind('(r >>> 0)', 'rp');
    const { size, align } = g.layout(result);
    emit.line(`${checkRangeHelper(emit)}(${rp}, ${align}, ${size}, ${POINTER_OOB}, ${UNALIGNED});`);
    const value = g.load(result, rp);
    if (options.postReturn) {
      emit.line('const postReturn = env.postReturn;');
      emit.line('postReturn(r);');
    }
    emit.line(`return ${value};`);
  }
  const source = assemble(g, params, 'liftedExport', needsMemory(types, paramTypes, result, paramsSpilled || resultsInMemory));
  return { key, direction: 'lifted-export', source, resources };
}

/**
 * The key and resource numbering of `generateLoweredImport(types, type, options, maxFlatParams)`:
 * `canon lower async` spills beyond MAX_FLAT_ASYNC_PARAMS, so another limit is another source.
 */
export function loweredImportSignature(types: ComponentTypeList, type: ComponentFuncType, options: CanonicalAbiOptions, maxFlatParams: number = MAX_FLAT_PARAMS): SignatureKey {
  const signature = canonicalSignature(types, type, 'lowered-import', options);
  return maxFlatParams === MAX_FLAT_PARAMS ? signature : { key: `${signature.key};max-flat-params=${maxFlatParams}`, resources: signature.resources };
}

/** The key and resource numbering of `generateStoreResult(types, result, options)`. */
export function storeResultSignature(types: ComponentTypeList, result: ComponentValType, options: CanonicalAbiOptions): SignatureKey {
  const signature = canonicalSignature(types, { kind: 'func', async: false, params: [], result }, 'lowered-import', options);
  return { key: `${signature.key};store-result`, resources: signature.resources };
}

/**
 * The core function a guest imports to call a host function of type `type` (`canon lower`).
 * It is called with the core arguments and returns the core result; the host function
 * (`env.callee`) receives one JS value per parameter and returns the result's JS value.
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 * @throws {TypeError} when the signature needs `memory` or `realloc` and `options` lack it, or is async
 */
export function generateLoweredImport(types: ComponentTypeList, type: ComponentFuncType, options: CanonicalAbiOptions, maxFlatParams: number = MAX_FLAT_PARAMS): CanonicalTrampoline {
  const { key, resources } = loweredImportSignature(types, type, options, maxFlatParams);
  const emit = new JsEmitter();
  const g = new TypeDispatch(types, options, emit, resources);
  const paramTypes = type.params.map((p) => p.type);
  const result = type.result;
  const paramsSpilled = flatCount(g, paramTypes, maxFlatParams) > maxFlatParams;
  const resultsInMemory = result !== null && flatCount(g, [result], MAX_FLAT_RESULTS) > MAX_FLAT_RESULTS;
  const memory = needsMemory(types, paramTypes, result, paramsSpilled || resultsInMemory);
  if (memory) emit.line('mem();');

  const coreParams: string[] = [];
  let values: string[];
  if (!paramsSpilled) {
    const flat: FlatValue[] = [];
    for (const t of paramTypes) {
      for (const ft of g.flat(t)) {
        const name = `arg${coreParams.length}`;
        coreParams.push(name);
        flat.push({ expr: name, type: ft });
      }
    }
    const src = new FlatList(flat, emit);
    values = paramTypes.map((t) => g.liftFlat(t, src));
  } else {
    coreParams.push('arg0');
    const { offsets, size, align } = tupleLayout(g, paramTypes);
    const sp = emit.bind('(arg0 >>> 0)', 'sp');
    emit.line(`${checkRangeHelper(emit)}(${sp}, ${align}, ${size}, ${POINTER_OOB}, ${UNALIGNED});`);
    values = paramTypes.map((t, i) => g.load(t, `${sp} + ${offsets[i] ?? 0}`));
  }
  if (resultsInMemory) coreParams.push('retptr');

  const call = `callee(${values.join(', ')})`;
  if (result === null) {
    emit.line(`${call};`);
  } else if (!resultsInMemory) {
    emit.line(`const r = ${call};`);
    const flat = g.lowerFlat(result, 'r');
    emit.line(`return ${flat[0]?.expr ?? 'undefined'};`);
  } else {
    emit.line(`const r = ${call};`);
    emit.line('mem();');
    const rp = emit.bind('(retptr >>> 0)', 'rp');
    const { size, align } = g.layout(result);
    emit.line(`${checkRangeHelper(emit)}(${rp}, ${align}, ${size}, ${POINTER_OOB}, ${UNALIGNED});`);
    g.store(result, 'r', rp);
  }
  const source = assemble(g, coreParams, 'loweredImport', memory);
  return { key, direction: 'lowered-import', source, resources };
}

/**
 * A function `(retptr, value)` that stores the JS value `value` of type `result` at `retptr` in
 * `env.memory`: where `canon lower async` puts a callee's result once it returns.
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 * @throws {TypeError} when `options` lack `memory`
 */
export function generateStoreResult(types: ComponentTypeList, result: ComponentValType, options: CanonicalAbiOptions): CanonicalTrampoline {
  const signature = storeResultSignature(types, result, options);
  const emit = new JsEmitter();
  const g = new TypeDispatch(types, options, emit, signature.resources);
  emit.line('mem();');
  const rp = emit.bind('(retptr >>> 0)', 'rp');
  const { size, align } = g.layout(result);
  emit.line(`${checkRangeHelper(emit)}(${rp}, ${align}, ${size}, ${POINTER_OOB}, ${UNALIGNED});`);
  g.store(result, 'value', rp);
  const source = assemble(g, ['retptr', 'value'], 'storeResult', true);
  return { key: signature.key, direction: 'lowered-import', source, resources: signature.resources };
}

/** A trampoline's compiled source: call it with one instance's environment to get the trampoline. */
export type CanonicalFactory = (env: CanonicalEnv) => Function;

/**
 * Compiles a trampoline's source once (with `new Function`); the factory is then called per
 * instance. Only pass source this library generated (or an artifact the user chose to load).
 */
export function makeCanonicalFactory(source: string): CanonicalFactory {
  return new Function('env', source) as CanonicalFactory;
}

/** Compiles `source` and materializes it for one instance (see `makeCanonicalFactory`). */
export function instantiateCanonicalTrampoline(source: string, env: CanonicalEnv): Function {
  return makeCanonicalFactory(source)(env);
}
