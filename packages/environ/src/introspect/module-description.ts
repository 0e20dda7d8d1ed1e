// What a core module imports and exports, with types, read from its `ModuleTranslation`: the
// core half of `inspect`.

import type { WasmFeatures } from '../features/wasm-features.js';
import { WASM2_FEATURES } from '../features/wasm-features.js';
import type { ModuleTranslation, EntityType } from '../translate/module-translation.js';
import { translateModule } from '../translate/translate-module.js';
import type { TypeIndex } from '../types/indices.js';
import type { FuncType } from '../types/core-types.js';
import { assertNever, unreachable } from '../util/assert-never.js';
import type { CoreExternDescription } from './core-extern-description.js';
import { coreExternText, describeCoreFunc, describeCoreGlobal, describeCoreMemory, describeCoreTable } from './core-extern-description.js';

/** One import of a core module. */
export interface ModuleImportDescription {
  readonly module: string;
  readonly name: string;
  readonly type: CoreExternDescription;
}

/** One export of a core module. */
export interface ModuleExportDescription {
  readonly name: string;
  readonly type: CoreExternDescription;
}

/** A core module's imports and exports, in binary order. */
export interface ModuleDescription {
  readonly imports: readonly ModuleImportDescription[];
  readonly exports: readonly ModuleExportDescription[];
}

function funcTypeOf(translation: ModuleTranslation, index: TypeIndex): FuncType {
  const composite = translation.types.get(index).composite;
  if (composite.kind !== 'func') return unreachable(`type ${index} of a function is not a function type`);
  return composite;
}

function describeEntity(translation: ModuleTranslation, type: EntityType): CoreExternDescription {
  switch (type.kind) {
    case 'func':
      return describeCoreFunc(funcTypeOf(translation, type.typeIndex));
    case 'table':
      return describeCoreTable(type.type);
    case 'memory':
      return describeCoreMemory(type.type);
    case 'global':
      return describeCoreGlobal(type.type);
    case 'tag':
      return describeCoreFunc(funcTypeOf(translation, type.type.typeIndex), 'tag');
    default:
      return assertNever(type);
  }
}

/** Describes the imports and exports of an already translated module. */
function describeModuleTranslation(translation: ModuleTranslation): ModuleDescription {
  const imports = translation.imports.map((i) => ({ module: i.module, name: i.field, type: describeEntity(translation, i.type) }));
  const exports: ModuleExportDescription[] = [];
  for (const [name, e] of translation.exports) {
    let type: CoreExternDescription;
    switch (e.kind) {
      case 'func':
        type = describeCoreFunc(funcTypeOf(translation, translation.functions.get(e.index)));
        break;
      case 'table':
        type = describeCoreTable(translation.tables.get(e.index));
        break;
      case 'memory':
        type = describeCoreMemory(translation.memories.get(e.index));
        break;
      case 'global':
        type = describeCoreGlobal(translation.globals.get(e.index).type);
        break;
      case 'tag':
        type = describeCoreFunc(funcTypeOf(translation, translation.tags.get(e.index).typeIndex), 'tag');
        break;
      default:
        return assertNever(e);
    }
    exports.push({ name, type });
  }
  return { imports, exports };
}

/**
 * Validates the core module `bytes` under `features` and describes its imports and exports.
 * @throws ValidationError when the module is malformed or invalid
 */
export function describeModule(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): ModuleDescription {
  return describeModuleTranslation(translateModule(bytes, features));
}

/** `description` as text: one `(import "m" "n" (func ...))` or `(export "n" (memory 1))` line each. */
export function printModuleDescription(description: ModuleDescription): string {
  const lines: string[] = [];
  for (const i of description.imports) lines.push(`(import ${JSON.stringify(i.module)} ${JSON.stringify(i.name)} ${coreExternText(i.type)})`);
  for (const e of description.exports) lines.push(`(export ${JSON.stringify(e.name)} ${coreExternText(e.type)})`);
  return lines.map((l) => `${l}\n`).join('');
}
