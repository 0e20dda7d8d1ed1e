// The fused adapter of a component-to-component call (wasmtime's FACT `compile_adapter`, as
// JavaScript): the core function the caller's core instance imports in place of the callee's
// lifted function. It checks and sets both instances' flags, moves each argument from the
// caller's flat values or memory to the callee's (allocating there with the callee's realloc),
// calls the callee's core function, moves the result back the same way, then calls the callee's
// post-return. Values never become JS values in between. The source is the body of
// `function (env)` returning the adapter, so it holds no instance state: one source per key
// serves every instance, and an artifact can store it.

import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, containsPointers } from '@tswasm/environ';
import type { ComponentFuncType, ComponentTypeList, ComponentValType, ValType } from '@tswasm/environ';
import type { CanonicalAbiOptions } from '../abi-options.js';
import { canonicalSignature } from '../func-trampolines.js';
import type { CanonicalTrampoline } from '../func-trampolines.js';
import type { SignatureKey } from '../signature-key.js';
import { JsEmitter } from '../js-emitter.js';
import { flatZero } from '../value-codegen.js';
import type { FlatValue } from '../value-codegen.js';
import { ADAPTER_TRAPS, trapCall } from './adapter-env.js';
import type { AdapterAbiOptions, AdapterFactory } from './adapter-env.js';
import { adapterUnsupported } from './adapter-support.js';
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE } from './instance-flags.js';
import type { Side, TransferDestination, TransferSource } from './transfer-codegen.js';
import { AdapterTransfer } from './value-transfer.js';

function optionsKey(o: CanonicalAbiOptions): string {
  return `${o.stringEncoding};memory=${o.memory};realloc=${o.realloc};post-return=${o.postReturn}`;
}

/**
 * The key of the adapter between a lift of `liftType` and a lower of `lowerType` under
 * `options` (equal keys have equal source), and its resource slots: the resources of
 * `liftType` (the callee's names for them) in the key's order.
 * @throws {TypeError} when the function cannot be adapted yet (`adapterUnsupported`)
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 */
export function fusedAdapterSignature(types: ComponentTypeList, liftType: ComponentFuncType, lowerType: ComponentFuncType, options: AdapterAbiOptions): SignatureKey {
  const unsupported = adapterUnsupported(types, liftType) ?? adapterUnsupported(types, lowerType);
  if (unsupported !== null) throw new TypeError(`${unsupported} not supported yet`);
  const { key, resources } = canonicalSignature(types, liftType, 'fused-adapter', options.lift);
  return { key: `${key};lower=${optionsKey(options.lower)}`, resources };
}

/**
 * The key of the adapter between a lift of `liftType` and a lower of `lowerType` under
 * `options` (see `fusedAdapterSignature`).
 * @throws {TypeError} when the function cannot be adapted yet (`adapterUnsupported`)
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 */
export function fusedAdapterKey(types: ComponentTypeList, liftType: ComponentFuncType, lowerType: ComponentFuncType, options: AdapterAbiOptions): string {
  return fusedAdapterSignature(types, liftType, lowerType, options).key;
}

function flatOf(g: AdapterTransfer, types: readonly ComponentValType[]): ValType[] {
  return types.flatMap((t) => g.flat(t));
}

// The params (or a result) as a tuple in memory: size and alignment (CanonicalABI.md).
function tupleLayout(g: AdapterTransfer, types: readonly ComponentValType[]): { size: number; align: number } {
  let align = 1;
  let end = 0;
  for (const t of types) {
    const l = g.layout(t);
    align = Math.max(align, l.align);
    end = Math.ceil(end / l.align) * l.align + l.size;
  }
  return { size: Math.ceil(end / align) * align, align };
}

// Checks a pointer to spilled values (or a return area) on `side`: aligned, then inside memory.
function checkArea(g: AdapterTransfer, side: Side, ptr: string, size: number, align: number): void {
  if (align > 1) g.emit.line(`if ((${ptr} & ${align - 1}) !== 0) ${trapCall(ADAPTER_TRAPS.unaligned)};`);
  g.emit.line(`if (${ptr} + ${size} > ${g.views(side).buf}.byteLength) ${trapCall(ADAPTER_TRAPS.outOfBounds)};`);
}

function requireOption(present: boolean, side: Side, what: string): void {
  if (!present) throw new TypeError(`the ${side === 'lift' ? 'callee' : 'caller'}'s canonical options lack \`${what}\`, which this signature needs`);
}

function assemble(emit: JsEmitter, options: AdapterAbiOptions, params: readonly string[], usesMemory: boolean, slots: number, usesScope: boolean): string {
  const lines = ["'use strict';", 'const trap = env.trap, lowerFlags = env.flags[env.lowerInstance], liftFlags = env.flags[env.liftInstance], callee = env.callee;'];
  if (slots > 0) {
    // The tables and the resource types are fixed for the instance: read once.
    lines.push('const lowerTable = env.lowerTable, liftTable = env.liftTable, resourceTypes = env.resourceTypes;');
    lines.push(`const ${Array.from({ length: slots }, (_, i) => `rt${i} = resourceTypes[${i}]`).join(', ')};`);
    if (usesScope) lines.push('const newCallScope = env.newCallScope;');
  }
  if (usesMemory) {
    lines.push('let lowerBuf = null, lowerDv = null, lowerU8 = null, liftBuf = null, liftDv = null, liftU8 = null;');
    lines.push('function mem() {');
    lines.push('  const a = env.lowerMemory.buffer;');
    lines.push('  if (a !== lowerBuf) {');
    lines.push('    lowerBuf = a;');
    lines.push('    lowerDv = new DataView(a);');
    lines.push('    lowerU8 = new Uint8Array(a);');
    lines.push('  }');
    lines.push('  const b = env.liftMemory.buffer;');
    lines.push('  if (b !== liftBuf) {');
    lines.push('    liftBuf = b;');
    lines.push('    liftDv = new DataView(b);');
    lines.push('    liftU8 = new Uint8Array(b);');
    lines.push('  }');
    lines.push('}');
    for (const side of ['lower', 'lift'] as const) {
      if (!options[side].realloc) continue;
      // The realloc result is checked by the caller (its trap depends on what is allocated).
      lines.push(`function ${side}Realloc(oldPtr, oldSize, align, size) {`);
      lines.push(`  const realloc = env.${side}Realloc;`);
      lines.push('  const ptr = realloc(oldPtr, oldSize, align, size) >>> 0;');
      lines.push('  mem();');
      lines.push('  return ptr;');
      lines.push('}');
    }
  }
  const prelude = emit.preludeSource();
  if (prelude !== '') lines.push(prelude);
  lines.push(`return function fusedAdapter(${params.join(', ')}) {`);
  lines.push(emit.bodySource());
  lines.push('};');
  return lines.join('\n');
}

/**
 * The fused adapter for a function lifted as `liftType` (the callee's view) and lowered as
 * `lowerType` (the caller's view of the same type). It is called with the caller's core
 * arguments and returns the caller's core result.
 * @throws {TypeError} when the function cannot be adapted yet (streams, futures, async), or the
 *   options lack a `memory` or `realloc` the signature needs
 * @throws {TrampolineTooLargeError} when the type unfolds into too much code
 */
export function generateFusedAdapter(types: ComponentTypeList, liftType: ComponentFuncType, lowerType: ComponentFuncType, options: AdapterAbiOptions): CanonicalTrampoline {
  const { key, resources } = fusedAdapterSignature(types, liftType, lowerType, options);
  const emit = new JsEmitter();
  const g = new AdapterTransfer(types, options, emit, resources);
  // A `borrow` (only ever a param) needs the call's bookkeeping; the key writes each as
  // `borrow<$N>`, and `<` cannot occur in a name.
  const usesScope = key.includes('borrow<');
  const lowerParams = lowerType.params.map((p) => p.type);
  const liftParams = liftType.params.map((p) => p.type);
  const lowerFlat = flatOf(g, lowerParams);
  const liftFlat = flatOf(g, liftParams);
  const paramsSpilled = lowerFlat.length > MAX_FLAT_PARAMS;
  const liftResultFlat = liftType.result === null ? [] : g.flat(liftType.result);
  const lowerResultFlat = lowerType.result === null ? [] : g.flat(lowerType.result);
  const resultsSpilled = lowerResultFlat.length > MAX_FLAT_RESULTS;
  const paramPointers = paramsSpilled || lowerParams.some((t) => containsPointers(types, t));
  const resultPointers = resultsSpilled || containsPointers(types, liftType.result);
  const usesMemory = paramPointers || resultPointers;
  if (usesMemory) {
    requireOption(options.lower.memory, 'lower', 'memory');
    requireOption(options.lift.memory, 'lift', 'memory');
  }
  if (paramPointers) requireOption(options.lift.realloc, 'lift', 'realloc');
  if (containsPointers(types, liftType.result)) requireOption(options.lower.realloc, 'lower', 'realloc');

  // CanonicalABI.md `canon lower`: the caller may leave; `canon lift`: the callee may be
  // entered. The callee may not leave while its arguments are written (its realloc runs).
  emit.line(`if ((lowerFlags.bits & ${FLAG_MAY_LEAVE}) === 0) ${trapCall(ADAPTER_TRAPS.cannotLeave)};`);
  emit.line(`if ((liftFlags.bits & ${FLAG_MAY_ENTER}) === 0) ${trapCall(ADAPTER_TRAPS.cannotEnter)};`);
  emit.line(`liftFlags.bits &= ${~(FLAG_MAY_ENTER | FLAG_MAY_LEAVE)};`);
  if (usesScope) {
    // CanonicalABI.md: the caller's `Subtask` records the lends, the callee's `Task` counts the
    // borrows it holds; one scope is both. A trap gives the lends back unchecked.
    emit.line('const scope = newCallScope();');
    emit.open('try');
  }
  if (usesMemory) emit.line('mem();');

  const coreParams: string[] = [];
  let args: string[];
  g.direction('lower', 'lift');
  if (!paramsSpilled) {
    const values: FlatValue[] = lowerFlat.map((type, i) => {
      coreParams.push(`arg${i}`);
      return { expr: `arg${i}`, type };
    });
    // `arg<N>` and `out<N>` cannot collide with the emitter's locals (a short prefix and a number).
    const slots: FlatValue[] = liftFlat.map((type, i) => ({ expr: `out${i}`, type }));
    if (slots.length > 0) emit.line(`let ${slots.map((s) => `${s.expr} = ${flatZero(s.type)}`).join(', ')};`);
    const sources = g.fieldSources({ kind: 'stack', values }, lowerParams);
    const destinations = g.fieldDestinations({ kind: 'stack', slots }, liftParams);
    lowerParams.forEach((t, i) => g.transfer(t, sources[i] as TransferSource, liftParams[i] as ComponentValType, destinations[i] as TransferDestination));
    args = slots.map((s) => s.expr);
  } else {
    // CanonicalABI.md: beyond MAX_FLAT_PARAMS the params are a tuple in memory, passed by pointer.
    coreParams.push('arg0');
    const from = tupleLayout(g, lowerParams);
    const to = tupleLayout(g, liftParams);
    const sp = emit.bind('(arg0 >>> 0)', 'sp');
    checkArea(g, 'lower', sp, from.size, from.align);
    const dp = emit.bind(`liftRealloc(0, 0, ${to.align}, ${to.size})`, 'dp');
    checkArea(g, 'lift', dp, to.size, to.align);
    const sources = g.fieldSources({ kind: 'memory', side: 'lower', addr: sp }, lowerParams);
    const destinations = g.fieldDestinations({ kind: 'memory', side: 'lift', addr: dp }, liftParams);
    lowerParams.forEach((t, i) => g.transfer(t, sources[i] as TransferSource, liftParams[i] as ComponentValType, destinations[i] as TransferDestination));
    args = [dp];
  }
  if (resultsSpilled) coreParams.push('retptr');
  emit.line(`liftFlags.bits |= ${FLAG_MAY_LEAVE};`);

  const hasCoreResult = liftResultFlat.length > 0;
  emit.line(`${hasCoreResult ? 'const r = ' : ''}callee(${args.join(', ')});`);

  // The caller may not leave while the results are written (its realloc runs).
  emit.line(`lowerFlags.bits &= ${~FLAG_MAY_LEAVE};`);
  let returned: string | null = null;
  if (liftType.result !== null && lowerType.result !== null) {
    if (usesMemory) emit.line('mem();');
    g.direction('lift', 'lower');
    let src: TransferSource;
    if (!resultsSpilled) {
      src = { kind: 'stack', values: liftResultFlat.map((type) => ({ expr: 'r', type })) };
    } else {
      const rp = emit.bind('(r >>> 0)', 'rp');
      const { size, align } = g.layout(liftType.result);
      checkArea(g, 'lift', rp, size, align);
      src = { kind: 'memory', side: 'lift', addr: rp };
    }
    let dst: TransferDestination;
    if (!resultsSpilled) {
      const slots = lowerResultFlat.map((type) => ({ expr: 'ret', type }));
      const first = slots[0];
      if (first !== undefined) {
        emit.line(`let ret = ${flatZero(first.type)};`);
        returned = 'ret';
      }
      dst = { kind: 'stack', slots };
    } else {
      const out = emit.bind('(retptr >>> 0)', 'op');
      const { size, align } = g.layout(lowerType.result);
      checkArea(g, 'lower', out, size, align);
      dst = { kind: 'memory', side: 'lower', addr: out };
    }
    g.transfer(liftType.result, src, lowerType.result, dst);
  }
  emit.line(`lowerFlags.bits |= ${FLAG_MAY_LEAVE};`);
  // CanonicalABI.md `Task.return`: the callee must have dropped every borrow it was given, once
  // its results are lifted; then the caller's lends end.
  if (usesScope) emit.line('scope.exit();');

  if (options.lift.postReturn) {
    // CanonicalABI.md: post-return runs with the callee's flat results and may not leave.
    emit.line(`liftFlags.bits &= ${~FLAG_MAY_LEAVE};`);
    emit.line('const postReturn = env.postReturn;');
    emit.line(`postReturn(${hasCoreResult ? 'r' : ''});`);
    emit.line(`liftFlags.bits |= ${FLAG_MAY_LEAVE};`);
  }
  emit.line(`liftFlags.bits |= ${FLAG_MAY_ENTER};`);
  if (returned !== null) emit.line(`return ${returned};`);
  if (usesScope) {
    emit.close(' catch (error) {');
    emit.line('scope.release();');
    emit.line('throw error;');
    emit.close();
  }
  const source = assemble(emit, options, coreParams, usesMemory, resources.length, usesScope);
  return { key, direction: 'fused-adapter', source, resources };
}

/**
 * Compiles an adapter's source once (with `new Function`); the factory is then called per
 * instance. Only pass source this library generated (or an artifact the user chose to load).
 */
export function makeAdapterFactory(source: string): AdapterFactory {
  return new Function('env', source) as AdapterFactory;
}
