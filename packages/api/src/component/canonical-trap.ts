import { Trap } from '@tswasm/runtime';
import type { CanonicalTrapCode } from '@tswasm/jit';

/**
 * The `trap` a canonical trampoline calls when the guest breaks the canonical ABI: a `Trap`
 * with wasmtime's message, and its trap code where wasmtime has one (out-of-bounds pointers);
 * a violation wasmtime reports by message only (invalid UTF-8, bad discriminants, ...) has a
 * null `code`, as the handle-table and async rules' traps do.
 * @throws Trap, always
 */
export function canonicalTrap(code: CanonicalTrapCode, message: string): never {
  throw new Trap(code, null, { message });
}
