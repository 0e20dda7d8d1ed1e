import type { TableType } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { valFromJs, valToJs } from '../values/js-values.js';
import { valKindOf, type Val } from '../values/val.js';
import { engineValueType } from './global.js';

/** A table of references (wasmtime's `Table`) over a `WebAssembly.Table`. */
export class Table {
  readonly #opaque: StoreOpaque;
  readonly #table: WebAssembly.Table;
  readonly #type: TableType;

  private constructor(opaque: StoreOpaque, table: WebAssembly.Table, type: TableType) {
    this.#opaque = opaque;
    this.#table = table;
    this.#type = type;
  }

  /**
   * A new table of `type` with every element set to `init`.
   * @throws TypeError when `init` does not match the element type
   */
  static new(store: Store<unknown>, type: TableType, init: Val): Table {
    const element = engineValueType(valKindOf(type.element)) as WebAssembly.TableKind;
    const descriptor: WebAssembly.TableDescriptor = { element, initial: type.limits.min };
    if (type.limits.max !== null) descriptor.maximum = type.limits.max;
    return new Table(store.opaque, new WebAssembly.Table(descriptor, valToJs(store.opaque, init, type.element)), type);
  }

  /** Wraps an engine table of a declared type; internal to the api. */
  static fromRaw(opaque: StoreOpaque, table: WebAssembly.Table, type: TableType): Table {
    return new Table(opaque, table, type);
  }

  /** The store this table belongs to; internal to the api. */
  get opaque(): StoreOpaque {
    return this.#opaque;
  }

  /** The engine table; internal to the api. */
  get raw(): WebAssembly.Table {
    return this.#table;
  }

  #check(store: Store<unknown>): void {
    if (store.opaque !== this.#opaque) throw new TypeError('table used with a store it does not belong to');
  }

  /** The table's type, with its current size as the minimum. */
  ty(_store?: Store<unknown>): TableType {
    return { ...this.#type, limits: { min: this.#table.length, max: this.#type.limits.max } };
  }

  /** The number of elements. */
  size(store: Store<unknown>): number {
    this.#check(store);
    return this.#table.length;
  }

  /**
   * The element at `index`.
   * @throws RangeError when the index is out of bounds
   */
  get(store: Store<unknown>, index: number): Val {
    this.#check(store);
    if (index < 0 || index >= this.#table.length) throw new RangeError(`table index ${index} out of bounds for size ${this.#table.length}`);
    return valFromJs(this.#opaque, this.#table.get(index), this.#type.element);
  }

  /**
   * Sets the element at `index`.
   * @throws RangeError when the index is out of bounds; TypeError when the value's type differs
   */
  set(store: Store<unknown>, index: number, value: Val): void {
    this.#check(store);
    if (index < 0 || index >= this.#table.length) throw new RangeError(`table index ${index} out of bounds for size ${this.#table.length}`);
    this.#table.set(index, valToJs(this.#opaque, value, this.#type.element));
  }

  /**
   * Grows the table by `delta` elements set to `init`; returns the old size.
   * @throws RangeError when the table cannot grow that much
   */
  grow(store: Store<unknown>, delta: number, init: Val): number {
    this.#check(store);
    const raw = valToJs(this.#opaque, init, this.#type.element);
    try {
      return this.#table.grow(delta, raw);
    } catch (error) {
      throw new RangeError(`failed to grow table by ${delta}`, { cause: error });
    }
  }
}
