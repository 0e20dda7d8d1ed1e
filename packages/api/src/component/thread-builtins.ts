// The threading built-ins as core functions (CanonicalABI.md `canon thread.index`,
// `thread.new-indirect`, `thread.suspend`, `thread.resume-later`, `thread.suspend-then-resume`,
// `thread.yield-then-resume`, `thread.suspend-then-promote`, `thread.yield-then-promote`;
// `thread.yield` is with the task built-ins). On the JS stack alone, a thread switched to must
// be a new one, which then runs to its end nested on the JS stack (see runtime's `thread.ts`);
// during an async host call where the host has JSPI, new threads run on fibers instead, so a
// thread may suspend and be resumed later by the async loop. Each built-in runs the spec's
// checks (may-leave, may-block, the handle's type, whether the named thread is suspended) as
// specified, and traps naming the missing stack switching only when it would need to keep aside
// a stack that is not a fiber's.

import { I32, unreachable, type CoreDef, type Trampoline } from '@tswasm/environ';
import { asyncTrap, cannotSwitchStacks, Thread, Trap, type ComponentInstanceState } from '@tswasm/runtime';
import { blockingBuiltin } from './blocking-builtin.js';

type BuiltinTrampoline = Extract<Trampoline, { kind: 'Builtin' }>;

/** The threading built-ins this version runs (besides `thread.yield`). */
export const THREAD_BUILTINS: ReadonlySet<string> = new Set([
  'thread.index',
  'thread.new-indirect',
  'thread.suspend',
  'thread.resume-later',
  'thread.suspend-then-resume',
  'thread.yield-then-resume',
  'thread.suspend-then-promote',
  'thread.yield-then-promote',
]);

// CanonicalABI.md `SuspendResult`.
const NOT_CANCELLED = 0;
const CANCELLED = 1;

// A module whose `call(arg)` calls its table's element 0 as `(func (param i32))` through
// `call_indirect`, so a thread's start function gets core wasm's own signature check.
const START_CALLER = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x01, 0x7f, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
  0x07, 0x0c, 0x02, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00, 0x00, 0x01, 0x74, 0x01, 0x00,
  0x0a, 0x0b, 0x01, 0x09, 0x00, 0x20, 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b,
);

// The thread at handle `index`.
function threadAt(state: ComponentInstanceState, trampoline: BuiltinTrampoline, index: number): Thread {
  const entry = state.scheduler.table(trampoline.instance).getEntry(index);
  if (!(entry instanceof Thread)) return asyncTrap(`handle index ${index} used with the wrong type, expected thread but found ${entry.what}`);
  return entry;
}

// The thread at handle `index`, which the spec requires to be suspended.
function suspendedThread(state: ComponentInstanceState, trampoline: BuiltinTrampoline, index: number): Thread {
  const thread = threadAt(state, trampoline, index);
  if (!thread.suspended()) return asyncTrap(`thread ${index} is not suspended`);
  return thread;
}

// `thread.new-indirect`'s function table, looked up when first used: the core instance that
// exports it may be made after the built-in.
function functionTable(state: ComponentInstanceState, def: CoreDef | null): WebAssembly.Table {
  if (def === null || def.kind !== 'Export') return unreachable('thread.new-indirect names an exported table');
  const table = (state.coreInstances.get(def.instance).exports as Record<string, unknown>)[def.name];
  if (!(table instanceof WebAssembly.Table)) return unreachable(`export \`${def.name}\` is not a table`);
  return table;
}

/**
 * The core function of threading built-in `trampoline`.
 */
export function threadBuiltin(state: ComponentInstanceState, trampoline: BuiltinTrampoline): Function {
  const scheduler = state.scheduler;
  const instance = trampoline.instance;
  const name = trampoline.builtin;
  const cancellable = trampoline.flag;
  // The `yield` forms leave the calling thread ready to go on; the `suspend` forms leave it
  // suspended until something resumes it.
  const yielding = name === 'thread.yield-then-resume' || name === 'thread.yield-then-promote';
  // CanonicalABI.md `Thread.suspend`: another task or new thread must make this one ready.
  // Where the host has JSPI, the built-ins that may suspend go through blocking glue; during an
  // async host call new threads run on fibers, and a thread that must wait suspends its fiber
  // (when it is on one).
  const glue = scheduler.glue;
  // Blocks `self` until something makes it ready, on the JS stack as without JSPI when its
  // code is not on a fiber.
  const waitOnStack = (self: Thread) => (): number => {
    if (!scheduler.runUntilReady(self)) cannotSwitchStacks(name);
    return NOT_CANCELLED;
  };
  const suspend = (): number | undefined => {
    const task = scheduler.current(instance);
    task.checkMayBlock();
    if (task.deliverPendingCancel(cancellable)) return CANCELLED;
    const self = scheduler.currentThread(instance);
    self.state = 'suspended';
    if (scheduler.threadFibersActive) return scheduler.blockThread(self, waitOnStack(self), false);
    if (!scheduler.runUntilReady(self)) cannotSwitchStacks(name);
    return NOT_CANCELLED;
  };
  // A switch to `other`: without JSPI only a new thread can run on top of the calling one (a
  // started one is below it on the JS stack), and the calling one goes on once that ends and it
  // is ready. With JSPI, a started thread is on a fiber: it is made ready and the calling one
  // suspends, so that the async loop resumes that one first.
  const switchTo = (other: Thread): number | undefined => {
    const self = scheduler.currentThread(instance);
    if (scheduler.threadFibersActive) {
      if (other.unstarted()) {
        scheduler.runSwitchedTo(self, other, yielding);
        return scheduler.blockThread(self, waitOnStack(self), false);
      }
      // Only a thread on a fiber, or one below on the JS stack (which goes on when this one's
      // fiber suspends), can be switched to.
      if (!other.started && !scheduler.isSwitchedFrom(other)) return cannotSwitchStacks(name);
      other.state = 'ready';
      self.state = yielding ? 'ready' : 'suspended';
      return scheduler.blockThread(self, () => cannotSwitchStacks(name), true);
    }
    if (!other.unstarted()) return cannotSwitchStacks(name);
    if (!scheduler.switchToNew(self, other, yielding)) return cannotSwitchStacks(name);
    return NOT_CANCELLED;
  };
  switch (name) {
    case 'thread.index':
      return (): number => {
        state.checkMayLeave(instance);
        return scheduler.currentThread(instance).index;
      };
    case 'thread.new-indirect': {
      let caller: { readonly call: (arg: number) => void; readonly table: WebAssembly.Table } | null = null;
      // The fiber entry of `call`, where the host has JSPI.
      let entry: ((...flat: unknown[]) => Promise<unknown>) | null = null;
      return (fi: number, c: number): number => {
        state.checkMayLeave(instance);
        const table = functionTable(state, trampoline.table);
        const index = fi >>> 0;
        if (index >= table.length) throw new Trap('TableOutOfBounds');
        const f: unknown = table.get(index);
        if (f === null) throw new Trap('IndirectCallToNull');
        if (caller === null) {
          const exports = new WebAssembly.Instance(new WebAssembly.Module(START_CALLER)).exports;
          caller = { call: exports.call as (arg: number) => void, table: exports.t as WebAssembly.Table };
        }
        const { call, table: own } = caller;
        // The signature is checked by `call_indirect` when the thread starts, not here: core
        // wasm gives JS no other way to read a function's type.
        const thread = new Thread(scheduler.current(instance), () => {
          own.set(0, f as Function);
          call(c);
        });
        if (glue !== null) {
          const run = (entry ??= glue.entry(call, { kind: 'func', params: [I32], results: [] }));
          thread.fiberStart = () => {
            own.set(0, f as Function);
            return [run, [c]];
          };
        }
        thread.index = scheduler.table(instance).addEntry(thread);
        return thread.index;
      };
    }
    case 'thread.suspend':
      return blockingBuiltin(glue, 0, () => {
        state.checkMayLeave(instance);
        return suspend();
      });
    case 'thread.resume-later':
      return (index: number): void => {
        state.checkMayLeave(instance);
        const other = suspendedThread(state, trampoline, index >>> 0);
        // A started thread suspended here is below the running one on the JS stack: it goes
        // on when the thread it switched to ends.
        if (other.unstarted()) scheduler.scheduleThread(other);
        else other.state = 'ready';
      };
    case 'thread.suspend-then-resume':
    case 'thread.yield-then-resume':
      return blockingBuiltin(glue, 1, (index: number) => {
        state.checkMayLeave(instance);
        const other = suspendedThread(state, trampoline, index >>> 0);
        if (scheduler.current(instance).deliverPendingCancel(cancellable)) return CANCELLED;
        return switchTo(other);
      });
    case 'thread.suspend-then-promote':
    case 'thread.yield-then-promote':
      return blockingBuiltin(glue, 1, (index: number) => {
        state.checkMayLeave(instance);
        const entry = threadAt(state, trampoline, index >>> 0);
        // A thread waiting and ready to go on is switched to; otherwise this is a plain
        // suspend or yield.
        if (entry.state === 'ready') {
          if (scheduler.current(instance).deliverPendingCancel(cancellable)) return CANCELLED;
          // `switchTo` traps for a ready thread that started: it is below on the JS stack.
          return switchTo(entry);
        }
        if (yielding) {
          const task = scheduler.current(instance);
          if (!task.mayBlock()) return NOT_CANCELLED;
          if (task.deliverPendingCancel(cancellable)) return CANCELLED;
          scheduler.step();
          return NOT_CANCELLED;
        }
        return suspend();
      });
    default:
      return unreachable(`\`${name}\` is not a threading built-in`);
  }
}
