// The borrow bookkeeping of one synchronous call across the component boundary: CanonicalABI.md
// keeps it on the callee's `Task` (`num_borrows`: borrows lowered into the callee, which it must
// drop before it returns) and on the caller's `Subtask` (`lenders`: own handles lent for the
// call, whose `num_lends` goes back down when it returns). A synchronous call ends both at once,
// so one object holds both, as wasmtime's `CallContext` does.

import type { HandleTable } from './handle-table.js';
import { END_BORROW, END_LEND, type HostBorrow, type HostLender } from './host-handle.js';
import { resourceTrap } from './resource-trap.js';

// Gives back lend `i` of `lenders`/`indices`: a table slot's (index >= 0) or a host handle's.
function unlend(lenders: (HandleTable | HostLender | null)[], indices: number[], i: number): void {
  const index = indices[i] as number;
  if (index >= 0) (lenders[i] as HandleTable).endLend(index);
  else (lenders[i] as HostLender)[END_LEND]();
  lenders[i] = null;
}

/** The borrows of one call: lent own handles, and borrow handles the callee still holds. */
export class CallScope {
  /** Borrow handles lowered into the callee's table that it has not dropped yet. */
  numBorrows = 0;
  // The first `#numLenders` entries are the lent handles: a host's own handle, or a table
  // whose own handle at the same entry of `#lentIndices` is lent. Likewise for the host's
  // borrows. Counts rather than `length = 0` or fresh arrays: writing `length` is a runtime
  // call in V8, and a scope is reused call after call (see `InstanceResources.enterCall`).
  readonly #lenders: (HandleTable | HostLender | null)[] = [];
  readonly #lentIndices: number[] = [];
  #numLenders = 0;
  // Host-side borrows handed out for this call; they die with it.
  readonly #hostBorrows: (HostBorrow | null)[] = [];
  #numHostBorrows = 0;

  /**
   * Records that own handle `index` of `table` is lent for this call (CanonicalABI.md
   * `add_lender`); the table counted the lend, and `endLend` gives it back when the call ends.
   */
  addLender(table: HandleTable, index: number): void {
    const at = this.#numLenders++;
    this.#lenders[at] = table;
    this.#lentIndices[at] = index;
  }

  /**
   * Records that own `handle`, which the host holds, is lent for this call (CanonicalABI.md
   * `add_lender`); the handle counted the lend, and its `END_LEND` gives it back.
   */
  addHostLender(handle: HostLender): void {
    const at = this.#numLenders++;
    this.#lenders[at] = handle;
    this.#lentIndices[at] = -1;
  }

  /** Records a borrow the host was given for this call; it stops being usable when the call ends. */
  addHostBorrow(handle: HostBorrow): void {
    this.#hostBorrows[this.#numHostBorrows++] = handle;
  }

  /**
   * Ends the call normally (CanonicalABI.md `Task.return`'s check, then the `Subtask`'s
   * resolution): every borrow lowered into the callee must have been dropped.
   * @throws Trap "borrow handles still remain at the end of the call" otherwise
   */
  exit(): void {
    if (this.numBorrows > 0) {
      this.release();
      resourceTrap('borrow handles still remain at the end of the call');
    }
    this.release();
  }

  /**
   * How many lends this scope holds: a mark for `releaseLendsFrom`, when one scope is used
   * directly by one entry rather than through `InstanceResources`' stack of calls.
   */
  get lendMark(): number {
    return this.#numLenders;
  }

  /**
   * Gives back the lends recorded since `mark` (a `lendMark`), latest first; those before it
   * stay (a call nested inside the one that took the mark, which ends first).
   */
  releaseLendsFrom(mark: number): void {
    const lenders = this.#lenders;
    for (let i = this.#numLenders - 1; i >= mark; i--) unlend(lenders, this.#lentIndices, i);
    this.#numLenders = mark;
  }

  /** Gives back every lend and ends the host's borrows, without checks (after a trap, too). */
  release(): void {
    const lenders = this.#lenders;
    for (let i = 0, n = this.#numLenders; i < n; i++) unlend(lenders, this.#lentIndices, i);
    this.#numLenders = 0;
    const hostBorrows = this.#hostBorrows;
    for (let i = 0, n = this.#numHostBorrows; i < n; i++) {
      (hostBorrows[i] as HostBorrow)[END_BORROW]();
      hostBorrows[i] = null;
    }
    this.#numHostBorrows = 0;
  }
}
