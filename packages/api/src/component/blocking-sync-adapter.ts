// The sync caller's side of an async adapter (see `async-adapter.ts`) where the host has JSPI:
// the callee may block before it returns, and then the caller's fiber is suspended until it
// does, while the other tasks go on (wasmtime's fiber switch), instead of running them nested
// on the caller's JS stack. The caller's core function is blocking glue (see `FiberGlue`); its
// `now` lifts the arguments, starts the callee and, once the callee returned, lowers the result:
// two trampolines where the JS-stack path uses one, since the result may come after a
// suspension.

import { flattenFuncType, type ComponentFuncType, type ComponentInfo, type GlobalInitializer } from '@tswasm/environ';
import type { TrampolineCache } from '@tswasm/jit';
import { CallScope, type ComponentInstanceState, type FiberGlue } from '@tswasm/runtime';
import { startSyncCall, type AsyncCallee } from './async-callee.js';
import { asyncEnv } from './async-env.js';
import { addAsyncHandles, type AsyncCallScopeRef } from './async-handles.js';
import { abiOptions } from './canonical-trampolines.js';

type AdapterInit = Extract<GlobalInitializer, { kind: 'Adapter' }>;

/** The core function a sync caller of adapter `init` imports, calling `callee`, through `glue`. */
export function blockingSyncAdapter(cache: TrampolineCache, info: ComponentInfo, state: ComponentInstanceState, init: AdapterInit, lowerType: ComponentFuncType, callee: AsyncCallee, glue: FiberGlue): Function {
  const scheduler = state.scheduler;
  const caller = init.lower.instance;
  const options = abiOptions(init.lower);
  const ref: AsyncCallScopeRef = { scope: null };

  const paramsType: ComponentFuncType = { kind: 'func', async: false, params: lowerType.params, result: null };
  const params = cache.canonicalTrampoline('lowered-import', info.types, paramsType, options);
  const env = asyncEnv(state, init.lower);
  addAsyncHandles(env, info, state, caller, params.trampoline.resources, ref);
  const handles = params.trampoline.resources.length > 0;
  let lifted: unknown[] = [];
  env.callee = (...values: unknown[]) => {
    lifted = values;
  };
  const liftArgs = params.factory(env);
  // The core arguments before the result's out-pointer, if any.
  const numArgs = flattenFuncType(info.types, paramsType, 'lower', { async: false, callback: false }).params.length;

  const resultType: ComponentFuncType = { kind: 'func', async: false, params: [], result: lowerType.result };
  const result = cache.canonicalTrampoline('lowered-import', info.types, resultType, options);
  const resultEnv = asyncEnv(state, init.lower);
  // Results hold only own handles, which need no call scope.
  addAsyncHandles(resultEnv, info, state, caller, result.trampoline.resources, { scope: null });
  let returned: unknown;
  resultEnv.callee = () => returned;
  const lowerResult = result.factory(resultEnv);

  const now = (...flat: unknown[]): unknown => {
    state.checkMayLeave(caller);
    if (handles) ref.scope = new CallScope();
    liftArgs(...flat.slice(0, numArgs));
    const args = lifted;
    const outPointer = flat.slice(numArgs);
    const callerTask = scheduler.current(caller);
    const outcome = startSyncCall(callee, args, ref.scope ?? undefined);
    if (!outcome.done) callerTask.checkMayBlock();
    return scheduler.block(() => outcome.done, () => {
      returned = outcome.result;
      return lowerResult(...outPointer) as unknown;
    }, true);
  };
  return glue.blocking(now, flattenFuncType(info.types, lowerType, 'lower', { async: false, callback: false }));
}
