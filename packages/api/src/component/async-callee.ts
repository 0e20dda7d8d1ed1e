// The callee side of a call under the async ABI (CanonicalABI.md `canon lift`, async or not,
// as the host or another component instance calls it with JS values): a `Task` that lowers the
// arguments into the callee, runs its core function (and, for a stackless lift, its callback
// with events until EXIT, through the scheduler), and hands the result to `onResolve`. Values
// cross as JS values through the per-signature trampolines; the fused, memory-to-memory path is
// for synchronous calls only.

import type { CanonicalOptions, ComponentFuncType, ComponentInfo, CoreDef } from '@tswasm/environ';
import { flattenFuncType, I32, unreachable } from '@tswasm/environ';
import { canonicalSignature, type TrampolineCache } from '@tswasm/jit';
import { Task, type CallScope, type ComponentInstanceState, type TaskCallback } from '@tswasm/runtime';
import { asyncEnv, type MutableEnv } from './async-env.js';
import { addAsyncHandles, type AsyncCallScopeRef } from './async-handles.js';
import { abiOptions } from './canonical-trampolines.js';

/**
 * Starts one call of the callee: `(args, onResolve, mayDefer, onStart, scope) => its task`.
 * `scope` is the call's borrow bookkeeping when another component instance calls (see
 * `async-handles.ts`): borrows lowered into the callee are counted there, and it is checked and
 * released when the task resolves.
 */
export type AsyncCallee = (args: readonly unknown[], onResolve: (value: unknown) => void, mayDefer: boolean, onStart: () => void, scope?: CallScope) => Task;

/** What a call started by `startSyncCall` delivered: `result`, once `done`. */
export interface SyncCallOutcome {
  done: boolean;
  result: unknown;
}

/**
 * Starts a call of `callee` with `args` whose caller waits for the result (the host, or a sync
 * caller); `done` holds once the task delivered it. `scope` as for `AsyncCallee`.
 */
export function startSyncCall(callee: AsyncCallee, args: readonly unknown[], scope?: CallScope): SyncCallOutcome {
  const outcome: SyncCallOutcome = { done: false, result: undefined };
  callee(args, (value) => {
    outcome.done = true;
    outcome.result = value;
  }, false, () => {}, scope);
  return outcome;
}

// The two trampolines of a sync lift whose core function runs on a fiber.
interface SyncLiftParts {
  readonly lowerArgs: Function;
  readonly argsEnv: MutableEnv;
  readonly liftResult: Function;
  readonly resultEnv: MutableEnv;
}

/**
 * The callee of a lift of `type` with `options` whose core function is `def`, resolved when
 * first called (its core instance may come after the caller's). `fromHost`: the host calls it,
 * with JS values rather than handles moved from another instance.
 * @throws TypeError for a signature that passes resource handles from the host (not supported yet)
 */
export function asyncCallee(cache: TrampolineCache, info: ComponentInfo, state: ComponentInstanceState, type: ComponentFuncType, options: CanonicalOptions, def: CoreDef, resolve: (def: CoreDef) => unknown, fromHost = false): AsyncCallee {
  const stackless = options.async && options.callback !== null;
  // An async lift's core function takes the lowered arguments and returns a code (or nothing);
  // the result comes through `task.return`. A sync lift returns it, and post-return follows.
  const liftType: ComponentFuncType = options.async ? { kind: 'func', async: false, params: type.params, result: null } : { ...type, async: false };
  const abi = options.async ? { ...abiOptions(options), postReturn: false } : abiOptions(options);
  const { trampoline, factory } = cache.canonicalTrampoline('lifted-export', info.types, liftType, abi);
  // The whole signature, result included (an async lift's result comes through `task.return`).
  if (fromHost && canonicalSignature(info.types, { ...type, async: false }, 'lifted-export', abi).resources.length > 0) throw new TypeError('cannot instantiate this component: resource handles in calls from the host under the async ABI are not supported yet');
  const env = asyncEnv(state, options);
  const ref: AsyncCallScopeRef = { scope: null };
  addAsyncHandles(env, info, state, options.instance, trampoline.resources, ref);
  const postReturn = options.postReturn;
  if (postReturn !== null) Object.defineProperty(env, 'postReturn', { get: () => state.postReturns.get(postReturn) });
  const lower = factory(env);
  const scheduler = state.scheduler;
  const instance = options.instance;
  let core: Function | null = null;
  const coreFunc = (): Function => {
    if (core !== null) return core;
    const value = resolve(def);
    if (typeof value !== 'function') return unreachable('a lifted core function is not a function');
    return (core = value);
  };
  let callback: TaskCallback | null = null;
  if (stackless) {
    const index = options.callback;
    if (index === null) return unreachable('a stackless lift without a callback');
    callback = (event, i, payload) => {
      const fn = state.callbacks.get(index);
      if (fn === undefined) return unreachable(`no callback ${index}`);
      return fn(event, i, payload) as number;
    };
  }
  // Where the host has JSPI: the core function and callback entered on fibers (see
  // `AsyncScheduler.runOnFiber`), made when first used.
  const glue = scheduler.glue;
  let coreEntry: ((...flat: unknown[]) => Promise<unknown>) | null = null;
  let callbackEntry: ((...flat: unknown[]) => Promise<unknown>) | null = null;
  const coreType = flattenFuncType(info.types, { ...type, async: false }, 'lift', { async: options.async, callback: stackless });
  const fiberEntry = (): ((...flat: unknown[]) => Promise<unknown>) => {
    if (glue === null) return unreachable('fibers without JSPI');
    return (coreEntry ??= glue.entry(coreFunc(), coreType));
  };
  const fiberCallback = (): ((...flat: unknown[]) => Promise<unknown>) | null => {
    const index = options.callback;
    if (glue === null || index === null) return null;
    if (callbackEntry !== null) return callbackEntry;
    const fn = state.callbacks.get(index);
    if (fn === undefined) return unreachable(`no callback ${index}`);
    return (callbackEntry = glue.entry(fn, { kind: 'func', params: [I32, I32, I32], results: [I32] }));
  };
  // A sync lift on a fiber lowers the arguments, then runs the core function, then lifts its
  // result (and runs post-return) once it returned: two trampolines where the JS stack uses one.
  let syncLift: SyncLiftParts | null = null;
  const syncLiftParts = (): SyncLiftParts => {
    if (syncLift !== null) return syncLift;
    const argsType: ComponentFuncType = { kind: 'func', async: false, params: type.params, result: null };
    const args = cache.canonicalTrampoline('lifted-export', info.types, argsType, { ...abi, postReturn: false });
    const argsEnv = asyncEnv(state, options);
    addAsyncHandles(argsEnv, info, state, options.instance, args.trampoline.resources, ref);
    const resultType: ComponentFuncType = { kind: 'func', async: false, params: [], result: type.result };
    const result = cache.canonicalTrampoline('lifted-export', info.types, resultType, abi);
    const resultEnv = asyncEnv(state, options);
    addAsyncHandles(resultEnv, info, state, options.instance, result.trampoline.resources, { scope: null });
    if (postReturn !== null) Object.defineProperty(resultEnv, 'postReturn', { get: () => state.postReturns.get(postReturn) });
    return (syncLift = { lowerArgs: args.factory(argsEnv), argsEnv, liftResult: result.factory(resultEnv), resultEnv });
  };
  // Lowers `args` with `lowerArgs` (whose env's callee is `env`'s) and returns the core arguments.
  const lowerToFlat = (lowerArgs: Function, calleeEnv: MutableEnv, args: readonly unknown[], scope: CallScope | undefined): unknown[] => {
    let flat: unknown[] = [];
    calleeEnv.callee = (...values: unknown[]) => {
      flat = values;
    };
    ref.scope = scope ?? null;
    lowerArgs(...args);
    return flat;
  };
  // A sync lift's core function returned (its result lifted): the task resolves with it and ends.
  const syncReturned = (task: Task, result: unknown): void => {
    if (!task.resolved) task.resolve(result);
    task.exited = true;
  };
  // Runs the task on a fiber.
  const runOnFiber = (task: Task, args: readonly unknown[], scope: CallScope | undefined): void => {
    if (stackless) {
      task.callbackEntry = fiberCallback();
      scheduler.startStacklessOnFiber(task, fiberEntry(), lowerToFlat(lower, env, args, scope));
    } else if (options.async) {
      scheduler.runOnFiber(task, null, fiberEntry(), lowerToFlat(lower, env, args, scope), () => scheduler.exit(task));
    } else {
      const parts = syncLiftParts();
      const flat = lowerToFlat(parts.lowerArgs, parts.argsEnv, args, scope);
      scheduler.runOnFiber(task, null, fiberEntry(), flat, (coreResult) => {
        parts.resultEnv.callee = () => coreResult;
        syncReturned(task, parts.liftResult());
      });
    }
  };
  return (args, onResolve, mayDefer, onStart, scope) => {
    // CanonicalABI.md `Task.return`: the callee must have dropped the borrows it was lent; the
    // caller's lends end with the call.
    const task = new Task(instance, type.async, callback, scope === undefined ? onResolve : (value) => {
      scope.exit();
      onResolve(value);
    });
    task.asyncLift = options.async;
    const run = (): void => {
      onStart();
      if (scheduler.fibersActive) return runOnFiber(task, args, scope);
      const fn = coreFunc();
      if (stackless) {
        scheduler.startStackless(task, () => {
          let code = 0;
          env.callee = (...flat: unknown[]) => {
            code = fn(...flat) as number;
          };
          ref.scope = scope ?? null;
          lower(...args);
          return code;
        });
      } else if (options.async) {
        // Stackful: the core function runs to its end; a blocking wait inside runs other tasks.
        scheduler.enter(task, () => {
          env.callee = fn;
          ref.scope = scope ?? null;
          lower(...args);
        });
        scheduler.exit(task);
      } else {
        const result = scheduler.enter(task, () => {
          env.callee = fn;
          ref.scope = scope ?? null;
          return lower(...args) as unknown;
        });
        syncReturned(task, result);
      }
    };
    if (mayDefer && scheduler.mustWaitToStart(instance)) scheduler.deferStart(task, run);
    else run();
    return task;
  };
}
