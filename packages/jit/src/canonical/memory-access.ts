// Helpers of the generated code that touch linear memory as a whole: the bounds-and-alignment
// check every guest pointer passes before it is read (CanonicalABI.md `trap_if(ptr !=
// align_to(ptr, alignment))` and `trap_if(ptr + size > len(memory))`), and allocation in the
// guest through `realloc`, whose result is checked the same way. `mem()` (in the trampoline's
// prelude) refreshes the views after realloc, since realloc may grow memory.

import { TRAP_MESSAGES } from './abi-options.js';
import type { JsEmitter } from './js-emitter.js';
import { jsString } from './js-emitter.js';

/**
 * `checkRange(ptr, align, size, message, alignMessage)`: traps with `alignMessage` unless `ptr`
 * is `align`-aligned, and with `message` unless `[ptr, ptr + size)` lies in memory.
 */
export function checkRangeHelper(emit: JsEmitter): string {
  return emit.helper('checkRange', () => `function checkRange(ptr, align, size, message, alignMessage) {
  if ((ptr & (align - 1)) !== 0) trap(null, alignMessage);
  if (ptr + size > buf.byteLength) trap('MemoryOutOfBounds', message);
}`);
}

/**
 * `alloc(oldPtr, oldSize, align, size)`: calls the guest's realloc, refreshes the memory views
 * and checks the returned pointer (CanonicalABI.md `trap_if` after each realloc); returns it as
 * an unsigned number.
 */
export function allocHelper(emit: JsEmitter): string {
  const check = checkRangeHelper(emit);
  return emit.helper('alloc', () => `function alloc(oldPtr, oldSize, align, size) {
  const realloc = env.realloc;
  const ptr = realloc(oldPtr, oldSize, align, size) >>> 0;
  mem();
  ${check}(ptr, align, size, ${jsString(TRAP_MESSAGES.reallocOutOfBounds)}, ${jsString(TRAP_MESSAGES.reallocUnaligned)});
  return ptr;
}`);
}

/** The two outputs of a helper that lowers a string or list: its pointer and length. */
export function loweredOutHelper(emit: JsEmitter): string {
  return emit.helper('loweredOut', () => 'let loweredPtr = 0, loweredLen = 0;');
}
