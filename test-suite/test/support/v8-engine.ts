// Reference engines for testing the runner itself, built on the host's `WebAssembly` (V8).
// `V8_ENGINE` only validates; `createV8ExecutionEngine()` also runs scripts, so the runner's
// execution directives can be checked against the real suite before tswasm can run code. Both
// ignore the feature flags (V8 has the features it has) and cannot say why a module is invalid,
// so they judge the runner, not environ. Function and global types come from environ's
// `translateModule`, since Node 20 has no type reflection.

import type { FuncType, GlobalType, ModuleTranslation, ValType, WasmFeatures } from '@tswasm/environ';
import { ALL_SUPPORTED_FEATURES, EXNREF, F32, F64, heapTypeOf, heapTypeToString, I32, I64, isRefType, translateModule, V128, ValidationError } from '@tswasm/environ';
import { parse } from '@bytecodealliance/jco';

import type { ConformanceEngine, ExecutionSession } from '../../src/runner/conformance-engine.js';
import { ExecutionError } from '../../src/runner/execution-error.js';
import type { WastValue } from '../../src/wast/wast-value.js';
import { functionAdapterBytes, globalReaderBytes, loweredTypes, needsAdapter } from './wasm-adapter.js';

/** A conformance engine backed by the host's `WebAssembly.validate`; it cannot execute. */
export const V8_ENGINE: ConformanceEngine = Object.freeze({
  validateModule(bytes: Uint8Array) {
    if (!WebAssembly.validate(bufferSource(bytes))) throw new ValidationError('invalid module (WebAssembly.validate returned false)', 0);
  },
  // V8 does not read components; the runner's own tests use only core modules with it.
  validateComponent() {
    throw new ValidationError('components are not supported by WebAssembly.validate', 0);
  },
});

// The spec's host module (the reference interpreter's spectest.ml). Its functions are wasm, not
// JS, so importing one with the wrong type is a link error as the spec requires.
const SPECTEST_TEXT = `(module
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2)
  (func (export "print"))
  (func (export "print_i32") (param i32))
  (func (export "print_i64") (param i64))
  (func (export "print_f32") (param f32))
  (func (export "print_f64") (param f64))
  (func (export "print_i32_f32") (param i32 f32))
  (func (export "print_f64_f64") (param f64 f64)))`;
// A module of its own: one module with two memories would need multi-memory from the host.
const SPECTEST_SHARED_TEXT = '(module (memory (export "shared_memory") 1 2 shared))';

type Exports = WebAssembly.ModuleImports;

// The DOM typings want bytes over a plain ArrayBuffer; a copy is one.
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** A compiled module with its types. */
interface V8Module {
  readonly module: WebAssembly.Module;
  readonly translation: ModuleTranslation | null;
}

/** An instance with its module's types. */
interface V8Instance {
  readonly exports: Exports;
  readonly translation: ModuleTranslation | null;
}

const WASM = WebAssembly as unknown as { Exception?: abstract new (...args: never[]) => object };

/** Sorts what V8 threw while running wasm into the runner's kinds; unknown errors pass through. */
function classify(error: unknown): unknown {
  if (error instanceof WebAssembly.LinkError) return new ExecutionError('unlinkable', error.message, { cause: error });
  if (error instanceof WebAssembly.RuntimeError) return new ExecutionError('trap', error.message, { cause: error });
  if (error instanceof RangeError && /call stack/i.test(error.message)) return new ExecutionError('exhaustion', error.message, { cause: error });
  if (WASM.Exception !== undefined && error instanceof WASM.Exception) return new ExecutionError('exception', 'a wasm exception escaped', { cause: error });
  return error;
}

function describeType(type: ValType): string {
  return isRefType(type) ? heapTypeToString(heapTypeOf(type)) : String(type);
}

/** One script's registry and host values. */
class V8Session implements ExecutionSession<V8Module, V8Instance> {
  readonly #registry = new Map<string, Exports>();
  /** `(ref.extern N)` is the same host object every time within a script. */
  readonly #hostValues = new Map<number, object>();
  readonly #hostNumbers = new WeakMap<object, number>();
  readonly #adapterModules = new Map<string, WebAssembly.Module>();

  constructor(spectest: Exports) {
    this.#registry.set('spectest', spectest);
  }

  compile(bytes: Uint8Array): V8Module {
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(bufferSource(bytes));
    } catch (error) {
      if (error instanceof WebAssembly.CompileError) throw new ValidationError(error.message, 0);
      throw error;
    }
    let translation: ModuleTranslation | null = null;
    try {
      translation = translateModule(bytes, ALL_SUPPORTED_FEATURES);
    } catch (error) {
      // V8 accepts some modules environ does not read yet; calls into them then lack types.
      if (!(error instanceof ValidationError)) throw error;
    }
    return { module, translation };
  }

  instantiate(handle: V8Module): V8Instance {
    const imports: Record<string, Exports> = {};
    for (const { module, name } of WebAssembly.Module.imports(handle.module)) {
      const value = this.#registry.get(module)?.[name];
      if (value === undefined) throw new ExecutionError('unlinkable', `unknown import: \`${module}::${name}\` has not been defined`);
      (imports[module] ??= {})[name] = value;
    }
    try {
      const instance = new WebAssembly.Instance(handle.module, imports);
      return { exports: instance.exports as Exports, translation: handle.translation };
    } catch (error) {
      throw classify(error);
    }
  }

  register(name: string, instance: V8Instance): void {
    this.#registry.set(name, instance.exports);
  }

  invoke(instance: V8Instance, name: string, args: readonly WastValue[]): WastValue[] {
    const func = instance.exports[name];
    if (typeof func !== 'function') throw new TypeError(`no exported function ${name}`);
    const type = this.#funcType(instance, name);
    if (args.length !== type.params.length) throw new TypeError(`${name} takes ${type.params.length} arguments, ${args.length} given`);
    const jsArgs = type.params.flatMap((param, i) => this.#lowerValue(args[i] as WastValue, param));
    const callee = type.params.some(needsAdapter) || type.results.some(needsAdapter) ? this.#adapt(func, type) : func;
    let raw: unknown;
    try {
      raw = Reflect.apply(callee, undefined, jsArgs);
    } catch (error) {
      throw classify(error);
    }
    const lowered = type.results.flatMap(loweredTypes).length === 1 ? [raw] : (raw as unknown[] | undefined) ?? [];
    return this.#raiseValues(lowered, type.results);
  }

  get(instance: V8Instance, name: string): WastValue {
    const global = instance.exports[name];
    if (!(global instanceof WebAssembly.Global)) throw new TypeError(`no exported global ${name}`);
    const type = this.#globalType(instance, name);
    if (!needsAdapter(type.content)) return this.#raiseValues([global.value], [type.content])[0] as WastValue;
    const reader = new WebAssembly.Instance(this.#adapterModule(`global ${type.content} ${type.mutable}`, () => globalReaderBytes(type)), { '': { g: global } });
    const get = reader.exports['get'] as () => unknown;
    const raw = get();
    return this.#raiseValues(loweredTypes(type.content).length === 1 ? [raw] : (raw as unknown[]), [type.content])[0] as WastValue;
  }

  #funcType(instance: V8Instance, name: string): FuncType {
    const t = instance.translation;
    const entity = t?.exports.get(name);
    if (t === null || entity === undefined || entity.kind !== 'func') throw new TypeError(`no type known for export ${name} (environ could not read the module)`);
    const composite = t.types.get(t.functions.get(entity.index)).composite;
    if (composite.kind !== 'func') throw new TypeError(`export ${name} has no function type`);
    return composite;
  }

  #globalType(instance: V8Instance, name: string): GlobalType {
    const t = instance.translation;
    const entity = t?.exports.get(name);
    if (t === null || entity === undefined || entity.kind !== 'global') throw new TypeError(`no type known for export ${name} (environ could not read the module)`);
    return t.globals.get(entity.index).type;
  }

  #adapterModule(key: string, build: () => Uint8Array): WebAssembly.Module {
    let module = this.#adapterModules.get(key);
    if (module === undefined) {
      module = new WebAssembly.Module(bufferSource(build()));
      this.#adapterModules.set(key, module);
    }
    return module;
  }

  #adapt(func: WebAssembly.ImportValue, type: FuncType): (...args: unknown[]) => unknown {
    const key = `func ${type.params.join(',')} -> ${type.results.join(',')}`;
    const adapter = new WebAssembly.Instance(this.#adapterModule(key, () => functionAdapterBytes(type)), { '': { f: func } });
    return adapter.exports['call'] as (...args: unknown[]) => unknown;
  }

  /** The JS values a script value of `type` travels as (see `loweredTypes`). */
  #lowerValue(value: WastValue, type: ValType): unknown[] {
    switch (value.kind) {
      case 'i32':
      case 'i64':
        return [value.value];
      case 'f32':
        return [value.bits | 0];
      case 'f64':
        return [BigInt.asIntN(64, value.bits)];
      case 'v128': {
        const view = new DataView(value.bytes.buffer, value.bytes.byteOffset, 16);
        return [view.getBigInt64(0, true), view.getBigInt64(8, true)];
      }
      case 'ref.null':
        return type === EXNREF ? [1] : [null];
      case 'ref': {
        if (value.host === null) throw new TypeError(`cannot pass an unnamed ${describeType(type)} reference`);
        let host = this.#hostValues.get(value.host);
        if (host === undefined) {
          host = { wastHost: value.host };
          this.#hostValues.set(value.host, host);
          this.#hostNumbers.set(host, value.host);
        }
        return [host];
      }
      default:
        throw new TypeError('unknown value kind');
    }
  }

  /** Script values from lowered JS values, by the original types. */
  #raiseValues(lowered: readonly unknown[], types: readonly ValType[]): WastValue[] {
    const values: WastValue[] = [];
    let at = 0;
    for (const type of types) {
      const raw = lowered[at];
      if (type === I32) values.push({ kind: 'i32', value: Number(raw) | 0 });
      else if (type === I64) values.push({ kind: 'i64', value: BigInt.asIntN(64, raw as bigint) });
      else if (type === F32) values.push({ kind: 'f32', bits: Number(raw) >>> 0 });
      else if (type === F64) values.push({ kind: 'f64', bits: BigInt.asUintN(64, raw as bigint) });
      else if (type === V128) {
        const bytes = new Uint8Array(16);
        const view = new DataView(bytes.buffer);
        view.setBigInt64(0, raw as bigint, true);
        view.setBigInt64(8, lowered[at + 1] as bigint, true);
        values.push({ kind: 'v128', bytes });
      } else if (type === EXNREF) {
        values.push(raw === 1 ? { kind: 'ref.null', heap: 'exn' } : { kind: 'ref', heap: 'exn', host: null });
      } else {
        const heap = describeType(type);
        if (raw === null) values.push({ kind: 'ref.null', heap });
        else values.push({ kind: 'ref', heap, host: typeof raw === 'object' ? (this.#hostNumbers.get(raw) ?? null) : null });
      }
      at += loweredTypes(type).length;
    }
    return values;
  }
}

/**
 * A conformance engine that validates with `WebAssembly.validate` and executes with
 * `WebAssembly.Module` / `Instance`: traps are `RuntimeError`, stack exhaustion the
 * `RangeError` "Maximum call stack size exceeded", unlinkable modules `LinkError` (or an import
 * the registry lacks), escaping exceptions `WebAssembly.Exception`.
 */
export async function createV8ExecutionEngine(): Promise<ConformanceEngine> {
  const spectest = new WebAssembly.Module(bufferSource(await parse(SPECTEST_TEXT)));
  const spectestShared = new WebAssembly.Module(bufferSource(await parse(SPECTEST_SHARED_TEXT)));
  return Object.freeze({
    validateModule: V8_ENGINE.validateModule,
    validateComponent: V8_ENGINE.validateComponent,
    startSession(_features: WasmFeatures): ExecutionSession {
      const exports: Exports = {
        ...(new WebAssembly.Instance(spectest).exports as Exports),
        ...(new WebAssembly.Instance(spectestShared).exports as Exports),
      };
      return new V8Session(exports) as ExecutionSession<V8Module, V8Instance> as ExecutionSession;
    },
  });
}
