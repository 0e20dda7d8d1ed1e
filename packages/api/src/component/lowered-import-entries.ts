// The code of one component's lowered imports: for each `LowerImport`, a maker that builds one
// instance's core function (the canonical trampoline of its signature, with CanonicalABI.md
// `canon lower`'s `trap_if(not may_leave)` and the call of the host function fused in front).
//
// Why per lowering rather than one factory per signature: V8 keeps type feedback per function
// literal, and caches `new Function` by its source text across the isolate. With one shared
// trampoline (and one shared callee closure per arity), every import of a signature, in every
// component and engine of the process, called its host function from the same call site: the
// site went polymorphic, V8 stopped inlining the host function, and a host call cost about twice
// the hand-written glue on Node 26. Here each lowering's trampoline and callee are their own
// literals in one source per component, told apart from other components' by a process-unique
// serial, so each call site sees one host function and V8 inlines the whole path.
//
// The source is assembled from the trampolines' factory sources (the engine's cache, or the
// artifact's), so a loaded component runs no generator; it is compiled once per component, at
// its first instantiation (loading stays as fast as before; every instance after the first
// reuses it).

import type { LoweredIndex, RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { FLAG_MAY_LEAVE, type CanonicalEnv } from '@tswasm/jit';
import { Trap } from '@tswasm/runtime';
import type { PreparedTrampoline } from './canonical-trampolines.js';

/**
 * Makes one instance's core function of one lowered import: `env` is its trampoline
 * environment (its `callee` is set here), `flags` the instance's `ComponentInstanceState.flags`,
 * `host` the host function, called as `host(store, ...values)`.
 */
export type LoweredImportMaker = (env: CanonicalEnv, store: unknown, flags: Uint8Array, host: Function) => Function;

function cannotLeave(): never {
  throw new Trap('CannotLeaveComponent');
}

function makerSource(prepared: PreparedTrampoline, name: string): string {
  const args = Array.from({ length: prepared.type.params.length }, (_, i) => `a${i}`).join(', ');
  const instance: RuntimeComponentInstanceIndex = prepared.options.instance;
  return `function ${name}(env, store, flags, host) {
  env.callee = function callee(${args}) {
    if ((flags[${instance}] & ${FLAG_MAY_LEAVE}) === 0) cannotLeave();
    return host(store${args === '' ? '' : ', '}${args});
  };
  return trampoline(env);
  function trampoline(env) {
${prepared.trampoline.source}
  }
}`;
}

/**
 * Compiles the makers of `lowerings` (a component's lowered-import trampolines) as one source;
 * `serial` must be unique in the process (`Engine.nextSerial`). Only for trampoline source this
 * library generated or an artifact the user chose to load.
 */
export function compileLoweredImportEntries(lowerings: ReadonlyMap<LoweredIndex, PreparedTrampoline>, serial: number): ReadonlyMap<LoweredIndex, LoweredImportMaker> {
  const entries = [...lowerings];
  const source = `// lowered-import entries ${serial}
'use strict';
${entries.map(([, prepared], i) => makerSource(prepared, `lowering${i}`)).join('\n')}
return [${entries.map((_, i) => `lowering${i}`).join(', ')}];`;
  const makers = (new Function('cannotLeave', source) as (cannotLeave: () => never) => LoweredImportMaker[])(cannotLeave);
  return new Map(entries.map(([index], i) => [index, makers[i] as LoweredImportMaker]));
}
