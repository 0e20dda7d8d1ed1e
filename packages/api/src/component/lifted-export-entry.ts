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
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE, type CanonicalMemory } from '@tswasm/jit';
import { Trap, mapEngineError, type CallScope, type ComponentInstanceState, type InstanceResources, type ReallocFunc } from '@tswasm/runtime';
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
  /** Set when a parameter holds a borrow: each call counts its lends and borrows in a call scope. */
  readonly resources: InstanceResources | null;
  /**
   * Instead of `resources`, when the borrows only lend (`selfLendingScope`): the scope the
   * resource callbacks record lends in; each call gives back those it added.
   */
  readonly lends: CallScope | null;
}

/** The two forms of a lifted export's entry. */
export interface LiftedExportEntry {
  /** `(store, arg0, ..., argN-1)`: one JS value per parameter, no argument-count check. */
  readonly call: (store: Store<unknown>, ...args: unknown[]) => unknown;
  /** `(store, args)`: checks the argument count, then as `call`. */
  readonly callArray: (store: Store<unknown>, args: readonly unknown[]) => unknown;
  /**
   * After a failed call, whether it entered guest code (the core function or `realloc`): the
   * instance's may-enter flag is then still clear. False after a call that returned.
   */
  readonly enteredGuest: () => boolean;
  /**
   * `(store, args)` as a Promise, for an export that runs as a task: its tasks may suspend on
   * fibers meanwhile (see `async-export-entry.ts`). Absent for other exports.
   */
  readonly callAsync?: (store: Store<unknown>, args: readonly unknown[]) => Promise<unknown>;
}

function cannotEnter(): never {
  throw new Trap('CannotEnterComponent');
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
  // A call scope on the instance's stack, or only the lends of this entry's own scope, or none.
  let enter = '';
  let abandon = '';
  let exit = '';
  if (parts.resources !== null) {
    enter = '  const scope = resources.enterCall();\n';
    abandon = '    resources.abandonCall(scope);\n';
    exit = '  // A borrow the guest kept past its return is a trap in the guest: the instance stays\n  // unenterable (CanonicalABI.md `Task.return`).\n  resources.exitCall(scope);\n';
  } else if (parts.lends !== null) {
    // The mark keeps a call nested in this one's argument conversion (a getter calling the
    // export again) from giving back this call's lends.
    enter = '  const mark = lends.lendMark;\n';
    abandon = '    lends.releaseLendsFrom(mark);\n';
    exit = '  if (lends.lendMark !== mark) lends.releaseLendsFrom(mark);\n';
  }
  return `// lifted export entry ${parts.serial}
'use strict';
const { store, state, core, memory, realloc: rawRealloc, postReturn: rawPostReturn, resources, lends } = parts;
const flags = state.flagsOf(${parts.instance});
const env = { callee: null, trap, memory: memory ?? undefined, realloc: undefined, postReturn: undefined, ...parts.resourceCallbacks };
// The may-enter flag is checked when the call starts but cleared only when guest code first runs
// (the core function or realloc): an argument that fails to lower before that leaves the
// instance as it was, with no bookkeeping in the hot path, and a failure after it leaves the
// instance unenterable; so after a failed call the cleared flag says the guest was entered.
// Host code running while arguments lower (a getter, an own handle's hooks) may call into the
// instance until realloc has run: the guest is not on the stack then.
env.callee = function callee(${coreArgs}) {
  flags.bits &= ${~FLAG_MAY_ENTER};
  return core(${coreArgs});
};
// CanonicalABI.md: no calls out to the host while realloc or post-return runs.
if (rawRealloc !== null) {
  env.realloc = function realloc(p0, p1, p2, p3) {
    flags.bits &= ${~(FLAG_MAY_ENTER | FLAG_MAY_LEAVE)};
    try {
      return rawRealloc(p0, p1, p2, p3);
    } finally {
      flags.bits |= ${FLAG_MAY_LEAVE};
    }
  };
}
if (rawPostReturn !== null) {
  env.postReturn = function postReturn(${postArgs}) {
    flags.bits &= ${~FLAG_MAY_LEAVE};
    try {
      rawPostReturn(${postArgs});
    } finally {
      flags.bits |= ${FLAG_MAY_LEAVE};
    }
  };
}
const trampoline = (function (env) {
${parts.trampolineSource}
})(env);
function call(s${comma}${args}) {
  if (s !== store) throw new TypeError('the function belongs to a different store');
  if ((flags.bits & ${FLAG_MAY_ENTER}) === 0) cannotEnter();
${enter}  let result;
  try {
    result = trampoline(${args});
  } catch (error) {
${abandon}    throw mapEngineError(error);
  }
${exit}  flags.bits |= ${FLAG_MAY_ENTER};
  return result;
}
function callArray(s, args) {
  if (s !== store) throw new TypeError('the function belongs to a different store');
  if (args.length !== ${parts.arity}) throw new TypeError('expected ${count}, found ' + args.length);
  return call(s${comma}${Array.from({ length: parts.arity }, (_, i) => `args[${i}]`).join(', ')});
}
return { call, callArray, enteredGuest: () => (flags.bits & ${FLAG_MAY_ENTER}) === 0 };`;
}

/**
 * Compiles the entry of one lifted export (see the file comment for why per function). Only
 * for trampoline source this library generated or an artifact the user chose to load.
 */
export function makeLiftedExportEntry(parts: LiftedExportParts): LiftedExportEntry {
  const factory = new Function('parts', 'trap', 'mapEngineError', 'cannotEnter', entrySource(parts)) as (
    parts: LiftedExportParts,
    trap: typeof canonicalTrap,
    map: typeof mapEngineError,
    enter: typeof cannotEnter,
  ) => LiftedExportEntry;
  return factory(parts, canonicalTrap, mapEngineError, cannotEnter);
}
