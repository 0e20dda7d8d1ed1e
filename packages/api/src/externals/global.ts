import type { GlobalType } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { valFromJs, valToJs } from '../values/js-values.js';
import { valKindOf, type Val } from '../values/val.js';

/** The JS API's name of a value type, for `WebAssembly.Global` and `WebAssembly.Table`. */
export function engineValueType(kind: ReturnType<typeof valKindOf>): string {
  return kind === 'funcref' ? 'anyfunc' : kind;
}

/** A global variable (wasmtime's `Global`) over a `WebAssembly.Global`. */
export class Global {
  readonly #opaque: StoreOpaque;
  readonly #global: WebAssembly.Global;
  readonly #type: GlobalType;

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
    return valFromJs(this.#opaque, this.#global.value, this.#type.content);
  }

  /**
   * Sets the value.
   * @throws TypeError when the global is immutable or the value's type differs
   */
  set(store: Store<unknown>, value: Val): void {
    if (store.opaque !== this.#opaque) throw new TypeError('global used with a store it does not belong to');
    if (!this.#type.mutable) throw new TypeError('immutable global cannot be set');
    this.#global.value = valToJs(this.#opaque, value, this.#type.content);
  }
}
