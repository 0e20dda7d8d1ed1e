// A call between two component instances where either side uses the async ABI (CanonicalABI.md
// `canon lower` of a `canon lift`, async on one side or both). The caller's core arguments are
// lifted to JS values by the caller's trampoline and lowered into the callee by its own (see
// `async-callee.ts`). A sync caller waits for the result, running other tasks meanwhile; an
// async caller gets RETURNED, or a subtask handle and its state, and a SUBTASK event later,
// when the result is stored at its out-pointer.

import { MAX_FLAT_ASYNC_PARAMS, type ComponentFuncType, type ComponentInfo, type CoreDef, type GlobalInitializer } from '@tswasm/environ';
import { containsAsyncValue, type TrampolineCache } from '@tswasm/jit';
import { CallScope, Subtask, SubtaskState, type ComponentInstanceState } from '@tswasm/runtime';
import { asyncCallee, startSyncCall } from './async-callee.js';
import { asyncEnv } from './async-env.js';
import { blockingSyncAdapter } from './blocking-sync-adapter.js';
import { addAsyncHandles, type AsyncCallScopeRef } from './async-handles.js';
import { abiOptions, componentFuncType } from './canonical-trampolines.js';

type AdapterInit = Extract<GlobalInitializer, { kind: 'Adapter' }>;

/**
 * Whether adapter `init` takes the async path: either side async, an async type, or stream or
 * future ends passed (which fused adapters do not carry).
 */
export function isAsyncAdapter(info: ComponentInfo, init: AdapterInit): boolean {
  const type = componentFuncType(info, init.type);
  return init.lift.async || init.lower.async || type.async || containsAsyncValue(info.types, type);
}

/** The core function the caller of adapter `init` imports. */
export function asyncAdapter(cache: TrampolineCache, info: ComponentInfo, state: ComponentInstanceState, init: AdapterInit, resolve: (def: CoreDef) => unknown): Function {
  const liftType = componentFuncType(info, init.type);
  const lowerType = componentFuncType(info, init.lowerType);
  const callee = asyncCallee(cache, info, state, liftType, init.lift, init.callee, resolve);
  const scheduler = state.scheduler;
  const caller = init.lower.instance;
  const env = asyncEnv(state, init.lower);
  // Each call gets its own scope: the caller's lends and the callee's borrows (async-handles.ts).
  const ref: AsyncCallScopeRef = { scope: null };

  if (!init.lower.async) {
    // Where the host has JSPI, a callee that blocks suspends the caller's fiber.
    const glue = scheduler.glue;
    if (glue !== null) return blockingSyncAdapter(cache, info, state, init, lowerType, callee, glue);
    // A sync caller: its trampoline lifts the arguments and lowers the result as for a host call.
    const { trampoline, factory } = cache.canonicalTrampoline('lowered-import', info.types, { ...lowerType, async: false }, abiOptions(init.lower));
    addAsyncHandles(env, info, state, caller, trampoline.resources, ref);
    const handles = trampoline.resources.length > 0;
    env.callee = (...args: unknown[]) => {
      const callerTask = scheduler.current(caller);
      const outcome = startSyncCall(callee, args, ref.scope ?? undefined);
      if (!outcome.done) {
        callerTask.checkMayBlock();
        scheduler.runUntil(() => outcome.done);
      }
      return outcome.result;
    };
    const lowered = factory(env);
    return (...flat: unknown[]): unknown => {
      state.checkMayLeave(caller);
      if (handles) ref.scope = new CallScope();
      return lowered(...flat);
    };
  }

  // An async caller: arguments beyond MAX_FLAT_ASYNC_PARAMS come through a pointer, and the
  // result goes to the out-pointer after them.
  const paramsType: ComponentFuncType = { kind: 'func', async: false, params: lowerType.params, result: null };
  const options = abiOptions(init.lower);
  const params = cache.canonicalTrampoline('lowered-import', info.types, paramsType, options, MAX_FLAT_ASYNC_PARAMS);
  addAsyncHandles(env, info, state, caller, params.trampoline.resources, ref);
  const handles = params.trampoline.resources.length > 0;
  const liftArgs = params.factory(env);
  const result = lowerType.result;
  let storeResult: Function | null = null;
  if (result !== null) {
    const generated = cache.storeResult(info.types, result, options);
    const resultEnv = asyncEnv(state, init.lower);
    addAsyncHandles(resultEnv, info, state, caller, generated.trampoline.resources, { scope: null });
    storeResult = generated.factory(resultEnv);
  }
  let lifted: unknown[] = [];
  env.callee = (...values: unknown[]) => {
    lifted = values;
  };
  return (...flat: unknown[]): number => {
    state.checkMayLeave(caller);
    const retptr = storeResult === null ? 0 : (flat[flat.length - 1] as number);
    const scope = handles ? new CallScope() : undefined;
    ref.scope = scope ?? null;
    liftArgs(...flat);
    const args = lifted;
    const subtask = new Subtask();
    const task = callee(args, (value) => {
      if (storeResult !== null) storeResult(retptr, value);
      subtask.progress(SubtaskState.RETURNED);
    }, true, () => {
      if (subtask.state === SubtaskState.STARTING) subtask.progress(SubtaskState.STARTED);
    }, scope);
    subtask.task = task;
    task.onCancel = () => {
      // CanonicalABI.md `task.cancel` checks borrows as `task.return` does.
      scope?.exit();
      subtask.progress(SubtaskState.CANCELLED_BEFORE_RETURNED);
    };
    if (subtask.resolved()) return SubtaskState.RETURNED;
    subtask.index = scheduler.table(caller).addEntry(subtask);
    return subtask.state | (subtask.index << 4);
  };
}
