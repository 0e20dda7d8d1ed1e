// The canonical-ABI trampolines a component needs, generated when it is compiled: one per
// lowered import (by `LoweredIndex`) and one per lifted export (by its `Export` entry). The
// engine's `TrampolineCache` shares the compiled source between every component with the same
// signature key; what differs per instance is only the `env` the factory is called with.

import { assertNever } from '@tswasm/environ';
import type { CanonicalOptions, ComponentFuncType, ComponentInfo, ComponentTypeId, Export, LoweredIndex } from '@tswasm/environ';
import type { CanonicalAbiOptions, CanonicalFactory, CanonicalTrampoline, TrampolineCache, TrampolineDirection } from '@tswasm/jit';

/** A trampoline ready to be instantiated, with the facts instantiation checks. */
export interface PreparedTrampoline {
  readonly trampoline: CanonicalTrampoline;
  readonly factory: CanonicalFactory;
  readonly type: ComponentFuncType;
  readonly options: CanonicalOptions;
}

/** The generated trampolines of one component. */
export interface ComponentTrampolines {
  readonly lowerings: ReadonlyMap<LoweredIndex, PreparedTrampoline>;
  readonly exports: ReadonlyMap<Export, PreparedTrampoline>;
}

/** The shape-determining part of resolved canonical options (what the generated code depends on). */
export function abiOptions(options: CanonicalOptions): CanonicalAbiOptions {
  return {
    stringEncoding: options.stringEncoding,
    memory: options.memory !== null,
    realloc: options.realloc !== null,
    postReturn: options.postReturn !== null,
  };
}

/** The function type `id` names in `info`'s type table. */
export function componentFuncType(info: ComponentInfo, id: ComponentTypeId): ComponentFuncType {
  const entry = info.types.get(id);
  if (entry.kind !== 'func') throw new TypeError(`expected a component function type, found a ${entry.kind} type`);
  return entry;
}

function prepare(cache: TrampolineCache, info: ComponentInfo, direction: TrampolineDirection, typeId: ComponentTypeId, options: CanonicalOptions): PreparedTrampoline {
  // TODO(#5): async lifts and lowers need the task machinery; jit refuses them too.
  if (options.async) throw new TypeError(`async canonical ${direction === 'lifted-export' ? 'lift' : 'lower'} is not supported yet`);
  const type = componentFuncType(info, typeId);
  const { trampoline, factory } = cache.canonicalTrampoline(direction, info.types, type, abiOptions(options));
  return { trampoline, factory, type, options };
}

function collectExports(cache: TrampolineCache, info: ComponentInfo, exports: ReadonlyMap<string, Export>, out: Map<Export, PreparedTrampoline>): void {
  for (const item of exports.values()) {
    switch (item.kind) {
      case 'LiftedFunction':
        out.set(item, prepare(cache, info, 'lifted-export', item.type, item.options));
        break;
      case 'Instance':
        collectExports(cache, info, item.exports, out);
        break;
      case 'ModuleStatic':
      case 'ModuleImport':
      case 'Type':
      case 'Import':
        break;
      default:
        assertNever(item);
    }
  }
}

/**
 * Generates (or takes from `cache`) the trampoline of every lowered import and lifted export.
 * @throws TypeError for an async lift or lower (not supported yet)
 * @throws TrampolineTooLargeError for a signature whose generated code would be too large
 */
export function componentTrampolines(cache: TrampolineCache, info: ComponentInfo): ComponentTrampolines {
  const lowerings = new Map<LoweredIndex, PreparedTrampoline>();
  for (const init of info.initializers) {
    if (init.kind === 'LowerImport') lowerings.set(init.index, prepare(cache, info, 'lowered-import', init.lowerType, init.options));
  }
  const exports = new Map<Export, PreparedTrampoline>();
  collectExports(cache, info, info.exports, exports);
  return { lowerings, exports };
}
