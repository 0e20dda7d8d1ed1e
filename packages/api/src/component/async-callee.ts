// The callee side of a call under the async ABI (CanonicalABI.md `canon lift`, async or not,
// as the host or another component instance calls it with JS values): a `Task` that lowers the
// arguments into the callee, runs its core function (and, for a stackless lift, its callback
// with events until EXIT, through the scheduler), and hands the result to `onResolve`. Values
// cross as JS values through the per-signature trampolines; the fused, memory-to-memory path is
// for synchronous calls only.

import type { CanonicalOptions, ComponentFuncType, ComponentInfo, CoreDef } from '@tswasm/environ';
import { unreachable } from '@tswasm/environ';
import { canonicalSignature, type TrampolineCache } from '@tswasm/jit';
import { Task, type CallScope, type ComponentInstanceState, type TaskCallback } from '@tswasm/runtime';
import { asyncEnv } from './async-env.js';
import { addAsyncHandles, type AsyncCallScopeRef } from './async-handles.js';
import { abiOptions } from './canonical-trampolines.js';

/**
 * Starts one call of the callee: `(args, onResolve, mayDefer, onStart, scope) => its task`.
 * `scope` is the call's borrow bookkeeping when another component instance calls (see
 * `async-handles.ts`): borrows lowered into the callee are counted there, and it is checked and
 * released when the task resolves.
 */
export type AsyncCallee = (args: readonly unknown[], onResolve: (value: unknown) => void, mayDefer: boolean, onStart: () => void, scope?: CallScope) => Task;

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
        if (!task.resolved) task.resolve(result);
        task.exited = true;
      }
    };
    if (mayDefer && scheduler.mustWaitToStart(instance)) scheduler.deferStart(task, run);
    else run();
    return task;
  };
}
