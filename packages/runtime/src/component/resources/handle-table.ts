// The handle table of one component instance (CanonicalABI.md `Table`, which the instance's
// resources share with its other handles): slot 0 is never used, so handle 0 is always invalid;
// freed indices are reused last-freed-first (the spec's free list, which conformance tests
// observe); the largest index is 2^28 - 1. Each operation below is one of CanonicalABI.md's
// resource functions (`lift_own`, `lift_borrow`, `lower_own`, `lower_borrow`, `canon
// resource.new/rep/drop`), with its checks in the spec's order and wasmtime's messages.

import { AsyncTableEntry } from '../async/waitable.js';
import type { CallScope } from './call-scope.js';
import { ResourceHandle } from './resource-handle.js';
import { resourceTrap } from './resource-trap.js';
import type { RuntimeResourceType } from './runtime-resource-type.js';

/** The largest handle index (CanonicalABI.md `Table.MAX_LENGTH`, keeping the top bits free). */
export const MAX_HANDLE_INDEX = 2 ** 28 - 1;

// The failures of `get` and `getTyped`, out of line: V8 inlines a function by its bytecode size,
// and the messages' template strings would double the size of the hot lookups.
function badHandle(index: number, slot: ResourceHandle | AsyncTableEntry | undefined): never {
  if (slot === undefined) resourceTrap(`unknown handle index ${index}`);
  return resourceTrap(`handle index ${index} used with the wrong type, expected resource but found ${(slot as AsyncTableEntry).what}`);
}

function wrongResourceType(index: number): never {
  return resourceTrap(`handle index ${index} used with the wrong type, expected guest-defined resource but found a different guest-defined resource`);
}

/** The resource handles of one component instance, by index. */
export class HandleTable {
  // Resource handles and the async ABI's entries share one index space, as in the spec.
  readonly #slots: (ResourceHandle | AsyncTableEntry | undefined)[] = [undefined];
  readonly #free: number[] = [];

  /**
   * The live handle at `index`.
   * @throws Trap "unknown handle index N" for 0, a free slot or an index past the end
   */
  get(index: number): ResourceHandle {
    const handle = this.#slots[index];
    if (handle instanceof ResourceHandle) return handle;
    return badHandle(index, handle);
  }

  /**
   * The async entry (waitable, waitable set) at `index`.
   * @throws Trap "unknown handle index N" for 0, a free slot, an index past the end or a resource handle
   */
  getEntry(index: number): AsyncTableEntry {
    const entry = this.#slots[index];
    if (!(entry instanceof AsyncTableEntry)) resourceTrap(`unknown handle index ${index}`);
    return entry;
  }

  /**
   * Stores an async entry at a free index, as `add` does a resource handle.
   * @throws Trap when the table is full
   */
  addEntry(entry: AsyncTableEntry): number {
    return this.#place(entry);
  }

  /**
   * Removes the async entry at `index` and returns it.
   * @throws Trap for an index that holds no async entry
   */
  removeEntry(index: number): AsyncTableEntry {
    const entry = this.getEntry(index);
    this.#slots[index] = undefined;
    this.#free.push(index);
    return entry;
  }

  /**
   * The live handle at `index`, checked to be of `type`.
   * @throws Trap for an unknown index or a handle of another type
   */
  getTyped(index: number, type: RuntimeResourceType): ResourceHandle {
    const handle = this.get(index);
    if (handle.type !== type) wrongResourceType(index);
    return handle;
  }

  /** How many handles the table holds. */
  get size(): number {
    return this.#slots.length - 1 - this.#free.length;
  }

  /**
   * Stores `handle` at a free index (the last freed first, else a new one) and returns it.
   * @throws Trap "cannot allocate another handle: index overflow" past `MAX_HANDLE_INDEX`
   */
  add(handle: ResourceHandle): number {
    return this.#place(handle);
  }

  #place(handle: ResourceHandle | AsyncTableEntry): number {
    const reused = this.#free.pop();
    if (reused !== undefined) {
      this.#slots[reused] = handle;
      return reused;
    }
    const index = this.#slots.length;
    if (index > MAX_HANDLE_INDEX) resourceTrap('cannot allocate another handle: index overflow');
    this.#slots.push(handle);
    return index;
  }

  /** Frees `index`, whose handle the caller got from `get` (so it exists). */
  #vacate(index: number, handle: ResourceHandle): void {
    this.#slots[index] = undefined;
    this.#free.push(index);
    handle.live = false;
  }

  /**
   * `lower_own` and `canon resource.new`: a new own handle of `type` for `rep`.
   * @throws Trap when the table is full
   */
  lowerOwn(type: RuntimeResourceType, rep: number): number {
    return this.add(new ResourceHandle(type, rep, true, null));
  }

  /**
   * `lower_borrow`: lends `rep` to this table's instance for the call `scope`. The instance
   * that implements `type` gets the rep itself; any other gets a borrow handle that it must
   * drop before the call returns.
   * @throws Trap when the table is full
   */
  lowerBorrow(type: RuntimeResourceType, rep: number, scope: CallScope): number {
    if (type.impl === this) return rep;
    const index = this.add(new ResourceHandle(type, rep, false, scope));
    scope.numBorrows++;
    return index;
  }

  /**
   * `lift_own`: takes own handle `index` of `type` out of the table and returns its rep.
   * @throws Trap for an unknown index, a handle of another type, an own handle that is lent
   *   ("cannot remove owned resource while borrowed") or a borrow handle
   */
  liftOwn(index: number, type: RuntimeResourceType): number {
    const handle = this.takeOwn(index, type);
    handle.live = false;
    return handle.rep;
  }

  /**
   * `lift_own` for a holder outside the handle tables (the host): the own handle record itself
   * leaves the table and stays live, so the resource's new holder keeps it rather than a copy.
   * Nothing else refers to a table's own handle after it leaves (a lend would have trapped).
   * @throws Trap as `liftOwn`
   */
  takeOwn(index: number, type: RuntimeResourceType): ResourceHandle {
    const handle = this.#slots[index];
    // One test for the usual case, so that this stays small enough to inline into the
    // lifting code (every own a guest returns passes here); the slow path says what failed.
    if (!(handle instanceof ResourceHandle && handle.type === type && handle.own && handle.numLends === 0)) return this.#cannotTakeOwn(index, type);
    this.#slots[index] = undefined;
    this.#free.push(index);
    return handle;
  }

  // `takeOwn`'s failures, with the checks in the spec's order.
  #cannotTakeOwn(index: number, type: RuntimeResourceType): never {
    const handle = this.getTyped(index, type);
    if (handle.numLends !== 0) resourceTrap('cannot remove owned resource while borrowed');
    return resourceTrap('cannot lift own resource from a borrow');
  }

  /**
   * `lift_borrow`: the rep of handle `index` of `type`, lent for the call `scope` when it is an
   * own handle (it cannot be dropped or moved until the call ends).
   * @throws Trap for an unknown index or a handle of another type
   */
  liftBorrow(index: number, type: RuntimeResourceType, scope: CallScope): number {
    const handle = this.getTyped(index, type);
    if (handle.own) scope.addLender(handle);
    return handle.rep;
  }

  /**
   * `canon resource.rep`: the rep of handle `index` of `type`.
   * @throws Trap for an unknown index or a handle of another type
   */
  rep(index: number, type: RuntimeResourceType): number {
    return this.getTyped(index, type).rep;
  }

  /**
   * `canon resource.drop` without the destructor call: removes handle `index` of `type` and
   * returns it. Dropping a borrow ends it in its call's count; for an own handle the caller
   * runs the destructor.
   * @throws Trap for an unknown index, a handle of another type, or an own handle that is lent
   */
  drop(index: number, type: RuntimeResourceType): ResourceHandle {
    const handle = this.getTyped(index, type);
    if (handle.numLends !== 0) resourceTrap('cannot remove owned resource while borrowed');
    this.#vacate(index, handle);
    if (!handle.own && handle.scope !== null) handle.scope.numBorrows--;
    return handle;
  }
}
