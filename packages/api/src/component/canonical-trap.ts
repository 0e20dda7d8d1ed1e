import { Trap } from '@tswasm/runtime';
import type { CanonicalTrapCode } from '@tswasm/jit';

/**
 * The `trap` a canonical trampoline calls when the guest breaks the canonical ABI: a `Trap`
 * when wasmtime has a trap code for it (out-of-bounds pointers), otherwise a plain `Error`
 * with wasmtime's message, as wasmtime reports those (invalid UTF-8, bad discriminants, ...).
 * @throws Trap or Error, always
 */
export function canonicalTrap(code: CanonicalTrapCode, message: string): never {
  if (code === null) throw new Error(message);
  throw new Trap(code, null, { message });
}
