// Component instantiation: link the host's definitions to the component's imports, then run
// environ's `GlobalInitializer`s front to back (wasmtime's `Instantiator::run` in
// crates/wasmtime/src/runtime/component/instance.rs). Names were resolved during translation,
// and the host's import paths by `resolveImports` when linking, so this only follows indices.

import { assertNever, unreachable, type CoreDef, type GlobalInitializer, type RuntimeImportIndex } from '@tswasm/environ';
import { CallScope, ComponentInstanceState, Trap, mapEngineError, type ReallocFunc } from '@tswasm/runtime';
import type { AdapterEnv, CanonicalEnv } from '@tswasm/jit';
import type { Store } from '../store/store.js';
import type { Component } from './component.js';
import { canonicalTrap } from './canonical-trap.js';
import type { LinkerDefinition } from './linker-instance.js';
import { ResourceBuiltins } from './resource-builtins.js';
import { resourceCallbacks, slotTypes } from './resource-callbacks.js';
import { addOptionsToEnv } from './trampoline-env.js';
import { callMightBeRecursive } from './recursive-call.js';
import { asyncAdapter, isAsyncAdapter } from './async-adapter.js';
import { asyncBuiltin } from './async-builtins.js';

/** Resolves a core definition of an instantiation to the value a core import or option takes. */
export function resolveCoreDef(state: ComponentInstanceState, def: CoreDef): unknown {
  switch (def.kind) {
    case 'Export': {
      const value = (state.coreInstances.get(def.instance).exports as Record<string, unknown>)[def.name];
      if (value === undefined) unreachable(`core instance ${def.instance} has no export \`${def.name}\``);
      return value;
    }
    case 'Lowered':
      return state.lowerings.get(def.index);
    case 'AlwaysTrap':
      return state.alwaysTraps.get(def.index);
    case 'Trampoline':
      return state.trampolines.get(def.index);
    case 'Adapter':
      return state.adapters.get(def.index);
    case 'Transcoder':
      return unreachable('transcoders are part of their fused adapter; no core import names one');
    default:
      return assertNever(def);
  }
}

function asFunction(value: unknown, what: string): Function {
  if (typeof value !== 'function') unreachable(`${what} is not a function`);
  return value;
}

function alwaysTrap(): never {
  throw new Trap('AlwaysTrapAdapter');
}

function runInitializer<T>(store: Store<T>, component: Component, hosts: ReadonlyMap<RuntimeImportIndex, LinkerDefinition<T>>, state: ComponentInstanceState, builtins: ResourceBuiltins<T>, init: GlobalInitializer): void {
  switch (init.kind) {
    case 'InstantiateModule': {
      if (init.module.kind === 'Import') return unreachable('imported modules are rejected before instantiation');
      const { index, args } = init.module;
      const imports = component.translation.staticModules.get(index).imports;
      const importObject: WebAssembly.Imports = {};
      imports.forEach((item, i) => {
        const arg = args[i];
        if (arg === undefined) unreachable(`no argument for import ${i} of static module ${index}`);
        (importObject[item.module] ??= {})[item.field] = resolveCoreDef(state, arg) as WebAssembly.ImportValue;
      });
      let instance: WebAssembly.Instance;
      try {
        instance = new WebAssembly.Instance(component.staticModule(index), importObject);
      } catch (error) {
        // A trap in a start function, or a host import's error while it runs.
        throw mapEngineError(error);
      }
      state.coreInstances.set(init.instance, instance);
      return;
    }
    case 'LowerImport': {
      const prepared = component.trampolines.lowerings.get(init.index);
      if (prepared === undefined) return unreachable(`no trampoline for lowered import ${init.index}`);
      const definition = hosts.get(init.import);
      if (definition === undefined || definition.kind !== 'func') return unreachable(`import ${init.import} was not resolved to a function`);
      const host = definition.func;
      const { instance } = prepared.options;
      const slots = prepared.trampoline.resources;
      const callbacks = slots.length === 0 ? null : resourceCallbacks(store as Store<unknown>, state.resources, state.resources.table(instance), slotTypes(component.translation.component, state, instance, slots));
      const maker = component.loweredImportMakers().get(init.index);
      if (maker === undefined) return unreachable(`no maker for lowered import ${init.index}`);
      // `maker` sets the callee: the host call, behind the may-leave check.
      const env: CanonicalEnv = { callee: alwaysTrap, trap: canonicalTrap, ...callbacks };
      addOptionsToEnv(env, state, prepared.options);
      const flags = state.flagsOf(instance);
      state.lowerings.set(init.index, maker(env, store, flags, host, state.resources));
      return;
    }
    case 'AlwaysTrap':
      state.alwaysTraps.set(init.index, alwaysTrap);
      return;
    case 'ExtractMemory': {
      const memory = (state.coreInstances.get(init.export.instance).exports as Record<string, unknown>)[init.export.name];
      if (!(memory instanceof WebAssembly.Memory)) return unreachable(`export \`${init.export.name}\` is not a memory`);
      state.memories.set(init.index, memory);
      return;
    }
    case 'ExtractRealloc':
      state.reallocs.set(init.index, asFunction(resolveCoreDef(state, init.def), 'realloc') as ReallocFunc);
      return;
    case 'ExtractPostReturn':
      state.postReturns.set(init.index, asFunction(resolveCoreDef(state, init.def), 'post-return'));
      return;
    case 'Trampoline':
      state.trampolines.set(init.index, init.trampoline.kind === 'Builtin' ? asyncBuiltin(store.engine.trampolines, component.translation.component, state, init.trampoline) : builtins.builtin(init.trampoline));
      return;
    case 'Resource':
      builtins.defineResource(init.index, init.destructor, init.instance, (def) => resolveCoreDef(state, def));
      return;
    case 'Adapter':
      if (isAsyncAdapter(component.translation.component, init) && !callMightBeRecursive(component.translation.component.instanceParents, init.lower.instance, init.lift.instance)) {
        state.adapters.set(init.index, asyncAdapter(store.engine.trampolines, component.translation.component, state, init, (def) => resolveCoreDef(state, def)));
        return;
      }
      state.adapters.set(init.index, instantiateAdapter(component, state, init));
      return;
    case 'Transcoder':
      // Generated inside the adapter that uses it (jit's `string-transfer.ts`): nothing to make.
      return;
    case 'ExtractCallback':
      state.callbacks.set(init.index, asFunction(resolveCoreDef(state, init.def), 'callback'));
      return;
    default:
      return assertNever(init);
  }
}

// The core function of fused adapter `init`: its generated factory, given both sides' state.
// The caller's memory and realloc may come from a core instance made after the adapter, so
// they are looked up when the adapter uses them; the adapter manages both instances' flags.
// Handles move between the two instances' tables, each side's resource mapped to its runtime
// type through the callee's view (the slots are the callee's). A call between an instance and
// its ancestor or descendant always traps (`callMightBeRecursive`), so it gets no adapter.
function instantiateAdapter(component: Component, state: ComponentInstanceState, init: Extract<GlobalInitializer, { kind: 'Adapter' }>): Function {
  const info = component.translation.component;
  const caller = init.lower.instance;
  if (callMightBeRecursive(info.instanceParents, caller, init.lift.instance)) {
    return function recursiveCall(): never {
      // CanonicalABI.md: `canon lower` checks may-leave before `canon lift` checks recursion.
      state.checkMayLeave(caller);
      throw new Trap('CannotEnterComponent');
    };
  }
  const prepared = component.trampolines.adapters.get(init.index);
  if (prepared === undefined) return unreachable(`no fused adapter ${init.index}`);
  const callee = asFunction(resolveCoreDef(state, init.callee), 'the callee of a fused adapter');
  const env: AdapterEnv = { callee, trap: canonicalTrap, flags: state.flags, lowerInstance: caller, liftInstance: init.lift.instance };
  const slots = prepared.trampoline.resources;
  if (slots.length > 0) {
    Object.assign(env, {
      lowerTable: state.resources.table(caller),
      liftTable: state.resources.table(init.lift.instance),
      resourceTypes: slotTypes(info, state, init.lift.instance, slots),
      newCallScope: () => new CallScope(),
    });
  }
  const { memory: lowerMemory, realloc: lowerRealloc } = init.lower;
  const { memory: liftMemory, realloc: liftRealloc, postReturn } = init.lift;
  if (lowerMemory !== null) Object.defineProperty(env, 'lowerMemory', { get: () => state.memories.get(lowerMemory) });
  if (liftMemory !== null) Object.defineProperty(env, 'liftMemory', { get: () => state.memories.get(liftMemory) });
  if (lowerRealloc !== null) Object.defineProperty(env, 'lowerRealloc', { get: () => state.reallocs.get(lowerRealloc) });
  if (liftRealloc !== null) Object.defineProperty(env, 'liftRealloc', { get: () => state.reallocs.get(liftRealloc) });
  if (postReturn !== null) Object.defineProperty(env, 'postReturn', { get: () => state.postReturns.get(postReturn) });
  return prepared.factory(env);
}

/**
 * Instantiates `component` in `store` with `hosts`, the host definition of each runtime import
 * (from `resolveImports`: type-checked, and only `func` and `resource` definitions).
 * @throws TypeError when the store belongs to another engine
 * @throws Trap when a core module's start function traps
 */
export function instantiateComponent<T>(store: Store<T>, component: Component, hosts: ReadonlyMap<RuntimeImportIndex, LinkerDefinition<T>>): ComponentInstanceState {
  if (component.engine !== store.engine) throw new TypeError('the component and the store belong to different engines');
  const info = component.translation.component;
  const state = new ComponentInstanceState(info);
  const builtins = new ResourceBuiltins(store, info, state, hosts);
  for (const init of info.initializers) runInitializer(store, component, hosts, state, builtins, init);
  return state;
}
