// The `env` of a canonical trampoline used by the async ABI: the options' memory and realloc,
// looked up when the trampoline runs (a built-in or adapter is made before the core instance
// whose memory it uses), and a `callee` the caller sets before each call.

import type { CanonicalOptions } from '@tswasm/environ';
import type { CanonicalEnv } from '@tswasm/jit';
import type { ComponentInstanceState } from '@tswasm/runtime';
import { canonicalTrap } from './canonical-trap.js';
import { guardedRealloc } from './instantiate.js';

/** A trampoline environment whose `callee` is set per call. */
export interface MutableEnv extends CanonicalEnv {
  callee: Function;
}

/** The environment of a trampoline of `options` in `state`. */
export function asyncEnv(state: ComponentInstanceState, options: CanonicalOptions): MutableEnv {
  const env = { callee: () => undefined, trap: canonicalTrap } as unknown as MutableEnv;
  const { memory, realloc, instance } = options;
  if (memory !== null) Object.defineProperty(env, 'memory', { get: () => state.memories.get(memory) });
  if (realloc !== null) Object.defineProperty(env, 'realloc', { value: guardedRealloc(state, instance, () => state.reallocs.get(realloc)) });
  return env;
}
