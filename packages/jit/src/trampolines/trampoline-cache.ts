// Trampolines and adapter modules are made once per signature (or arity) and shared by every
// store of one engine; the cache lives on the Engine, never at module level, so two engines
// and test runs stay independent.
//
// A canonical trampoline's factory is compiled (`new Function`) only the first time it is
// called: a component's lifted exports and lowered imports are instantiated from the sources
// (assembled into per-component entries), so compiling a component compiles no factory it
// never runs.

import type { ComponentFuncType, ComponentTypeList, ComponentValType, FuncType } from '@tswasm/environ';
import { MAX_FLAT_PARAMS } from '@tswasm/environ';
import type { CanonicalAbiOptions } from '../canonical/abi-options.js';
import {
  canonicalSignature,
  generateLiftedExport,
  generateLoweredImport,
  generateStoreResult,
  loweredImportSignature,
  makeCanonicalFactory,
  storeResultSignature,
} from '../canonical/func-trampolines.js';
import type { CanonicalFactory, CanonicalTrampoline, TrampolineDirection } from '../canonical/func-trampolines.js';
import type { AdapterAbiOptions, AdapterFactory } from '../canonical/adapter/adapter-env.js';
import { fusedAdapterSignature, generateFusedAdapter, makeAdapterFactory } from '../canonical/adapter/fused-adapter.js';
import { hostFuncAdapterBytes } from './host-func-adapter.js';
import { makeHostCallFactory, makeTypedCallFactory, type HostCallFactory, type TypedCallFactory } from './typed-call-trampoline.js';
import { makeUntypedCallFactory, type UntypedCallFactory } from './untyped-call-trampoline.js';
import { floatGlobalAccessorBytes, type FloatGlobalKind } from './float-global-adapter.js';
import { v128GlobalAccessorBytes } from './v128-global-adapter.js';
import { v128AdapterBytes, type V128AdapterDirection } from './v128-adapter.js';
import { funcTypeKey } from './wasm-bytes.js';

/** A generated trampoline's source and its factory, shared by every use of one key. */
interface GeneratedFactory<F> {
  readonly source: string;
  readonly factory: F;
}

type Factory<E> = (env: E) => Function;

// The entry of `key` in `cache`, generating its source on a miss. Its factory compiles the
// source on its first call and runs the compiled one from then on; a factory is called once
// per instance, so the forwarding costs nothing that matters.
function generatedFactory<E>(cache: Map<string, GeneratedFactory<Factory<E>>>, key: string, generate: () => string, compile: (source: string) => Factory<E>): GeneratedFactory<Factory<E>> {
  let entry = cache.get(key);
  if (entry === undefined) {
    const source = generate();
    let compiled: Factory<E> | null = null;
    entry = { source, factory: (env) => (compiled ??= compile(source))(env) };
    cache.set(key, entry);
  }
  return entry;
}

/** Per-engine cache of compiled adapter modules and generated trampolines. */
export class TrampolineCache {
  readonly #hostAdapters = new Map<string, WebAssembly.Module>();
  readonly #v128Adapters = new Map<string, WebAssembly.Module>();
  readonly #typedCalls: TypedCallFactory[] = [];
  readonly #hostCalls: HostCallFactory[] = [];
  readonly #v128GlobalAccessors: (WebAssembly.Module | undefined)[] = [];
  readonly #floatGlobalAccessors = new Map<string, WebAssembly.Module>();
  readonly #untypedCalls = new Map<string, UntypedCallFactory | null>();
  readonly #canonical = new Map<string, GeneratedFactory<CanonicalFactory>>();
  readonly #adapters = new Map<string, GeneratedFactory<AdapterFactory>>();

  /**
   * The canonical-ABI trampoline of `type` in `direction` and its factory, generated once per
   * signature key and compiled on the factory's first call; `resources` are always this
   * signature's own. A lowered import may take another flat-params limit (`canon lower async`
   * spills beyond MAX_FLAT_ASYNC_PARAMS).
   * @throws {TrampolineTooLargeError} when the type unfolds into too much code
   * @throws {TypeError} when the function is async or `options` lack what it needs
   */
  canonicalTrampoline(
    direction: Exclude<TrampolineDirection, 'fused-adapter'>,
    types: ComponentTypeList,
    type: ComponentFuncType,
    options: CanonicalAbiOptions,
    maxFlatParams: number = MAX_FLAT_PARAMS,
  ): { readonly trampoline: CanonicalTrampoline; readonly factory: CanonicalFactory } {
    const { key, resources } = direction === 'lifted-export' ? canonicalSignature(types, type, direction, options) : loweredImportSignature(types, type, options, maxFlatParams);
    const generate = (): string =>
      direction === 'lifted-export' ? generateLiftedExport(types, type, options).source : generateLoweredImport(types, type, options, maxFlatParams).source;
    const entry = generatedFactory(this.#canonical, key, generate, makeCanonicalFactory);
    return { trampoline: { key, direction, source: entry.source, resources }, factory: entry.factory };
  }

  /**
   * The async ABI's store of a result of type `result` at an out-pointer (`generateStoreResult`)
   * and its factory, generated once per key and compiled on the factory's first call.
   * @throws {TrampolineTooLargeError} when the type unfolds into too much code
   */
  storeResult(types: ComponentTypeList, result: ComponentValType, options: CanonicalAbiOptions): { readonly trampoline: CanonicalTrampoline; readonly factory: CanonicalFactory } {
    const { key, resources } = storeResultSignature(types, result, options);
    const entry = generatedFactory(this.#canonical, key, () => generateStoreResult(types, result, options).source, makeCanonicalFactory);
    return { trampoline: { key, direction: 'lowered-import', source: entry.source, resources }, factory: entry.factory };
  }

  /**
   * The fused adapter between a lift of `liftType` and a lower of `lowerType` and its factory,
   * generated once per key and compiled on the factory's first call.
   * @throws {TrampolineTooLargeError} when the type unfolds into too much code
   * @throws {TypeError} when the function cannot be adapted yet or `options` lack what it needs
   */
  fusedAdapter(
    types: ComponentTypeList,
    liftType: ComponentFuncType,
    lowerType: ComponentFuncType,
    options: AdapterAbiOptions,
  ): { readonly trampoline: CanonicalTrampoline; readonly factory: AdapterFactory } {
    const { key, resources } = fusedAdapterSignature(types, liftType, lowerType, options);
    const entry = generatedFactory(this.#adapters, key, () => generateFusedAdapter(types, liftType, lowerType, options).source, makeAdapterFactory);
    return { trampoline: { key, direction: 'fused-adapter', source: entry.source, resources }, factory: entry.factory };
  }

  /** The compiled module that turns a JS function of `type` into a wasm function. */
  hostFuncAdapter(type: FuncType): WebAssembly.Module {
    const key = funcTypeKey(type);
    let module = this.#hostAdapters.get(key);
    if (module === undefined) {
      module = new WebAssembly.Module(hostFuncAdapterBytes(type));
      this.#hostAdapters.set(key, module);
    }
    return module;
  }

  /** The compiled lane adapter for `type` in `direction` (floats as bits with `floatBits`). */
  v128Adapter(type: FuncType, direction: V128AdapterDirection, floatBits = false): WebAssembly.Module {
    const key = `${direction}:${floatBits ? 'bits:' : ''}${funcTypeKey(type)}`;
    let module = this.#v128Adapters.get(key);
    if (module === undefined) {
      module = new WebAssembly.Module(v128AdapterBytes(type, direction, floatBits));
      this.#v128Adapters.set(key, module);
    }
    return module;
  }

  /** The compiled accessor module of v128 globals of the given mutability. */
  v128GlobalAccessor(mutable: boolean): WebAssembly.Module {
    const slot = mutable ? 1 : 0;
    return (this.#v128GlobalAccessors[slot] ??= new WebAssembly.Module(v128GlobalAccessorBytes(mutable)));
  }

  /** The compiled accessor module that moves a float global's value as exact bits. */
  floatGlobalAccessor(kind: FloatGlobalKind, mutable: boolean): WebAssembly.Module {
    const key = `${kind}${mutable ? ' mut' : ''}`;
    let module = this.#floatGlobalAccessors.get(key);
    if (module === undefined) {
      module = new WebAssembly.Module(floatGlobalAccessorBytes(kind, mutable));
      this.#floatGlobalAccessors.set(key, module);
    }
    return module;
  }

  /** The host-to-wasm trampoline factory for `arity` params. */
  typedCall(arity: number): TypedCallFactory {
    return (this.#typedCalls[arity] ??= makeTypedCallFactory(arity));
  }

  /** The `Func.call` entry factory for `type`, or null when it is not all numeric. */
  untypedCall(type: FuncType): UntypedCallFactory | null {
    const key = funcTypeKey(type);
    let factory = this.#untypedCalls.get(key);
    if (factory === undefined) {
      factory = makeUntypedCallFactory(type);
      this.#untypedCalls.set(key, factory);
    }
    return factory;
  }

  /** The wasm-to-host trampoline factory for `arity` params. */
  hostCall(arity: number): HostCallFactory {
    return (this.#hostCalls[arity] ??= makeHostCallFactory(arity));
  }
}
