// The handle table of one component instance (CanonicalABI.md `Table`, which the instance's
// resources share with its other handles): slot 0 is never used, so handle 0 is always invalid;
// freed indices are reused last-freed-first (the spec's free list, which conformance tests
// observe); the largest index is 2^28 - 1. Each operation below is one of CanonicalABI.md's
// resource functions (`lift_own`, `lift_borrow`, `lower_own`, `lower_borrow`, `canon
// resource.new/rep/drop`), with its checks in the spec's order and wasmtime's messages.
//
// A slot is numbers in parallel arrays rather than a handle object: a resource made and dropped
// per call then allocates nothing here, and V8 stores small integers into an array without the
// write barrier an object stored into an old array needs. The arrays keep invariants that save
// stores on the hot paths: `#lends` is 0 at every slot but a lent own (a lent own cannot leave,
// so its count is back to 0 before the slot is freed); `#scopes` is null but at a borrow.

import type { AsyncTableEntry } from '../async/waitable.js';
import type { CallScope } from './call-scope.js';
import { resourceTrap } from './resource-trap.js';
import type { RuntimeResourceType } from './runtime-resource-type.js';

/** The largest handle index (CanonicalABI.md `Table.MAX_LENGTH`, keeping the top bits free). */
export const MAX_HANDLE_INDEX = 2 ** 28 - 1;

// What a slot holds (`#kinds`).
const FREE = 0;
const OWN = 1;
const BORROW = 2;
const ENTRY = 3;

/** What `HandleTable.drop` returns for a borrow handle, which has no destructor to run. */
export const DROPPED_BORROW = -1;

/** The resource handles and async entries of one component instance, by index. */
export class HandleTable {
  // Slot `i` is `#kinds[i]` and, by kind, `#reps[i]`/`#types[i]` (own, borrow), `#lends[i]`
  // (own), `#scopes[i]` (borrow: the call whose `numBorrows` counts it) or `#entries[i]`
  // (entry). Every array is as long as `#kinds`; a freed slot keeps stale reps and types.
  readonly #kinds: number[] = [FREE];
  readonly #reps: number[] = [0];
  readonly #types: (RuntimeResourceType | null)[] = [null];
  readonly #lends: number[] = [0];
  readonly #scopes: (CallScope | null)[] = [null];
  readonly #entries: (AsyncTableEntry | null)[] = [null];
  readonly #free: number[] = [];

  /**
   * The async entry (waitable, waitable set) at `index`.
   * @throws Trap "unknown handle index N" for 0, a free slot, an index past the end or a resource handle
   */
  getEntry(index: number): AsyncTableEntry {
    if (this.#kinds[index] !== ENTRY) return resourceTrap(`unknown handle index ${index}`);
    return this.#entries[index] as AsyncTableEntry;
  }

  /**
   * Stores an async entry at a free index, as `lowerOwn` does a resource handle.
   * @throws Trap when the table is full
   */
  addEntry(entry: AsyncTableEntry): number {
    const index = this.#place(ENTRY);
    this.#entries[index] = entry;
    return index;
  }

  /**
   * Removes the async entry at `index` and returns it.
   * @throws Trap for an index that holds no async entry
   */
  removeEntry(index: number): AsyncTableEntry {
    const entry = this.getEntry(index);
    this.#entries[index] = null;
    this.#vacate(index);
    return entry;
  }

  /** How many handles and entries the table holds. */
  get size(): number {
    return this.#kinds.length - 1 - this.#free.length;
  }

  // A free index (the last freed first, else a new one) now holding `kind`.
  #place(kind: number): number {
    const reused = this.#free.pop();
    if (reused !== undefined) {
      this.#kinds[reused] = kind;
      return reused;
    }
    return this.#grow(kind);
  }

  #grow(kind: number): number {
    const index = this.#kinds.length;
    if (index > MAX_HANDLE_INDEX) resourceTrap('cannot allocate another handle: index overflow');
    this.#kinds.push(kind);
    this.#reps.push(0);
    this.#types.push(null);
    this.#lends.push(0);
    this.#scopes.push(null);
    this.#entries.push(null);
    return index;
  }

  #vacate(index: number): void {
    this.#kinds[index] = FREE;
    this.#free.push(index);
  }

  /**
   * Checks that `index` is a handle of `type` (own or borrow).
   * @throws Trap "unknown handle index N" for 0, a free slot or an index past the end; "handle
   *   index N used with the wrong type" for an async entry or a handle of another type
   */
  #check(index: number, type: RuntimeResourceType): void {
    const kind = this.#kinds[index];
    if ((kind === OWN || kind === BORROW) && this.#types[index] === type) return;
    this.#badHandle(index);
  }

  // `#check`'s failures, out of line: V8 inlines a function by its bytecode size, and the
  // messages' template strings would double the size of the hot checks.
  #badHandle(index: number): never {
    const kind = this.#kinds[index];
    if (kind === undefined || kind === FREE) return resourceTrap(`unknown handle index ${index}`);
    if (kind === ENTRY) return resourceTrap(`handle index ${index} used with the wrong type, expected resource but found ${this.#entries[index]?.what ?? 'an entry'}`);
    return resourceTrap(`handle index ${index} used with the wrong type, expected guest-defined resource but found a different guest-defined resource`);
  }

  /**
   * `lower_own` and `canon resource.new`: a new own handle of `type` for `rep`.
   * @throws Trap when the table is full
   */
  lowerOwn(type: RuntimeResourceType, rep: number): number {
    const index = this.#place(OWN);
    this.#reps[index] = rep;
    this.#types[index] = type;
    return index;
  }

  /**
   * `lower_borrow`: lends `rep` to this table's instance for the call `scope`. The instance
   * that implements `type` gets the rep itself; any other gets a borrow handle that it must
   * drop before the call returns.
   * @throws Trap when the table is full
   */
  lowerBorrow(type: RuntimeResourceType, rep: number, scope: CallScope): number {
    // The implementing instance first and alone here, so that this inlines for the host's
    // method calls on a guest's resources.
    return type.impl === this ? rep : this.#lowerBorrowHandle(type, rep, scope);
  }

  #lowerBorrowHandle(type: RuntimeResourceType, rep: number, scope: CallScope): number {
    const index = this.#place(BORROW);
    this.#reps[index] = rep;
    this.#types[index] = type;
    this.#scopes[index] = scope;
    scope.numBorrows++;
    return index;
  }

  /**
   * `lift_own`: takes own handle `index` of `type` out of the table and returns its rep, for
   * its new holder (another table, or the host).
   * @throws Trap for an unknown index, a handle of another type, an own handle that is lent
   *   ("cannot remove owned resource while borrowed") or a borrow handle
   */
  liftOwn(index: number, type: RuntimeResourceType): number {
    // One test for the usual case, so that this stays small enough to inline into the
    // lifting code (every own a guest returns passes here); the slow path says what failed.
    const kinds = this.#kinds;
    if (kinds[index] !== OWN || this.#types[index] !== type || this.#lends[index] !== 0) return this.#cannotLiftOwn(index, type);
    // `#vacate` by hand: its bytecode would count against the inlining budget of the caller.
    kinds[index] = FREE;
    this.#free.push(index);
    return this.#reps[index] as number;
  }

  // `liftOwn`'s failures, with the checks in the spec's order.
  #cannotLiftOwn(index: number, type: RuntimeResourceType): never {
    this.#check(index, type);
    if (this.#lends[index] !== 0) resourceTrap('cannot remove owned resource while borrowed');
    return resourceTrap('cannot lift own resource from a borrow');
  }

  /**
   * `lift_borrow`: the rep of handle `index` of `type`, lent for the call `scope` when it is an
   * own handle (it cannot be dropped or moved until the call ends).
   * @throws Trap for an unknown index or a handle of another type
   */
  liftBorrow(index: number, type: RuntimeResourceType, scope: CallScope): number {
    this.#check(index, type);
    if (this.#kinds[index] === OWN) {
      this.#lends[index] = (this.#lends[index] as number) + 1;
      scope.addLender(this, index);
    }
    return this.#reps[index] as number;
  }

  /** Gives back one lend of own handle `index` taken by `liftBorrow` (for `CallScope`). */
  endLend(index: number): void {
    this.#lends[index] = (this.#lends[index] as number) - 1;
  }

  /**
   * How many borrows of own handle `index` of `type` are live (CanonicalABI.md `num_lends`).
   * @throws Trap for an unknown index or a handle of another type
   */
  numLends(index: number, type: RuntimeResourceType): number {
    this.#check(index, type);
    return this.#lends[index] as number;
  }

  /**
   * `canon resource.rep`: the rep of handle `index` of `type`.
   * @throws Trap for an unknown index or a handle of another type
   */
  rep(index: number, type: RuntimeResourceType): number {
    this.#check(index, type);
    return this.#reps[index] as number;
  }

  /**
   * `canon resource.drop` without the destructor call: removes handle `index` of `type`.
   * Dropping a borrow ends it in its call's count; for an own handle the caller runs the
   * destructor with the rep returned.
   * @returns the own handle's rep, or `DROPPED_BORROW` for a borrow handle
   * @throws Trap for an unknown index, a handle of another type, or an own handle that is lent
   */
  drop(index: number, type: RuntimeResourceType): number {
    this.#check(index, type);
    if (this.#lends[index] !== 0) resourceTrap('cannot remove owned resource while borrowed');
    const own = this.#kinds[index] === OWN;
    this.#vacate(index);
    return own ? (this.#reps[index] as number) : this.#dropBorrow(index);
  }

  #dropBorrow(index: number): number {
    const scope = this.#scopes[index];
    if (scope != null) scope.numBorrows--;
    this.#scopes[index] = null;
    return DROPPED_BORROW;
  }
}
