// CanonicalABI.md's `Waitable` and `WaitableSet`: a waitable (a subtask, a stream or future end)
// holds at most one pending event, made when it is read (`get_pending_event`) so that its
// payload is current; a waitable set is what a task waits on, and it has an event when any of
// its waitables has one. Both live in their instance's handle table beside resource handles.

import type { AsyncEvent } from './async-codes.js';
import { asyncTrap } from './async-trap.js';

/** What an instance's handle table holds besides resource handles. */
export abstract class AsyncTableEntry {
  /** What the entry is, for messages ("waitable set", "subtask", ...). */
  abstract readonly what: string;
}

/** Something a task can wait on: it carries at most one pending event. */
export abstract class Waitable extends AsyncTableEntry {
  #pendingEvent: (() => AsyncEvent) | null = null;
  /** The set it joined (`waitable.join`), if any. */
  set: WaitableSet | null = null;

  /** Whether an event is pending. */
  hasPendingEvent(): boolean {
    return this.#pendingEvent !== null;
  }

  /** Makes `event` (called when delivered) the pending event, replacing an earlier one. */
  setPendingEvent(event: () => AsyncEvent): void {
    this.#pendingEvent = event;
  }

  /** Takes the pending event out and computes it (`get_pending_event`). */
  takePendingEvent(): AsyncEvent {
    const event = this.#pendingEvent;
    if (event === null) return asyncTrap('internal error: no pending event');
    this.#pendingEvent = null;
    return event();
  }

  /**
   * `waitable.join`: moves this waitable into `set` (out of its current one), or out of any
   * set for null.
   */
  join(set: WaitableSet | null): void {
    if (this.set !== null) this.set.elems.splice(this.set.elems.indexOf(this), 1);
    this.set = set;
    if (set !== null) set.elems.push(this);
  }

  /** Leaves its set when the waitable is dropped. */
  dropWaitable(): void {
    this.join(null);
  }
}

/** A set of waitables that tasks wait on (`WaitableSet`). */
export class WaitableSet extends AsyncTableEntry {
  readonly what = 'waitable set';
  /** Its waitables, in the order they joined. */
  readonly elems: Waitable[] = [];
  /** How many tasks are waiting on it now. */
  numWaiting = 0;

  /** Whether one of its waitables has an event. */
  hasPendingEvent(): boolean {
    return this.elems.some((w) => w.hasPendingEvent());
  }

  /** The first pending event of its waitables (the caller checked there is one). */
  takePendingEvent(): AsyncEvent {
    for (const w of this.elems) {
      if (w.hasPendingEvent()) return w.takePendingEvent();
    }
    return asyncTrap('internal error: no pending event in the waitable set');
  }

  /**
   * `waitable-set.drop`: checks no task waits on it.
   * @throws Trap "cannot drop waitable set with waiters"
   */
  drop(): void {
    if (this.numWaiting > 0) asyncTrap('cannot drop waitable set with waiters');
    for (const w of [...this.elems]) w.join(null);
  }
}
