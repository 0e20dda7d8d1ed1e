// The canonical-ABI trampolines a component needs, generated when it is compiled: one per
// lowered import (by `LoweredIndex`), one per lifted export (by its `Export` entry) and one per
// fused adapter between two of its component instances (by `AdapterIndex`). The
// engine's `TrampolineCache` shares the compiled source between every component with the same
// signature key; what differs per instance is only the `env` the factory is called with. A
// component loaded from an artifact takes its factories from the artifact instead, so loading
// runs no generator.

import { assertNever } from '@tswasm/environ';
import type { AdapterIndex, CanonicalOptions, ComponentFuncType, ComponentInfo, ComponentTypeId, Export, LoweredIndex } from '@tswasm/environ';
import { isAsyncAdapter } from './async-adapter.js';
import { adapterUnsupported, ArtifactError, canonicalSignature, fusedAdapterSignature } from '@tswasm/jit';
import type {
  AdapterFactory,
  CanonicalAbiOptions,
  CanonicalFactory,
  CanonicalTrampoline,
  FactorySource,
  LoadedFactory,
  TrampolineCache,
  TrampolineDirection,
} from '@tswasm/jit';

/** A trampoline ready to be instantiated, with the facts instantiation checks. */
export interface PreparedTrampoline {
  readonly trampoline: CanonicalTrampoline;
  readonly factory: CanonicalFactory;
  readonly type: ComponentFuncType;
  readonly options: CanonicalOptions;
}

/** A fused adapter ready to be instantiated: its source, factory and both sides' options. */
export interface PreparedAdapter {
  readonly trampoline: CanonicalTrampoline;
  readonly factory: AdapterFactory;
  readonly lift: CanonicalOptions;
  readonly lower: CanonicalOptions;
}

/** The generated trampolines of one component. */
export interface ComponentTrampolines {
  readonly lowerings: ReadonlyMap<LoweredIndex, PreparedTrampoline>;
  readonly exports: ReadonlyMap<Export, PreparedTrampoline>;
  /** One per `Adapter` initializer it can run (see `adapterRefusal`; the others refuse to instantiate). */
  readonly adapters: ReadonlyMap<AdapterIndex, PreparedAdapter>;
}

/** The shape-determining part of resolved canonical options (what the generated code depends on). */
export function abiOptions(options: CanonicalOptions): CanonicalAbiOptions {
  return {
    stringEncoding: options.stringEncoding,
    memory: options.memory !== null,
    realloc: options.realloc !== null,
    postReturn: options.postReturn !== null,
  };
}

/** The function type `id` names in `info`'s type table. */
export function componentFuncType(info: ComponentInfo, id: ComponentTypeId): ComponentFuncType {
  const entry = info.types.get(id);
  if (entry.kind !== 'func') throw new TypeError(`expected a component function type, found a ${entry.kind} type`);
  return entry;
}

/** Where `prepare` gets factories: the engine's cache, or the factories an artifact carried. */
interface FactorySourceOf {
  readonly cache: TrampolineCache;
  readonly loaded: ReadonlyMap<string, LoadedFactory> | null;
}

function prepare(from: FactorySourceOf, info: ComponentInfo, direction: Exclude<TrampolineDirection, 'fused-adapter'>, typeId: ComponentTypeId, options: CanonicalOptions): PreparedTrampoline {
  if (options.async && direction === 'lowered-import') throw new TypeError('async canonical lower of host functions is not supported yet');
  const type = componentFuncType(info, typeId);
  // The trampoline of an async lift only lowers the arguments (the result comes through
  // `task.return`, see async-callee.ts); an async type lifted or lowered sync is a sync call.
  const generated: ComponentFuncType = options.async ? { kind: 'func', async: false, params: type.params, result: null } : { ...type, async: false };
  const abi = options.async ? { ...abiOptions(options), postReturn: false } : abiOptions(options);
  return prepareGenerated(from, info, direction, generated, abi, type, options);
}

function prepareGenerated(from: FactorySourceOf, info: ComponentInfo, direction: Exclude<TrampolineDirection, 'fused-adapter'>, generated: ComponentFuncType, abi: CanonicalAbiOptions, type: ComponentFuncType, options: CanonicalOptions): PreparedTrampoline {
  if (from.loaded === null) {
    const { trampoline, factory } = from.cache.canonicalTrampoline(direction, info.types, generated, abi);
    return { trampoline, factory, type, options };
  }
  // The key names the code; the resources are this signature's own, as the cache gives them.
  const { key, resources } = canonicalSignature(info.types, generated, direction, abi);
  const loaded = from.loaded.get(key);
  if (loaded === undefined) throw new ArtifactError(`component artifact is malformed: it has no trampoline factory for \`${key}\``);
  return { trampoline: { key, direction, source: loaded.source, resources }, factory: loaded.factory, type, options };
}

/**
 * Why the adapter between a lift of `type` and a lower of `lowerType` cannot run yet, or null:
 * streams, futures and async need machinery this version lacks.
 */
export function adapterRefusal(info: ComponentInfo, init: { type: ComponentTypeId; lowerType: ComponentTypeId; lift: CanonicalOptions; lower: CanonicalOptions }): string | null {
  // Calls under the async ABI go through JS values (async-adapter.ts), which have the same limits.
  const lift = componentFuncType(info, init.type);
  const lower = componentFuncType(info, init.lowerType);
  // Streams and futures pass: such calls go through the async ABI's path as well.
  return adapterUnsupported(info.types, { ...lift, async: false }, true) ?? adapterUnsupported(info.types, { ...lower, async: false }, true);
}

function collectExports(from: FactorySourceOf, info: ComponentInfo, exports: ReadonlyMap<string, Export>, out: Map<Export, PreparedTrampoline>): void {
  for (const item of exports.values()) {
    switch (item.kind) {
      case 'LiftedFunction':
        out.set(item, prepare(from, info, 'lifted-export', item.type, item.options));
        break;
      case 'Instance':
        collectExports(from, info, item.exports, out);
        break;
      case 'ModuleStatic':
      case 'ModuleImport':
      case 'Type':
      case 'Import':
        break;
      default:
        assertNever(item);
    }
  }
}

/**
 * Generates (or takes from `cache`) the trampoline of every lowered import and lifted export;
 * with `loaded`, takes each from there instead and generates nothing.
 * @param cache the engine's cache
 * @param info the component
 * @param loaded the factories of the component's artifact, by key
 * @throws TypeError for an async lift or lower (not supported yet)
 * @throws TrampolineTooLargeError for a signature whose generated code would be too large
 * @throws ArtifactError when `loaded` lacks a factory the component needs
 */
export function componentTrampolines(cache: TrampolineCache, info: ComponentInfo, loaded: ReadonlyMap<string, LoadedFactory> | null = null): ComponentTrampolines {
  const from: FactorySourceOf = { cache, loaded };
  const lowerings = new Map<LoweredIndex, PreparedTrampoline>();
  for (const init of info.initializers) {
    if (init.kind === 'LowerImport') lowerings.set(init.index, prepare(from, info, 'lowered-import', init.lowerType, init.options));
  }
  const exports = new Map<Export, PreparedTrampoline>();
  collectExports(from, info, info.exports, exports);
  const adapters = new Map<AdapterIndex, PreparedAdapter>();
  for (const init of info.initializers) {
    if (init.kind !== 'Adapter' || adapterRefusal(info, init) !== null || isAsyncAdapter(info, init)) continue;
    const options = { lift: abiOptions(init.lift), lower: abiOptions(init.lower) };
    const liftType = componentFuncType(info, init.type);
    const lowerType = componentFuncType(info, init.lowerType);
    if (loaded === null) {
      const { trampoline, factory } = cache.fusedAdapter(info.types, liftType, lowerType, options);
      adapters.set(init.index, { trampoline, factory, lift: init.lift, lower: init.lower });
      continue;
    }
    const { key, resources } = fusedAdapterSignature(info.types, liftType, lowerType, options);
    const found = loaded.get(key);
    if (found === undefined) throw new ArtifactError(`component artifact is malformed: it has no trampoline factory for \`${key}\``);
    // The artifact's factories all have the `(env) => function` shape; the key says which env.
    const trampoline: CanonicalTrampoline = { key, direction: 'fused-adapter', source: found.source, resources };
    adapters.set(init.index, { trampoline, factory: found.factory as unknown as AdapterFactory, lift: init.lift, lower: init.lower });
  }
  return { lowerings, exports, adapters };
}

/**
 * Every prepared trampoline's factory source under its key (for the artifact's JS section);
 * equal keys have equal sources, so each key may come more than once.
 */
export function* factorySources(trampolines: ComponentTrampolines): Generator<FactorySource> {
  for (const prepared of trampolines.lowerings.values()) yield { key: prepared.trampoline.key, source: prepared.trampoline.source };
  for (const prepared of trampolines.exports.values()) yield { key: prepared.trampoline.key, source: prepared.trampoline.source };
  for (const prepared of trampolines.adapters.values()) yield { key: prepared.trampoline.key, source: prepared.trampoline.source };
}
