// The core sections of a component: nested core modules (validated by the core validator, with
// offsets in the whole component; their bodies after the component, see nested-module.ts), core
// instances (instantiations and bundles of exports), and the type a validated module has.

import { unreachable } from '../../util/assert-never.js';
import type { BinaryReader } from '../../binary/binary-reader.js';
import type { ModuleState } from '../../module/module-state.js';
import type { FuncType } from '../../types/core-types.js';
import type { TypeIndex } from '../../types/indices.js';
import { moduleTranslationFromState } from '../../translate/translate-module.js';
import type { CoreEntityType, CoreModuleImport } from '../types/component-types.js';
import { readCoreSort } from './sort.js';
import type { CoreSort } from './sort.js';
import { readNestedModuleSections } from './nested-module.js';
import { coreEntitySubtypeError } from './subtype.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { currentScope, recordLocal } from './validator-context.js';
import { MAX_COMPONENT_ITEMS } from './component-limits.js';

function funcTypeOf(state: ModuleState, index: TypeIndex): FuncType {
  const sub = state.types[index];
  if (sub === undefined || sub.composite.kind !== 'func') return unreachable('a validated module names a non-function type');
  return sub.composite;
}

/**
 * Validates the core module in `section` with the core validator, except for its function
 * bodies (queued in `context.nestedModules`), and adds its type.
 * @throws ValidationError from the core validator, at absolute offsets
 */
export function readCoreModuleSection(section: BinaryReader, context: ComponentValidatorContext): void {
  // Bytes 6..7 are the layer: a component here is not a module (the core reader would only see
  // an unknown version).
  if (section.remaining >= 8 && (section.bytes[section.pos + 6] !== 0 || section.bytes[section.pos + 7] !== 0) && section.bytes[section.pos] === 0) {
    section.fail('expected a version header for a module, found a component (layer 1)', section.pos + 4);
  }
  const start = section.pos;
  // The bodies are validated after the whole component (nested-module.ts).
  const nested = readNestedModuleSections(section.bytes, context.features, { start, end: section.end });
  context.nestedModules.push(nested);
  const state = nested.state;
  const translation = context.translation;
  if (translation !== null) {
    // Translation keeps the module's own bytes, which the state's ranges are relative to.
    const bytes = section.bytes.subarray(start, section.end);
    const index = translation.staticModules.push(moduleTranslationFromState(state, bytes));
    recordLocal(context, { kind: 'ModuleStatic', index });
  }
  // Two-level names mangle to one in a component's core instances, so they must be unique.
  const seen = new Set<string>();
  for (const imp of state.imports) {
    const key = `${imp.module}:${imp.field}`;
    if (seen.has(key)) section.fail(`duplicate import name \`${key}\``, section.end);
    seen.add(key);
  }
  section.pos = section.end;
  const imports: CoreModuleImport[] = state.imports.map((imp) => {
    const t = imp.type;
    let type: CoreEntityType;
    switch (t.kind) {
      case 'func':
        type = { kind: 'func', type: funcTypeOf(state, t.typeIndex) };
        break;
      case 'tag':
        type = { kind: 'tag', type: funcTypeOf(state, t.type.typeIndex) };
        break;
      case 'table':
      case 'memory':
      case 'global':
        type = t;
        break;
    }
    return { module: imp.module, field: imp.field, type };
  });
  const exports = new Map<string, CoreEntityType>();
  for (const [name, e] of state.exports) {
    let type: CoreEntityType | undefined;
    switch (e.kind) {
      case 'func': {
        const ti = state.funcTypeIndices[e.index];
        if (ti !== undefined) type = { kind: 'func', type: funcTypeOf(state, ti) };
        break;
      }
      case 'table': {
        const t = state.tables[e.index];
        if (t !== undefined) type = { kind: 'table', type: t };
        break;
      }
      case 'memory': {
        const t = state.memories[e.index];
        if (t !== undefined) type = { kind: 'memory', type: t };
        break;
      }
      case 'global': {
        const t = state.globals[e.index];
        if (t !== undefined) type = { kind: 'global', type: t };
        break;
      }
      case 'tag': {
        const t = state.tags[e.index];
        if (t !== undefined) type = { kind: 'tag', type: funcTypeOf(state, t.typeIndex) };
        break;
      }
    }
    if (type !== undefined) exports.set(name, type);
  }
  currentScope(context).coreModules.push(context.types.push({ kind: 'core-module', imports, exports }));
}

/**
 * Reads the core instance section: instantiations, whose arguments must supply every import
 * with a matching type, and bundles of core exports.
 * @throws ValidationError for a missing or mistyped argument or an unknown index
 */
export function readCoreInstanceSection(section: BinaryReader, context: ComponentValidatorContext): void {
  const scope = currentScope(context);
  const count = section.readSize(MAX_COMPONENT_ITEMS, 'core instances');
  for (let i = 0; i < count; i++) {
    const at = section.pos;
    const form = section.readU8();
    if (form === 0x00) {
      const modAt = section.pos;
      const moduleIndex = section.readVarU32();
      const moduleId = scope.coreModules[moduleIndex];
      if (moduleId === undefined) section.fail(`unknown module ${moduleIndex}: module index out of bounds`, modAt);
      const args = new Map<string, ReadonlyMap<string, CoreEntityType>>();
      const argIndices = new Map<string, number>();
      const n = section.readSize(MAX_COMPONENT_ITEMS, 'instantiation arguments');
      for (let k = 0; k < n; k++) {
        const nameAt = section.pos;
        const name = section.readName();
        const sortAt = section.pos;
        if (section.readU8() !== 0x12) section.fail('only instances are supported for module instantiation arguments', sortAt);
        const idxAt = section.pos;
        const index = section.readVarU32();
        const instance = scope.coreInstances[index];
        if (instance === undefined) section.fail(`unknown core instance ${index}: instance index out of bounds`, idxAt);
        if (args.has(name)) section.fail(`duplicate module instantiation argument named \`${name}\``, nameAt);
        args.set(name, instance);
        argIndices.set(name, index);
      }
      const module = context.types.get(moduleId);
      if (module.kind !== 'core-module') return unreachable('module of non-module type');
      for (const imp of module.imports) {
        const arg = args.get(imp.module);
        if (arg === undefined) section.fail(`missing module instantiation argument named \`${imp.module}\``, at);
        const actual = arg.get(imp.field);
        if (actual === undefined) section.fail(`module instantiation argument \`${imp.module}\` does not export an item named \`${imp.field}\``, at);
        const why = coreEntitySubtypeError(actual, imp.type);
        if (why !== null) section.fail(`type mismatch for export \`${imp.field}\` of module instantiation argument \`${imp.module}\`: ${why}`, at);
      }
      scope.coreInstances.push(module.exports);
      recordLocal(context, { kind: 'ModuleInstantiate', module: moduleIndex, args: argIndices });
    } else if (form === 0x01) {
      const exports = new Map<string, CoreEntityType>();
      const items = new Map<string, { readonly sort: CoreSort; readonly index: number }>();
      const n = section.readSize(MAX_COMPONENT_ITEMS, 'core instance exports');
      for (let k = 0; k < n; k++) {
        const nameAt = section.pos;
        const name = section.readName();
        const sort = readCoreSort(section);
        const idxAt = section.pos;
        const index = section.readVarU32();
        let entity: CoreEntityType | undefined;
        switch (sort) {
          case 'func': {
            const t = scope.coreFuncs[index];
            entity = t && { kind: 'func', type: t };
            break;
          }
          case 'table': {
            const t = scope.coreTables[index];
            entity = t && { kind: 'table', type: t };
            break;
          }
          case 'memory': {
            const t = scope.coreMemories[index];
            entity = t && { kind: 'memory', type: t };
            break;
          }
          case 'global': {
            const t = scope.coreGlobals[index];
            entity = t && { kind: 'global', type: t };
            break;
          }
          case 'tag': {
            const t = scope.coreTags[index];
            entity = t && { kind: 'tag', type: t };
            break;
          }
          default:
            section.fail(`core instance export of sort \`${sort}\` is not supported`, sortAtOf(idxAt));
        }
        if (entity === undefined) section.fail(`unknown ${sort} ${index}: ${sort} index out of bounds`, idxAt);
        if (exports.has(name)) section.fail(`export name \`${name}\` already defined`, nameAt);
        exports.set(name, entity);
        items.set(name, { sort, index });
      }
      scope.coreInstances.push(exports);
      recordLocal(context, { kind: 'ModuleSynthetic', exports: items });
    } else {
      section.fail(`invalid leading byte (0x${form.toString(16)}) for core instance`, at);
    }
  }
}

function sortAtOf(indexAt: number): number {
  return indexAt - 1;
}
