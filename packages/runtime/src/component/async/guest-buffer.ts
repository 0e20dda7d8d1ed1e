// CanonicalABI.md's `BufferGuestImpl`: the elements a `stream.read`/`write` or `future.read`/
// `write` names in its instance's memory, with how many were copied so far. Elements cross as
// bytes: instantiation lets only element types without pointers or handles through, whose
// stored form is the same in every memory.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { asyncTrap } from './async-trap.js';

/** The largest element count of one copy (`Buffer.MAX_LENGTH`). */
export const MAX_BUFFER_LENGTH = 2 ** 28 - 1;

/** How one side's elements are loaded and stored when they do not cross as bytes. */
export interface ElementCodec {
  /** `load` of one element at `ptr` in the side's memory. */
  load(ptr: number): unknown;
  /** `store` of one element at `ptr` in the side's memory (with its realloc for pointers). */
  store(ptr: number, value: unknown): void;
}

/** A range of elements in one instance's memory. */
export class GuestBuffer {
  /** The instance whose memory holds the range. */
  readonly instance: RuntimeComponentInstanceIndex;
  readonly #memory: () => ArrayBuffer;
  readonly #elemSize: number;
  readonly #codec: ElementCodec | null;
  /** Where the next element is. */
  ptr: number;
  /** The number of elements it was made with. */
  readonly length: number;
  /** How many elements were copied. */
  progress = 0;

  /**
   * @param memory the instance's memory (read when copying: it may have grown)
   * @param elem the element type's size and alignment; null for a stream or future without elements
   * @param codec the element's load and store, or null for elements copied as bytes
   * @throws Trap for a length beyond `MAX_BUFFER_LENGTH`, or a range unaligned or outside memory
   */
  constructor(instance: RuntimeComponentInstanceIndex, memory: () => ArrayBuffer, elem: { size: number; align: number } | null, ptr: number, length: number, codec: ElementCodec | null = null) {
    if (length > MAX_BUFFER_LENGTH) asyncTrap(`buffer length ${length} exceeds the maximum of ${MAX_BUFFER_LENGTH}`);
    this.#elemSize = elem === null ? 0 : elem.size;
    if (elem !== null && length > 0) {
      if (ptr % elem.align !== 0) asyncTrap('pointer not aligned');
      if (ptr + length * elem.size > memory().byteLength) asyncTrap('pointer out of bounds of memory');
    }
    this.instance = instance;
    this.#memory = memory;
    this.#codec = codec;
    this.ptr = ptr;
    this.length = length;
  }

  /** How many elements are left (`remain`). */
  remain(): number {
    return this.length - this.progress;
  }

  /** Whether it was made with no elements (`is_zero_length`). */
  isZeroLength(): boolean {
    return this.length === 0;
  }

  /** Copies `n` elements from this buffer into `dst` (`dst.write(src.read(n))`). */
  copyTo(dst: GuestBuffer, n: number): void {
    const size = this.#elemSize;
    const bytes = n * size;
    const load = this.#codec;
    const store = dst.#codec;
    if (load !== null && store !== null && bytes > 0) {
      // All loads first, as the spec reads the source range before writing the destination.
      const values: unknown[] = [];
      for (let i = 0; i < n; i++) values.push(load.load(this.ptr + i * size));
      for (let i = 0; i < n; i++) store.store(dst.ptr + i * size, values[i]);
    } else if (bytes > 0) {
      const from = new Uint8Array(this.#memory(), this.ptr, bytes);
      new Uint8Array(dst.#memory()).set(from, dst.ptr);
    }
    this.ptr += bytes;
    dst.ptr += bytes;
    this.progress += n;
    dst.progress += n;
  }
}
