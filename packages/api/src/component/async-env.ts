// The `env` of a canonical trampoline used by the async ABI: the options' memory and realloc
// (`addOptionsToEnv`), a `callee` the caller sets before each call, and the moves of stream
// and future ends into and out of the options' instance.

import type { CanonicalOptions, RuntimeComponentInstanceIndex } from '@tswasm/environ';
import type { CanonicalEnv } from '@tswasm/jit';
import { asyncTrap, copyEndAt, CopyEnd, ErrorContext, SharedFuture, SharedStream, type ComponentInstanceState } from '@tswasm/runtime';
import { canonicalTrap } from './canonical-trap.js';
import { addOptionsToEnv } from './trampoline-env.js';

/** A trampoline environment whose `callee` is set per call. */
export interface MutableEnv extends CanonicalEnv {
  callee: Function;
}

/** The environment of a trampoline of `options` in `state`. */
export function asyncEnv(state: ComponentInstanceState, options: CanonicalOptions): MutableEnv {
  const env = { callee: () => undefined, trap: canonicalTrap } as unknown as MutableEnv;
  const { instance } = options;
  addOptionsToEnv(env, state, options);
  Object.defineProperty(env, 'liftAsyncValue', { value: (key: string, handle: number) => liftAsyncValue(state, instance, key, handle) });
  Object.defineProperty(env, 'lowerAsyncValue', { value: (key: string, value: unknown) => lowerAsyncValue(state, instance, key, value) });
  return env;
}

// CanonicalABI.md `lift_async_value`: the readable end at `handle` leaves `instance`'s table,
// and what it shares crosses the call.
function liftAsyncValue(state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, key: string, handle: number): SharedStream | SharedFuture | ErrorContext {
  const table = state.scheduler.table(instance);
  // `lift_error_context`: the sender keeps its handle.
  if (key === 'error-context') {
    const e = table.getEntry(handle);
    if (!(e instanceof ErrorContext)) return asyncTrap(`handle index ${handle} used with the wrong type, expected error-context but found ${e.what}`);
    return e;
  }
  const kind = key.startsWith('stream') ? 'stream' : 'future';
  const end = copyEndAt(table, handle, kind, true, key);
  end.checkLift();
  table.removeEntry(handle);
  return end.shared;
}

// CanonicalABI.md `lower_stream`/`lower_future`: a new readable end in `instance`'s table
// (`lower_error_context`: a new handle to the same error context).
function lowerAsyncValue(state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, key: string, value: unknown): number {
  if (key === 'error-context') {
    if (!(value instanceof ErrorContext)) throw new TypeError('expected an `error-context` value');
    return state.scheduler.table(instance).addEntry(value);
  }
  if (!(value instanceof SharedStream || value instanceof SharedFuture) || value.key !== key) throw new TypeError(`expected a \`${key}\` value`);
  return state.scheduler.table(instance).addEntry(new CopyEnd(value, true));
}
