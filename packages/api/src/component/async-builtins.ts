// The async ABI's built-ins as core functions (CanonicalABI.md `canon task.return`,
// `context.get/set`, `backpressure.*`, `thread.yield`, `waitable-set.*`, `waitable.join`,
// `subtask.drop`, `task.cancel`, `subtask.cancel`; streams, futures and error contexts in their
// own files), acting on the task that calls them and its instance's handle table.

import { unreachable, type ComponentInfo, type Trampoline } from '@tswasm/environ';
import type { TrampolineCache } from '@tswasm/jit';
import { asyncTrap, BLOCKED, EventCode, Subtask, SubtaskState, Waitable, WaitableSet, type AsyncEvent, type ComponentInstanceState } from '@tswasm/runtime';
import { asyncEnv } from './async-env.js';
import { addAsyncHandles } from './async-handles.js';
import { blockingBuiltin } from './blocking-builtin.js';
import { abiOptions } from './canonical-trampolines.js';
import { storeI32Pair } from './store-i32-pair.js';
import { ERROR_CONTEXT_BUILTINS, errorContextBuiltin } from './error-context-builtins.js';
import { STREAM_BUILTINS, streamBuiltin } from './stream-builtins.js';
import { THREAD_BUILTINS, threadBuiltin } from './thread-builtins.js';

/** The built-ins this version runs; the others refuse to instantiate. */
export const ASYNC_BUILTINS: ReadonlySet<string> = new Set([
  'task.return',
  'context.get',
  'context.set',
  'backpressure.set',
  'backpressure.inc',
  'backpressure.dec',
  'thread.yield',
  'waitable-set.new',
  'waitable-set.wait',
  'waitable-set.poll',
  'waitable-set.drop',
  'waitable.join',
  'subtask.drop',
  'task.cancel',
  'subtask.cancel',
  ...STREAM_BUILTINS,
  ...ERROR_CONTEXT_BUILTINS,
  ...THREAD_BUILTINS,
]);

type BuiltinTrampoline = Extract<Trampoline, { kind: 'Builtin' }>;

function waitableSet(state: ComponentInstanceState, trampoline: BuiltinTrampoline, index: number): WaitableSet {
  const entry = state.scheduler.table(trampoline.instance).getEntry(index);
  if (!(entry instanceof WaitableSet)) asyncTrap(`handle index ${index} used with the wrong type, expected waitable set but found ${entry.what}`);
  return entry;
}

// Writes an event's payload words at `ptr` in the built-in's memory and returns its code.
function deliver(state: ComponentInstanceState, trampoline: BuiltinTrampoline, event: AsyncEvent, ptr: number): number {
  const index = trampoline.memory;
  if (index === null) return unreachable('waitable-set.wait and poll have a memory');
  storeI32Pair(state.memories.get(index).buffer, ptr, event.index, event.payload);
  return event.code;
}

/** The core function of async built-in `trampoline`. */
export function asyncBuiltin(cache: TrampolineCache, info: ComponentInfo, state: ComponentInstanceState, trampoline: BuiltinTrampoline): Function {
  const scheduler = state.scheduler;
  const instance = trampoline.instance;
  const table = (): ReturnType<typeof scheduler.table> => scheduler.table(instance);
  switch (trampoline.builtin) {
    case 'task.return': {
      const options = trampoline.options;
      if (options === null) return unreachable('task.return has options');
      const result = trampoline.result;
      const type = { kind: 'func' as const, async: false, params: result === null ? [] : [{ name: 'result', type: result }], result: null };
      const { trampoline: generated, factory } = cache.canonicalTrampoline('lowered-import', info.types, type, abiOptions(options));
      const env = asyncEnv(state, options);
      // Results hold only own handles, which need no call scope.
      addAsyncHandles(env, info, state, instance, generated.resources, { scope: null });
      env.callee = (value: unknown) => scheduler.current(instance).resolve(value);
      const lifted = factory(env);
      return (...flat: unknown[]): void => {
        state.checkMayLeave(instance);
        lifted(...flat);
      };
    }
    case 'context.get': {
      const slot = trampoline.slot;
      return (): number => scheduler.current(instance).context[slot] ?? 0;
    }
    case 'context.set': {
      const slot = trampoline.slot;
      return (value: number): void => {
        scheduler.current(instance).context[slot] = value >>> 0;
      };
    }
    case 'backpressure.inc':
      return (): void => scheduler.adjustBackpressure(instance, 1);
    case 'backpressure.dec':
      return (): void => scheduler.adjustBackpressure(instance, -1);
    case 'backpressure.set':
      return (on: number): void => {
        // The older form: a flag rather than a counter, kept as 0 or 1.
        const wanted = on !== 0;
        if (wanted !== scheduler.mustWaitToStart(instance)) scheduler.adjustBackpressure(instance, wanted ? 1 : -1);
      };
    case 'thread.yield': {
      const cancellable = trampoline.flag;
      // Where the host has JSPI, a yield suspends the caller's fiber while the others run.
      const glue = scheduler.glue;
      const yieldNow = (): number | undefined => {
        state.checkMayLeave(instance);
        // A task that may not block returns at once; others let one parked task run, unless a
        // cancellable yield hears of a pending cancellation first (SuspendResult.CANCELLED).
        const task = scheduler.current(instance);
        if (!task.mayBlock()) return 0;
        if (task.deliverPendingCancel(cancellable)) return 1;
        // A cancellation requested while the task yielded is heard when it goes on.
        return scheduler.yieldNow(() => (task.deliverPendingCancel(cancellable) ? 1 : 0), glue !== null);
      };
      return blockingBuiltin(glue, 0, yieldNow);
    }
    case 'waitable-set.new':
      return (): number => {
        state.checkMayLeave(instance);
        return table().addEntry(new WaitableSet());
      };
    case 'waitable-set.wait': {
      // Where the host has JSPI, a wait that blocks suspends the caller's fiber.
      const glue = scheduler.glue;
      const wait = (si: number, ptr: number): number => {
        state.checkMayLeave(instance);
        const set = waitableSet(state, trampoline, si >>> 0);
        return scheduler.waitOn(scheduler.current(instance), set, trampoline.flag, glue !== null, (event) => deliver(state, trampoline, event, ptr));
      };
      return blockingBuiltin(glue, 2, wait);
    }
    case 'waitable-set.poll':
      return (si: number, ptr: number): number => {
        state.checkMayLeave(instance);
        const set = waitableSet(state, trampoline, si >>> 0);
        const event = set.hasPendingEvent() ? set.takePendingEvent() : { code: EventCode.NONE, index: 0, payload: 0 };
        return deliver(state, trampoline, event, ptr);
      };
    case 'waitable-set.drop':
      return (si: number): void => {
        state.checkMayLeave(instance);
        waitableSet(state, trampoline, si >>> 0).drop();
        table().removeEntry(si >>> 0);
      };
    case 'waitable.join':
      return (wi: number, si: number): void => {
        state.checkMayLeave(instance);
        const waitable = table().getEntry(wi >>> 0);
        if (!(waitable instanceof Waitable)) asyncTrap(`handle index ${wi >>> 0} used with the wrong type, expected waitable but found ${waitable.what}`);
        waitable.join(si === 0 ? null : waitableSet(state, trampoline, si >>> 0));
      };
    case 'subtask.drop':
      return (index: number): void => {
        state.checkMayLeave(instance);
        const subtask = table().getEntry(index >>> 0);
        if (!(subtask instanceof Subtask)) asyncTrap(`handle index ${index >>> 0} used with the wrong type, expected subtask but found ${subtask.what}`);
        subtask.checkDrop();
        subtask.dropWaitable();
        table().removeEntry(index >>> 0);
      };
    case 'task.cancel':
      return (): void => {
        state.checkMayLeave(instance);
        scheduler.current(instance).cancel();
      };
    case 'subtask.cancel': {
      const async = trampoline.flag;
      return (i: number): number => {
        state.checkMayLeave(instance);
        if (!async) scheduler.current(instance).checkMayBlock();
        const index = i >>> 0;
        const subtask = table().getEntry(index);
        if (!(subtask instanceof Subtask)) return asyncTrap(`handle index ${index} used with the wrong type, expected subtask but found ${subtask.what}`);
        if (subtask.resolveDelivered) asyncTrap('`subtask.cancel` called after terminal status delivered');
        if (subtask.cancellationRequested) asyncTrap('`subtask.cancel` called more than once');
        if (!subtask.resolved()) {
          subtask.cancellationRequested = true;
          const task = subtask.task;
          if (task !== null && !scheduler.requestCancellation(task)) {
            task.exited = true;
            subtask.progress(SubtaskState.CANCELLED_BEFORE_STARTED);
          }
          if (!subtask.resolved()) {
            if (async) return BLOCKED;
            scheduler.runUntil(() => subtask.resolved());
          }
        }
        subtask.takePendingEvent();
        return subtask.state;
      };
    }
    default:
      if (STREAM_BUILTINS.has(trampoline.builtin)) return streamBuiltin(cache, info, state, trampoline);
      if (ERROR_CONTEXT_BUILTINS.has(trampoline.builtin)) return errorContextBuiltin(state, trampoline);
      if (THREAD_BUILTINS.has(trampoline.builtin)) return threadBuiltin(state, trampoline);
      return unreachable(`the \`${trampoline.builtin}\` built-in is rejected before instantiation`);
  }
}
