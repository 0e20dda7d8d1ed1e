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
// serial, so each call site sees one host function and V8 inlines the whole path. The same
// holds for the call scope of a lowering that passes borrows: its wrapper is part of the
// lowering's own source, with the core function's arity, rather than one shared closure.
//
// The source is assembled from the trampolines' factory sources (the engine's cache, or the
// artifact's), so a loaded component runs no generator; it is compiled once per component, at
// its first instantiation (loading stays as fast as before; every instance after the first
// reuses it).

import { flattenFuncType, type ComponentInfo, type LoweredIndex, type RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { FLAG_MAY_LEAVE, type CanonicalEnv, type InstanceFlags } from '@tswasm/jit';
import { Trap, type InstanceResources } from '@tswasm/runtime';
import type { PreparedTrampoline } from './canonical-trampolines.js';
import { passesBorrow } from './passes-borrow.js';

/**
 * Makes one instance's core function of one lowered import: `env` is its trampoline
 * environment (its `callee` is set here), `flags` the instance's `ComponentInstanceState.flags`,
 * `host` the host function, called as `host(store, ...values)`, and `resources` the instance's
 * resources, whose call scopes a lowering that passes borrows uses.
 */
export type LoweredImportMaker = (env: CanonicalEnv, store: unknown, flags: InstanceFlags, host: Function, resources: InstanceResources) => Function;

function cannotLeave(): never {
  throw new Trap('CannotLeaveComponent');
}

function names(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');
}

// A lowering whose parameters hold a borrow runs in its own call scope: the lends of the
// guest's own handles it borrows end, and the borrows given to the host die, when it returns
// (CanonicalABI.md: the `Subtask` of `canon lower` resolves). Owns move without one, and
// results hold no borrows (see passes-borrow.ts).
function scopedSource(info: ComponentInfo, prepared: PreparedTrampoline): string {
  const core = names('p', flattenFuncType(info.types, prepared.type, 'lower', { async: false, callback: false }).params.length);
  return `const lowered = trampoline(env);
  return function scoped(${core}) {
    const scope = resources.enterCall();
    let result;
    try {
      result = lowered(${core});
    } catch (error) {
      resources.abandonCall(scope);
      throw error;
    }
    resources.exitCall(scope);
    return result;
  };`;
}

function makerSource(info: ComponentInfo, prepared: PreparedTrampoline, name: string): string {
  const args = names('a', prepared.type.params.length);
  const instance: RuntimeComponentInstanceIndex = prepared.options.instance;
  return `function ${name}(env, store, flags, host, resources) {
  env.callee = function callee(${args}) {
    if ((flags.bits & ${FLAG_MAY_LEAVE}) === 0) cannotLeave();
    return host(store${args === '' ? '' : ', '}${args});
  };
  ${passesBorrow(info, prepared.type) ? scopedSource(info, prepared) : 'return trampoline(env);'}
  function trampoline(env) {
${prepared.trampoline.source}
  }
}`;
}

/**
 * Compiles the makers of `lowerings` (the lowered-import trampolines of component `info`) as one source; `serial` must be unique in the process (`Engine.nextSerial`). Only
 * for trampoline source this library generated or an artifact the user chose to load.
 */
export function compileLoweredImportEntries(info: ComponentInfo, lowerings: ReadonlyMap<LoweredIndex, PreparedTrampoline>, serial: number): ReadonlyMap<LoweredIndex, LoweredImportMaker> {
  const entries = [...lowerings];
  const source = `// lowered-import entries ${serial}
'use strict';
${entries.map(([, prepared], i) => makerSource(info, prepared, `lowering${i}`)).join('\n')}
return [${entries.map((_, i) => `lowering${i}`).join(', ')}];`;
  const makers = (new Function('cannotLeave', source) as (cannotLeave: () => never) => LoweredImportMaker[])(cannotLeave);
  return new Map(entries.map(([index], i) => [index, makers[i] as LoweredImportMaker]));
}
