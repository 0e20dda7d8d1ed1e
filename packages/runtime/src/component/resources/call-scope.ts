// The borrow bookkeeping of one synchronous call across the component boundary: CanonicalABI.md
// keeps it on the callee's `Task` (`num_borrows`: borrows lowered into the callee, which it must
// drop before it returns) and on the caller's `Subtask` (`lenders`: own handles lent for the
// call, whose `num_lends` goes back down when it returns). A synchronous call ends both at once,
// so one object holds both, as wasmtime's `CallContext` does.

import type { HandleTable } from './handle-table.js';
import { END_BORROW, type HostBorrow } from './host-handle.js';
import { resourceTrap } from './resource-trap.js';

/** The borrows of one call: lent own handles, and borrow handles the callee still holds. */
export class CallScope {
  /** Borrow handles lowered into the callee's table that it has not dropped yet. */
  numBorrows = 0;
  // Each list is its first `#num...` entries. Counts rather than `length = 0` or fresh arrays:
  // writing `length` is a runtime call in V8, and a scope is reused call after call (see
  // `InstanceResources.enterCall`). The host's lends apart from the tables' so that giving
  // them back needs no test of which kind each is (the host's are the hot case: every method
  // call on a resource the host holds).
  // Tables whose own handle at the same entry of `#lentIndices` is lent.
  readonly #tableLenders: (HandleTable | null)[] = [];
  readonly #lentIndices: number[] = [];
  #numTableLenders = 0;
  // The host's lends, as tickets: a lend of an own the host holds is a ticket number pushed
  // here, which the handle keeps (`lendHost`). It is lent while its ticket is among the first
  // `#numHostLends`, so giving lends back is one write, and a lend stores no reference to the
  // handle: the host's handles are young objects, and storing one into this old array would
  // cost V8 a remembered-set entry per call. Tickets only grow, so the list is increasing.
  readonly #hostLends: number[] = [];
  #numHostLends = 0;
  #lastTicket = 0;
  // Host-side borrows handed out for this call; they die with it.
  readonly #hostBorrows: (HostBorrow | null)[] = [];
  #numHostBorrows = 0;

  /**
   * Records that own handle `index` of `table` is lent for this call (CanonicalABI.md
   * `add_lender`); the table counted the lend, and `endLend` gives it back when the call ends.
   */
  addLender(table: HandleTable, index: number): void {
    const at = this.#numTableLenders++;
    this.#tableLenders[at] = table;
    this.#lentIndices[at] = index;
  }

  /**
   * Records a lend of an own the host holds for this call (CanonicalABI.md `add_lender`) and
   * returns its ticket: the handle is lent while `holdsHostLend(ticket)`.
   */
  lendHost(): number {
    const ticket = ++this.#lastTicket;
    this.#hostLends[this.#numHostLends++] = ticket;
    return ticket;
  }

  /** Whether the host's lend `ticket` (from `lendHost`) is still held, its call not ended. */
  holdsHostLend(ticket: number): boolean {
    const lends = this.#hostLends;
    // From the latest: the tickets below are smaller.
    for (let i = this.#numHostLends - 1; i >= 0; i--) {
      const held = lends[i] as number;
      if (held <= ticket) return held === ticket;
    }
    return false;
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
   * How many of the host's lends this scope holds: a mark for `releaseLendsFrom`, when one
   * scope is used directly by one entry rather than through `InstanceResources`' stack of
   * calls (such a scope records only the host's lends: see the api's `selfLendingScope`).
   */
  get lendMark(): number {
    return this.#numHostLends;
  }

  /**
   * Gives back the host's lends recorded since `mark` (a `lendMark`), latest first; those
   * before it stay (a call nested inside the one that took the mark, which ends first).
   */
  releaseLendsFrom(mark: number): void {
    this.#numHostLends = mark;
  }

  /** Gives back every lend and ends the host's borrows, without checks (after a trap, too). */
  release(): void {
    const tables = this.#tableLenders;
    const indices = this.#lentIndices;
    for (let i = 0, n = this.#numTableLenders; i < n; i++) {
      (tables[i] as HandleTable).endLend(indices[i] as number);
      tables[i] = null;
    }
    this.#numTableLenders = 0;
    this.releaseLendsFrom(0);
    const hostBorrows = this.#hostBorrows;
    for (let i = 0, n = this.#numHostBorrows; i < n; i++) {
      (hostBorrows[i] as HostBorrow)[END_BORROW]();
      hostBorrows[i] = null;
    }
    this.#numHostBorrows = 0;
  }
}
