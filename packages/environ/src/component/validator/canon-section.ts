// Canonical definitions (Binary.md "Canonical Definitions", CanonicalABI.md "Canonical
// Definitions"): `lift` and `lower` with their options, the resource built-ins, and the async and
// threading built-ins, each gated by its feature and given its core function type.

import { unreachable } from '../../util/assert-never.js';
import type { BinaryReader } from '../../binary/binary-reader.js';
import type { FuncType } from '../../types/core-types.js';
import { I32, I64 } from '../../types/val-type.js';
import type { ValType } from '../../types/val-type.js';
import { containsPointers, flattenFuncType, flattenValType, MAX_FLAT_ASYNC_PARAMS, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS } from '../canonical-abi/flatten.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentFuncType, ComponentTypeEntry, ComponentTypeId, ComponentValType, ResourceId } from '../types/component-types.js';
import { coreFuncTypesEqual, coreFuncTypeToString } from './subtype.js';
import { readValType } from './type-reader.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { currentScope, recordLocal } from './validator-context.js';
import type { CanonBuiltin, LocalCanonicalOptions } from '../translate/local-initializer.js';

const MAX_OPTIONS = 1000;

/** The canonical options of one definition, as read. */
interface CanonOptions {
  readonly at: number;
  stringEncoding: string | null;
  memory: boolean;
  realloc: FuncType | null;
  reallocAt: number;
  postReturn: FuncType | null;
  postReturnAt: number;
  async: boolean;
  callback: FuncType | null;
  callbackAt: number;
  coreType: boolean;
  gc: boolean;
  // The local indices of the memory and functions, which translation records.
  memoryIndex: number | null;
  reallocIndex: number | null;
  postReturnIndex: number | null;
  callbackIndex: number | null;
}

function localOptions(opts: CanonOptions): LocalCanonicalOptions {
  const encoding = opts.stringEncoding;
  return {
    stringEncoding: encoding === 'utf16' ? 'utf16' : encoding === 'latin1-utf16' ? 'latin1+utf16' : 'utf8',
    memory: opts.memoryIndex,
    realloc: opts.reallocIndex,
    postReturn: opts.postReturnIndex,
    async: opts.async,
    callback: opts.callbackIndex,
  };
}

// Reads an index into `space`; an index past its end is `unknown <what>` (wasmparser's wording,
// `kind` names the index space).
function readIndexIn<T>(reader: BinaryReader, space: readonly T[], what: string, kind: string): { readonly index: number; readonly entry: T } {
  const at = reader.pos;
  const index = reader.readVarU32();
  const entry = space[index];
  if (entry === undefined) return reader.fail(`unknown ${what} ${index}: ${kind} index out of bounds`, at);
  return { index, entry };
}

function func(params: readonly ValType[], results: readonly ValType[]): FuncType {
  return { kind: 'func', params, results };
}

// A core function index and the function's type.
function readCoreFuncRef(reader: BinaryReader, context: ComponentValidatorContext): { readonly index: number; readonly entry: FuncType } {
  return readIndexIn(reader, currentScope(context).coreFuncs, 'core func', 'func');
}

function readOptions(reader: BinaryReader, context: ComponentValidatorContext): CanonOptions {
  const opts: CanonOptions = {
    at: reader.pos,
    stringEncoding: null,
    memory: false,
    realloc: null,
    reallocAt: 0,
    postReturn: null,
    postReturnAt: 0,
    async: false,
    callback: null,
    callbackAt: 0,
    coreType: false,
    gc: false,
    memoryIndex: null,
    reallocIndex: null,
    postReturnIndex: null,
    callbackIndex: null,
  };
  const n = reader.readSize(MAX_OPTIONS, 'canonical options');
  for (let i = 0; i < n; i++) {
    const at = reader.pos;
    const opt = reader.readU8();
    const dup = (name: string): never => reader.fail(`\`${name}\` is specified more than once`, at);
    switch (opt) {
      case 0x00:
      case 0x01:
      case 0x02: {
        const name = opt === 0x00 ? 'utf8' : opt === 0x01 ? 'utf16' : 'latin1-utf16';
        if (opts.stringEncoding !== null) reader.fail(`canonical encoding option \`${name}\` conflicts with option \`${opts.stringEncoding}\``, at);
        opts.stringEncoding = name;
        break;
      }
      case 0x03: {
        if (opts.memory) dup('memory');
        const idxAt = reader.pos;
        const { index, entry: memory } = readIndexIn(reader, currentScope(context).coreMemories, 'memory', 'memory');
        if (memory.is64) reader.fail('canonical ABI memory must be a 32-bit memory', idxAt);
        opts.memory = true;
        opts.memoryIndex = index;
        break;
      }
      case 0x04:
        if (opts.realloc !== null) dup('realloc');
        opts.reallocAt = reader.pos;
        ({ index: opts.reallocIndex, entry: opts.realloc } = readCoreFuncRef(reader, context));
        break;
      case 0x05:
        if (opts.postReturn !== null) dup('post-return');
        opts.postReturnAt = reader.pos;
        ({ index: opts.postReturnIndex, entry: opts.postReturn } = readCoreFuncRef(reader, context));
        break;
      case 0x06:
        if (opts.async) dup('async');
        if (!context.features.componentModelAsync) reader.fail('canonical option `async` requires the component model async feature', at);
        opts.async = true;
        break;
      case 0x07:
        if (opts.callback !== null) dup('callback');
        if (!context.features.componentModelAsync) reader.fail('canonical option `callback` requires the component model async feature', at);
        opts.callbackAt = reader.pos;
        ({ index: opts.callbackIndex, entry: opts.callback } = readCoreFuncRef(reader, context));
        break;
      case 0x08: {
        if (opts.coreType) dup('core-type');
        reader.readVarU32();
        reader.fail('canonical option `core-type` requires the component model gc feature', at);
        break;
      }
      case 0x09:
        reader.fail('canonical option `gc` requires the component model gc feature', at);
        break;
      default:
        reader.fail(`invalid leading byte (0x${opt.toString(16)}) for canonical option`, at);
    }
  }
  return opts;
}

const REALLOC = func([I32, I32, I32, I32], [I32]);
const CALLBACK = func([I32, I32, I32], [I32]);

function checkRealloc(reader: BinaryReader, opts: CanonOptions): void {
  if (opts.realloc !== null && !coreFuncTypesEqual(opts.realloc, REALLOC)) {
    reader.fail(`canonical option \`realloc\` uses a core function with an incorrect signature: expected ${coreFuncTypeToString(REALLOC)}, found ${coreFuncTypeToString(opts.realloc)}`, opts.reallocAt);
  }
}

// The options a built-in that takes only `opts` of memory/realloc/encoding may carry.
function checkDataOptions(reader: BinaryReader, opts: CanonOptions, needsMemory: boolean, needsRealloc: boolean, at: number): void {
  checkRealloc(reader, opts);
  if (needsMemory && !opts.memory) reader.fail('canonical option `memory` is required', at);
  if (needsRealloc && opts.realloc === null) reader.fail('canonical option `realloc` is required', at);
  if (opts.postReturn !== null) reader.fail('canonical option `post-return` cannot be used here', opts.postReturnAt);
  if (opts.callback !== null) reader.fail('canonical option `callback` cannot be used here', opts.callbackAt);
}

// A type index, its id and what it names; `at` is where the index starts, for the caller's checks.
function readTypeIndex(reader: BinaryReader, context: ComponentValidatorContext): { readonly index: number; readonly id: ComponentTypeId; readonly type: ComponentTypeEntry; readonly at: number } {
  const at = reader.pos;
  const { index, entry: id } = readIndexIn(reader, currentScope(context).types, 'type', 'type');
  return { index, id, type: context.types.get(id), at };
}

function readFuncTypeIndex(reader: BinaryReader, context: ComponentValidatorContext): { readonly id: ComponentTypeId; readonly type: ComponentFuncType } {
  const { index, id, type, at } = readTypeIndex(reader, context);
  if (type.kind !== 'func') return reader.fail(`type index ${index} is not a function type`, at);
  return { id, type };
}

function readStreamOrFutureType(reader: BinaryReader, context: ComponentValidatorContext, kind: 'stream' | 'future', immediates: BuiltinImmediates): ComponentValType | null {
  const { index, id, type, at } = readTypeIndex(reader, context);
  if (type.kind !== 'defined' || type.type.kind !== kind) return reader.fail(`\`${kind}\` type index ${index} is not a ${kind} type`, at);
  immediates.type = id;
  return type.type.element;
}

function readLocalResource(reader: BinaryReader, context: ComponentValidatorContext, localOnly: boolean): ResourceId {
  const { index, type, at } = readTypeIndex(reader, context);
  if (type.kind !== 'resource') return reader.fail(`type index ${index} is not a resource type`, at);
  if (localOnly && !currentScope(context).definedResources.includes(type.id)) reader.fail(`type index ${index} is not a local resource`, at);
  return type.id;
}

// What decides whether a lifted or lowered function needs `memory` and `realloc`: whether its
// parameters and result hold pointers, and how many core values each flattens to.
interface FlatShape {
  readonly paramPtrs: boolean;
  readonly resultPtrs: boolean;
  readonly flatParams: number;
  readonly flatResults: number;
}

function flatShape(types: ComponentTypeList, type: ComponentFuncType): FlatShape {
  const flatParams: ValType[] = [];
  for (const p of type.params) flattenValType(types, p.type, flatParams);
  const flatResults: ValType[] = [];
  if (type.result !== null) flattenValType(types, type.result, flatResults);
  return {
    paramPtrs: type.params.some((p) => containsPointers(types, p.type)),
    resultPtrs: containsPointers(types, type.result),
    flatParams: flatParams.length,
    flatResults: flatResults.length,
  };
}

// The built-ins by opcode (Binary.md "Canonical Definitions"), for translation's records.
const BUILTINS: ReadonlyMap<number, CanonBuiltin> = new Map<number, CanonBuiltin>([
  [0x05, 'task.cancel'],
  [0x06, 'subtask.cancel'],
  [0x08, 'backpressure.set'],
  [0x09, 'task.return'],
  [0x0a, 'context.get'],
  [0x0b, 'context.set'],
  [0x0c, 'thread.yield'],
  [0x0d, 'subtask.drop'],
  [0x0e, 'stream.new'],
  [0x0f, 'stream.read'],
  [0x10, 'stream.write'],
  [0x11, 'stream.cancel-read'],
  [0x12, 'stream.cancel-write'],
  [0x13, 'stream.drop-readable'],
  [0x14, 'stream.drop-writable'],
  [0x15, 'future.new'],
  [0x16, 'future.read'],
  [0x17, 'future.write'],
  [0x18, 'future.cancel-read'],
  [0x19, 'future.cancel-write'],
  [0x1a, 'future.drop-readable'],
  [0x1b, 'future.drop-writable'],
  [0x1c, 'error-context.new'],
  [0x1d, 'error-context.debug-message'],
  [0x1e, 'error-context.drop'],
  [0x1f, 'waitable-set.new'],
  [0x20, 'waitable-set.wait'],
  [0x21, 'waitable-set.poll'],
  [0x22, 'waitable-set.drop'],
  [0x23, 'waitable.join'],
  [0x24, 'backpressure.inc'],
  [0x25, 'backpressure.dec'],
  [0x26, 'thread.index'],
  [0x27, 'thread.new-indirect'],
  [0x28, 'thread.resume-later'],
  [0x29, 'thread.suspend'],
  // The names of the component-model suite's binary.wast (the spec renamed `switch-to` and
  // `yield-to` to the `-then-resume` forms and added the `-then-promote` ones).
  [0x2a, 'thread.suspend-then-resume'],
  [0x2b, 'thread.yield-then-resume'],
  [0x2c, 'thread.suspend-then-promote'],
  [0x2d, 'thread.yield-then-promote'],
]);

// The immediates of a built-in other than its options, for translation's record.
interface BuiltinImmediates {
  type: ComponentTypeId | null;
  result: ComponentValType | null;
  flag: boolean;
  slot: number;
  memory: number | null;
  table: number | null;
}

function readFlag(reader: BinaryReader, what: string): boolean {
  const at = reader.pos;
  const b = reader.readU8();
  if (b > 1) reader.fail(`invalid boolean value for \`${what}\`: 0x${b.toString(16)}`, at);
  return b === 1;
}

/**
 * Reads one `canon` definition and adds the function it defines to the current scope.
 * @throws ValidationError for bad options, type mismatches and disabled features
 */
export function readCanon(reader: BinaryReader, context: ComponentValidatorContext): void {
  const scope = currentScope(context);
  const features = context.features;
  const at = reader.pos;
  const op = reader.readU8();
  const needAsync = (name: string, enabled = features.componentModelAsync): void => {
    if (!enabled) reader.fail(`\`${name}\` requires the component model async feature`, at);
  };
  const needThreads = (name: string): void => {
    if (!features.componentModelThreading) reader.fail(`\`${name}\` requires the component model threading feature`, at);
  };
  let core: FuncType;
  // The options of a built-in that takes them, for translation's record.
  let builtinOptions: CanonOptions | null = null;
  const immediates: BuiltinImmediates = { type: null, result: null, flag: false, slot: 0, memory: null, table: null };
  switch (op) {
    case 0x00: {
      const sortAt = reader.pos;
      const sort = reader.readU8();
      if (sort !== 0x00) reader.fail(`invalid leading byte (0x${sort.toString(16)}) for canonical function lift`, sortAt);
      const { index: coreFuncIndex, entry: coreFunc } = readCoreFuncRef(reader, context);
      const opts = readOptions(reader, context);
      const { id: typeId, type } = readFuncTypeIndex(reader, context);
      if (opts.async && !type.async) reader.fail('the `async` canonical option requires an async function type', opts.at);
      if (opts.callback !== null && !opts.async) reader.fail('cannot specify callback without async', opts.callbackAt);
      if (opts.postReturn !== null && opts.async) reader.fail('cannot specify post-return function in async', opts.postReturnAt);
      if (opts.async && opts.callback === null && !features.componentModelAsyncStackful) reader.fail('requires the component model async stackful feature', opts.at);
      if (opts.callback !== null && !coreFuncTypesEqual(opts.callback, CALLBACK)) {
        reader.fail(`canonical option \`callback\` uses a core function with an incorrect signature: expected ${coreFuncTypeToString(CALLBACK)}, found ${coreFuncTypeToString(opts.callback)}`, opts.callbackAt);
      }
      checkRealloc(reader, opts);
      const flat = flattenFuncType(context.types, type, 'lift', { async: opts.async, callback: opts.callback !== null });
      const { paramPtrs, resultPtrs, flatParams, flatResults } = flatShape(context.types, type);
      const resultsNeedMemory = !opts.async && (resultPtrs || flatResults > 1);
      if ((paramPtrs || resultsNeedMemory || flatParams > MAX_FLAT_PARAMS) && !opts.memory) {
        reader.fail('canonical option `memory` is required', opts.at);
      }
      if ((paramPtrs || flatParams > MAX_FLAT_PARAMS) && opts.realloc === null) reader.fail('canonical option `realloc` is required', opts.at);
      if (!coreFuncTypesEqual(coreFunc, flat)) {
        reader.fail(`type mismatch: the core function of \`canon lift\` must have type ${coreFuncTypeToString(flat)}, found ${coreFuncTypeToString(coreFunc)}`, at + 2);
      }
      if (opts.postReturn !== null) {
        const expected = func(flat.results, []);
        if (!coreFuncTypesEqual(opts.postReturn, expected)) {
          reader.fail(`canonical option \`post-return\` uses a core function with an incorrect signature: expected ${coreFuncTypeToString(expected)}, found ${coreFuncTypeToString(opts.postReturn)}`, opts.postReturnAt);
        }
      }
      scope.funcs.push(typeId);
      recordLocal(context, { kind: 'Lift', type: typeId, coreFunc: coreFuncIndex, options: localOptions(opts) });
      return;
    }
    case 0x01: {
      const sortAt = reader.pos;
      const sort = reader.readU8();
      if (sort !== 0x00) reader.fail(`invalid leading byte (0x${sort.toString(16)}) for canonical function lower`, sortAt);
      const { index, entry: fid } = readIndexIn(reader, scope.funcs, 'function', 'function');
      const type = context.types.get(fid);
      if (type.kind !== 'func') return unreachable('function of non-function type');
      const opts = readOptions(reader, context);
      if (opts.async && !type.async) reader.fail('the `async` canonical option requires an async function type', opts.at);
      if (opts.postReturn !== null) reader.fail('canonical option `post-return` cannot be used on a lowered function', opts.postReturnAt);
      if (opts.callback !== null) reader.fail('canonical option `callback` cannot be used on a lowered function', opts.callbackAt);
      checkRealloc(reader, opts);
      const flat = flattenFuncType(context.types, type, 'lower', { async: opts.async, callback: false });
      const { paramPtrs, resultPtrs, flatParams, flatResults } = flatShape(context.types, type);
      const maxParams = opts.async ? MAX_FLAT_ASYNC_PARAMS : MAX_FLAT_PARAMS;
      if ((paramPtrs || resultPtrs || flatParams > maxParams || flatResults > (opts.async ? 0 : MAX_FLAT_RESULTS)) && !opts.memory) {
        reader.fail('canonical option `memory` is required', opts.at);
      }
      if (resultPtrs && opts.realloc === null) reader.fail('canonical option `realloc` is required', opts.at);
      core = flat;
      recordLocal(context, { kind: 'Lower', func: index, type: fid, options: localOptions(opts) });
      break;
    }
    case 0x02:
      recordLocal(context, { kind: 'ResourceNew', resource: readLocalResource(reader, context, true) });
      core = func([I32], [I32]);
      break;
    case 0x03:
      recordLocal(context, { kind: 'ResourceDrop', resource: readLocalResource(reader, context, false) });
      core = func([I32], []);
      break;
    case 0x04:
      recordLocal(context, { kind: 'ResourceRep', resource: readLocalResource(reader, context, true) });
      core = func([I32], [I32]);
      break;
    case 0x08:
      needAsync('backpressure.set');
      core = func([I32], []);
      break;
    case 0x24:
    case 0x25:
      needAsync(op === 0x24 ? 'backpressure.inc' : 'backpressure.dec');
      core = func([], []);
      break;
    case 0x09: {
      needAsync('task.return');
      const resultAt = reader.pos;
      const form = reader.readU8();
      let result: ComponentValType | null = null;
      if (form === 0x00) result = readValType(reader, context);
      else if (form === 0x01) {
        if (reader.readU8() !== 0x00) reader.fail('task.return results must be empty or a single type', resultAt);
      } else reader.fail(`invalid leading byte (0x${form.toString(16)}) for task.return results`, resultAt);
      const opts = readOptions(reader, context);
      if (opts.async) reader.fail('cannot specify `async` on `task.return`', opts.at);
      builtinOptions = opts;
      immediates.result = result;
      const params: ValType[] = [];
      if (result !== null) flattenValType(context.types, result, params);
      const ptrs = containsPointers(context.types, result);
      checkDataOptions(reader, opts, ptrs || params.length > MAX_FLAT_PARAMS, false, opts.at);
      core = func(params.length > MAX_FLAT_PARAMS ? [I32] : params, []);
      break;
    }
    case 0x05:
      needAsync('task.cancel');
      core = func([], []);
      break;
    case 0x0a:
    case 0x0b: {
      needAsync(op === 0x0a ? 'context.get' : 'context.set');
      const tAt = reader.pos;
      if (reader.readU8() !== 0x7f) reader.fail('invalid context type: expected i32', tAt);
      const iAt = reader.pos;
      const slot = reader.readVarU32();
      const max = features.componentModelThreading ? 1 : 0;
      if (slot > max) reader.fail(max === 1 ? `immediate must be zero or one: ${slot}` : `immediate must be zero: ${slot}`, iAt);
      immediates.slot = slot;
      core = op === 0x0a ? func([], [I32]) : func([I32], []);
      break;
    }
    case 0x0c:
      needAsync('thread.yield');
      immediates.flag = readFlag(reader, 'cancellable');
      core = func([], [I32]);
      break;
    case 0x06:
      needAsync('subtask.cancel');
      immediates.flag = readFlag(reader, 'async');
      core = func([I32], [I32]);
      break;
    case 0x0d:
      needAsync('subtask.drop');
      core = func([I32], []);
      break;
    case 0x0e:
    case 0x15:
      needAsync(op === 0x0e ? 'stream.new' : 'future.new');
      readStreamOrFutureType(reader, context, op === 0x0e ? 'stream' : 'future', immediates);
      core = func([], [I64]);
      break;
    case 0x0f:
    case 0x10:
    case 0x16:
    case 0x17: {
      const isStream = op === 0x0f || op === 0x10;
      needAsync(isStream ? 'stream read/write' : 'future read/write');
      const element = readStreamOrFutureType(reader, context, isStream ? 'stream' : 'future', immediates);
      const opts = readOptions(reader, context);
      builtinOptions = opts;
      const ptrs = element !== null;
      const needsRealloc = (op === 0x0f || op === 0x16) && containsPointers(context.types, element);
      checkDataOptions(reader, opts, ptrs, needsRealloc, opts.at);
      core = isStream ? func([I32, I32, I32], [I32]) : func([I32, I32], [I32]);
      break;
    }
    case 0x11:
    case 0x12:
    case 0x18:
    case 0x19: {
      const isStream = op === 0x11 || op === 0x12;
      needAsync('cancel-read/cancel-write');
      readStreamOrFutureType(reader, context, isStream ? 'stream' : 'future', immediates);
      immediates.flag = readFlag(reader, 'async');
      core = func([I32], [I32]);
      break;
    }
    case 0x13:
    case 0x14:
    case 0x1a:
    case 0x1b:
      needAsync('drop-readable/drop-writable');
      readStreamOrFutureType(reader, context, op === 0x13 || op === 0x14 ? 'stream' : 'future', immediates);
      core = func([I32], []);
      break;
    case 0x1c:
    case 0x1d: {
      if (!features.componentModelErrorContext) reader.fail('`error-context` requires the component model error-context feature', at);
      const opts = readOptions(reader, context);
      if (opts.async) reader.fail('cannot specify `async` here', opts.at);
      builtinOptions = opts;
      checkDataOptions(reader, opts, true, op === 0x1d, opts.at);
      core = op === 0x1c ? func([I32, I32], [I32]) : func([I32, I32], []);
      break;
    }
    case 0x1e:
      if (!features.componentModelErrorContext) reader.fail('`error-context` requires the component model error-context feature', at);
      core = func([I32], []);
      break;
    case 0x1f:
      needAsync('waitable-set.new');
      core = func([], [I32]);
      break;
    case 0x20:
    case 0x21: {
      needAsync(op === 0x20 ? 'waitable-set.wait' : 'waitable-set.poll');
      immediates.flag = readFlag(reader, 'cancellable');
      immediates.memory = readIndexIn(reader, scope.coreMemories, 'memory', 'memory').index;
      core = func([I32, I32], [I32]);
      break;
    }
    case 0x22:
      needAsync('waitable-set.drop');
      core = func([I32], []);
      break;
    case 0x23:
      needAsync('waitable.join');
      core = func([I32, I32], []);
      break;
    case 0x26:
      needThreads('thread.index');
      core = func([], [I32]);
      break;
    case 0x27: {
      needThreads('thread.new-indirect');
      const tAt = reader.pos;
      const ti = reader.readVarU32();
      const t = scope.coreTypes[ti];
      if (t === undefined || context.types.get(t).kind !== 'core-func') reader.fail(`unknown core type ${ti}`, tAt);
      immediates.table = readIndexIn(reader, scope.coreTables, 'table', 'table').index;
      core = func([I32, I32], [I32]);
      break;
    }
    case 0x28:
      needThreads('thread.resume-later');
      core = func([I32], []);
      break;
    case 0x29:
    case 0x2a:
    case 0x2b:
    case 0x2c:
    case 0x2d: {
      needThreads('thread.suspend/yield');
      immediates.flag = readFlag(reader, 'cancellable');
      // suspend and yield take no thread; the -then- forms name the thread to switch to.
      core = op === 0x29 ? func([], [I32]) : func([I32], [I32]);
      break;
    }
    case 0x40:
    case 0x41:
    case 0x42:
      return reader.fail('shared-everything threads are not supported', at);
    default:
      return reader.fail(`invalid leading byte (0x${op.toString(16)}) for canonical function`, at);
  }
  const builtin = BUILTINS.get(op);
  if (builtin !== undefined) recordLocal(context, { kind: 'Builtin', builtin, options: builtinOptions === null ? null : localOptions(builtinOptions), ...immediates });
  scope.coreFuncs.push(core);
}

