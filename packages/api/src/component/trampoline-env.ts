// The part of a canonical trampoline's `env` that comes from its canonical options, shared by
// host lowerings and the async ABI's trampolines. A trampoline is made before the core
// instance whose memory and realloc it uses, so both are looked up when it first runs.

import type { CanonicalOptions, RuntimeComponentInstanceIndex } from '@tswasm/environ';
import type { CanonicalEnv } from '@tswasm/jit';
import type { ComponentInstanceState, ReallocFunc } from '@tswasm/runtime';

/**
 * Gives `env` the memory and realloc of `options` in `state`. The memory is a getter that turns
 * itself into a plain property once the memory exists, which the trampoline then reads at no
 * cost; realloc runs with the instance's may-leave flag clear (CanonicalABI.md clears
 * `may_leave` around realloc and post-return), so the guest cannot call out meanwhile.
 */
export function addOptionsToEnv(env: CanonicalEnv, state: ComponentInstanceState, options: CanonicalOptions): void {
  const { memory, realloc, instance } = options;
  if (memory !== null) {
    Object.defineProperty(env, 'memory', {
      configurable: true,
      get: () => {
        const value = state.memories.get(memory);
        Object.defineProperty(env, 'memory', { value, writable: false });
        return value;
      },
    });
  }
  if (realloc !== null) Object.defineProperty(env, 'realloc', { value: guardedRealloc(state, instance, () => state.reallocs.get(realloc)) });
}

function guardedRealloc(state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, realloc: () => ReallocFunc): ReallocFunc {
  return (originalPtr, originalSize, alignment, newSize) => {
    state.setMayLeave(instance, false);
    try {
      return realloc()(originalPtr, originalSize, alignment, newSize);
    } finally {
      state.setMayLeave(instance, true);
    }
  };
}
