// The entry points for core modules: validation and translation share one path, so a module
// that validates always translates, and translating costs little more than validating.

import type { WasmFeatures } from '../features/wasm-features.js';
import { WASM2_FEATURES } from '../features/wasm-features.js';
import { NO_NAMES, readNameSection } from '../module/name-section.js';
import type { ModuleState } from '../module/module-state.js';
import type { TypeIndex } from '../types/indices.js';
import { PrimaryMap } from '../util/primary-map.js';
import { validateModuleBinary } from '../validator/module-validator.js';
import type { ModuleGlobal, ModuleNames, ModuleTranslation } from './module-translation.js';

/**
 * Validates a core module and translates it into a `ModuleTranslation`.
 * @param bytes the module's binary; kept (not copied) as `wasm` in the result
 * @param features the proposals to accept; Wasm 2.0 by default
 * @throws ValidationError when the module is malformed or invalid
 */
export function translateModule(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): ModuleTranslation {
  return moduleTranslationFromState(validateModuleBinary(bytes, features), bytes);
}

/**
 * The translation of a module already validated into `state`; `bytes` is the binary the state's
 * ranges point into (validated from its start).
 */
export function moduleTranslationFromState(state: ModuleState, bytes: Uint8Array): ModuleTranslation {
  const globals: ModuleGlobal[] = state.globals.map((type, i) => ({ type, init: state.globalInits[i] ?? null }));
  return {
    wasm: bytes,
    types: new PrimaryMap(state.types),
    recGroups: state.recGroups,
    imports: state.imports,
    numImportedFuncs: state.numImportedFuncs,
    numImportedTables: state.numImportedTables,
    numImportedMemories: state.numImportedMemories,
    numImportedGlobals: state.numImportedGlobals,
    numImportedTags: state.numImportedTags,
    functions: new PrimaryMap(state.funcTypeIndices),
    tables: new PrimaryMap(state.tables),
    memories: new PrimaryMap(state.memories),
    globals: new PrimaryMap(globals),
    tags: new PrimaryMap(state.tags),
    exports: state.exports,
    start: state.start,
    elementSegments: new PrimaryMap(state.elementSegments),
    dataSegments: new PrimaryMap(state.dataSegments),
    dataCount: state.dataCount,
    functionBodies: new PrimaryMap(state.functionBodies),
    customSections: state.customSections,
    names: readNames(state),
    exportedSignatures: exportedSignatures(state),
  };
}

/**
 * Validates a core module without keeping its translation.
 * @param features the proposals to accept; Wasm 2.0 by default
 * @throws ValidationError when the module is malformed or invalid
 */
export function validateModule(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): void {
  validateModuleBinary(bytes, features);
}

// The first `name` section wins, as in wasmtime; a later one is kept only as a custom section.
function readNames(state: ModuleState): ModuleNames {
  const section = state.customSections.find((custom) => custom.name === 'name');
  return section === undefined ? NO_NAMES : readNameSection(section.bytes, section.offset);
}

// Every function that can escape the module is in C.refs (exports, element segments, global
// initializers), since `ref.func` in a body may only name those; their types need trampolines.
function exportedSignatures(state: ModuleState): TypeIndex[] {
  const signatures = new Set<TypeIndex>();
  for (const func of state.declaredFuncRefs) {
    const type = state.funcTypeIndices[func];
    if (type !== undefined) signatures.add(type);
  }
  return [...signatures].sort((a, b) => a - b);
}
