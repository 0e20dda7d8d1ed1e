// CanonicalABI.md's `Thread` as far as tswasm runs it without stack switching: each task has an
// implicit thread, and a thread lives in its instance's handle table beside waitables (the
// spec's `thread.index`). tswasm runs a task's core code on the JS stack of whoever called it,
// so a running thread can never be suspended; the thread built-ins that would suspend one trap
// with `cannotSwitchStacks` at the moment they would need to.

import { asyncTrap } from './async-trap.js';
import type { Task } from './task.js';
import { AsyncTableEntry } from './waitable.js';

/** One thread of a task, as a handle-table entry. */
export class Thread extends AsyncTableEntry {
  readonly what = 'thread';
  /** The task the thread belongs to. */
  readonly task: Task;
  /** Its index in the task's instance's handle table; 0 until it is added. */
  index = 0;

  constructor(task: Task) {
    super();
    this.task = task;
  }

  /**
   * CanonicalABI.md `Thread.suspended`: not running and not waiting to be resumed. A thread
   * tswasm runs is always on the JS stack until its task ends, so none is ever suspended.
   */
  suspended(): boolean {
    return false;
  }
}

/**
 * Traps because `what` would have to suspend the running thread's core stack and resume it
 * later, which tswasm cannot do yet.
 * @throws Trap naming `what`
 */
export function cannotSwitchStacks(what: string): never {
  return asyncTrap(`\`${what}\` would suspend the running thread, and tswasm cannot switch stacks yet`);
}
