// The host's way into an async-lifted export: the call runs as a task, and the host waits for
// its result by running the store's tasks synchronously (there is no other event loop to wait
// on); once the result is there, the tasks that can still go on run before the call returns.
// `callAsync` (wasmtime's `call_async`), where the host has JSPI, runs the tasks on fibers
// instead, so that a task that blocks is suspended while the others go on.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { FLAG_MAY_ENTER } from '@tswasm/jit';
import { mapEngineError, type ComponentInstanceState } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import { startSyncCall, type AsyncCallee, type SyncCallOutcome } from './async-callee.js';
import type { LiftedExportEntry } from './lifted-export-entry.js';

/** The entry of an async-lifted export `callee` of `instance` with `arity` parameters. */
export function makeAsyncExportEntry(store: Store<unknown>, state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, arity: number, callee: AsyncCallee): LiftedExportEntry {
  const check = (s: Store<unknown>, args: readonly unknown[]): void => {
    if (s !== store) throw new TypeError('the function belongs to a different store');
    if (args.length !== arity) throw new TypeError(`expected ${arity} argument${arity === 1 ? '' : 's'}, found ${args.length}`);
  };
  const call = (s: Store<unknown>, ...args: unknown[]): unknown => {
    if (s !== store) throw new TypeError('the function belongs to a different store');
    state.enter(instance);
    let outcome: SyncCallOutcome;
    try {
      outcome = startSyncCall(callee, args);
      state.scheduler.runUntil(() => outcome.done);
      state.scheduler.drain();
    } catch (error) {
      throw mapEngineError(error);
    }
    state.exit(instance);
    return outcome.result;
  };
  const callAsync = async (s: Store<unknown>, args: readonly unknown[]): Promise<unknown> => {
    check(s, args);
    const scheduler = state.scheduler;
    scheduler.beginAsyncCall();
    let outcome: SyncCallOutcome;
    try {
      // Inside the `try`, so that a refused entry ends the async call too.
      state.enter(instance);
      outcome = startSyncCall(callee, args);
      await scheduler.runUntilAsync(() => outcome.done);
      await scheduler.drainAsync();
    } catch (error) {
      throw mapEngineError(await scheduler.asyncCallFailed(error));
    } finally {
      scheduler.endAsyncCall();
    }
    state.exit(instance);
    return outcome.result;
  };
  return {
    call,
    callAsync,
    callArray: (s, args) => {
      check(s, args);
      return call(s, ...args);
    },
    // The may-enter flag stays clear after a failure once the call entered, as for a sync lift.
    enteredGuest: () => (state.flagsOf(instance).bits & FLAG_MAY_ENTER) === 0,
  };
}

/**
 * `entry` of a sync export with `callAsync`: the call itself runs on the JS stack as `call`
 * does, but new threads it starts run on fibers, so that one can suspend while the thread that
 * switched to it goes on.
 */
export function withSyncCallAsync(entry: LiftedExportEntry, state: ComponentInstanceState): LiftedExportEntry {
  const callAsync = async (s: Store<unknown>, args: readonly unknown[]): Promise<unknown> => {
    const scheduler = state.scheduler;
    scheduler.beginAsyncCall(false);
    try {
      return entry.callArray(s, args);
    } catch (error) {
      throw mapEngineError(await scheduler.asyncCallFailed(error));
    } finally {
      scheduler.endAsyncCall(false);
    }
  };
  return { ...entry, callAsync };
}
