import { TRAP_DESCRIPTIONS, type TrapCode } from './trap-code.js';
import type { WasmBacktrace } from './backtrace.js';

/**
 * A wasm trap: why wasm stopped and where. The message is wasmtime's description of the code,
 * followed by the backtrace; the engine's own error, when there was one, is the `cause`. The
 * code is null for a canonical-ABI violation wasmtime reports by its message alone (e.g.
 * "unknown handle index 3"); such a trap always carries that message.
 */
export class Trap extends Error {
  /** Why wasm stopped; null when wasmtime has no trap code for it (see the class comment). */
  readonly code: TrapCode | null;
  /** Where wasm was, innermost frame first; null when unknown. */
  readonly backtrace: WasmBacktrace | null;

  constructor(code: TrapCode | null, backtrace: WasmBacktrace | null = null, options?: { cause?: unknown; message?: string }) {
    const description = options?.message ?? (code === null ? 'canonical ABI violation' : TRAP_DESCRIPTIONS[code]);
    const frames = backtrace === null || backtrace.frames.length === 0 ? '' : `\nwasm backtrace:\n${backtrace.toString()}`;
    super(`wasm trap: ${description}${frames}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Trap';
    this.code = code;
    this.backtrace = backtrace;
  }
}
