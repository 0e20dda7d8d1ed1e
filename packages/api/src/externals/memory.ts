import type { MemoryType } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';

function checkStore(store: Store<unknown>, opaque: StoreOpaque): void {
  if (store.opaque !== opaque) throw new TypeError('memory used with a store it does not belong to');
}

/**
 * A linear memory (wasmtime's `Memory`) over a `WebAssembly.Memory`. V8 does not report a
 * memory's maximum, so the declared type is kept alongside it.
 */
export class Memory {
  readonly #opaque: StoreOpaque;
  readonly #memory: WebAssembly.Memory;
  readonly #type: MemoryType;

  private constructor(opaque: StoreOpaque, memory: WebAssembly.Memory, type: MemoryType) {
    this.#opaque = opaque;
    this.#memory = memory;
    this.#type = type;
  }

  /**
   * A new memory of `type` in the store.
   * @throws RangeError when the host cannot make it (e.g. memory64 or too large)
   */
  static new(store: Store<unknown>, type: MemoryType): Memory {
    if (type.is64 || type.pageSizeLog2 !== 16) throw new RangeError('memory64 and custom page sizes are not supported by the host');
    const descriptor: WebAssembly.MemoryDescriptor & { shared?: boolean } = { initial: type.limits.min };
    if (type.limits.max !== null) descriptor.maximum = type.limits.max;
    if (type.shared) descriptor.shared = true;
    return new Memory(store.opaque, new WebAssembly.Memory(descriptor), type);
  }

  /** Wraps an engine memory of a declared type; internal to the api. */
  static fromRaw(opaque: StoreOpaque, memory: WebAssembly.Memory, type: MemoryType): Memory {
    return new Memory(opaque, memory, type);
  }

  /** The store this memory belongs to; internal to the api. */
  get opaque(): StoreOpaque {
    return this.#opaque;
  }

  /** The engine memory; internal to the api. */
  get raw(): WebAssembly.Memory {
    return this.#memory;
  }

  /** The memory's type, with its current size as the minimum (as wasmtime reports it). */
  ty(_store?: Store<unknown>): MemoryType {
    return { ...this.#type, limits: { min: this.#pages(), max: this.#type.limits.max } };
  }

  #pages(): number {
    return this.#memory.buffer.byteLength >>> 16;
  }

  /** The size in pages. */
  size(store: Store<unknown>): number {
    checkStore(store, this.#opaque);
    return this.#pages();
  }

  /** The size in bytes. */
  dataSize(store: Store<unknown>): number {
    checkStore(store, this.#opaque);
    return this.#memory.buffer.byteLength;
  }

  /** A view of the whole memory; it goes stale when the memory grows. */
  data(store: Store<unknown>): Uint8Array {
    checkStore(store, this.#opaque);
    return new Uint8Array(this.#memory.buffer);
  }

  /**
   * A copy of `length` bytes at `offset`.
   * @throws RangeError when the range is out of bounds
   */
  read(store: Store<unknown>, offset: number, length: number): Uint8Array {
    const data = this.data(store);
    if (offset < 0 || length < 0 || offset + length > data.length) throw new RangeError(`out of bounds memory access: ${offset}+${length} > ${data.length}`);
    return data.slice(offset, offset + length);
  }

  /**
   * Writes `bytes` at `offset`.
   * @throws RangeError when the range is out of bounds
   */
  write(store: Store<unknown>, offset: number, bytes: Uint8Array): void {
    const data = this.data(store);
    if (offset < 0 || offset + bytes.length > data.length) throw new RangeError(`out of bounds memory access: ${offset}+${bytes.length} > ${data.length}`);
    data.set(bytes, offset);
  }

  /**
   * Grows the memory by `deltaPages` and returns the old size in pages.
   * @throws RangeError when the memory cannot grow that much
   */
  grow(store: Store<unknown>, deltaPages: number): number {
    checkStore(store, this.#opaque);
    try {
      return this.#memory.grow(deltaPages);
    } catch (error) {
      throw new RangeError(`failed to grow memory by ${deltaPages} pages`, { cause: error });
    }
  }
}
