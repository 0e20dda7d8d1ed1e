// The store's cooperative scheduler of CanonicalABI.md's async tasks, driven synchronously by
// whoever waits (the host's call of an async export, a sync caller of an async callee, a
// blocking `waitable-set.wait`): `runUntil` resumes parked tasks one at a time until what it
// waits for happened, and traps with wasmtime's deadlock message when no task can go on. A
// stackless task runs between its core function's or callback's entry and return; while it
// runs, its instance is busy and no other stackless task of that instance is resumed (the
// spec's per-instance exclusive lock).
//
// Where the host has JSPI, an async host call (`callAsync`) runs each task's core code on a
// fiber of its own (wasmtime's `call_async`): a built-in that must block suspends the fiber
// (see `suspension-glue.ts`) with what it waits for, and the call's async loop
// (`runUntilAsync`) runs parked tasks and resumes suspended fibers whose wait is over, in the
// order they suspended, instead of nesting everything on the caller's JS stack.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import type { HandleTable } from '../resources/handle-table.js';
import { CallbackCode, EventCode, type AsyncEvent } from './async-codes.js';
import { Trap } from '../../trap/trap.js';
import { asyncTrap } from './async-trap.js';
import { FiberGlue } from './fiber-glue.js';
import { Fiber, FiberFailure, type BlockedCall, type FiberState } from './fiber.js';
import { hostJspi, type Jspi } from './jspi.js';
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
  // Per instance (arrays, as instance indices are dense and calls and built-ins read them):
  // whether a stackless task's code runs in it, and its backpressure counter.
  readonly #busy: number[] = [];
  readonly #backpressure: number[] = [];
  // Per instance: the implicit task of code that runs outside any task (a sync lift): it may
  // not block.
  readonly #implicit: (Task | undefined)[] = [];
  // Whether the latest `step` only resumed a task that had yielded.
  #lastWasYield = false;
  /** The host's JSPI, or null: then every task runs on the caller's JS stack. */
  readonly jspi: Jspi | null = hostJspi();
  #glue: FiberGlue | null = null;
  // How many async host calls (`callAsync`) are in progress: tasks run on fibers only then, as
  // only their async loop can resume a suspended fiber.
  #asyncCalls = 0;
  // How many async host calls of sync exports are in progress: only new threads run on fibers
  // then (the export's own code is not on one, so it cannot wait for a suspended task).
  #threadCalls = 0;
  // Fibers whose code is on the JS stack, innermost last.
  readonly #fibers: Fiber[] = [];
  // Suspended fibers, in the order they suspended.
  readonly #suspended: Fiber[] = [];
  // A blocking built-in's call between its glue's `now` and its `wait` or `waitSync`.
  #pendingBlock: BlockedCall | null = null;
  // The first error of a fiber that failed, for the async loop to report.
  #failure: { readonly error: unknown } | null = null;

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
    let implicit = this.#implicit[instance];
    if (implicit === undefined) {
      implicit = new Task(instance, false, null, () => {});
      this.#implicit[instance] = implicit;
    }
    return implicit;
  }

  /** Whether a new task of `instance` must wait before it starts (backpressure, or busy). */
  mustWaitToStart(instance: RuntimeComponentInstanceIndex): boolean {
    return this.#isBusy(instance) || (this.#backpressure[instance] ?? 0) > 0;
  }

  // Whether code holding `instance`'s exclusive lock runs (or is suspended) in it now.
  #isBusy(instance: RuntimeComponentInstanceIndex): boolean {
    return (this.#busy[instance] ?? 0) > 0;
  }

  #addBusy(instance: RuntimeComponentInstanceIndex, delta: 1 | -1): void {
    this.#busy[instance] = (this.#busy[instance] ?? 0) + delta;
  }

  /** `backpressure.inc`/`dec`: changes `instance`'s counter by `delta`. */
  adjustBackpressure(instance: RuntimeComponentInstanceIndex, delta: 1 | -1): void {
    const next = (this.#backpressure[instance] ?? 0) + delta;
    if (next < 0) asyncTrap('backpressure counter underflow');
    if (next > 0xffff) asyncTrap('backpressure counter overflow');
    this.#backpressure[instance] = next;
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
    if (stackless) this.#addBusy(task.instance, 1);
    this.#running.push(task);
    this.#runningThreads.push(thread);
    try {
      return code();
    } finally {
      this.#running.pop();
      this.#runningThreads.pop();
      if (stackless) this.#addBusy(task.instance, -1);
    }
  }

  /**
   * Starts stackless `task`: runs `entry` (the lowered arguments' call of its core function)
   * and acts on the code it returns.
   */
  startStackless(task: Task, entry: () => number): void {
    this.#onCode(task, this.enter(task, entry));
  }

  /**
   * Starts stackless `task` on a fiber: `run` (its core function's entry glue) with the lowered
   * arguments `flat`, then acts on the code it returns.
   */
  startStacklessOnFiber(task: Task, run: (...flat: unknown[]) => Promise<unknown>, flat: readonly unknown[]): void {
    this.runOnFiber(task, null, run, flat, (packed) => this.#onCode(task, packed as number));
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
    const fiberStart = thread.fiberStart;
    if (fiberStart !== null && this.threadFibersActive) {
      // On a fiber of its own, it may suspend (keeping its stack) and go on later.
      thread.started = true;
      const [run, flat] = fiberStart();
      this.runOnFiber(thread.task, thread, run, flat, () => this.#threadDone(thread), false);
      return;
    }
    this.enter(thread.task, start, thread);
    this.#threadDone(thread);
  }

  #threadDone(thread: Thread): void {
    thread.state = 'done';
    this.table(thread.task.instance).removeEntry(thread.index);
  }

  /**
   * Blocks running thread `self` (left suspended, or ready after a yield) until it is made
   * ready, through blocking glue: records the blocked call (see `block`) unless it may go on at
   * once and `force` is false; `force` lets the threads made ready first run before it. On the
   * JS stack, `waitSync` decides instead. Returns undefined when recorded, else 0.
   */
  blockThread(self: Thread, waitSync: () => unknown, force: boolean): number | undefined {
    const ready = (): boolean => self.state !== 'suspended';
    const finish = (): number => {
      self.state = 'running';
      return 0;
    };
    if (!force && ready()) return finish();
    this.#pendingBlock = { ready, finish, waitSync, yielding: self.state === 'ready' };
    return undefined;
  }

  /**
   * Switches from running `self` to new thread `other`, which runs to its end above it; `self`
   * is left ready (a yield) or suspended meanwhile. Returns false when `self` is still suspended
   * afterwards and cannot be made ready without stack switching.
   */
  switchToNew(self: Thread, other: Thread, yielding: boolean): boolean {
    this.runSwitchedTo(self, other, yielding);
    if (self.state === 'suspended' && !this.runUntilReady(self)) return false;
    self.state = 'running';
    return true;
  }

  /**
   * Runs new thread `other` above running thread `self`, which is left ready (a yield) or
   * suspended meanwhile; returns when `other` ended or (on a fiber) suspended.
   */
  runSwitchedTo(self: Thread, other: Thread, yielding: boolean): void {
    self.state = yielding ? 'ready' : 'suspended';
    this.#switchedFrom.push(self);
    try {
      this.runThread(other);
    } finally {
      this.#switchedFrom.pop();
    }
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
    const implicit = this.#implicit[instance];
    if (implicit !== undefined) this.releaseThread(implicit);
  }

  /**
   * Resumes one parked task that can go on: starts a waiting one, or calls a parked stackless
   * task's callback with its event. Returns false when none can.
   */
  step(): boolean {
    for (const thread of this.#readyThreads) {
      if (this.#isBusy(thread.task.instance)) continue;
      this.#lastWasYield = false;
      this.runThread(thread);
      return true;
    }
    for (let i = 0; i < this.#parked.length; i++) {
      const task = this.#parked[i] as Task;
      if (this.#isBusy(task.instance)) continue;
      const start = task.pendingStart;
      if (start !== null) {
        if ((this.#backpressure[task.instance] ?? 0) > 0) continue;
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
      this.#callCallback(task, event);
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
    task.deliverPendingCancel(true);
    this.#callCallback(task, { code: EventCode.TASK_CANCELLED, index: 0, payload: 0 });
  }

  // Calls parked stackless `task`'s callback with `event` (on a fiber when tasks run on fibers)
  // and acts on the code it returns.
  #callCallback(task: Task, event: AsyncEvent): void {
    const entry = task.callbackEntry;
    if (entry !== null && this.fibersActive) {
      this.runOnFiber(task, null, entry, [event.code, event.index, event.payload], (packed) => this.#onCode(task, packed as number));
      return;
    }
    const callback = task.callback;
    if (callback === null) return asyncTrap('internal error: a parked task without a callback');
    this.#onCode(task, this.enter(task, () => callback(event.code, event.index, event.payload)));
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
    if (at >= 0 && task.callback !== null && !this.#isBusy(task.instance)) {
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
   * (or, when `cancellable`, its caller cancels it), resuming other tasks meanwhile, and returns
   * `then` of the event. `deferred`: the call comes through blocking glue, which then suspends
   * its fiber (see `block`).
   * @throws Trap when the task may not block, or on deadlock
   */
  waitOn<R = AsyncEvent>(task: Task, set: WaitableSet, cancellable = false, deferred = false, then: (event: AsyncEvent) => R = (event) => event as R): R {
    task.checkMayBlock();
    const cancelled = (): boolean => cancellable && task.cancelPending;
    set.numWaiting++;
    const finish = (): R => {
      set.numWaiting--;
      if (task.deliverPendingCancel(cancellable)) return then({ code: EventCode.TASK_CANCELLED, index: 0, payload: 0 });
      return then(set.takePendingEvent());
    };
    try {
      return this.block(() => cancelled() || set.hasPendingEvent(), finish, deferred) as R;
    } catch (error) {
      set.numWaiting--;
      throw error;
    }
  }

  /**
   * Blocks the running code until `ready()` holds and returns `finish()`. On the JS stack
   * (`deferred` false) other tasks run meanwhile; `deferred` (a call through blocking glue) only
   * records the blocked call when it cannot go on at once, for the glue's `wait` (which suspends
   * the fiber) or `waitSync` (which blocks on the JS stack), and returns undefined.
   * @throws Trap on deadlock, or whatever `finish` throws
   */
  block(ready: () => boolean, finish: () => unknown, deferred: boolean): unknown {
    if (ready()) return finish();
    if (deferred) {
      this.#pendingBlock = { ready, finish };
      return undefined;
    }
    this.runUntil(ready);
    return finish();
  }

  /**
   * `thread.yield` from running code: lets one other parked task go on and returns `finish()`.
   * `deferred` (a call through blocking glue) records a yield instead, which suspends the
   * caller's fiber until the others had their turn.
   */
  yieldNow(finish: () => number, deferred: boolean): number | undefined {
    if (deferred) {
      this.#pendingBlock = { ready: () => true, finish, yielding: true };
      return undefined;
    }
    this.step();
    return finish();
  }

  /** Whether a blocking glue's `now` left a blocked call (see `block`). */
  takeBlocked(): boolean {
    return this.#pendingBlock !== null;
  }

  /**
   * The blocking glue's `waitSync`: the recorded blocked call, on the JS stack.
   * @throws Trap on deadlock, or whatever the call's `finish` throws
   */
  blockPendingSync(): unknown {
    const blocked = this.#takePendingBlock();
    if (blocked.waitSync !== undefined) return blocked.waitSync();
    this.runUntil(blocked.ready);
    return blocked.finish();
  }

  #takePendingBlock(): BlockedCall {
    const blocked = this.#pendingBlock;
    if (blocked === null) return asyncTrap('internal error: no blocked call to wait for');
    this.#pendingBlock = null;
    return blocked;
  }

  /** The suspension glue of this scheduler's fibers, or null where the host lacks JSPI. */
  get glue(): FiberGlue | null {
    if (this.jspi === null) return null;
    return (this.#glue ??= new FiberGlue(this, this.jspi));
  }

  /** Whether tasks run on fibers now: the host has JSPI and an async host call is in progress. */
  get fibersActive(): boolean {
    return this.jspi !== null && this.#asyncCalls > 0;
  }

  /**
   * Whether new threads run on fibers now: the host has JSPI and an async host call (of a task
   * or of a sync export) is in progress.
   */
  get threadFibersActive(): boolean {
    return this.jspi !== null && this.#asyncCalls + this.#threadCalls > 0;
  }

  /** Whether `thread` switched to the running thread and waits below it on the JS stack. */
  isSwitchedFrom(thread: Thread): boolean {
    return this.#switchedFrom.includes(thread);
  }

  /**
   * Runs `run` (a core function's `promising` entry glue) with `flat` on a new fiber of `task`
   * (or of new thread `thread`) and, once it returned, `onReturn` with its result: at once when
   * it returned without suspending, else from the async loop after it was resumed. `exclusive`:
   * it holds its instance's exclusive lock (sync and stackless code does).
   * @throws FiberFailure when it failed before it suspended (the async loop reports its error)
   */
  runOnFiber(task: Task, thread: Thread | null, run: (...flat: unknown[]) => Promise<unknown>, flat: readonly unknown[], onReturn: (value: unknown) => void, exclusive = task.callback !== null || !task.asyncLift): void {
    const fiber = new Fiber(task, thread, exclusive, onReturn);
    if (exclusive) this.#hold(fiber);
    this.#running.push(task);
    this.#runningThreads.push(thread);
    this.#fibers.push(fiber);
    let promise: Promise<unknown>;
    try {
      promise = run(...flat);
    } finally {
      this.#fibers.pop();
      this.#running.pop();
      this.#runningThreads.pop();
    }
    promise.then(undefined, (error: unknown) => this.#fiberFailed(fiber, error));
    if (fiber.state === 'returned') return this.#fiberReturned(fiber);
    if (fiber.state === 'suspended') return;
    // It threw before it suspended: its Promise tells the error later.
    this.#unhold(fiber);
    throw new FiberFailure();
  }

  /** The entry glue's `done` import: the innermost fiber's core function returned `value`. */
  fiberDone(value: unknown): void {
    const fiber = this.#fibers[this.#fibers.length - 1];
    if (fiber === undefined) return asyncTrap('internal error: a fiber returned outside any fiber');
    fiber.state = 'returned';
    fiber.outcome = value;
    fiber.settled?.();
  }

  /**
   * The blocking glue's `wait` (a Suspending import): suspends the innermost fiber on the call
   * its `now` recorded; the Promise resolves with the call's result when the async loop resumes it.
   */
  suspendFiber(): Promise<unknown> {
    const blocked = this.#takePendingBlock();
    const fiber = this.#fibers[this.#fibers.length - 1];
    if (fiber === undefined) return asyncTrap('internal error: suspending outside any fiber');
    fiber.state = 'suspended';
    fiber.blocked = blocked;
    // A task that already returned its result lets other tasks of its instance start while it
    // is suspended (as wasmtime does); one that did not keeps the instance until it returns.
    if (fiber.task.resolved) this.#unhold(fiber);
    this.#suspended.push(fiber);
    const resumed = new Promise<unknown>((resolve) => {
      fiber.resume = resolve;
    });
    fiber.settled?.();
    return resumed;
  }

  #fiberReturned(fiber: Fiber): void {
    this.#unhold(fiber);
    fiber.onReturn(fiber.outcome);
  }

  // Takes `fiber`'s instance's exclusive lock for it, when its code needs one.
  #hold(fiber: Fiber): void {
    if (!fiber.exclusive || fiber.holding) return;
    fiber.holding = true;
    this.#addBusy(fiber.task.instance, 1);
  }

  #unhold(fiber: Fiber): void {
    if (!fiber.holding) return;
    fiber.holding = false;
    this.#addBusy(fiber.task.instance, -1);
  }

  #fiberFailed(fiber: Fiber, error: unknown): void {
    fiber.state = 'failed';
    fiber.outcome = error;
    if (this.#failure === null && !(error instanceof FiberFailure)) this.#failure = { error };
    fiber.settled?.();
  }

  // Resumes suspended `fiber` and waits until it suspends again, returns or fails.
  async #resume(fiber: Fiber): Promise<void> {
    this.#suspended.splice(this.#suspended.indexOf(fiber), 1);
    const blocked = fiber.blocked;
    const resume = fiber.resume;
    if (blocked === null || resume === null) return asyncTrap('internal error: resuming a fiber that is not suspended');
    fiber.blocked = null;
    fiber.resume = null;
    this.#hold(fiber);
    this.#running.push(fiber.task);
    this.#runningThreads.push(fiber.thread);
    this.#fibers.push(fiber);
    try {
      const value = blocked.finish();
      fiber.state = 'running';
      const settled = new Promise<void>((resolve) => {
        fiber.settled = resolve;
      });
      resume(value);
      await settled;
    } catch (error) {
      this.#unhold(fiber);
      throw error;
    } finally {
      fiber.settled = null;
      this.#fibers.pop();
      this.#running.pop();
      this.#runningThreads.pop();
    }
    // `resume` changed the state meanwhile.
    const state = fiber.state as FiberState;
    if (state === 'returned') this.#fiberReturned(fiber);
    else if (state === 'failed') throw fiber.outcome;
  }

  /**
   * Starts an async host call: until `endAsyncCall`, tasks (or, for a sync export, `tasks`
   * false, only new threads) run on fibers.
   * @throws TypeError where the host lacks JSPI, or while another async call is in progress
   */
  beginAsyncCall(tasks = true): void {
    if (this.jspi === null) throw new TypeError('async calls need JSPI (`WebAssembly.Suspending` and `WebAssembly.promising`), which this host lacks');
    // Two async loops interleaving at their awaits would resume each other's fibers.
    if (this.#asyncCalls + this.#threadCalls > 0) throw new TypeError('an async call into this component instance is already in progress');
    if (tasks) this.#asyncCalls++;
    else this.#threadCalls++;
  }

  /** Ends an async host call (see `beginAsyncCall`; `tasks` as there). */
  endAsyncCall(tasks = true): void {
    if (tasks) this.#asyncCalls--;
    else this.#threadCalls--;
  }

  /**
   * Runs parked tasks and resumes suspended fibers until `done()` holds: the async host call's
   * loop. A failed fiber fails it with that fiber's error.
   * @throws Trap "deadlock detected: event loop cannot make further progress" when nothing can go on first
   */
  async runUntilAsync(done: () => boolean): Promise<void> {
    let yields = 0;
    while (!done()) {
      if (this.#failure !== null) throw this.#failure.error;
      if (this.step()) {
        if (this.#lastWasYield && ++yields > MAX_YIELDS_IN_A_ROW) asyncTrap('deadlock detected: event loop cannot make further progress');
        if (!this.#lastWasYield) yields = 0;
        continue;
      }
      const fiber = this.#suspended.find((f) => f.blocked?.ready() === true);
      if (fiber === undefined) asyncTrap('deadlock detected: event loop cannot make further progress');
      if (fiber.blocked?.yielding !== true) yields = 0;
      else if (++yields > MAX_YIELDS_IN_A_ROW) asyncTrap('deadlock detected: event loop cannot make further progress');
      await this.#resume(fiber);
    }
  }

  /**
   * Runs parked tasks and resumes suspended fibers while any can go on, stopping at a task that
   * only yields (see `drain`).
   */
  async drainAsync(): Promise<void> {
    for (;;) {
      if (this.#failure !== null) throw this.#failure.error;
      if (this.step()) {
        if (this.#lastWasYield) return;
        continue;
      }
      // A fiber that only yields would keep the host busy forever (as in `drain`).
      const fiber = this.#suspended.find((f) => f.blocked?.ready() === true && f.blocked.yielding !== true);
      if (fiber === undefined) return;
      await this.#resume(fiber);
    }
  }

  /**
   * The error an async host call that threw `error` fails with: a FiberFailure stands for the
   * error its fiber's Promise rejects with, known once pending reactions ran. The fibers left
   * suspended are abandoned: nothing resumes them (the instance they trapped in stays
   * unenterable), and the scheduler is left ready for other calls.
   */
  async asyncCallFailed(error: unknown): Promise<unknown> {
    if (error instanceof FiberFailure) await Promise.resolve();
    const failure = this.#failure?.error ?? error;
    this.#failure = null;
    this.#pendingBlock = null;
    for (const fiber of this.#suspended.splice(0)) this.#unhold(fiber);
    return failure;
  }
}
