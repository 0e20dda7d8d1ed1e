// One suspendable stack (wasmtime's fiber), where the host has JSPI: a task's core function,
// callback or thread entered through `WebAssembly.promising`. When code on it blocks, the stack
// is suspended with what it waits for (`ready`) and what the blocking call then returns
// (`finish`); the scheduler's async loop resumes it once `ready()` holds.

import type { Task } from './task.js';
import type { Thread } from './thread.js';

/** Where a fiber is: running (on the JS stack), suspended, returned, or failed (it threw). */
export type FiberState = 'running' | 'suspended' | 'returned' | 'failed';

/** What a blocked call waits for and what it returns once that holds. */
export interface BlockedCall {
  /** Whether the call may go on. */
  readonly ready: () => boolean;
  /** The call's result, computed when it goes on (it may trap). */
  readonly finish: () => unknown;
  /** Whether it only yields: it can go on at once, but lets the others run first. */
  readonly yielding?: boolean;
  /** What blocking on the JS stack does instead of running tasks until `ready()` holds. */
  readonly waitSync?: () => unknown;
}

/** One suspendable stack of a task (or of one of its threads). */
export class Fiber {
  /** The task whose code runs on it. */
  readonly task: Task;
  /** The new thread it runs, or null for the task's implicit thread. */
  readonly thread: Thread | null;
  /** Whether it keeps its instance's exclusive lock while suspended (sync and stackless code). */
  readonly exclusive: boolean;
  /** What runs once the core function returned, with its result. */
  readonly onReturn: (value: unknown) => void;
  /** Whether it holds its instance's exclusive lock now (see `AsyncScheduler.suspendFiber`). */
  holding = false;
  state: FiberState = 'running';
  /** The core function's result once returned; the error once failed. */
  outcome: unknown = undefined;
  /** While suspended: the blocked call. */
  blocked: BlockedCall | null = null;
  /** While suspended: resolves the Suspending import's Promise, resuming the stack. */
  resume: ((value: unknown) => void) | null = null;
  /** While resumed by the async loop: tells it the fiber suspended again, returned or failed. */
  settled: (() => void) | null = null;

  constructor(task: Task, thread: Thread | null, exclusive: boolean, onReturn: (value: unknown) => void) {
    this.task = task;
    this.thread = thread;
    this.exclusive = exclusive;
    this.onReturn = onReturn;
  }
}

/**
 * Thrown through the frames above a fiber that failed before it first suspended: its error is
 * only known when its Promise rejects, and the async loop then reports that error instead.
 */
export class FiberFailure extends Error {
  constructor() {
    super('a task on a suspendable stack failed');
  }
}
