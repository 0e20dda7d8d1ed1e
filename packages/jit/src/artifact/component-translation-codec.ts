// The codec between environ's `ComponentTranslation` and the plain data stored as a component
// artifact's metadata. Each static module's binary goes to a wasm section of its own: environ
// keeps every static module as a view of its own bytes (a subarray of the component) and
// validates its ranges relative to that view, so `decodeModuleTranslation` over the stored
// section gives back the same ranges, and the decoded translation equals the original.
//
// Decoding checks every field: kinds against the variant names, each index against its index
// space, each type id against the type table and the kind of type it must name. Beyond that it
// checks what translation guarantees and the runtime relies on: each defining initializer
// (InstantiateModule, LowerImport, ExtractMemory, ...) makes the next index of its space, in
// order, and the `num*` counts are the sizes those definitions reach. So a forged count cannot
// make the runtime allocate a huge table, and no index points past a definition.

import { PrimaryMap, assertNever, unreachable } from '@tswasm/environ';
import type {
  AdapterIndex,
  AlwaysTrapIndex,
  CanonBuiltin,
  CanonicalOptions,
  ComponentImport,
  ComponentInfo,
  ComponentTranslation,
  ComponentTypeId,
  CoreDef,
  Export,
  GlobalInitializer,
  ImportIndex,
  InstantiateModule,
  LoweredIndex,
  ModuleTranslation,
  ResourceDef,
  ResourceId,
  RuntimeCallbackIndex,
  RuntimeComponentInstanceIndex,
  RuntimeImport,
  RuntimeImportIndex,
  RuntimeInstanceIndex,
  RuntimeMemoryIndex,
  RuntimePostReturnIndex,
  RuntimeReallocIndex,
  RuntimeResourceIndex,
  StaticModuleIndex,
  StringEncoding,
  Trampoline,
  TrampolineIndex,
  Transcode,
  TranscoderIndex,
} from '@tswasm/environ';
import { ArtifactError } from './artifact-error.js';
import {
  decodeComponentTypeList,
  decodeComponentValType,
  decodeEntityType,
  decodeResourceId,
  decodeTypeId,
  encodeComponentTypeList,
  type TypeTable,
} from './component-type-list-codec.js';
import { asArray, asBoolean, asCount, asIndex, asObject, asString, asU32, nullable, shapeError } from './metadata-shape.js';
import { decodeModuleTranslation, encodeModuleTranslation } from './module-translation-codec.js';

// Instances exported inside instances nest at most this deep (environ's own limit).
const MAX_EXPORT_DEPTH = 1000;

// Keyed by every name, so the compiler reports a name added to environ and missing here.
const STRING_ENCODINGS: Readonly<Record<StringEncoding, true>> = { utf8: true, utf16: true, 'latin1+utf16': true };
const TRANSCODES: Readonly<Record<Transcode, true>> = {
  'Copy(Utf8)': true,
  'Copy(Utf16)': true,
  'Copy(Latin1)': true,
  Latin1ToUtf16: true,
  Latin1ToUtf8: true,
  Utf16ToCompactProbablyUtf16: true,
  Utf16ToCompactUtf16: true,
  Utf16ToLatin1: true,
  Utf16ToUtf8: true,
  Utf8ToCompactUtf16: true,
  Utf8ToLatin1: true,
  Utf8ToUtf16: true,
};
const CANON_BUILTINS: Readonly<Record<CanonBuiltin, true>> = {
  'backpressure.set': true,
  'backpressure.inc': true,
  'backpressure.dec': true,
  'task.return': true,
  'task.cancel': true,
  'context.get': true,
  'context.set': true,
  'thread.yield': true,
  'subtask.cancel': true,
  'subtask.drop': true,
  'stream.new': true,
  'stream.read': true,
  'stream.write': true,
  'stream.cancel-read': true,
  'stream.cancel-write': true,
  'stream.drop-readable': true,
  'stream.drop-writable': true,
  'future.new': true,
  'future.read': true,
  'future.write': true,
  'future.cancel-read': true,
  'future.cancel-write': true,
  'future.drop-readable': true,
  'future.drop-writable': true,
  'error-context.new': true,
  'error-context.debug-message': true,
  'error-context.drop': true,
  'waitable-set.new': true,
  'waitable-set.wait': true,
  'waitable-set.poll': true,
  'waitable-set.drop': true,
  'waitable.join': true,
  'thread.index': true,
  'thread.new-indirect': true,
  'thread.resume-later': true,
  'thread.suspend': true,
  'thread.suspend-then-resume': true,
  'thread.yield-then-resume': true,
  'thread.suspend-then-promote': true,
  'thread.yield-then-promote': true,
};

function oneOf<T extends string>(names: Readonly<Record<T, true>>, value: unknown, expected: string, where: string): T {
  if (typeof value !== 'string' || !Object.hasOwn(names, value)) return shapeError(expected, where, value);
  return value as T;
}

/**
 * Turns a component translation into the plain data of an artifact's metadata and the wasm
 * sections to store beside it (each static module's bytes, in `StaticModuleIndex` order).
 * @param t the translation
 * @returns `metadata` for `ObjectBuilder.setMetadata`, and `wasm` for `addWasm`, in order
 * @throws Error (internal) when a `Trampoline` initializer does not hold the very object of
 *   `trampolines` at its index, which translation guarantees
 */
export function encodeComponentTranslation(t: ComponentTranslation): { metadata: unknown; wasm: Uint8Array[] } {
  const c = t.component;
  const instanceResources = c.instanceResources.values().map((map) => {
    const flat: number[] = [];
    for (const [resource, runtime] of map) flat.push(resource, runtime);
    return flat;
  });
  const metadata = {
    staticModules: t.staticModules.values().map(encodeModuleTranslation),
    component: {
      types: encodeComponentTypeList(c.types),
      type: c.type,
      imports: c.imports.values(),
      importTypes: c.importTypes.values(),
      initializers: c.initializers.map((init) => encodeInitializer(init, c)),
      exports: encodeExports(c.exports),
      trampolines: c.trampolines.values(),
      resources: c.resources.values(),
      instanceResources,
      instanceParents: c.instanceParents.values(),
      numRuntimeInstances: c.numRuntimeInstances,
      numRuntimeComponentInstances: c.numRuntimeComponentInstances,
      numRuntimeMemories: c.numRuntimeMemories,
      numRuntimeReallocs: c.numRuntimeReallocs,
      numRuntimePostReturns: c.numRuntimePostReturns,
      numRuntimeCallbacks: c.numRuntimeCallbacks,
      numLowerings: c.numLowerings,
      numAlwaysTrap: c.numAlwaysTrap,
      numTranscoders: c.numTranscoders,
      numAdapters: c.numAdapters,
      numResources: c.numResources,
    },
  };
  return { metadata, wasm: t.staticModules.values().map((m) => m.wasm) };
}

function encodeInitializer(init: GlobalInitializer, c: ComponentInfo): unknown {
  switch (init.kind) {
    case 'Trampoline':
      // Translation puts one object in both the initializer and `trampolines`; storing the
      // index keeps that sharing on decode.
      if (c.trampolines.tryGet(init.index) !== init.trampoline) unreachable(`trampoline ${init.index} differs from its initializer`);
      return { kind: init.kind, index: init.index };
    case 'InstantiateModule':
    case 'LowerImport':
    case 'AlwaysTrap':
    case 'Transcoder':
    case 'Adapter':
    case 'ExtractMemory':
    case 'ExtractRealloc':
    case 'ExtractPostReturn':
    case 'ExtractCallback':
    case 'Resource':
      return init;
    default:
      return assertNever(init);
  }
}

function encodeExports(exports: ReadonlyMap<string, Export>): unknown[] {
  const out: unknown[] = [];
  for (const [name, exp] of exports) out.push(name, encodeExport(exp));
  return out;
}

function encodeExport(exp: Export): unknown {
  switch (exp.kind) {
    case 'Instance':
      return { kind: exp.kind, exports: encodeExports(exp.exports) };
    case 'LiftedFunction':
    case 'ModuleStatic':
    case 'ModuleImport':
    case 'Type':
    case 'Import':
      return exp;
    default:
      return assertNever(exp);
  }
}

/** The sizes of the index spaces, as the metadata claims them until the end checks them. */
interface Bounds {
  readonly table: TypeTable;
  readonly staticModules: number;
  readonly imports: number;
  readonly runtimeImports: number;
  readonly instances: number;
  readonly componentInstances: number;
  readonly memories: number;
  readonly reallocs: number;
  readonly postReturns: number;
  readonly callbacks: number;
  readonly lowerings: number;
  readonly alwaysTrap: number;
  readonly transcoders: number;
  readonly adapters: number;
  readonly trampolines: number;
  readonly resources: number;
}

/**
 * Rebuilds a translation from `encodeComponentTranslation`'s metadata and wasm sections.
 * @param metadata the decoded metadata
 * @param wasm the stored static modules, in order (an artifact's wasm sections)
 * @returns a translation equal to the encoded one, each static module viewing its section
 * @throws ArtifactError when the data does not have the encoded shape, the number of wasm
 *   sections differs from the number of static modules, a kind is unknown, an index is outside
 *   its index space, a type id is outside the type table or names the wrong kind of type, or a
 *   count differs from the definitions that make its index space
 */
export function decodeComponentTranslation(metadata: unknown, wasm: readonly Uint8Array[]): ComponentTranslation {
  const o = asObject(metadata, 'component translation');
  const modulesData = asArray(o.staticModules, 'staticModules');
  if (modulesData.length !== wasm.length) {
    throw new ArtifactError(`component artifact is malformed: expected ${modulesData.length} wasm sections for its static modules, found ${wasm.length}`);
  }
  const staticModules = new PrimaryMap<StaticModuleIndex, ModuleTranslation>();
  modulesData.forEach((data, i) => staticModules.push(decodeStaticModule(data, wasm[i] ?? unreachable('counted above'), i)));

  const c = asObject(o.component, 'component');
  const { list, table } = decodeComponentTypeList(c.types);
  const importsData = asArray(c.imports, 'component.imports');
  const importTypesData = asArray(c.importTypes, 'component.importTypes');
  const trampolinesData = asArray(c.trampolines, 'component.trampolines');
  const resourcesData = asArray(c.resources, 'component.resources');
  const count = (field: string): number => asCount(c[field], 'component', field);
  const b: Bounds = {
    table,
    staticModules: staticModules.length,
    imports: importsData.length,
    runtimeImports: importTypesData.length,
    instances: count('numRuntimeInstances'),
    componentInstances: count('numRuntimeComponentInstances'),
    memories: count('numRuntimeMemories'),
    reallocs: count('numRuntimeReallocs'),
    postReturns: count('numRuntimePostReturns'),
    callbacks: count('numRuntimeCallbacks'),
    lowerings: count('numLowerings'),
    alwaysTrap: count('numAlwaysTrap'),
    transcoders: count('numTranscoders'),
    adapters: count('numAdapters'),
    trampolines: trampolinesData.length,
    resources: resourcesData.length,
  };
  const numResources = count('numResources');
  if (numResources !== b.resources) shapeError(`${b.resources} (the number of resources)`, 'component.numResources', numResources);

  const imports = importsData.map((v): ComponentImport => {
    const i = asObject(v, 'component.imports[]');
    return { name: asString(i.name, 'component.imports[]', 'name'), type: decodeEntityType(i.type, table, 'component.imports[].type') };
  });
  const importTypes = importTypesData.map((v): RuntimeImport => {
    const i = asObject(v, 'component.importTypes[]');
    return {
      import: asIndex(i.import, b.imports, 'component.importTypes[]', 'import') as ImportIndex,
      path: asArray(i.path, 'component.importTypes[]', 'path').map((p) => asString(p, 'component.importTypes[].path[]')),
      type: decodeEntityType(i.type, table, 'component.importTypes[].type'),
    };
  });
  const trampolines = trampolinesData.map((v) => decodeTrampoline(v, b));
  const resources = resourcesData.map((v): ResourceDef => {
    const r = asObject(v, 'component.resources[]');
    switch (r.kind) {
      case 'Imported':
        return { kind: 'Imported', import: asIndex(r.import, b.runtimeImports, 'component.resources[]', 'import') as RuntimeImportIndex };
      case 'Defined':
        return { kind: 'Defined', instance: asIndex(r.instance, b.componentInstances, 'component.resources[]', 'instance') as RuntimeComponentInstanceIndex };
      default:
        return shapeError('Imported or Defined', 'component.resources[].kind', r.kind);
    }
  });
  const instanceResourcesData = asArray(c.instanceResources, 'component.instanceResources');
  if (instanceResourcesData.length !== b.componentInstances) {
    shapeError(`${b.componentInstances} items (numRuntimeComponentInstances)`, 'component.instanceResources', instanceResourcesData.length);
  }
  const instanceResources = instanceResourcesData.map((v) => {
    const flat = asArray(v, 'component.instanceResources[]');
    if (flat.length % 2 !== 0) shapeError('an even number of items', 'component.instanceResources[]', flat.length);
    const map = new Map<ResourceId, RuntimeResourceIndex>();
    for (let i = 0; i < flat.length; i += 2) {
      map.set(
        decodeResourceId(flat[i], table, 'component.instanceResources[].resource'),
        asIndex(flat[i + 1], b.resources, 'component.instanceResources[].runtime') as RuntimeResourceIndex,
      );
    }
    return map;
  });

  const instanceParentsData = asArray(c.instanceParents, 'component.instanceParents');
  if (instanceParentsData.length !== b.componentInstances) {
    shapeError(`${b.componentInstances} items (numRuntimeComponentInstances)`, 'component.instanceParents', instanceParentsData.length);
  }
  // A parent is made before its children, so its index is smaller: ancestor walks then end.
  const instanceParents = instanceParentsData.map((v, i) => nullable(v, (p) => asIndex(p, i, 'component.instanceParents[]') as RuntimeComponentInstanceIndex));

  const initializers = decodeInitializers(c.initializers, b, trampolines);
  const exports = decodeExports(c.exports, b, 0);

  const component: ComponentInfo = {
    types: list,
    type: decodeTypeId(c.type, table, ['component'], 'component.type'),
    imports: new PrimaryMap(imports),
    importTypes: new PrimaryMap(importTypes),
    initializers,
    exports,
    trampolines: new PrimaryMap(trampolines),
    resources: new PrimaryMap(resources),
    instanceResources: new PrimaryMap(instanceResources),
    instanceParents: new PrimaryMap(instanceParents),
    numRuntimeInstances: b.instances,
    numRuntimeComponentInstances: b.componentInstances,
    numRuntimeMemories: b.memories,
    numRuntimeReallocs: b.reallocs,
    numRuntimePostReturns: b.postReturns,
    numRuntimeCallbacks: b.callbacks,
    numLowerings: b.lowerings,
    numAlwaysTrap: b.alwaysTrap,
    numTranscoders: b.transcoders,
    numAdapters: b.adapters,
    numResources,
  };
  return { staticModules, component };
}

// The module codec's paths start at the module; a failure says which module it was in.
function decodeStaticModule(data: unknown, wasm: Uint8Array, index: number): ModuleTranslation {
  try {
    return decodeModuleTranslation(data, wasm);
  } catch (error) {
    if (error instanceof ArtifactError) throw new ArtifactError(`${error.message} (in static module ${index})`, { cause: error });
    throw error;
  }
}

function decodeCoreDef(value: unknown, b: Bounds, where: string): CoreDef {
  const d = asObject(value, where);
  switch (d.kind) {
    case 'Export':
      return { kind: 'Export', instance: asIndex(d.instance, b.instances, where, 'instance') as RuntimeInstanceIndex, name: asString(d.name, where, 'name') };
    case 'Lowered':
      return { kind: 'Lowered', index: asIndex(d.index, b.lowerings, where, 'index') as LoweredIndex };
    case 'AlwaysTrap':
      return { kind: 'AlwaysTrap', index: asIndex(d.index, b.alwaysTrap, where, 'index') as AlwaysTrapIndex };
    case 'Transcoder':
      return { kind: 'Transcoder', index: asIndex(d.index, b.transcoders, where, 'index') as TranscoderIndex };
    case 'Adapter':
      return { kind: 'Adapter', index: asIndex(d.index, b.adapters, where, 'index') as AdapterIndex };
    case 'Trampoline':
      return { kind: 'Trampoline', index: asIndex(d.index, b.trampolines, where, 'index') as TrampolineIndex };
    default:
      return shapeError('a core definition kind', `${where}.kind`, d.kind);
  }
}

function decodeOptionalIndex(value: unknown, bound: number, where: string, field: string): number | null {
  return nullable(value, (v) => asIndex(v, bound, where, field));
}

function decodeOptions(value: unknown, b: Bounds, where: string): CanonicalOptions {
  const o = asObject(value, where);
  return {
    instance: asIndex(o.instance, b.componentInstances, where, 'instance') as RuntimeComponentInstanceIndex,
    stringEncoding: oneOf(STRING_ENCODINGS, o.stringEncoding, 'a string encoding', `${where}.stringEncoding`),
    memory: decodeOptionalIndex(o.memory, b.memories, where, 'memory') as RuntimeMemoryIndex | null,
    realloc: decodeOptionalIndex(o.realloc, b.reallocs, where, 'realloc') as RuntimeReallocIndex | null,
    postReturn: decodeOptionalIndex(o.postReturn, b.postReturns, where, 'postReturn') as RuntimePostReturnIndex | null,
    async: asBoolean(o.async, where, 'async'),
    callback: decodeOptionalIndex(o.callback, b.callbacks, where, 'callback') as RuntimeCallbackIndex | null,
  };
}

function decodeTrampoline(value: unknown, b: Bounds): Trampoline {
  const where = 'component.trampolines[]';
  const t = asObject(value, where);
  switch (t.kind) {
    case 'ResourceNew':
    case 'ResourceRep':
    case 'ResourceDrop':
      return {
        kind: t.kind,
        resource: asIndex(t.resource, b.resources, where, 'resource') as RuntimeResourceIndex,
        instance: asIndex(t.instance, b.componentInstances, where, 'instance') as RuntimeComponentInstanceIndex,
      };
    case 'Builtin':
      return {
        kind: 'Builtin',
        builtin: oneOf(CANON_BUILTINS, t.builtin, 'a canonical built-in', `${where}.builtin`),
        options: nullable(t.options, (v) => decodeOptions(v, b, `${where}.options`)),
        instance: asIndex(t.instance, b.componentInstances, where, 'instance') as RuntimeComponentInstanceIndex,
        type: nullable(t.type, (v) => decodeTypeId(v, b.table, null, `${where}.type`)),
        result: nullable(t.result, (v) => decodeComponentValType(v, b.table, `${where}.result`)),
        flag: asBoolean(t.flag, where, 'flag'),
        slot: asU32(t.slot, where, 'slot'),
        memory: decodeOptionalIndex(t.memory, b.memories, where, 'memory') as RuntimeMemoryIndex | null,
        table: nullable(t.table, (v) => decodeCoreDef(v, b, `${where}.table`)),
      };
    default:
      return shapeError('a trampoline kind', `${where}.kind`, t.kind);
  }
}

function decodeInstantiateModule(value: unknown, b: Bounds, where: string): InstantiateModule {
  const m = asObject(value, where);
  const args = asArray(m.args, where, 'args').map((v) => decodeCoreDef(v, b, `${where}.args[]`));
  switch (m.kind) {
    case 'Static':
      return { kind: 'Static', index: asIndex(m.index, b.staticModules, where, 'index') as StaticModuleIndex, args };
    case 'Import':
      return {
        kind: 'Import',
        import: asIndex(m.import, b.runtimeImports, where, 'import') as RuntimeImportIndex,
        type: decodeTypeId(m.type, b.table, ['core-module'], `${where}.type`),
        args,
      };
    default:
      return shapeError('Static or Import', `${where}.kind`, m.kind);
  }
}

/** The next index of each space the initializers define, in order. */
interface Defined {
  instances: number;
  lowerings: number;
  alwaysTrap: number;
  transcoders: number;
  adapters: number;
  memories: number;
  reallocs: number;
  postReturns: number;
  callbacks: number;
  trampolines: number;
}

// A defining initializer must make the next index of its space.
function nextIndex(value: unknown, defined: Defined, space: keyof Defined, bound: number, where: string): number {
  const index = asIndex(value, bound, where);
  if (index !== defined[space]) shapeError(`index ${defined[space]} (the next one, in order)`, where, value);
  defined[space]++;
  return index;
}

function decodeInitializers(value: unknown, b: Bounds, trampolines: readonly Trampoline[]): GlobalInitializer[] {
  const where = 'component.initializers[]';
  const defined: Defined = { instances: 0, lowerings: 0, alwaysTrap: 0, transcoders: 0, adapters: 0, memories: 0, reallocs: 0, postReturns: 0, callbacks: 0, trampolines: 0 };
  const funcType = (v: unknown, field: string): ComponentTypeId => decodeTypeId(v, b.table, ['func'], `${where}.${field}`);
  const out = asArray(value, 'component.initializers').map((v): GlobalInitializer => {
    const i = asObject(v, where);
    switch (i.kind) {
      case 'InstantiateModule':
        return {
          kind: 'InstantiateModule',
          instance: nextIndex(i.instance, defined, 'instances', b.instances, `${where}.instance`) as RuntimeInstanceIndex,
          module: decodeInstantiateModule(i.module, b, `${where}.module`),
        };
      case 'LowerImport':
        return {
          kind: 'LowerImport',
          index: nextIndex(i.index, defined, 'lowerings', b.lowerings, `${where}.index`) as LoweredIndex,
          import: asIndex(i.import, b.runtimeImports, where, 'import') as RuntimeImportIndex,
          lowerType: funcType(i.lowerType, 'lowerType'),
          options: decodeOptions(i.options, b, `${where}.options`),
        };
      case 'AlwaysTrap':
        return {
          kind: 'AlwaysTrap',
          index: nextIndex(i.index, defined, 'alwaysTrap', b.alwaysTrap, `${where}.index`) as AlwaysTrapIndex,
          type: funcType(i.type, 'type'),
        };
      case 'Transcoder':
        return {
          kind: 'Transcoder',
          index: nextIndex(i.index, defined, 'transcoders', b.transcoders, `${where}.index`) as TranscoderIndex,
          adapter: asIndex(i.adapter, b.adapters, where, 'adapter') as AdapterIndex,
          op: oneOf(TRANSCODES, i.op, 'a transcode', `${where}.op`),
          fromMemory: asIndex(i.fromMemory, b.memories, where, 'fromMemory') as RuntimeMemoryIndex,
          fromEncoding: oneOf(STRING_ENCODINGS, i.fromEncoding, 'a string encoding', `${where}.fromEncoding`),
          toMemory: asIndex(i.toMemory, b.memories, where, 'toMemory') as RuntimeMemoryIndex,
          toEncoding: oneOf(STRING_ENCODINGS, i.toEncoding, 'a string encoding', `${where}.toEncoding`),
        };
      case 'Adapter':
        return {
          kind: 'Adapter',
          index: nextIndex(i.index, defined, 'adapters', b.adapters, `${where}.index`) as AdapterIndex,
          type: funcType(i.type, 'type'),
          lowerType: funcType(i.lowerType, 'lowerType'),
          lift: decodeOptions(i.lift, b, `${where}.lift`),
          lower: decodeOptions(i.lower, b, `${where}.lower`),
          callee: decodeCoreDef(i.callee, b, `${where}.callee`),
        };
      case 'ExtractMemory': {
        const e = asObject(i.export, `${where}.export`);
        return {
          kind: 'ExtractMemory',
          index: nextIndex(i.index, defined, 'memories', b.memories, `${where}.index`) as RuntimeMemoryIndex,
          export: { instance: asIndex(e.instance, b.instances, `${where}.export`, 'instance') as RuntimeInstanceIndex, name: asString(e.name, `${where}.export`, 'name') },
        };
      }
      case 'ExtractRealloc':
        return {
          kind: 'ExtractRealloc',
          index: nextIndex(i.index, defined, 'reallocs', b.reallocs, `${where}.index`) as RuntimeReallocIndex,
          def: decodeCoreDef(i.def, b, `${where}.def`),
        };
      case 'ExtractPostReturn':
        return {
          kind: 'ExtractPostReturn',
          index: nextIndex(i.index, defined, 'postReturns', b.postReturns, `${where}.index`) as RuntimePostReturnIndex,
          def: decodeCoreDef(i.def, b, `${where}.def`),
        };
      case 'ExtractCallback':
        return {
          kind: 'ExtractCallback',
          index: nextIndex(i.index, defined, 'callbacks', b.callbacks, `${where}.index`) as RuntimeCallbackIndex,
          def: decodeCoreDef(i.def, b, `${where}.def`),
        };
      case 'Trampoline': {
        const index = nextIndex(i.index, defined, 'trampolines', b.trampolines, `${where}.index`) as TrampolineIndex;
        return { kind: 'Trampoline', index, trampoline: trampolines[index] ?? unreachable('nextIndex checked the bound') };
      }
      case 'Resource':
        if (i.rep !== 'i32') shapeError('i32', `${where}.rep`, i.rep);
        return {
          kind: 'Resource',
          index: asIndex(i.index, b.resources, where, 'index') as RuntimeResourceIndex,
          rep: 'i32',
          destructor: nullable(i.destructor, (d) => decodeCoreDef(d, b, `${where}.destructor`)),
          instance: asIndex(i.instance, b.componentInstances, where, 'instance') as RuntimeComponentInstanceIndex,
        };
      default:
        return shapeError('an initializer kind', `${where}.kind`, i.kind);
    }
  });
  // Every space is as large as its definitions make it, no larger.
  const expected: [keyof Defined, number, string][] = [
    ['instances', b.instances, 'numRuntimeInstances'],
    ['lowerings', b.lowerings, 'numLowerings'],
    ['alwaysTrap', b.alwaysTrap, 'numAlwaysTrap'],
    ['transcoders', b.transcoders, 'numTranscoders'],
    ['adapters', b.adapters, 'numAdapters'],
    ['memories', b.memories, 'numRuntimeMemories'],
    ['reallocs', b.reallocs, 'numRuntimeReallocs'],
    ['postReturns', b.postReturns, 'numRuntimePostReturns'],
    ['callbacks', b.callbacks, 'numRuntimeCallbacks'],
    ['trampolines', b.trampolines, 'trampolines'],
  ];
  for (const [space, claimed, field] of expected) {
    if (defined[space] !== claimed) shapeError(`${defined[space]} (the number defined by the initializers)`, `component.${field}`, claimed);
  }
  return out;
}

function decodeExports(value: unknown, b: Bounds, depth: number): Map<string, Export> {
  if (depth > MAX_EXPORT_DEPTH) shapeError(`instances nested at most ${MAX_EXPORT_DEPTH} deep`, 'component.exports', depth);
  const where = 'component.exports';
  const flat = asArray(value, where);
  if (flat.length % 2 !== 0) shapeError('an even number of items', where, flat.length);
  const exports = new Map<string, Export>();
  for (let i = 0; i < flat.length; i += 2) exports.set(asString(flat[i], `${where}[].name`), decodeExport(flat[i + 1], b, depth));
  return exports;
}

function decodeExport(value: unknown, b: Bounds, depth: number): Export {
  const where = 'component.exports[]';
  const e = asObject(value, where);
  switch (e.kind) {
    case 'LiftedFunction':
      return {
        kind: 'LiftedFunction',
        type: decodeTypeId(e.type, b.table, ['func'], `${where}.type`),
        func: decodeCoreDef(e.func, b, `${where}.func`),
        options: decodeOptions(e.options, b, `${where}.options`),
      };
    case 'ModuleStatic':
      return { kind: 'ModuleStatic', index: asIndex(e.index, b.staticModules, where, 'index') as StaticModuleIndex };
    case 'ModuleImport':
      return { kind: 'ModuleImport', import: asIndex(e.import, b.runtimeImports, where, 'import') as RuntimeImportIndex };
    case 'Instance':
      return { kind: 'Instance', exports: decodeExports(e.exports, b, depth + 1) };
    case 'Type':
      return {
        kind: 'Type',
        type: decodeTypeId(e.type, b.table, null, `${where}.type`),
        resource: decodeOptionalIndex(e.resource, b.resources, where, 'resource') as RuntimeResourceIndex | null,
      };
    case 'Import':
      return { kind: 'Import', import: asIndex(e.import, b.runtimeImports, where, 'import') as RuntimeImportIndex };
    default:
      return shapeError('an export kind', `${where}.kind`, e.kind);
  }
}
