// V8 turns each wasm trap into a `WebAssembly.RuntimeError` whose message names the trap, and a
// stack overflow into a `RangeError`. The messages differ between V8 versions (Node 20 says
// "null function or function signature mismatch" where Node 26 says "function signature
// mismatch"; Node 26 adds details to instantiation errors), so matching is by prefix and
// substring. Anything else thrown through wasm (a host function's error) is not a trap.

import { captureBacktrace, type FrameSymbolizer } from './backtrace.js';
import { Trap } from './trap.js';
import type { TrapCode } from './trap-code.js';

// Ordered: the first substring found wins.
const RUNTIME_ERROR_CODES: readonly (readonly [string, TrapCode])[] = [
  ['unreachable', 'UnreachableCodeReached'],
  ['memory access out of bounds', 'MemoryOutOfBounds'],
  ['data segment', 'MemoryOutOfBounds'],
  ['divide by zero', 'IntegerDivisionByZero'],
  ['remainder by zero', 'IntegerDivisionByZero'],
  ['divide result unrepresentable', 'IntegerOverflow'],
  ['integer overflow', 'IntegerOverflow'],
  ['float unrepresentable in integer range', 'BadConversionToInteger'],
  ['table index is out of bounds', 'TableOutOfBounds'],
  ['element segment', 'TableOutOfBounds'],
  ['table access out of bounds', 'TableOutOfBounds'],
  ['null function or function signature mismatch', 'BadSignature'],
  ['function signature mismatch', 'BadSignature'],
  ['unaligned', 'HeapMisaligned'],
  ['array element access out of bounds', 'ArrayOutOfBounds'],
  ['dereferencing a null pointer', 'NullReference'],
  ['illegal cast', 'CastFailure'],
  ['requested new array is too large', 'AllocationTooLarge'],
  // V8 refuses a wait on unshared memory this way (a shared one may wait, even on Node's main thread).
  ['Atomics.wait cannot be called', 'AtomicWaitNonSharedMemory'],
];

const STACK_OVERFLOW = 'Maximum call stack size exceeded';

/**
 * The trap code of an error thrown by the engine while running wasm, or null when the error
 * is not a trap (e.g. a host function's own error).
 */
export function trapCodeOfEngineError(error: unknown): TrapCode | null {
  if (error instanceof WebAssembly.RuntimeError) {
    const message = error.message;
    for (const [text, code] of RUNTIME_ERROR_CODES) if (message.includes(text)) return code;
    return null;
  }
  if (error instanceof RangeError && error.message === STACK_OVERFLOW) return 'StackOverflow';
  return null;
}

// V8 does not tell a null entry from a signature mismatch (`call_indirect` on either), so the
// message names both; the code stays BadSignature.
function trapMessage(error: Error, code: TrapCode): string | undefined {
  if (code === 'BadSignature' && error.message.includes('null function')) return 'uninitialized element or indirect call type mismatch';
  if (code === 'BadSignature') return 'indirect call type mismatch or uninitialized element';
  return undefined;
}

/**
 * What a caller of wasm should see for an error that escaped it: a `Trap` (with a backtrace)
 * for the engine's trap errors, the error itself otherwise (host errors pass through).
 */
export function mapEngineError(error: unknown, symbolize: FrameSymbolizer | null = null): unknown {
  if (error instanceof Trap) return error;
  const code = trapCodeOfEngineError(error);
  if (code === null || !(error instanceof Error)) return error;
  const message = trapMessage(error, code);
  return new Trap(code, captureBacktrace(error, symbolize), message === undefined ? { cause: error } : { cause: error, message });
}
