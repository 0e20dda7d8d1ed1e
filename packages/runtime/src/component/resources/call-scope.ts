// The borrow bookkeeping of one synchronous call across the component boundary: CanonicalABI.md
// keeps it on the callee's `Task` (`num_borrows`: borrows lowered into the callee, which it must
// drop before it returns) and on the caller's `Subtask` (`lenders`: own handles lent for the
// call, whose `num_lends` goes back down when it returns). A synchronous call ends both at once,
// so one object holds both, as wasmtime's `CallContext` does.

import type { ResourceHandle } from './resource-handle.js';
import { resourceTrap } from './resource-trap.js';

/** The borrows of one call: lent own handles, and borrow handles the callee still holds. */
export class CallScope {
  /** Borrow handles lowered into the callee's table that it has not dropped yet. */
  numBorrows = 0;
  #lenders: ResourceHandle[] = [];
  // Host-side borrow records handed out for this call; they die with it.
  #hostBorrows: ResourceHandle[] = [];

  /** Records that own handle `handle` is lent for this call (CanonicalABI.md `add_lender`). */
  addLender(handle: ResourceHandle): void {
    handle.numLends++;
    this.#lenders.push(handle);
  }

  /** Records a borrow the host was given for this call; it stops being usable when the call ends. */
  addHostBorrow(handle: ResourceHandle): void {
    this.#hostBorrows.push(handle);
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

  /** Gives back every lend and ends the host's borrows, without checks (after a trap, too). */
  release(): void {
    // Fresh arrays rather than `length = 0`: writing `length` is a runtime call in V8.
    const lenders = this.#lenders;
    if (lenders.length !== 0) {
      for (const handle of lenders) handle.numLends--;
      this.#lenders = [];
    }
    const hostBorrows = this.#hostBorrows;
    if (hostBorrows.length !== 0) {
      for (const handle of hostBorrows) handle.live = false;
      this.#hostBorrows = [];
    }
  }
}
