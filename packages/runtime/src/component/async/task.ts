// CanonicalABI.md's `Task` (one call of a lifted function, as the callee sees it) and `Subtask`
// (the same call as its async caller sees it: a waitable in the caller's table). A task runs
// its core code synchronously on the JS stack; a stackless (callback) task that returns WAIT or
// YIELD is parked with the scheduler, which calls its callback later.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { EventCode, SubtaskState } from './async-codes.js';
import { asyncTrap } from './async-trap.js';
import type { Thread } from './thread.js';
import { Waitable, type WaitableSet } from './waitable.js';

/** The callback of a stackless task: `(event, index, payload) => packed code`. */
export type TaskCallback = (event: number, index: number, payload: number) => number;

/** One call of a lifted function, from the callee's side. */
export class Task {
  /** The component instance the callee belongs to. */
  readonly instance: RuntimeComponentInstanceIndex;
  /** Whether the function's type is `async` (such a task may block before it returns). */
  readonly typeAsync: boolean;
  /** The callback of a stackless async lift; null for a sync or stackful one. */
  readonly callback: TaskCallback | null;
  /** `context.get`/`context.set`'s slots. */
  readonly context: number[] = [0, 0];
  /** Receives the result (`task.return`'s value, or a sync lift's result). */
  readonly onResolve: (value: unknown) => void;
  /** Whether the result was delivered. */
  resolved = false;
  /** Whether the task finished (a callback returned EXIT, or the core function returned). */
  exited = false;
  /** Set while the task is parked waiting on this set (after WAIT). */
  waitingOn: WaitableSet | null = null;
  /** Set while the task is parked after YIELD. */
  yielding = false;
  /** Set while the task waits to start (backpressure, or its instance is busy). */
  pendingStart: (() => void) | null = null;
  /** Whether it is a `canon lift async` task (only those may call `task.cancel`). */
  asyncLift = false;
  /** Whether its caller asked to cancel it and it was not told yet. */
  cancelPending = false;
  /** Whether it was told of the cancellation (a TASK_CANCELLED event). */
  cancelDelivered = false;
  /** Its implicit thread once it took a handle-table slot (see `AsyncScheduler.thread`). */
  thread: Thread | null = null;
  /**
   * Where the host has JSPI: the callback entered through its entry glue and `promising`, so
   * that it runs on a fiber (see `AsyncScheduler.runOnFiber`).
   */
  callbackEntry: ((...flat: unknown[]) => Promise<unknown>) | null = null;
  /** Ends the call as cancelled (the caller's subtask turns CANCELLED_BEFORE_RETURNED). */
  onCancel: () => void = () => {};

  constructor(instance: RuntimeComponentInstanceIndex, typeAsync: boolean, callback: TaskCallback | null, onResolve: (value: unknown) => void) {
    this.instance = instance;
    this.typeAsync = typeAsync;
    this.callback = callback;
    this.onResolve = onResolve;
  }

  /** CanonicalABI.md `Task.may_block`: an async-typed task, or one that already returned. */
  mayBlock(): boolean {
    return this.typeAsync || this.resolved;
  }

  /**
   * The check of every built-in or call that may block the task.
   * @throws Trap "cannot block a synchronous task before returning" when it may not block
   */
  checkMayBlock(): void {
    if (!this.mayBlock()) asyncTrap('cannot block a synchronous task before returning');
  }

  /**
   * CanonicalABI.md `Task.deliver_pending_cancel`: whether a suspension, when `cancellable`,
   * hears of a cancellation its caller asked for; the cancellation then counts as delivered.
   */
  deliverPendingCancel(cancellable: boolean): boolean {
    if (!cancellable || !this.cancelPending) return false;
    this.cancelPending = false;
    this.cancelDelivered = true;
    return true;
  }

  /**
   * Delivers the result (`task.return`, or a sync lift's return).
   * @throws Trap when the result was delivered before
   */
  resolve(value: unknown): void {
    if (this.resolved) asyncTrap('`task.return` called more than once for current task');
    this.resolved = true;
    this.onResolve(value);
  }

  /**
   * `task.cancel`: ends the task without a result after it heard of its cancellation.
   * @throws Trap for a task that is not async-lifted, was not cancelled, or already resolved
   */
  cancel(): void {
    if (!this.asyncLift) asyncTrap('`task.cancel` called by a task that is not async-lifted');
    if (this.resolved) asyncTrap('`task.cancel` called after the task already resolved');
    if (!this.cancelDelivered) asyncTrap('`task.cancel` called by a task which has not been cancelled');
    this.resolved = true;
    this.onCancel();
  }
}

/** A call made with `canon lower async`, from the caller's side. */
export class Subtask extends Waitable {
  readonly what = 'subtask';
  /** The caller's view of the callee's progress. */
  state: number = SubtaskState.STARTING;
  /** The callee's task; null for a callee that is not a task of this store (none yet). */
  task: Task | null = null;
  /** Its index in the caller's table once the call did not finish at once; 0 before. */
  index = 0;
  /** Whether the caller asked to cancel it (`subtask.cancel`). */
  cancellationRequested = false;
  /** Whether the caller was told it resolved (its terminal event was delivered). */
  resolveDelivered = false;

  /** Whether the callee returned or was cancelled. */
  resolved(): boolean {
    return this.state === SubtaskState.RETURNED || this.state === SubtaskState.CANCELLED_BEFORE_STARTED || this.state === SubtaskState.CANCELLED_BEFORE_RETURNED;
  }

  /** Moves to `state` and, once in the table, tells the caller with a SUBTASK event. */
  progress(state: number): void {
    this.state = state;
    if (this.index !== 0) {
      this.setPendingEvent(() => {
        if (this.resolved()) this.resolveDelivered = true;
        return { code: EventCode.SUBTASK, index: this.index, payload: this.state };
      });
    }
  }

  /**
   * `subtask.drop`'s check.
   * @throws Trap "cannot drop a subtask which has not yet resolved"
   */
  checkDrop(): void {
    if (!this.resolved()) asyncTrap('cannot drop a subtask which has not yet resolved');
  }
}
