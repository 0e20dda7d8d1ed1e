// The codec between environ's `ModuleTranslation` and the plain data stored as artifact
// metadata. `PrimaryMap`s become arrays and `Map`s entry arrays. What a large module has tens
// of thousands of (function bodies, exports, function and local names) becomes one flat array
// each, e.g. [offset, length, offset, length, ...]: an object or pair per item repeats its
// keys in the CBOR and made decoding about 3x slower (measured on 30,000 functions). Where the
// items are plain integers (function types, body ranges, data segments, element functions) the
// array is a Uint32Array or Int32Array, which cbor-x stores as one typed-array tag and decodes
// as one copy: in a fresh process, where the decoder's code is still cold, decoding 25,000
// numbers one by one took 6.7 ms against 0.1 ms for the typed array. The
// `wasm` field is not encoded: the caller stores the binary as a wasm section, and decoding
// re-points the byte ranges and custom-section views into it. Decoding checks every field it
// reads (kinds, integer ranges, indices against their index spaces, ranges against the
// binary), so a forged artifact ends in an ArtifactError, not a TypeError in the runtime.

import { PrimaryMap, assertNever, unreachable } from '@tswasm/environ';
import type {
  ByteRange,
  CompositeType,
  ConstExpr,
  ConstOp,
  CustomSection,
  DataMode,
  DataSegment,
  ElementItems,
  ElementMode,
  ElementSegment,
  EntityIndex,
  EntityType,
  FieldType,
  FuncIndex,
  GlobalIndex,
  MemoryIndex,
  ModuleGlobal,
  ModuleImport,
  ModuleNames,
  ModuleTranslation,
  RecGroup,
  StorageType,
  SubType,
  TableIndex,
  TagIndex,
  TagType,
  TypeIndex,
} from '@tswasm/environ';
import {
  asArray,
  asBigInt,
  asBoolean,
  asBytes,
  asI32,
  asIndex,
  asObject,
  asString,
  asU32,
  asI32Array,
  asU32Array,
  checkIndices,
  nullable,
  shapeError,
} from './metadata-shape.js';
import { decodeGlobalType, decodeMemoryType, decodeRefType, decodeTableType, decodeValType } from './core-type-codec.js';

/**
 * Turns a translation into plain data for `ObjectBuilder.setMetadata`, without `wasm`.
 * @param t the translation
 * @returns plain data (objects, arrays, numbers, strings, bigint, Uint8Array, null)
 */
export function encodeModuleTranslation(t: ModuleTranslation): unknown {
  const bodies = new Uint32Array(t.functionBodies.length * 2);
  let next = 0;
  for (const range of t.functionBodies.values()) {
    bodies[next++] = range.offset;
    bodies[next++] = range.length;
  }
  const exports: (string | number)[] = [];
  for (const [name, entity] of t.exports) exports.push(name, ENTITY_KINDS.indexOf(entity.kind), entity.index);
  const functionNames: (string | number)[] = [];
  for (const [func, name] of t.names.functionNames) functionNames.push(func, name);
  // Per function: its index, its number of names, then index and name of each local.
  const localNames: (string | number)[] = [];
  for (const [func, locals] of t.names.localNames) {
    localNames.push(func, locals.size);
    for (const [local, name] of locals) localNames.push(local, name);
  }
  return {
    types: t.types.values(),
    recGroups: t.recGroups,
    imports: t.imports,
    numImportedFuncs: t.numImportedFuncs,
    numImportedTables: t.numImportedTables,
    numImportedMemories: t.numImportedMemories,
    numImportedGlobals: t.numImportedGlobals,
    numImportedTags: t.numImportedTags,
    functions: Uint32Array.from(t.functions.values()),
    tables: t.tables.values(),
    memories: t.memories.values(),
    globals: t.globals.values(),
    tags: t.tags.values(),
    exports,
    start: t.start,
    elementSegments: t.elementSegments.values().map(encodeElementSegment),
    dataSegments: encodeDataSegments(t.dataSegments.values()),
    dataCount: t.dataCount,
    functionBodies: bodies,
    customSections: t.customSections.map((s) => ({ name: s.name, offset: s.offset, length: s.bytes.length })),
    names: {
      moduleName: t.names.moduleName,
      functionNames,
      localNames,
      malformed: t.names.malformed,
    },
    exportedSignatures: t.exportedSignatures,
  };
}

/** Sizes of the index spaces, for checking indices while decoding. */
interface Bounds {
  readonly types: number;
  readonly funcs: number;
  readonly tables: number;
  readonly memories: number;
  readonly globals: number;
  readonly tags: number;
  readonly wasmLength: number;
}

/**
 * Rebuilds a translation from `encodeModuleTranslation`'s data and the module's binary.
 * @param data the decoded metadata
 * @param wasm the binary the translation was made from
 * @returns a translation equal to the encoded one, its ranges and views pointing into `wasm`
 * @throws ArtifactError when the data does not have the encoded shape, an index is outside
 *   its index space, or a range is outside `wasm`
 */
export function decodeModuleTranslation(data: unknown, wasm: Uint8Array): ModuleTranslation {
  const o = asObject(data, 'module');
  const typesData = asArray(o.types, 'types');
  const functionsData = asU32Array(o.functions, 'functions');
  const tablesData = asArray(o.tables, 'tables');
  const memoriesData = asArray(o.memories, 'memories');
  const globalsData = asArray(o.globals, 'globals');
  const tagsData = asArray(o.tags, 'tags');
  const b: Bounds = {
    types: typesData.length,
    funcs: functionsData.length,
    tables: tablesData.length,
    memories: memoriesData.length,
    globals: globalsData.length,
    tags: tagsData.length,
    wasmLength: wasm.length,
  };

  const types = typesData.map((v) => decodeSubType(v, b));
  const recGroups = asArray(o.recGroups, 'recGroups').map((v): RecGroup => {
    const g = asObject(v, 'recGroups[]');
    const start = asIndex(g.start, b.types + 1, 'recGroups[].start');
    const count = asIndex(g.count, b.types - start + 1, 'recGroups[].count');
    return { start: start as TypeIndex, count };
  });
  const imports = asArray(o.imports, 'imports').map((v): ModuleImport => {
    const i = asObject(v, 'imports[]');
    return {
      module: asString(i.module, 'imports[].module'),
      field: asString(i.field, 'imports[].field'),
      type: decodeEntityType(i.type, b),
    };
  });
  checkIndices(functionsData, b.types, 'functions[]');
  const functions = Array.from(functionsData) as TypeIndex[];
  const tables = tablesData.map((v) => decodeTableType(v, 'tables[]'));
  const memories = memoriesData.map((v) => decodeMemoryType(v, 'memories[]'));
  const globals = globalsData.map((v): ModuleGlobal => {
    const g = asObject(v, 'globals[]');
    return { type: decodeGlobalType(g.type, 'globals[].type'), init: nullable(g.init, (e) => decodeConstExpr(e, b, 'globals[].init')) };
  });
  const tags = tagsData.map((v) => decodeTagType(v, b, 'tags[]'));

  const exports = new Map<string, EntityIndex>();
  const exportsData = asArray(o.exports, 'exports');
  if (exportsData.length % 3 !== 0) shapeError('a multiple of 3 items', 'exports', exportsData.length);
  for (let i = 0; i < exportsData.length; i += 3) {
    exports.set(asString(exportsData[i], 'exports[].name'), decodeEntityIndex(exportsData[i + 1], exportsData[i + 2], b));
  }
  const functionBodies = checkRanges(o.functionBodies, b, 'functionBodies');
  const dataSegments = checkDataSegments(o.dataSegments, b);
  const customSections = asArray(o.customSections, 'customSections').map((v): CustomSection => {
    const s = asObject(v, 'customSections[]');
    const range = decodeRange(s.offset, s.length, b, 'customSections[]');
    const name = asString(s.name, 'customSections[].name');
    return { name, offset: range.offset, bytes: wasm.subarray(range.offset, range.offset + range.length) };
  });

  const translation: ModuleTranslation = {
    wasm,
    types: new PrimaryMap(types),
    recGroups,
    imports,
    numImportedFuncs: asIndex(o.numImportedFuncs, b.funcs + 1, 'numImportedFuncs'),
    numImportedTables: asIndex(o.numImportedTables, b.tables + 1, 'numImportedTables'),
    numImportedMemories: asIndex(o.numImportedMemories, b.memories + 1, 'numImportedMemories'),
    numImportedGlobals: asIndex(o.numImportedGlobals, b.globals + 1, 'numImportedGlobals'),
    numImportedTags: asIndex(o.numImportedTags, b.tags + 1, 'numImportedTags'),
    functions: new PrimaryMap(functions),
    tables: new PrimaryMap(tables),
    memories: new PrimaryMap(memories),
    globals: new PrimaryMap(globals),
    tags: new PrimaryMap(tags),
    exports,
    start: nullable(o.start, (v) => asIndex(v, b.funcs, 'start') as FuncIndex),
    elementSegments: new PrimaryMap(asArray(o.elementSegments, 'elementSegments').map((v) => decodeElementSegment(v, b))),
    dataSegments: new PrimaryMap(),
    dataCount: nullable(o.dataCount, (v) => asU32(v, 'dataCount')),
    functionBodies: new PrimaryMap(),
    customSections,
    names: decodeNames(o.names),
    exportedSignatures: asArray(o.exportedSignatures, 'exportedSignatures').map(
      (v) => asIndex(v, b.types, 'exportedSignatures[]') as TypeIndex,
    ),
  };
  // Checked above, built on first use: nothing that runs a loaded module reads them.
  defineLazy(translation, 'functionBodies', () => new PrimaryMap(buildRanges(functionBodies)));
  defineLazy(translation, 'dataSegments', () => new PrimaryMap(dataSegments()));
  return translation;
}

// Ranges stored as a Uint32Array of [offset, length, offset, length, ...]: each checked to lie
// within the binary; the `ByteRange` objects are built by `buildRanges`, when asked for.
function checkRanges(value: unknown, b: Bounds, where: string): Uint32Array {
  const data = asU32Array(value, where);
  if (data.length % 2 !== 0) shapeError('an even number of items', where, data.length);
  for (let i = 0; i < data.length; i += 2) {
    const offset = data[i] as number;
    const length = data[i + 1] as number;
    if (offset > b.wasmLength || length > b.wasmLength - offset) shapeError(`a range within ${b.wasmLength} bytes`, `${where}[]`, `${offset}+${length}`);
  }
  return data;
}

function buildRanges(data: Uint32Array): ByteRange[] {
  const ranges: ByteRange[] = [];
  for (let i = 0; i < data.length; i += 2) ranges.push({ offset: data[i] as number, length: data[i + 1] as number });
  return ranges;
}

/**
 * Defines `key` on `target` as a value made by `build` on first read (then kept as a plain
 * property). What loading does not need, thousands of objects in a large module, is so only
 * made if someone reads it; `build` cannot fail, as its input was checked before.
 */
function defineLazy<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get(): T[K] {
      const value = build();
      Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: false });
      return value;
    },
  });
}

// `where` names the range itself; its fields are joined on failure only, as function bodies
// are many.
function decodeRange(offset: unknown, length: unknown, b: Bounds, where: string): ByteRange {
  const start = asIndex(offset, b.wasmLength + 1, where, 'offset');
  return { offset: start, length: asIndex(length, b.wasmLength - start + 1, where, 'length') };
}

function decodeStorageType(value: unknown, where: string): StorageType {
  return value === 'i8' || value === 'i16' ? value : decodeValType(value, where);
}

function decodeFieldType(value: unknown, where: string): FieldType {
  const f = asObject(value, where);
  return { storage: decodeStorageType(f.storage, `${where}.storage`), mutable: asBoolean(f.mutable, where, 'mutable') };
}

function decodeSubType(value: unknown, b: Bounds): SubType {
  const s = asObject(value, 'types[]');
  const c = asObject(s.composite, 'types[].composite');
  let composite: CompositeType;
  switch (c.kind) {
    case 'func':
      composite = {
        kind: 'func',
        params: asArray(c.params, 'types[].composite.params').map((v) => decodeValType(v, 'types[].composite.params[]')),
        results: asArray(c.results, 'types[].composite.results').map((v) => decodeValType(v, 'types[].composite.results[]')),
      };
      break;
    case 'struct':
      composite = {
        kind: 'struct',
        fields: asArray(c.fields, 'types[].composite.fields').map((v) => decodeFieldType(v, 'types[].composite.fields[]')),
      };
      break;
    case 'array':
      composite = { kind: 'array', field: decodeFieldType(c.field, 'types[].composite.field') };
      break;
    default:
      return shapeError('func, struct or array', 'types[].composite.kind', c.kind);
  }
  return {
    isFinal: asBoolean(s.isFinal, 'types[].isFinal'),
    supertype: nullable(s.supertype, (v) => asIndex(v, b.types, 'types[].supertype') as TypeIndex),
    composite,
  };
}

function decodeTagType(value: unknown, b: Bounds, where: string): TagType {
  const t = asObject(value, where);
  return { typeIndex: asIndex(t.typeIndex, b.types, where, 'typeIndex') as TypeIndex };
}

function decodeEntityType(value: unknown, b: Bounds): EntityType {
  const e = asObject(value, 'imports[].type');
  switch (e.kind) {
    case 'func':
      return { kind: 'func', typeIndex: asIndex(e.typeIndex, b.types, 'imports[].type.typeIndex') as TypeIndex };
    case 'table':
      return { kind: 'table', type: decodeTableType(e.type, 'imports[].type.type') };
    case 'memory':
      return { kind: 'memory', type: decodeMemoryType(e.type, 'imports[].type.type') };
    case 'global':
      return { kind: 'global', type: decodeGlobalType(e.type, 'imports[].type.type') };
    case 'tag':
      return { kind: 'tag', type: decodeTagType(e.type, b, 'imports[].type.type') };
    default:
      return shapeError('an import kind', 'imports[].type.kind', e.kind);
  }
}

/** Export kinds by their code in the encoded `exports` array. */
const ENTITY_KINDS: readonly EntityIndex['kind'][] = ['func', 'table', 'memory', 'global', 'tag'];

function decodeEntityIndex(kindCode: unknown, index: unknown, b: Bounds): EntityIndex {
  const where = 'exports[].index';
  const kind = ENTITY_KINDS[asIndex(kindCode, ENTITY_KINDS.length, 'exports[].kind')];
  switch (kind) {
    case 'func':
      return { kind, index: asIndex(index, b.funcs, where) as FuncIndex };
    case 'table':
      return { kind, index: asIndex(index, b.tables, where) as TableIndex };
    case 'memory':
      return { kind, index: asIndex(index, b.memories, where) as MemoryIndex };
    case 'global':
      return { kind, index: asIndex(index, b.globals, where) as GlobalIndex };
    case 'tag':
      return { kind, index: asIndex(index, b.tags, where) as TagIndex };
    case undefined:
      return unreachable('asIndex checked the kind code');
    default:
      return assertNever(kind);
  }
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

function decodeConstOp(value: unknown, b: Bounds, where: string): ConstOp {
  const op = asObject(value, where);
  switch (op.kind) {
    case 'i32.const':
      return { kind: 'i32.const', value: asI32(op.value, where, 'value') };
    case 'i64.const':
      return { kind: 'i64.const', value: asBigInt(op.value, I64_MIN, I64_MAX, where, 'value') };
    case 'f32.const':
      return { kind: 'f32.const', bits: asU32(op.bits, where, 'bits') };
    case 'f64.const':
      return { kind: 'f64.const', bits: asBigInt(op.bits, 0n, U64_MAX, where, 'bits') };
    case 'v128.const':
      return { kind: 'v128.const', bytes: asBytes(op.bytes, 16, where, 'bytes') };
    case 'ref.null':
      return { kind: 'ref.null', type: decodeRefType(op.type, `${where}.type`) };
    case 'ref.func':
      return { kind: 'ref.func', func: asIndex(op.func, b.funcs, where, 'func') as FuncIndex };
    case 'global.get':
      return { kind: 'global.get', global: asIndex(op.global, b.globals, where, 'global') as GlobalIndex };
    case 'i32.add':
    case 'i32.sub':
    case 'i32.mul':
    case 'i64.add':
    case 'i64.sub':
    case 'i64.mul':
      return { kind: op.kind };
    default:
      return shapeError('a constant instruction', `${where}.kind`, op.kind);
  }
}

function decodeConstExpr(value: unknown, b: Bounds, where: string): ConstExpr {
  return asArray(value, where).map((v) => decodeConstOp(v, b, `${where}[]`));
}

function decodeElementSegment(value: unknown, b: Bounds): ElementSegment {
  const s = asObject(value, 'elementSegments[]');
  const m = asObject(s.mode, 'elementSegments[].mode');
  let mode: ElementMode;
  switch (m.kind) {
    case 'active':
      mode = {
        kind: 'active',
        table: asIndex(m.table, b.tables, 'elementSegments[].mode.table') as TableIndex,
        offset: decodeConstExpr(m.offset, b, 'elementSegments[].mode.offset'),
      };
      break;
    case 'passive':
      mode = { kind: 'passive' };
      break;
    case 'declarative':
      mode = { kind: 'declarative' };
      break;
    default:
      return shapeError('active, passive or declarative', 'elementSegments[].mode.kind', m.kind);
  }
  const i = asObject(s.items, 'elementSegments[].items');
  let items: ElementItems;
  switch (i.kind) {
    case 'functions': {
      const functions = asU32Array(i.functions, 'elementSegments[].items.functions');
      checkIndices(functions, b.funcs, 'elementSegments[].items.functions[]');
      items = { kind: 'functions', functions: Array.from(functions) as FuncIndex[] };
      break;
    }
    case 'expressions':
      items = {
        kind: 'expressions',
        expressions: asArray(i.expressions, 'elementSegments[].items.expressions').map((v) =>
          decodeConstExpr(v, b, 'elementSegments[].items.expressions[]'),
        ),
      };
      break;
    default:
      return shapeError('functions or expressions', 'elementSegments[].items.kind', i.kind);
  }
  return { mode, elementType: decodeRefType(s.elementType, 'elementSegments[].elementType'), items };
}

// Element segments as they are, but a list of function indices (a compiler's function table
// can hold thousands) as a Uint32Array.
function encodeElementSegment(segment: ElementSegment): unknown {
  if (segment.items.kind !== 'functions') return segment;
  return { ...segment, items: { kind: 'functions', functions: Uint32Array.from(segment.items.functions) } };
}

// Data segments (a module made by a compiler can have 10,000) as parallel typed arrays: the
// memory of each (-1 when passive), its offset when that is a lone `i32.const` (the usual case),
// and the data's [offset, length] in the binary; any other offset expression goes in `exprs`
// as [segment, ops] pairs. As objects, their repeated keys once made 1 MB of a 1.2 MB metadata
// section and most of the time to decode it.
function encodeDataSegments(segments: readonly DataSegment[]): unknown {
  const memories = new Int32Array(segments.length);
  const offsets = new Int32Array(segments.length);
  const ranges = new Uint32Array(segments.length * 2);
  const exprs: unknown[] = [];
  segments.forEach(({ mode, data }, i) => {
    switch (mode.kind) {
      case 'active': {
        memories[i] = mode.memory;
        const op = mode.offset.length === 1 ? mode.offset[0] : undefined;
        if (op?.kind === 'i32.const') offsets[i] = op.value;
        else exprs.push(i, mode.offset);
        break;
      }
      case 'passive':
        memories[i] = -1;
        break;
      default:
        assertNever(mode);
    }
    ranges[i * 2] = data.offset;
    ranges[i * 2 + 1] = data.length;
  });
  return { memories, offsets, ranges, exprs };
}

// Checks the data segments and returns what builds them.
function checkDataSegments(value: unknown, b: Bounds): () => DataSegment[] {
  const where = 'dataSegments';
  const o = asObject(value, where);
  const memories = asI32Array(o.memories, where, 'memories');
  const offsets = asI32Array(o.offsets, where, 'offsets');
  const ranges = checkRanges(o.ranges, b, `${where}.ranges`);
  if (offsets.length !== memories.length || ranges.length !== memories.length * 2) {
    shapeError(`${memories.length} offsets and ranges`, where, `${offsets.length} and ${ranges.length / 2}`);
  }
  for (let i = 0; i < memories.length; i++) {
    const memory = memories[i] as number;
    if (memory !== -1 && (memory < 0 || memory >= b.memories)) shapeError(`an index below ${b.memories}`, `${where}.memories[]`, memory);
  }
  const exprData = asArray(o.exprs, where, 'exprs');
  if (exprData.length % 2 !== 0) shapeError('an even number of items', `${where}.exprs`, exprData.length);
  const exprs = new Map<number, ConstExpr>();
  for (let i = 0; i < exprData.length; i += 2) {
    const segment = asIndex(exprData[i], memories.length, `${where}.exprs[]`, 'segment');
    if (memories[segment] === -1) shapeError('an active segment', `${where}.exprs[].segment`, segment);
    exprs.set(segment, decodeConstExpr(exprData[i + 1], b, `${where}.exprs[].offset`));
  }
  return () => {
    const segments: DataSegment[] = [];
    for (let i = 0; i < memories.length; i++) {
      const memory = memories[i] as number;
      const data: ByteRange = { offset: ranges[i * 2] as number, length: ranges[i * 2 + 1] as number };
      if (memory === -1) {
        segments.push({ mode: { kind: 'passive' }, data });
        continue;
      }
      const offset = exprs.get(i) ?? [{ kind: 'i32.const', value: offsets[i] as number }];
      segments.push({ mode: { kind: 'active', memory: memory as MemoryIndex, offset }, data });
    }
    return segments;
  };
}

function decodeNames(value: unknown): ModuleNames {
  const n = asObject(value, 'names');
  const functionNames = new Map<FuncIndex, string>();
  const functionData = asArray(n.functionNames, 'names.functionNames');
  if (functionData.length % 2 !== 0) shapeError('an even number of items', 'names.functionNames', functionData.length);
  for (let i = 0; i < functionData.length; i += 2) {
    const func = asU32(functionData[i], 'names.functionNames[].func') as FuncIndex;
    functionNames.set(func, asString(functionData[i + 1], 'names.functionNames[].name'));
  }
  const localNames = new Map<FuncIndex, ReadonlyMap<number, string>>();
  const localData = asArray(n.localNames, 'names.localNames');
  for (let i = 0; i < localData.length; ) {
    const func = asU32(localData[i], 'names.localNames[].func') as FuncIndex;
    // The count is checked against what is left, so a hostile count cannot overrun.
    const count = asIndex(localData[i + 1], (localData.length - i - 2) / 2 + 1, 'names.localNames[].count');
    i += 2;
    const map = new Map<number, string>();
    for (let k = 0; k < count; k++, i += 2) {
      map.set(asU32(localData[i], 'names.localNames[].local'), asString(localData[i + 1], 'names.localNames[].name'));
    }
    localNames.set(func, map);
  }
  const malformed = nullable(n.malformed, (v) => {
    const m = asObject(v, 'names.malformed');
    return { reason: asString(m.reason, 'names.malformed.reason'), offset: asU32(m.offset, 'names.malformed.offset') };
  });
  return { moduleName: nullable(n.moduleName, (v) => asString(v, 'names.moduleName')), functionNames, localNames, malformed };
}
