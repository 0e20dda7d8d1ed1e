import { Trap } from '../../trap/trap.js';

/**
 * Throws the trap of an async-ABI violation. wasmtime reports these by message (its async
 * trap codes print the same words), so the message is wasmtime's.
 */
export function asyncTrap(message: string): never {
  throw new Trap(null, null, { message });
}
