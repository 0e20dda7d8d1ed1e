// Component instantiation: link the host's definitions to the component's imports, then run
// environ's `GlobalInitializer`s front to back (wasmtime's `Instantiator::run` in
// crates/wasmtime/src/runtime/component/instance.rs). Names were resolved during translation,
// so this only follows indices; the one name lookup left is the host's import paths.

import { assertNever, unreachable, type ComponentEntityType, type ComponentInfo, type CoreDef, type GlobalInitializer, type RuntimeImportIndex } from '@tswasm/environ';
import { ComponentInstanceState, LinkError, Trap, mapEngineError, type ReallocFunc } from '@tswasm/runtime';
import type { CanonicalEnv } from '@tswasm/jit';
import type { Store } from '../store/store.js';
import type { Component } from './component.js';
import { canonicalTrap } from './canonical-trap.js';
import type { LinkerDefinition } from './linker-instance.js';
import { loweredImportCallee } from './lowered-import-callee.js';
import { checkSupported } from './unsupported.js';

// How wasmtime names an import's kind in its link errors.
function entityKind(type: ComponentEntityType): string {
  return type.kind === 'func' ? 'function' : type.kind;
}

// The host definition behind runtime import `index`: the root import, then its export path.
function resolveImport<T>(info: ComponentInfo, root: ReadonlyMap<string, LinkerDefinition<T>>, index: RuntimeImportIndex): LinkerDefinition<T> {
  const runtimeImport = info.importTypes.get(index);
  const rootName = info.imports.get(runtimeImport.import).name;
  let definition = root.get(rootName);
  let path = rootName;
  for (const name of runtimeImport.path) {
    if (definition === undefined) break;
    if (definition.kind !== 'instance') throw new LinkError(`component import \`${path}\` is a function in the linker, but the component expects an instance`);
    definition = definition.items.get(name);
    path = `${path}/${name}`;
  }
  const kind = runtimeImport.type.kind;
  if (definition === undefined) {
    throw new LinkError(`component imports ${entityKind(runtimeImport.type)} \`${path}\`, but a matching implementation was not found in the linker`);
  }
  if (kind !== 'func' && kind !== 'instance') throw new TypeError(`cannot instantiate this component: imports of kind ${kind} (\`${path}\`) are not supported yet`);
  if (definition.kind !== kind) {
    throw new LinkError(`component import \`${path}\` is ${definition.kind === 'func' ? 'a function' : 'an instance'} in the linker, but the component expects ${kind === 'func' ? 'a function' : 'an instance'}`);
  }
  return definition;
}

// Every root import must be defined, used or not, as wasmtime's type check of the linker
// requires; except a type import, which needs no definition unless it is a resource (and those
// are refused for now by `checkSupported`).
function checkRootImports<T>(info: ComponentInfo, root: ReadonlyMap<string, LinkerDefinition<T>>): void {
  for (const [, item] of info.imports.entries()) {
    if (item.type.kind !== 'type' && !root.has(item.name)) {
      throw new LinkError(`component imports ${entityKind(item.type)} \`${item.name}\`, but a matching implementation was not found in the linker`);
    }
  }
}

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
    case 'Transcoder':
    case 'Adapter':
    case 'Trampoline':
      return unreachable(`${def.kind} definitions are rejected before instantiation`);
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

function runInitializer<T>(store: Store<T>, component: Component, hosts: ReadonlyMap<RuntimeImportIndex, LinkerDefinition<T>>, state: ComponentInstanceState, init: GlobalInitializer): void {
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
      const { memory, realloc, instance } = prepared.options;
      const callee = loweredImportCallee(state, instance, store, host, prepared.type.params.length);
      const env: CanonicalEnv = { callee, trap: canonicalTrap };
      // A lowering is made before the core instance whose memory and realloc it uses, so these
      // are looked up when the trampoline runs (it reads them at each use); once the memory
      // exists it becomes a plain property, which the trampoline reads at no cost.
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
      if (realloc !== null) {
        const guarded = guardedRealloc(state, instance, () => state.reallocs.get(realloc));
        Object.defineProperty(env, 'realloc', { value: guarded });
      }
      state.lowerings.set(init.index, prepared.factory(env));
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
    case 'ExtractCallback':
    case 'Transcoder':
    case 'Adapter':
    case 'Trampoline':
    case 'Resource':
      return unreachable(`${init.kind} initializers are rejected before instantiation`);
    default:
      return assertNever(init);
  }
}

/**
 * `realloc` as canonical code calls it: the guest may not call out to the host while it runs
 * (CanonicalABI.md clears `may_leave` around realloc and post-return).
 */
export function guardedRealloc(state: ComponentInstanceState, instance: Parameters<ComponentInstanceState['mayLeave']>[0], realloc: () => ReallocFunc): ReallocFunc {
  return (originalPtr, originalSize, alignment, newSize) => {
    state.setMayLeave(instance, false);
    try {
      return realloc()(originalPtr, originalSize, alignment, newSize);
    } finally {
      state.setMayLeave(instance, true);
    }
  };
}

/**
 * Instantiates `component` in `store` with the host definitions under `root`.
 * @throws LinkError when an import is not defined in the linker, or is defined as the wrong kind
 * @throws TypeError when the component needs what this version cannot run yet (the message names it)
 * @throws Trap when a core module's start function traps
 */
export function instantiateComponent<T>(store: Store<T>, component: Component, root: ReadonlyMap<string, LinkerDefinition<T>>): ComponentInstanceState {
  if (component.engine !== store.engine) throw new TypeError('the component and the store belong to different engines');
  const info = component.translation.component;
  checkRootImports(info, root);
  checkSupported(info);
  // Every import is resolved before anything runs, so a link error leaves nothing half made.
  const hosts = new Map<RuntimeImportIndex, LinkerDefinition<T>>();
  for (const [index] of info.importTypes.entries()) hosts.set(index, resolveImport(info, root, index));
  const state = new ComponentInstanceState(info);
  for (const init of info.initializers) runInitializer(store, component, hosts, state, init);
  return state;
}
