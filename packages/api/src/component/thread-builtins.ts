// The threading built-ins as core functions (CanonicalABI.md `canon thread.index`,
// `thread.suspend`, `thread.resume-later`, `thread.yield-to`, `thread.switch-to`; `thread.yield`
// is with the task built-ins). tswasm runs each task's core code on its caller's JS stack and
// cannot switch stacks, so its threads are only the tasks' implicit threads, which are never
// suspended: what the spec checks first (may-leave, may-block, the handle's type, whether the
// named thread is suspended) runs as specified, and a built-in that would then have to suspend
// the running thread traps, naming the missing stack switching.

import { unreachable, type Trampoline } from '@tswasm/environ';
import { asyncTrap, cannotSwitchStacks, Thread, Trap, type ComponentInstanceState, type Task } from '@tswasm/runtime';

type BuiltinTrampoline = Extract<Trampoline, { kind: 'Builtin' }>;

/** The threading built-ins this version accepts (besides `thread.yield`). */
export const THREAD_BUILTINS: ReadonlySet<string> = new Set([
  'thread.index',
  'thread.new-indirect',
  'thread.suspend',
  'thread.resume-later',
  'thread.yield-to',
  'thread.yield-then-resume',
  'thread.switch-to',
  'thread.suspend-then-resume',
]);

// CanonicalABI.md `SuspendResult.CANCELLED`.
const CANCELLED = 1;

function checkMayLeave(state: ComponentInstanceState, trampoline: BuiltinTrampoline): void {
  if (!state.mayLeave(trampoline.instance)) throw new Trap('CannotLeaveComponent');
}

// CanonicalABI.md `Task.deliver_pending_cancel`: a cancellable suspension of a task whose caller
// asked to cancel it returns CANCELLED at once, before any suspending.
function deliverPendingCancel(task: Task, cancellable: boolean): boolean {
  if (!cancellable || !task.cancelPending) return false;
  task.cancelPending = false;
  task.cancelDelivered = true;
  return true;
}

// The thread at handle `index`, which the spec requires to be suspended.
function suspendedThread(state: ComponentInstanceState, trampoline: BuiltinTrampoline, index: number): Thread {
  const entry = state.scheduler.table(trampoline.instance).getEntry(index);
  if (!(entry instanceof Thread)) return asyncTrap(`handle index ${index} used with the wrong type, expected thread but found ${entry.what}`);
  if (!entry.suspended()) return asyncTrap(`thread ${index} is not suspended`);
  return entry;
}

/**
 * The core function of threading built-in `trampoline`.
 */
export function threadBuiltin(state: ComponentInstanceState, trampoline: BuiltinTrampoline): Function {
  const scheduler = state.scheduler;
  const instance = trampoline.instance;
  const name = trampoline.builtin;
  const cancellable = trampoline.flag;
  switch (name) {
    case 'thread.index':
      return (): number => {
        checkMayLeave(state, trampoline);
        return scheduler.thread(scheduler.current(instance)).index;
      };
    case 'thread.new-indirect':
      return (): number => {
        checkMayLeave(state, trampoline);
        return asyncTrap('`thread.new-indirect` needs a thread with its own core stack, and tswasm cannot switch stacks yet');
      };
    case 'thread.suspend':
      return (): number => {
        checkMayLeave(state, trampoline);
        const task = scheduler.current(instance);
        if (!task.mayBlock()) asyncTrap('cannot block a synchronous task before returning');
        if (deliverPendingCancel(task, cancellable)) return CANCELLED;
        return cannotSwitchStacks(name);
      };
    case 'thread.resume-later':
      return (index: number): void => {
        checkMayLeave(state, trampoline);
        // No thread is ever suspended here, so the spec's check traps before a resumption.
        suspendedThread(state, trampoline, index >>> 0);
        cannotSwitchStacks(name);
      };
    case 'thread.yield-to':
    case 'thread.yield-then-resume':
    case 'thread.switch-to':
    case 'thread.suspend-then-resume':
      return (index: number): number => {
        checkMayLeave(state, trampoline);
        suspendedThread(state, trampoline, index >>> 0);
        if (deliverPendingCancel(scheduler.current(instance), cancellable)) return CANCELLED;
        return cannotSwitchStacks(name);
      };
    default:
      return unreachable(`\`${name}\` is not a threading built-in`);
  }
}
