// Trampolines and adapter modules are made once per signature (or arity) and shared by every
// store of one engine; the cache lives on the Engine, never at module level, so two engines
// and test runs stay independent.

import type { ComponentFuncType, ComponentTypeList, FuncType } from '@tswasm/environ';
import type { CanonicalAbiOptions } from '../canonical/abi-options.js';
import { canonicalSignature, generateLiftedExport, generateLoweredImport, makeCanonicalFactory } from '../canonical/func-trampolines.js';
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

/** Per-engine cache of compiled adapter modules and generated trampolines. */
export class TrampolineCache {
  readonly #hostAdapters = new Map<string, WebAssembly.Module>();
  readonly #v128Adapters = new Map<string, WebAssembly.Module>();
  readonly #typedCalls: TypedCallFactory[] = [];
  readonly #hostCalls: HostCallFactory[] = [];
  readonly #v128GlobalAccessors: (WebAssembly.Module | undefined)[] = [];
  readonly #floatGlobalAccessors = new Map<string, WebAssembly.Module>();
  readonly #untypedCalls = new Map<string, UntypedCallFactory | null>();
  readonly #canonical = new Map<string, { readonly source: string; readonly factory: CanonicalFactory }>();
  readonly #adapters = new Map<string, { readonly source: string; readonly factory: AdapterFactory }>();

  /**
   * The canonical-ABI trampoline of `type` in `direction` and its compiled factory, generated
   * and compiled once per signature key; `resources` are always this signature's own.
   * @throws {TrampolineTooLargeError} when the type unfolds into too much code
   * @throws {TypeError} when the function is async or `options` lack what it needs
   */
  canonicalTrampoline(
    direction: Exclude<TrampolineDirection, 'fused-adapter'>,
    types: ComponentTypeList,
    type: ComponentFuncType,
    options: CanonicalAbiOptions,
  ): { readonly trampoline: CanonicalTrampoline; readonly factory: CanonicalFactory } {
    const { key, resources } = canonicalSignature(types, type, direction, options);
    let entry = this.#canonical.get(key);
    if (entry === undefined) {
      const generated = direction === 'lifted-export' ? generateLiftedExport(types, type, options) : generateLoweredImport(types, type, options);
      entry = { source: generated.source, factory: makeCanonicalFactory(generated.source) };
      this.#canonical.set(key, entry);
    }
    return { trampoline: { key, direction, source: entry.source, resources }, factory: entry.factory };
  }

  /**
   * The fused adapter between a lift of `liftType` and a lower of `lowerType` and its compiled
   * factory, generated and compiled once per key.
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
    let entry = this.#adapters.get(key);
    if (entry === undefined) {
      const generated = generateFusedAdapter(types, liftType, lowerType, options);
      entry = { source: generated.source, factory: makeAdapterFactory(generated.source) };
      this.#adapters.set(key, entry);
    }
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
