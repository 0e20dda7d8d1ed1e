// The host's way into one lifted export of one instance: the store check, CanonicalABI.md
// `canon lift`'s may-enter flag, the generated trampoline (lower the arguments, call the core
// function, lift the result, post-return) and the mapping of engine errors, as one function of
// the export's arity.
//
// Why it is generated per function rather than written once: V8 keeps type feedback per
// function source, so one shared `call` (or one shared trampoline per signature) that reaches
// many different core functions sees all of them, stops inlining and costs several times a
// direct call. A fresh source per entry (told apart by `serial`) keeps every call site of the
// entry, of its trampoline and of its callee wrappers monomorphic, so V8 inlines the whole path
// down to the wasm call. Compiling it costs tens of microseconds, once per exported function.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import type { CanonicalMemory } from '@tswasm/jit';
import { mapEngineError, type ComponentInstanceState, type InstanceResources, type ReallocFunc } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import { canonicalTrap } from './canonical-trap.js';

/** What the entry of one lifted export is made of. */
export interface LiftedExportParts {
  readonly store: Store<unknown>;
  readonly state: ComponentInstanceState;
  readonly instance: RuntimeComponentInstanceIndex;
  /** The number of component-level parameters. */
  readonly arity: number;
  /** The generated trampoline's source (the body of `function (env)`). */
  readonly trampolineSource: string;
  readonly core: Function;
  readonly memory: CanonicalMemory | null;
  readonly realloc: ReallocFunc | null;
  readonly postReturn: Function | null;
  /** A number no other entry of the engine has, so V8 compiles this one apart. */
  readonly serial: number;
  /** `liftOwn`/`liftBorrow`/`lowerOwn`/`lowerBorrow` for a signature that passes handles. */
  readonly resourceCallbacks: object | null;
  /** Set when the signature passes handles: each call counts its borrows in a call scope. */
  readonly resources: InstanceResources | null;
}

/** The two forms of a lifted export's entry. */
export interface LiftedExportEntry {
  /** `(store, arg0, ..., argN-1)`: one JS value per parameter, no argument-count check. */
  readonly call: (store: Store<unknown>, ...args: unknown[]) => unknown;
  /** `(store, args)`: checks the argument count, then as `call`. */
  readonly callArray: (store: Store<unknown>, args: readonly unknown[]) => unknown;
  /** Whether the latest call entered guest code (the core function or `realloc`). */
  readonly enteredGuest: () => boolean;
}

function names(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');
}

function entrySource(parts: LiftedExportParts): string {
  const args = names('a', parts.arity);
  const coreArgs = names('p', parts.core.length);
  const postArgs = names('r', parts.postReturn?.length ?? 0);
  const comma = parts.arity === 0 ? '' : ', ';
  const count = `${parts.arity} argument${parts.arity === 1 ? '' : 's'}`;
  return `// lifted export entry ${parts.serial}
'use strict';
const { store, state, instance, core, memory, realloc: rawRealloc, postReturn: rawPostReturn, resources } = parts;
// Whether guest code ran in this call: a failure before that leaves the instance enterable.
let entered = false;
const env = { callee: null, trap, memory: memory ?? undefined, realloc: undefined, postReturn: undefined, ...parts.resourceCallbacks };
env.callee = function callee(${coreArgs}) {
  entered = true;
  return core(${coreArgs});
};
// CanonicalABI.md: no calls out to the host while realloc or post-return runs.
if (rawRealloc !== null) {
  env.realloc = function realloc(p0, p1, p2, p3) {
    entered = true;
    state.setMayLeave(instance, false);
    try {
      return rawRealloc(p0, p1, p2, p3);
    } finally {
      state.setMayLeave(instance, true);
    }
  };
}
if (rawPostReturn !== null) {
  env.postReturn = function postReturn(${postArgs}) {
    state.setMayLeave(instance, false);
    try {
      rawPostReturn(${postArgs});
    } finally {
      state.setMayLeave(instance, true);
    }
  };
}
const trampoline = (function (env) {
${parts.trampolineSource}
})(env);
function call(s${comma}${args}) {
  if (s !== store) throw new TypeError('the function belongs to a different store');
  state.enter(instance);
  entered = false;
${parts.resources === null ? '' : '  const scope = resources.enterCall();\n'}  let result;
  try {
    result = trampoline(${args});
  } catch (error) {
${parts.resources === null ? '' : '    resources.abandonCall(scope);\n'}    // Guest code ran and failed: the instance stays unenterable. Otherwise the arguments
    // failed to lower before the guest was entered, and it is as if nothing was called.
    if (!entered) state.exit(instance);
    throw mapEngineError(error);
  }
${parts.resources === null ? '' : '  // A borrow the guest kept past its return is a trap in the guest: the instance stays\n  // unenterable (CanonicalABI.md `Task.return`).\n  resources.exitCall(scope);\n'}  state.exit(instance);
  return result;
}
function callArray(s, args) {
  if (s !== store) throw new TypeError('the function belongs to a different store');
  if (args.length !== ${parts.arity}) throw new TypeError('expected ${count}, found ' + args.length);
  return call(s${comma}${Array.from({ length: parts.arity }, (_, i) => `args[${i}]`).join(', ')});
}
return { call, callArray, enteredGuest: () => entered };`;
}

/**
 * Compiles the entry of one lifted export (see the file comment for why per function). Only
 * for trampoline source this library generated or an artifact the user chose to load.
 */
export function makeLiftedExportEntry(parts: LiftedExportParts): LiftedExportEntry {
  const factory = new Function('parts', 'trap', 'mapEngineError', entrySource(parts)) as (
    parts: LiftedExportParts,
    trap: typeof canonicalTrap,
    map: typeof mapEngineError,
  ) => LiftedExportEntry;
  return factory(parts, canonicalTrap, mapEngineError);
}
