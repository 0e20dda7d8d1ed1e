import { F32, F64, V128, type GlobalType } from '@tswasm/environ';
import { floatGlobalBytes, v128GlobalBytes, type FloatGlobalKind } from '@tswasm/jit';
import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { bytesOfLanes, pushLanes, valFromJs, valToJs } from '../values/js-values.js';
import { Val, valKindOf } from '../values/val.js';

/** The JS API's name of a value type, for `WebAssembly.Global` and `WebAssembly.Table`. */
export function engineValueType(kind: ReturnType<typeof valKindOf>): string {
  return kind === 'funcref' ? 'anyfunc' : kind;
}

/** A global variable (wasmtime's `Global`) over a `WebAssembly.Global`. */
export class Global {
  readonly #opaque: StoreOpaque;
  readonly #global: WebAssembly.Global;
  readonly #type: GlobalType;
  // For v128 globals: the accessor's exports (`get`, and `set` when mutable), made on first use.
  #v128Access: WebAssembly.Exports | null = null;
  // For f32/f64 globals: the accessor that moves NaNs as exact bits, made on first use.
  #floatAccess: WebAssembly.Exports | null = null;

  private constructor(opaque: StoreOpaque, global: WebAssembly.Global, type: GlobalType) {
    this.#opaque = opaque;
    this.#global = global;
    this.#type = type;
  }

  /**
   * A new global of `type` holding `value`.
   * @throws TypeError when the value does not match the type (v128 globals are not supported)
   */
  static new(store: Store<unknown>, type: GlobalType, value: Val): Global {
    if (type.content === V128) {
      // The JS API cannot construct a v128 global with a value, so a tiny module defines it.
      if (value.kind !== 'v128') throw new TypeError(`type mismatch: expected v128, found ${value.kind}`);
      const exports = new WebAssembly.Instance(new WebAssembly.Module(v128GlobalBytes(type.mutable, value.value))).exports;
      return new Global(store.opaque, exports['g'] as WebAssembly.Global, type);
    }
    const floatKind = floatKindOf(type);
    if (floatKind !== null && hasNanBits(value)) {
      // The JS API would quiet the NaN; a tiny module defines the global with the exact bits.
      const bytes = floatGlobalBytes(floatKind, type.mutable, value.bits);
      const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
      return new Global(store.opaque, exports['g'] as WebAssembly.Global, type);
    }
    const kind = valKindOf(type.content);
    const raw = valToJs(store.opaque, value, type.content);
    const descriptor = { value: engineValueType(kind), mutable: type.mutable } as WebAssembly.GlobalDescriptor;
    return new Global(store.opaque, new WebAssembly.Global(descriptor, raw), type);
  }

  /** Wraps an engine global of a declared type; internal to the api. */
  static fromRaw(opaque: StoreOpaque, global: WebAssembly.Global, type: GlobalType): Global {
    return new Global(opaque, global, type);
  }

  /** The store this global belongs to; internal to the api. */
  get opaque(): StoreOpaque {
    return this.#opaque;
  }

  /** The engine global; internal to the api. */
  get raw(): WebAssembly.Global {
    return this.#global;
  }

  /** The global's type. */
  ty(_store?: Store<unknown>): GlobalType {
    return this.#type;
  }

  /** The current value. */
  get(store: Store<unknown>): Val {
    if (store.opaque !== this.#opaque) throw new TypeError('global used with a store it does not belong to');
    if (this.#type.content === V128) {
      const lanes = (this.#v128Accessor()['get'] as () => number[])();
      return { kind: 'v128', value: bytesOfLanes(lanes, 0) };
    }
    const raw = this.#global.value;
    const floatKind = floatKindOf(this.#type);
    if (floatKind !== null && Number.isNaN(raw)) {
      // Only a NaN can lose bits on its way through a JS number.
      const bits = (this.#floatAccessor(floatKind)['get'] as () => number | bigint)();
      return floatKind === 'f32' ? Val.f32Bits(bits as number) : Val.f64Bits(bits as bigint);
    }
    return valFromJs(this.#opaque, raw, this.#type.content);
  }

  /**
   * Sets the value.
   * @throws TypeError when the global is immutable or the value's type differs
   */
  set(store: Store<unknown>, value: Val): void {
    if (store.opaque !== this.#opaque) throw new TypeError('global used with a store it does not belong to');
    if (!this.#type.mutable) throw new TypeError('immutable global cannot be set');
    if (this.#type.content === V128) {
      if (value.kind !== 'v128') throw new TypeError(`type mismatch: expected v128, found ${value.kind}`);
      const lanes: unknown[] = [];
      pushLanes(value.value, lanes);
      (this.#v128Accessor()['set'] as (...lanes: unknown[]) => void)(...lanes);
      return;
    }
    const floatKind = floatKindOf(this.#type);
    if (floatKind !== null && hasNanBits(value)) {
      (this.#floatAccessor(floatKind)['set'] as (bits: number | bigint) => void)(floatKind === 'f32' ? Number(value.bits) | 0 : BigInt.asIntN(64, BigInt(value.bits)));
      return;
    }
    this.#global.value = valToJs(this.#opaque, value, this.#type.content);
  }

  #floatAccessor(kind: FloatGlobalKind): WebAssembly.Exports {
    if (this.#floatAccess === null) {
      const module = this.#opaque.engine.trampolines.floatGlobalAccessor(kind, this.#type.mutable);
      this.#floatAccess = new WebAssembly.Instance(module, { h: { f: this.#global } }).exports;
    }
    return this.#floatAccess;
  }

  #v128Accessor(): WebAssembly.Exports {
    if (this.#v128Access === null) {
      const module = this.#opaque.engine.trampolines.v128GlobalAccessor(this.#type.mutable);
      this.#v128Access = new WebAssembly.Instance(module, { h: { f: this.#global } }).exports;
    }
    return this.#v128Access;
  }
}

function floatKindOf(type: GlobalType): FloatGlobalKind | null {
  return type.content === F32 ? 'f32' : type.content === F64 ? 'f64' : null;
}

/** A float `Val` that is a NaN given by its bits, which a JS number would not keep. */
function hasNanBits(value: Val): value is Extract<Val, { kind: 'f32' | 'f64' }> & { bits: number | bigint } {
  return (value.kind === 'f32' || value.kind === 'f64') && value.bits !== undefined && Number.isNaN(value.value);
}
