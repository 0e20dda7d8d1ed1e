// The entry point for components: one validation pass records each component's definitions
// (local-initializer.ts), each core module is translated, the core modules' function bodies are
// validated (last, as wasmparser's `validate_all` does; possibly on several threads, see
// nested-module.ts), and the inline phase flattens the nested components into one
// `ComponentInfo`.

import { ValidationError } from '../../error.js';
import type { WasmFeatures } from '../../features/wasm-features.js';
import { WASM2_FEATURES } from '../../features/wasm-features.js';
import { assertNever } from '../../util/assert-never.js';
import { PrimaryMap } from '../../util/primary-map.js';
import { validateAllNestedFunctionBodies } from '../validator/nested-module.js';
import type { NestedModuleBodies } from '../validator/nested-module.js';
import { validateComponentSections } from '../validator/validate-component.js';
import type { ComponentValidation } from '../validator/validate-component.js';
import type { ComponentTranslation, Export } from './component-info.js';
import type { ComponentItemDef } from './inline-defs.js';
import { inlineComponent } from './inline.js';
import type { InlineOutput } from './inline-output.js';
import type { LocalTranslation } from './local-initializer.js';

// Instances exported inside instances nest at most this deep (the validator's type depth).
const MAX_EXPORT_DEPTH = 1000;

/**
 * Validates the component `bytes` and translates it: its core modules, and the flat list of
 * initializers that instantiates it with every nested component inlined.
 * @param bytes the component binary; static modules keep views into it (no copies)
 * @param features the proposals to accept; Wasm 2.0 by default
 * @throws ValidationError when the component is malformed or invalid, or uses what translation
 *   does not support yet (component model values, instantiating an imported component)
 */
export function translateComponent(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): ComponentTranslation {
  const sections = translateComponentSections(bytes, features);
  validateAllNestedFunctionBodies(sections.nestedModules);
  return componentTranslationFromSections(sections);
}

/** A component read and validated but for the function bodies of its static modules. */
export interface ComponentSections {
  /** What the validation pass recorded per component. */
  readonly local: LocalTranslation;
  readonly validation: ComponentValidation;
  /** The bodies still to validate: entry i is static module i's. */
  readonly nestedModules: readonly NestedModuleBodies[];
}

/**
 * The first half of `translateComponent`: the single validation pass over the component,
 * leaving the function bodies of its static modules to the caller (`validateNestedFunctionBodies`
 * in binary order, on this thread or others), as `readModuleSections` does for a module.
 * @throws ValidationError for the first malformed or invalid construct outside the bodies
 */
export function translateComponentSections(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): ComponentSections {
  const local: LocalTranslation = { components: [], staticModules: new PrimaryMap() };
  const { types, type, nestedModules } = validateComponentSections(bytes, features, local);
  return { local, validation: { types, type }, nestedModules };
}

/**
 * The second half of `translateComponent`: inlines the components of `sections`, whose bodies
 * the caller has validated, into the flat translation.
 * @throws ValidationError when the component uses what translation does not support yet
 */
export function componentTranslationFromSections(sections: ComponentSections): ComponentTranslation {
  const { local, validation } = sections;
  const { output, exports } = inlineComponent(local, validation.types);
  const exportMap = new Map<string, Export>();
  for (const [name, item] of exports) exportMap.set(name, toExport(output, item, 0));
  return {
    staticModules: local.staticModules,
    component: {
      types: validation.types,
      type: validation.type,
      imports: output.imports,
      importTypes: output.importTypes,
      initializers: output.initializers,
      exports: exportMap,
      trampolines: output.trampolines,
      resources: output.resources,
      instanceResources: output.instanceResources,
      instanceParents: output.instanceParents,
      numRuntimeInstances: output.numRuntimeInstances,
      numRuntimeComponentInstances: output.numRuntimeComponentInstances,
      numRuntimeMemories: output.numRuntimeMemories,
      numRuntimeReallocs: output.numRuntimeReallocs,
      numRuntimePostReturns: output.numRuntimePostReturns,
      numRuntimeCallbacks: output.numRuntimeCallbacks,
      numLowerings: output.numLowerings,
      numAlwaysTrap: output.numAlwaysTrap,
      numTranscoders: output.numTranscoders,
      numAdapters: output.numAdapters,
      numResources: output.resources.length,
    },
  };
}

function toExport(output: InlineOutput, item: ComponentItemDef, depth: number): Export {
  if (depth > MAX_EXPORT_DEPTH) throw new ValidationError(`exported instances nest more than ${MAX_EXPORT_DEPTH} levels deep`, 0);
  switch (item.kind) {
    case 'func': {
      const def = item.def;
      switch (def.kind) {
        case 'Lifted':
          return { kind: 'LiftedFunction', type: def.type, func: def.func, options: def.options };
        case 'Import':
          return { kind: 'Import', import: output.runtimeImport(def.path) };
        default:
          return assertNever(def);
      }
    }
    case 'module': {
      const def = item.def;
      switch (def.kind) {
        case 'Static':
          return { kind: 'ModuleStatic', index: def.index };
        case 'Import':
          return { kind: 'ModuleImport', import: output.runtimeImport(def.path) };
        default:
          return assertNever(def);
      }
    }
    case 'instance': {
      const def = item.def;
      switch (def.kind) {
        case 'Items': {
          const exports = new Map<string, Export>();
          for (const [name, inner] of def.items) exports.set(name, toExport(output, inner, depth + 1));
          return { kind: 'Instance', exports };
        }
        case 'Import':
          return { kind: 'Import', import: output.runtimeImport(def.path) };
        default:
          return assertNever(def);
      }
    }
    case 'component':
      throw new ValidationError('unsupported component feature: exporting a component', 0);
    case 'type':
      return { kind: 'Type', type: item.type, resource: item.resource };
    default:
      return assertNever(item);
  }
}
