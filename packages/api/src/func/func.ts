import type { FuncIndex, FuncType } from '@tswasm/environ';
import { ADAPTER_EXPORT, hasFloat, hasV128, laneType } from '@tswasm/jit';
import type { Store } from '../store/store.js';
import type { FuncOrigin, StoreOpaque } from '../store/store-opaque.js';
import { liftValues, lowerParams, resultList } from '../values/js-values.js';
import { valKindOf, valTypeOf as valTypeOfKind, type Val, type ValKind } from '../values/val.js';
import { Caller } from './caller.js';
import { makeNewHost, makeWrapHost, type FuncNewCallback, type FuncWrapCallback } from './host-func.js';
import { TypedFunc } from './typed-func.js';

/** A function type given by value kinds, as `Func.wrap` and `Linker.funcWrap` take it. */
export interface FuncKinds {
  readonly params: readonly ValKind[];
  readonly results: readonly ValKind[];
}

/** How a Func reaches its code; see the `Func` doc. */
type FuncCode =
  | { readonly kind: 'wasm'; readonly raw: Function; readonly origin: FuncOrigin | null }
  // `js` takes JS values (v128 as four i32 lanes) and is what wasm imports directly.
  | { readonly kind: 'host'; readonly js: Function };

function exportedFunction(module: WebAssembly.Module, target: Function): Function {
  const exports = new WebAssembly.Instance(module, { h: { f: target } }).exports;
  return exports[ADAPTER_EXPORT] as Function;
}

/**
 * A wasm or host function in a store (wasmtime's `Func`). A host function stays a plain JS
 * function as long as only imports need it, which V8 calls fastest; it becomes a real wasm
 * function (through a per-signature adapter module) only when it must live in a table or
 * travel as a funcref.
 */
export class Func {
  readonly #opaque: StoreOpaque;
  readonly #type: FuncType;
  readonly #code: FuncCode;
  #wasm: Function | null;
  #lowered: Function | null = null;
  // The generated entry of numeric signatures; null when the generic path is needed.
  #fastCall: ((params: readonly Val[]) => Val[]) | null | undefined = undefined;

  private constructor(opaque: StoreOpaque, type: FuncType, code: FuncCode) {
    this.#opaque = opaque;
    this.#type = type;
    this.#code = code;
    this.#wasm = code.kind === 'wasm' ? code.raw : null;
    if (code.kind === 'wasm') opaque.registerFunc(code.raw, this);
  }

  /** The Func of a function exported by a wasm instance; internal to the api. */
  static fromExport(opaque: StoreOpaque, raw: Function, type: FuncType, origin: FuncOrigin | null): Func {
    return opaque.funcOf(raw) ?? new Func(opaque, type, { kind: 'wasm', raw, origin });
  }

  /** The Func of a host function whose JS entry takes JS values; internal to the api. */
  static fromHostJs(opaque: StoreOpaque, type: FuncType, js: Function): Func {
    return new Func(opaque, type, { kind: 'host', js });
  }

  /**
   * The Func of a raw engine function that came out of wasm (a funcref); internal to the api.
   * A function never seen as an export (e.g. one placed in a table by an element segment) is
   * found through its index, which V8 gives as its `name`, among the store's modules.
   * @throws TypeError when the value is not a function of this store
   */
  static fromRaw(opaque: StoreOpaque, raw: unknown): Func {
    if (typeof raw !== 'function') throw new TypeError(`expected a function reference, found ${typeof raw}`);
    const known = opaque.funcOf(raw);
    if (known !== undefined) return known;
    const index = Number(raw.name);
    const modules = opaque.modules;
    for (let i = modules.length - 1; i >= 0; i--) {
      const translation = modules[i];
      if (translation === undefined || !(index >= 0 && index < translation.functions.length)) continue;
      const typeIndex = translation.functions.get(index as FuncIndex);
      const composite = translation.types.get(typeIndex).composite;
      if (composite.kind === 'func' && composite.params.length === raw.length) {
        return new Func(opaque, composite, { kind: 'wasm', raw, origin: { translation, funcIndex: index } });
      }
    }
    throw new TypeError('found a function reference of unknown type');
  }

  /**
   * A host function called with JS values: i32/f32/f64 as numbers, i64 as bigint, funcref as
   * `Func | null`, externref as any value, v128 as 16 bytes. It returns nothing, one value, or
   * an array for several results. Its errors surface from the call as themselves.
   */
  static wrap<T>(store: Store<T>, type: FuncKinds, fn: FuncWrapCallback<T>): Func {
    const funcType = funcTypeOfKinds(type);
    const caller = new Caller(store, null);
    return Func.fromHostJs(store.opaque, funcType, makeWrapHost(store.opaque, funcType, fn, caller));
  }

  /** A host function called with `Val`s that returns `Val`s (wasmtime's `Func::new`). */
  static new<T>(store: Store<T>, type: FuncType, fn: FuncNewCallback<T>): Func {
    const caller = new Caller(store, null);
    return Func.fromHostJs(store.opaque, type, makeNewHost(store.opaque, type, fn, caller));
  }

  /** The store this function belongs to; internal to the api. */
  get opaque(): StoreOpaque {
    return this.#opaque;
  }

  /** The function's type. */
  ty(_store?: Store<unknown>): FuncType {
    return this.#type;
  }

  /** Where the function is in its module, when it is a wasm function; internal to the api. */
  get origin(): FuncOrigin | null {
    return this.#code.kind === 'wasm' ? this.#code.origin : null;
  }

  /**
   * The function as an import value for `WebAssembly.Instance`: a host function without v128
   * stays plain JS (V8's fastest import call); internal to the api.
   */
  importValue(): Function {
    if (this.#code.kind === 'host' && !hasV128(this.#type)) return this.#code.js;
    return this.wasmFunction(this.#opaque);
  }

  /**
   * The function as a real wasm function (for tables, globals and funcref values); internal.
   * @throws TypeError when used with another store
   */
  wasmFunction(opaque: StoreOpaque): Function {
    if (opaque !== this.#opaque) throw new TypeError('function used with a store it does not belong to');
    if (this.#wasm !== null) return this.#wasm;
    const code = this.#code;
    if (code.kind === 'wasm') return code.raw;
    const trampolines = this.#opaque.engine.trampolines;
    const adapter = hasV128(this.#type) ? trampolines.v128Adapter(this.#type, 'lift') : trampolines.hostFuncAdapter(this.#type);
    const wasm = exportedFunction(adapter, code.js);
    this.#wasm = wasm;
    this.#opaque.registerFunc(wasm, this);
    return wasm;
  }

  /**
   * Calls the function with `params` and returns its results.
   * @throws TypeError when the params do not match the function's type or the store is wrong
   * @throws Trap when wasm traps; a host function's error is rethrown as itself
   */
  call(store: Store<unknown>, params: readonly Val[]): Val[] {
    const opaque = store.opaque;
    if (opaque !== this.#opaque) throw new TypeError('function used with a store it does not belong to');
    if (this.#fastCall === undefined) this.#fastCall = this.#makeFastCall();
    if (this.#fastCall !== null) return this.#fastCall(params);
    const type = this.#type;
    // Here the signature has v128 or floats, or references: values that need an adapter
    // (lanes, exact float bits) or a conversion.
    const exact = hasV128(type) || hasFloat(type);
    const args = lowerParams(opaque, params, type.params, exact);
    const target = this.#jsEntry();
    const resultTypes = exact ? laneType(type, true).results : type.results;
    let raw: unknown;
    try {
      raw = target(...args);
    } catch (error) {
      throw opaque.mapError(error, this.origin);
    }
    return liftValues(opaque, resultList(raw, resultTypes.length), type.results, exact);
  }

  #makeFastCall(): ((params: readonly Val[]) => Val[]) | null {
    // Floats take the exact path (bits through an adapter), so only integer signatures are fast.
    if (hasFloat(this.#type)) return null;
    const factory = this.#opaque.engine.trampolines.untypedCall(this.#type);
    if (factory === null) return null;
    const origin = this.origin;
    const opaque = this.#opaque;
    const code = this.#code;
    const entry = factory(code.kind === 'host' ? code.js : code.raw, (error) => opaque.mapError(error, origin));
    return entry as (params: readonly Val[]) => Val[];
  }

  // What Func.call calls: the function itself, or for v128 and float signatures an adapter
  // around it that takes v128 as lanes and floats as bits.
  #jsEntry(): Function {
    if (!hasV128(this.#type) && !hasFloat(this.#type)) return this.#code.kind === 'host' ? this.#code.js : this.#code.raw;
    if (this.#lowered === null) {
      const adapter = this.#opaque.engine.trampolines.v128Adapter(this.#type, 'lower', true);
      this.#lowered = exportedFunction(adapter, this.wasmFunction(this.#opaque));
    }
    return this.#lowered;
  }

  /**
   * This function with its type checked once against `params` and `results`, for fast calls.
   * @throws TypeError when the kinds do not match the function's type
   */
  typed<P extends unknown[], R>(store: Store<unknown>, params: readonly ValKind[], results: readonly ValKind[]): TypedFunc<P, R> {
    if (store.opaque !== this.#opaque) throw new TypeError('function used with a store it does not belong to');
    const have = { params: this.#type.params.map(valKindOf), results: this.#type.results.map(valKindOf) };
    const same = (a: readonly ValKind[], b: readonly ValKind[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);
    if (!same(have.params, params)) throw new TypeError(`type mismatch with parameters: expected (${have.params.join(', ')}), found (${params.join(', ')})`);
    if (!same(have.results, results)) throw new TypeError(`type mismatch with results: expected (${have.results.join(', ')}), found (${results.join(', ')})`);
    return TypedFunc.create<P, R>(this, store.opaque);
  }

  /** The raw entry for the typed fast path, or null when values need conversion; internal. */
  rawNumericEntry(): Function | null {
    const numeric = (k: ValKind): boolean => k === 'i32' || k === 'i64' || k === 'f32' || k === 'f64';
    const type = this.#type;
    if (!type.params.map(valKindOf).every(numeric) || !type.results.map(valKindOf).every(numeric)) return null;
    return this.#code.kind === 'host' ? this.#code.js : this.#code.raw;
  }
}

/** The function type of value kinds. */
export function funcTypeOfKinds(kinds: FuncKinds): FuncType {
  return { kind: 'func', params: kinds.params.map(valTypeOfKind), results: kinds.results.map(valTypeOfKind) };
}
