// The failures of the handle tables are canonical-ABI violations by a guest (or by the host
// through the embedding API): wasmtime reports them as errors with a message and no trap code,
// so they are `Trap`s whose code is null and whose message is wasmtime's.

import { Trap } from '../../trap/trap.js';

/**
 * Throws the trap of a handle-table violation with wasmtime's `message`.
 * @throws Trap with a null code, always
 */
export function resourceTrap(message: string): never {
  throw new Trap(null, null, { message });
}
