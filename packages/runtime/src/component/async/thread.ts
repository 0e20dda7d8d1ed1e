// CanonicalABI.md's `Thread` as far as tswasm runs it without stack switching (where the host
// has JSPI, a new thread runs on a fiber instead, and may be suspended and resumed later). Each task has an
// implicit thread, and `thread.new-indirect` adds threads that start suspended; a thread lives
// in its instance's handle table beside waitables (the spec's `thread.index`). tswasm runs core
// code on the JS stack of whoever called it, so a thread can be suspended only before it starts
// (a new thread) or while the thread it switched to runs nested above it; a new thread runs to
// its end when it is switched to or scheduled. What would need a thread's core stack kept aside
// while another thread goes on traps with `cannotSwitchStacks`, at the moment it is needed.

import { asyncTrap } from './async-trap.js';
import type { Task } from './task.js';
import { AsyncTableEntry } from './waitable.js';

/** Where a thread is in its life (CanonicalABI.md `Thread.running/suspended/pending`). */
export type ThreadState = 'running' | 'suspended' | 'ready' | 'done';

/** One thread of a task, as a handle-table entry. */
export class Thread extends AsyncTableEntry {
  readonly what = 'thread';
  /** The task the thread belongs to. */
  readonly task: Task;
  /** What a thread from `thread.new-indirect` runs; null for a task's implicit thread. */
  readonly start: (() => void) | null;
  /** Its index in the task's instance's handle table; 0 until it is added. */
  index = 0;
  /** A new thread is suspended until something resumes it; an implicit one runs. */
  state: ThreadState;
  /**
   * Where the host has JSPI: sets the thread's start function up and returns its fiber entry
   * and arguments, so that it runs on a fiber of its own (see `AsyncScheduler.runThread`).
   */
  fiberStart: (() => readonly [(...flat: unknown[]) => Promise<unknown>, readonly unknown[]]) | null = null;
  /** Whether it started on a fiber (then it may be suspended with its stack kept aside). */
  started = false;

  constructor(task: Task, start: (() => void) | null) {
    super();
    this.task = task;
    this.start = start;
    this.state = start === null ? 'running' : 'suspended';
  }

  /** CanonicalABI.md `Thread.suspended`: not running and not waiting to be resumed. */
  suspended(): boolean {
    return this.state === 'suspended';
  }

  /** Whether it is a new thread that never ran, which tswasm can run on the current JS stack. */
  unstarted(): boolean {
    return this.start !== null && !this.started && this.state !== 'running' && this.state !== 'done';
  }
}

/**
 * Traps because `what` would have to keep a thread's core stack aside while another thread goes
 * on, which tswasm cannot do yet.
 * @throws Trap naming `what`
 */
export function cannotSwitchStacks(what: string): never {
  return asyncTrap(`\`${what}\` would suspend a thread that is on the core stack, and tswasm cannot switch stacks yet`);
}
