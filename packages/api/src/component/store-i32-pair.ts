// Two u32 words stored at a guest pointer, as the built-ins that write a pair to their memory do
// (`waitable-set.wait`/`poll`'s event, `error-context.debug-message`'s string pointer and length).

import { Trap } from '@tswasm/runtime';

/**
 * Stores `first` and `second` at `ptr` (checked as an unsigned 4-aligned pointer) in `buffer`.
 * @throws Trap UnalignedPointer or MemoryOutOfBounds
 */
export function storeI32Pair(buffer: ArrayBufferLike, ptr: number, first: number, second: number): void {
  const at = ptr >>> 0;
  if (at % 4 !== 0) throw new Trap('UnalignedPointer');
  if (at + 8 > buffer.byteLength) throw new Trap('MemoryOutOfBounds');
  const view = new DataView(buffer);
  view.setUint32(at, first, true);
  view.setUint32(at + 4, second, true);
}
