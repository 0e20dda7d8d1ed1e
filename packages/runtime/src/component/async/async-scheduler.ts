// The store's cooperative scheduler of CanonicalABI.md's async tasks, driven synchronously by
// whoever waits (the host's call of an async export, a sync caller of an async callee, a
// blocking `waitable-set.wait`): `runUntil` resumes parked tasks one at a time until what it
// waits for happened, and traps with wasmtime's deadlock message when no task can go on. A
// stackless task runs between its core function's or callback's entry and return; while it
// runs, its instance is busy and no other stackless task of that instance is resumed (the
// spec's per-instance exclusive lock).

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import type { HandleTable } from '../resources/handle-table.js';
import { CallbackCode, EventCode, type AsyncEvent } from './async-codes.js';
import { Trap } from '../../trap/trap.js';
import { asyncTrap } from './async-trap.js';
import { Task } from './task.js';
import { Thread } from './thread.js';
import { WaitableSet } from './waitable.js';

const NO_EVENT: AsyncEvent = { code: EventCode.NONE, index: 0, payload: 0 };

// How many resumptions of yielding tasks in a row, with nothing else happening, `runUntil`
// takes for a livelock: tasks that only yield can never make what it waits for happen.
const MAX_YIELDS_IN_A_ROW = 1_000_000;

/** Runs the async tasks of one component instantiation. */
export class AsyncScheduler {
  readonly #tables: (instance: RuntimeComponentInstanceIndex) => HandleTable;
  // Tasks whose core code is on the JS stack, innermost last, and beside each the new thread
  // (from `thread.new-indirect`) that code runs on, or null for the task's implicit thread.
  readonly #running: Task[] = [];
  readonly #runningThreads: (Thread | null)[] = [];
  // New threads made ready by `thread.resume-later`, in that order.
  readonly #readyThreads: Thread[] = [];
  // Threads that switched to a new thread, which now runs above them on the JS stack.
  readonly #switchedFrom: Thread[] = [];
  // Parked stackless tasks and tasks waiting to start, in the order they parked.
  readonly #parked: Task[] = [];
  // Per instance: whether a stackless task's code runs in it, and its backpressure counter.
  readonly #busy = new Map<RuntimeComponentInstanceIndex, number>();
  readonly #backpressure = new Map<RuntimeComponentInstanceIndex, number>();
  // The implicit task of code that runs outside any task (a sync lift): it may not block.
  readonly #implicit = new Map<RuntimeComponentInstanceIndex, Task>();
  // Whether the latest `step` only resumed a task that had yielded.
  #lastWasYield = false;

  /** @param tables the handle table of each component instance */
  constructor(tables: (instance: RuntimeComponentInstanceIndex) => HandleTable) {
    this.#tables = tables;
  }

  /** The handle table of `instance`. */
  table(instance: RuntimeComponentInstanceIndex): HandleTable {
    return this.#tables(instance);
  }

  /**
   * The task whose code called a built-in of `instance`: the innermost running task of that
   * instance, else the instance's implicit synchronous task.
   */
  current(instance: RuntimeComponentInstanceIndex): Task {
    const top = this.#running[this.#running.length - 1];
    if (top !== undefined && top.instance === instance) return top;
    let implicit = this.#implicit.get(instance);
    if (implicit === undefined) {
      implicit = new Task(instance, false, null, () => {});
      this.#implicit.set(instance, implicit);
    }
    return implicit;
  }

  /** Whether a new task of `instance` must wait before it starts (backpressure, or busy). */
  mustWaitToStart(instance: RuntimeComponentInstanceIndex): boolean {
    return (this.#busy.get(instance) ?? 0) > 0 || (this.#backpressure.get(instance) ?? 0) > 0;
  }

  /** `backpressure.inc`/`dec`: changes `instance`'s counter by `delta`. */
  adjustBackpressure(instance: RuntimeComponentInstanceIndex, delta: 1 | -1): void {
    const next = (this.#backpressure.get(instance) ?? 0) + delta;
    if (next < 0) asyncTrap('backpressure counter underflow');
    if (next > 0xffff) asyncTrap('backpressure counter overflow');
    this.#backpressure.set(instance, next);
  }

  /** Parks `task` until its instance lets it start; `start` then runs it. */
  deferStart(task: Task, start: () => void): void {
    task.pendingStart = start;
    this.#parked.push(task);
  }

  /** Removes a task that has not started from the parked list; false when it already started. */
  cancelStart(task: Task): boolean {
    const at = this.#parked.indexOf(task);
    if (at < 0 || task.pendingStart === null) return false;
    this.#parked.splice(at, 1);
    task.pendingStart = null;
    return true;
  }

  /**
   * Runs `code` (a core function or callback of `task`) as the running task and returns what
   * it returned. A stackless task's instance is busy meanwhile.
   */
  enter<R>(task: Task, code: () => R, thread: Thread | null = null): R {
    const stackless = task.callback !== null;
    if (stackless) this.#busy.set(task.instance, (this.#busy.get(task.instance) ?? 0) + 1);
    this.#running.push(task);
    this.#runningThreads.push(thread);
    try {
      return code();
    } finally {
      this.#running.pop();
      this.#runningThreads.pop();
      if (stackless) this.#busy.set(task.instance, (this.#busy.get(task.instance) ?? 1) - 1);
    }
  }

  /**
   * Starts stackless `task`: runs `entry` (the lowered arguments' call of its core function)
   * and acts on the code it returns.
   */
  startStackless(task: Task, entry: () => number): void {
    this.#onCode(task, this.enter(task, entry));
  }

  // CanonicalABI.md `canon lift`'s callback loop, one turn: EXIT ends the task; YIELD and WAIT
  // park it until `step` resumes it with an event.
  #onCode(task: Task, packed: number): void {
    const code = packed & 0xf;
    const index = packed >>> 4;
    switch (code) {
      case CallbackCode.EXIT:
        this.exit(task);
        return;
      case CallbackCode.YIELD:
        task.yielding = true;
        this.#parked.push(task);
        return;
      case CallbackCode.WAIT: {
        const set = this.table(task.instance).getEntry(index);
        if (!(set instanceof WaitableSet)) asyncTrap(`handle index ${index} used with the wrong type, expected waitable set but found ${set.what}`);
        task.waitingOn = set;
        set.numWaiting++;
        this.#parked.push(task);
        return;
      }
      default:
        asyncTrap(`unsupported callback code: ${code}`);
    }
  }

  /**
   * Ends `task` (its callback returned EXIT, or its stackful core function returned).
   * @throws Trap when it never delivered its result
   */
  exit(task: Task): void {
    // wasmtime has a trap code for this one.
    if (!task.resolved) throw new Trap('NoAsyncResult');
    task.exited = true;
    this.releaseThread(task);
  }

  /**
   * The implicit thread of `task`, added to its instance's handle table the first time it is
   * asked for. The spec adds it when the task starts; taking the slot on first use gives the
   * same index whenever the task asks before it adds any other handle, and keeps the handle
   * numbers of tasks that never ask for their thread as they were.
   */
  thread(task: Task): Thread {
    let thread = task.thread;
    if (thread === null) {
      thread = new Thread(task, null);
      thread.index = this.table(task.instance).addEntry(thread);
      task.thread = thread;
    }
    return thread;
  }

  /** Removes `task`'s thread from the handle table when its task ends (`Thread`'s fiber end). */
  releaseThread(task: Task): void {
    const thread = task.thread;
    if (thread === null) return;
    task.thread = null;
    this.table(task.instance).removeEntry(thread.index);
  }

  /** The thread whose code called a built-in of `instance` (see `current`). */
  currentThread(instance: RuntimeComponentInstanceIndex): Thread {
    const task = this.current(instance);
    const top = this.#running[this.#running.length - 1];
    const nested = top === task ? this.#runningThreads[this.#runningThreads.length - 1] : null;
    return nested ?? this.thread(task);
  }

  /**
   * Runs new thread `thread` to its end on the JS stack, as its task's code; its handle-table
   * slot is freed when it ends (CanonicalABI.md `Thread`'s fiber end).
   */
  runThread(thread: Thread): void {
    const start = thread.start;
    if (start === null) return asyncTrap('internal error: running a thread that has no start function');
    const at = this.#readyThreads.indexOf(thread);
    if (at >= 0) this.#readyThreads.splice(at, 1);
    thread.state = 'running';
    this.enter(thread.task, start, thread);
    thread.state = 'done';
    this.table(thread.task.instance).removeEntry(thread.index);
  }

  /**
   * Switches from running `self` to new thread `other`, which runs to its end above it; `self`
   * is left ready (a yield) or suspended meanwhile. Returns false when `self` is still suspended
   * afterwards and cannot be made ready without stack switching.
   */
  switchToNew(self: Thread, other: Thread, yielding: boolean): boolean {
    self.state = yielding ? 'ready' : 'suspended';
    this.#switchedFrom.push(self);
    try {
      this.runThread(other);
    } finally {
      this.#switchedFrom.pop();
    }
    if (self.state === 'suspended' && !this.runUntilReady(self)) return false;
    self.state = 'running';
    return true;
  }

  // Whether a thread below `thread` on the JS stack is ready to go on: the spec could resume it
  // next, which needs stack switching, so nothing else is run in its place.
  #readyBelow(thread: Thread): boolean {
    return this.#switchedFrom.some((below) => below !== thread && below.state === 'ready');
  }

  /** `thread.resume-later` of a new thread: `step` runs it when its instance is free. */
  scheduleThread(thread: Thread): void {
    thread.state = 'ready';
    this.#readyThreads.push(thread);
  }

  /**
   * Lets other tasks and threads run until suspended `thread` is made ready again, then marks it
   * running. Returns false when nothing can run first, or when a synchronous call that may not
   * block is below on the JS stack (the spec resumes no unrelated thread during a sync call;
   * only its own thread, below, could go on): only stack switching could then let the thread's
   * caller go on.
   */
  runUntilReady(thread: Thread): boolean {
    while (thread.state === 'suspended') {
      if (this.#running.some((task) => !task.mayBlock()) || this.#readyBelow(thread) || !this.step()) return false;
    }
    thread.state = 'running';
    return true;
  }

  /** Ends the implicit synchronous task of `instance` after a sync lift's call returned. */
  exitImplicit(instance: RuntimeComponentInstanceIndex): void {
    const implicit = this.#implicit.get(instance);
    if (implicit !== undefined) this.releaseThread(implicit);
  }

  /**
   * Resumes one parked task that can go on: starts a waiting one, or calls a parked stackless
   * task's callback with its event. Returns false when none can.
   */
  step(): boolean {
    for (const thread of this.#readyThreads) {
      if ((this.#busy.get(thread.task.instance) ?? 0) > 0) continue;
      this.#lastWasYield = false;
      this.runThread(thread);
      return true;
    }
    for (let i = 0; i < this.#parked.length; i++) {
      const task = this.#parked[i] as Task;
      if ((this.#busy.get(task.instance) ?? 0) > 0) continue;
      const start = task.pendingStart;
      if (start !== null) {
        if ((this.#backpressure.get(task.instance) ?? 0) > 0) continue;
        this.#parked.splice(i, 1);
        task.pendingStart = null;
        this.#lastWasYield = false;
        start();
        return true;
      }
      if (task.cancelPending && task.callback !== null) {
        this.#parked.splice(i, 1);
        this.#lastWasYield = false;
        this.#deliverCancel(task);
        return true;
      }
      let event = NO_EVENT;
      this.#lastWasYield = task.yielding;
      if (task.yielding) {
        task.yielding = false;
      } else {
        const set = task.waitingOn;
        if (set === null || !set.hasPendingEvent()) continue;
        set.numWaiting--;
        task.waitingOn = null;
        event = set.takePendingEvent();
      }
      this.#parked.splice(i, 1);
      const callback = task.callback;
      if (callback === null) return asyncTrap('internal error: a parked task without a callback');
      this.#onCode(task, this.enter(task, () => callback(event.code, event.index, event.payload)));
      return true;
    }
    return false;
  }

  // Resumes parked stackless `task` with a TASK_CANCELLED event instead of what it waited for.
  #deliverCancel(task: Task): void {
    const set = task.waitingOn;
    if (set !== null) set.numWaiting--;
    task.waitingOn = null;
    task.yielding = false;
    task.cancelPending = false;
    task.cancelDelivered = true;
    const callback = task.callback;
    if (callback === null) return asyncTrap('internal error: a parked task without a callback');
    this.#onCode(task, this.enter(task, () => callback(EventCode.TASK_CANCELLED, 0, 0)));
  }

  /**
   * `subtask.cancel`'s request to the callee (CanonicalABI.md `Task.request_cancellation`): a
   * task that has not started never starts (returns false); a parked stackless task hears of
   * it now when its instance is free, else at its next wait.
   */
  requestCancellation(task: Task): boolean {
    if (this.cancelStart(task)) return false;
    task.cancelPending = true;
    const at = this.#parked.indexOf(task);
    if (at >= 0 && task.callback !== null && (this.#busy.get(task.instance) ?? 0) === 0) {
      this.#parked.splice(at, 1);
      this.#deliverCancel(task);
    }
    return true;
  }

  /**
   * Resumes parked tasks until `done()` holds.
   * @throws Trap "deadlock detected: event loop cannot make further progress" when no task can go on first
   */
  runUntil(done: () => boolean): void {
    let yields = 0;
    while (!done()) {
      if (!this.step() || (this.#lastWasYield && ++yields > MAX_YIELDS_IN_A_ROW)) asyncTrap('deadlock detected: event loop cannot make further progress');
      if (!this.#lastWasYield) yields = 0;
    }
  }

  /**
   * Resumes parked tasks while any can go on (after the host's call returned its result),
   * stopping at a task that only yields: it would keep the host busy forever.
   */
  drain(): void {
    while (this.step() && !this.#lastWasYield);
  }

  /**
   * `waitable-set.wait` from running code: blocks the current task until `set` has an event
   * (or, when `cancellable`, its caller cancels it), resuming other tasks meanwhile.
   * @throws Trap when the task may not block, or on deadlock
   */
  waitOn(task: Task, set: WaitableSet, cancellable = false): AsyncEvent {
    if (!task.mayBlock()) asyncTrap('cannot block a synchronous task before returning');
    const cancelled = (): boolean => cancellable && task.cancelPending;
    set.numWaiting++;
    try {
      this.runUntil(() => cancelled() || set.hasPendingEvent());
    } finally {
      set.numWaiting--;
    }
    if (cancelled()) {
      task.cancelPending = false;
      task.cancelDelivered = true;
      return { code: EventCode.TASK_CANCELLED, index: 0, payload: 0 };
    }
    return set.takePendingEvent();
  }
}
