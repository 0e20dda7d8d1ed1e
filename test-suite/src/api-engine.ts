// The conformance engine backed by tswasm's public api (`@tswasm/api`): each script runs in its
// own `Engine` + `Store` + `Linker`, so registrations, host values and the spectest module's
// state never leak between scripts. This file and its component half (`api-component-session.ts`)
// are the only ones that meet the api; the runner sees the `ConformanceEngine` interface.

import type { FuncType, WasmFeatures } from '@tswasm/environ';
import { F32, F64, FUNCREF, I32, I64, validateComponent, validateModule } from '@tswasm/environ';
import type { Instance, Val } from '@tswasm/api';
import { Config, Engine, f32ToBits, f64ToBits, Func, Global, LinkError, Linker, Memory, Module, Store, Table, Trap, Val as Vals } from '@tswasm/api';

import { ApiComponentSession } from './api-component-session.js';
import type { ConformanceEngine, ExecutionSession } from './runner/conformance-engine.js';
import { ExecutionError } from './runner/execution-error.js';
import { detectHostSupport, type HostWasmSupport } from '@tswasm/jit';
import type { WastValue } from './wast/wast-value.js';

/** Sorts what the api threw into the runner's kinds; anything else passes through as a crash. */
function classify(error: unknown): unknown {
  if (error instanceof LinkError) return new ExecutionError('unlinkable', error.message, { cause: error });
  if (error instanceof Trap) return new ExecutionError(error.code === 'StackOverflow' ? 'exhaustion' : 'trap', error.message, { cause: error });
  // A wasm exception that escapes reaches the host as the engine's exception object.
  if (error instanceof WebAssembly.Exception) return new ExecutionError('exception', 'a wasm exception escaped', { cause: error });
  return error;
}

const PAGE = { shared: false, is64: false, pageSizeLog2: 16 } as const;

/** One script's store, linker and host values. */
class ApiSession implements ExecutionSession<Module, Instance> {
  readonly #engine: Engine;
  readonly #store: Store;
  readonly #linker: Linker;
  /** `(ref.extern N)` is the same host object every time within a script. */
  readonly #hostValues = new Map<number, object>();
  readonly #hostNumbers = new WeakMap<object, number>();
  /** Components share the script's engine and store. */
  readonly components: ApiComponentSession;

  /** Whether every module and component is loaded from its artifact (`ApiEngineOptions`). */
  readonly #viaArtifacts: boolean;

  constructor(features: WasmFeatures, viaArtifacts: boolean) {
    this.#engine = new Engine(new Config({ features }));
    this.#store = new Store(this.#engine);
    this.#viaArtifacts = viaArtifacts;
    this.components = new ApiComponentSession(this.#engine, this.#store, features, viaArtifacts);
    // Scripts register a name again to shadow an earlier registration.
    this.#linker = new Linker(this.#engine).allowShadowing(true);
    this.#defineSpectest();
  }

  // The spec's host module (the reference interpreter's spectest.ml).
  #defineSpectest(): void {
    const store = this.#store;
    const linker = this.#linker;
    const print = (): void => {};
    linker.funcWrap('spectest', 'print', { params: [], results: [] }, print);
    linker.funcWrap('spectest', 'print_i32', { params: ['i32'], results: [] }, print);
    linker.funcWrap('spectest', 'print_i64', { params: ['i64'], results: [] }, print);
    linker.funcWrap('spectest', 'print_f32', { params: ['f32'], results: [] }, print);
    linker.funcWrap('spectest', 'print_f64', { params: ['f64'], results: [] }, print);
    linker.funcWrap('spectest', 'print_i32_f32', { params: ['i32', 'f32'], results: [] }, print);
    linker.funcWrap('spectest', 'print_f64_f64', { params: ['f64', 'f64'], results: [] }, print);
    linker.define(store, 'spectest', 'global_i32', Global.new(store, { content: I32, mutable: false }, Vals.i32(666)));
    linker.define(store, 'spectest', 'global_i64', Global.new(store, { content: I64, mutable: false }, Vals.i64(666n)));
    linker.define(store, 'spectest', 'global_f32', Global.new(store, { content: F32, mutable: false }, Vals.f32(666.6)));
    linker.define(store, 'spectest', 'global_f64', Global.new(store, { content: F64, mutable: false }, Vals.f64(666.6)));
    linker.define(store, 'spectest', 'table', Table.new(store, { element: FUNCREF, limits: { min: 10, max: 20 }, is64: false }, Vals.funcref(null)));
    linker.define(store, 'spectest', 'memory', Memory.new(store, { limits: { min: 1, max: 2 }, ...PAGE }));
    linker.define(store, 'spectest', 'shared_memory', Memory.new(store, { limits: { min: 1, max: 2 }, ...PAGE, shared: true }));
  }

  compile(bytes: Uint8Array): Module {
    const module = Module.fromBinary(this.#engine, bytes);
    return this.#viaArtifacts ? Module.deserialize(this.#engine, module.serialize()) : module;
  }

  instantiate(module: Module): Instance {
    try {
      return this.#linker.instantiate(this.#store, module);
    } catch (error) {
      throw classify(error);
    }
  }

  register(name: string, instance: Instance): void {
    this.#linker.instance(this.#store, name, instance);
  }

  invoke(instance: Instance, name: string, args: readonly WastValue[]): WastValue[] {
    const func = instance.getFunc(this.#store, name);
    if (func === undefined) throw new TypeError(`no exported function ${name}`);
    const type: FuncType = func.ty(this.#store);
    if (args.length !== type.params.length) throw new TypeError(`${name} takes ${type.params.length} arguments, ${args.length} given`);
    const params = args.map((arg) => this.#toVal(arg));
    let results: Val[];
    try {
      results = func.call(this.#store, params);
    } catch (error) {
      throw classify(error);
    }
    return results.map((result) => this.#fromVal(result));
  }

  get(instance: Instance, name: string): WastValue {
    const global = instance.getGlobal(this.#store, name);
    if (global === undefined) throw new TypeError(`no exported global ${name}`);
    return this.#fromVal(global.get(this.#store));
  }

  #toVal(value: WastValue): Val {
    switch (value.kind) {
      case 'i32':
        return Vals.i32(value.value);
      case 'i64':
        return Vals.i64(value.value);
      // Bits, not numbers: a JS number cannot carry a signalling NaN.
      case 'f32':
        return Vals.f32Bits(value.bits);
      case 'f64':
        return Vals.f64Bits(value.bits);
      case 'v128':
        return Vals.v128(value.bytes);
      case 'ref.null':
        return value.heap === 'extern' || value.heap === 'noextern' ? Vals.externref(null) : Vals.funcref(null);
      case 'ref': {
        if (value.host === null) throw new TypeError(`cannot pass an unnamed ${value.heap} reference`);
        let host = this.#hostValues.get(value.host);
        if (host === undefined) {
          host = { wastHost: value.host };
          this.#hostValues.set(value.host, host);
          this.#hostNumbers.set(host, value.host);
        }
        return Vals.externref(host);
      }
      default:
        throw new TypeError('unknown value kind');
    }
  }

  #fromVal(val: Val): WastValue {
    switch (val.kind) {
      case 'i32':
        return { kind: 'i32', value: val.value | 0 };
      case 'i64':
        return { kind: 'i64', value: BigInt.asIntN(64, val.value) };
      case 'f32':
        return { kind: 'f32', bits: val.bits ?? f32ToBits(val.value) };
      case 'f64':
        return { kind: 'f64', bits: val.bits ?? f64ToBits(val.value) };
      case 'v128':
        return { kind: 'v128', bytes: Uint8Array.from(val.value) };
      case 'funcref':
        return val.value instanceof Func ? { kind: 'ref', heap: 'func', host: null } : { kind: 'ref.null', heap: 'func' };
      case 'exnref':
        // The host sees only whether an exception reference is null (see api's `Val`).
        return val.value === null ? { kind: 'ref.null', heap: 'exn' } : { kind: 'ref', heap: 'exn', host: null };
      case 'externref': {
        if (val.value === null) return { kind: 'ref.null', heap: 'extern' };
        const host = typeof val.value === 'object' ? this.#hostNumbers.get(val.value) : undefined;
        return { kind: 'ref', heap: 'extern', host: host ?? null };
      }
      default:
        throw new TypeError('unknown value kind');
    }
  }
}

/** How the api engine runs scripts. */
export interface ApiEngineOptions {
  /**
   * Load every module and component from its artifact (`serialize`, then `deserialize`) before
   * it is instantiated, so a script checks that a round trip through an artifact keeps its
   * behaviour, as wasmtime's wast runner does with precompiled modules.
   */
  readonly viaArtifacts: boolean;
}

/** A conformance engine backed by `@tswasm/api`; validation stays environ's `validateModule`. */
export function createApiEngine(options: ApiEngineOptions): ConformanceEngine {
  return Object.freeze({
    validateModule(bytes: Uint8Array, features: WasmFeatures) {
      validateModule(bytes, features);
    },
    // Components in `assert_invalid`/`assert_malformed` are judged by environ's validator.
    validateComponent(bytes: Uint8Array, features: WasmFeatures) {
      validateComponent(bytes, features);
    },
    executesComponents: true,
    startSession(features: WasmFeatures): ExecutionSession {
      return new ApiSession(features, options.viaArtifacts) as ExecutionSession<Module, Instance> as ExecutionSession;
    },
    executionUnsupported(features: WasmFeatures): string | null {
      const host = detectHostSupport();
      const missing = (Object.keys(host) as (keyof HostWasmSupport)[]).filter((name) => features[name] && !host[name]);
      return missing.length === 0 ? null : `the host's WebAssembly engine cannot run ${missing.join(', ')}, so only validation runs`;
    },
  });
}

/** The conformance engine backed by `@tswasm/api`, compiling from the bytes. */
export const API_ENGINE: ConformanceEngine = createApiEngine({ viaArtifacts: false });
