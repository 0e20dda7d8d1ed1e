// Validation of a component binary, section by section like wasmparser's component validator.
// Nested components are not validated by recursion: each is a frame on an explicit stack, so a
// hostile nesting depth ends in a ValidationError at `MAX_SCOPE_DEPTH` instead of a stack
// overflow. When a nested component ends, its type joins the enclosing component's index space.

import { unreachable } from '../../util/assert-never.js';
import { BinaryReader } from '../../binary/binary-reader.js';
import type { WasmFeatures } from '../../features/wasm-features.js';
import { WASM2_FEATURES } from '../../features/wasm-features.js';
import { readComponentHeader } from '../binary/component-header.js';
import { ComponentSectionId } from '../binary/component-section-id.js';
import { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentTypeId } from '../types/component-types.js';
import { readAlias } from './alias-reader.js';
import { readCanon } from './canon-section.js';
import { createComponentScope } from './component-scope.js';
import type { ComponentScope } from './component-scope.js';
import { readExportSection, readImportSection, readInstanceSection, readStartSection } from './component-sections.js';
import { readCoreModuleSection, readCoreInstanceSection } from './core-sections.js';
import { readCoreType } from './core-type-reader.js';
import { validateAllNestedFunctionBodies } from './nested-module.js';
import type { NestedModuleBodies } from './nested-module.js';
import { readComponentTypeDef } from './type-reader.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { MAX_SCOPE_DEPTH, recordLocal } from './validator-context.js';
import type { LocalComponent, LocalTranslation } from '../translate/local-initializer.js';
import type { StaticComponentIndex } from '../translate/component-info.js';
import { MAX_COMPONENT_ITEMS } from './component-limits.js';

/** What a validated component looks like from outside, and the table its types live in. */
export interface ComponentValidation {
  readonly types: ComponentTypeList;
  /** The component's own type: its imports and exports. */
  readonly type: ComponentTypeId;
}

/** A component being read: its reader (positioned after what was read) and its scope. */
interface Frame {
  readonly reader: BinaryReader;
  readonly scope: ComponentScope;
}

function readVec(section: BinaryReader, what: string, read: () => void): void {
  const n = section.readSize(MAX_COMPONENT_ITEMS, what);
  for (let i = 0; i < n; i++) read();
}

function finishComponent(frame: Frame, context: ComponentValidatorContext): ComponentTypeId {
  const scope = frame.scope;
  scope.values.forEach((v, i) => {
    if (!v.consumed) frame.reader.fail(`value index ${i} was not used as part of an instantiation, start function, or export`);
  });
  return context.types.push({
    kind: 'component',
    imports: scope.imports,
    exports: scope.exports,
    importedResources: scope.importedResources,
    definedResources: scope.definedResources,
  });
}

/** A component validated but for the function bodies of its core modules. */
export interface ComponentSectionsValidation extends ComponentValidation {
  /** Every core module, nested components' included, in binary order, bodies not validated. */
  readonly nestedModules: readonly NestedModuleBodies[];
}

/**
 * Validates the component `bytes` under `features` and returns its type.
 * @throws ValidationError for the first malformed or invalid construct, with its absolute offset
 */
export function validateComponentBinary(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): ComponentValidation {
  const { types, type, nestedModules } = validateComponentSections(bytes, features);
  validateAllNestedFunctionBodies(nestedModules);
  return { types, type };
}

/**
 * `validateComponentBinary` except for the function bodies of the core modules, which the
 * caller validates afterwards (`validateNestedFunctionBodies`), in binary order to report what
 * `validateComponentBinary` would. With `translation`, also records every component's
 * definitions there (see local-initializer.ts).
 * @throws ValidationError for the first malformed or invalid construct outside the bodies, with
 *   its absolute offset
 */
export function validateComponentSections(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES, translation: LocalTranslation | null = null): ComponentSectionsValidation {
  const types = new ComponentTypeList();
  const nestedModules: NestedModuleBodies[] = [];
  const context: ComponentValidatorContext = { features, types, scopes: [], typeScopeNames: new Map(), translation, nestedModules };
  const newLocal = (): LocalComponent | null => (translation === null ? null : { initializers: [] });
  const top = new BinaryReader(bytes);
  readComponentHeader(top);
  const root = createComponentScope('component', newLocal());
  const frames: Frame[] = [{ reader: top, scope: root }];
  context.scopes.push(root);
  for (;;) {
    const frame = frames[frames.length - 1];
    if (frame === undefined) return unreachable('no component frame');
    const reader = frame.reader;
    if (reader.eof) {
      const type = finishComponent(frame, context);
      frames.pop();
      context.scopes.pop();
      const local = frame.scope.local;
      const index = (local === null ? -1 : (translation?.components.push(local) ?? 0) - 1) as StaticComponentIndex;
      const parent = frames[frames.length - 1];
      if (parent === undefined) return { types, type, nestedModules };
      parent.scope.components.push(type);
      if (local !== null) recordLocal(context, { kind: 'ComponentStatic', index });
      continue;
    }
    const idAt = reader.pos;
    const id = reader.readU8();
    const sizeAt = reader.pos;
    const size = reader.readVarU32();
    if (size > reader.remaining) reader.fail(`unexpected end-of-file: section size ${size} exceeds the remaining ${reader.remaining} bytes`, sizeAt);
    const section = reader.subReader(size);
    switch (id) {
      case ComponentSectionId.custom: {
        section.readName();
        section.pos = section.end;
        continue;
      }
      case ComponentSectionId.coreModule:
        readCoreModuleSection(section, context);
        break;
      case ComponentSectionId.coreInstance:
        readCoreInstanceSection(section, context);
        break;
      case ComponentSectionId.coreType:
        readVec(section, 'core types', () => frame.scope.coreTypes.push(readCoreType(section, context, null)));
        break;
      case ComponentSectionId.component: {
        if (frames.length >= MAX_SCOPE_DEPTH) section.fail(`component nesting is too deep: more than ${MAX_SCOPE_DEPTH} levels`);
        readComponentHeader(section);
        const scope = createComponentScope('component', newLocal());
        frames.push({ reader: section, scope });
        context.scopes.push(scope);
        continue;
      }
      case ComponentSectionId.instance:
        readInstanceSection(section, context);
        break;
      case ComponentSectionId.alias:
        readVec(section, 'aliases', () => readAlias(section, context, false));
        break;
      case ComponentSectionId.type:
        readVec(section, 'types', () => readComponentTypeDef(section, context));
        break;
      case ComponentSectionId.canon:
        readVec(section, 'canonical functions', () => readCanon(section, context));
        break;
      case ComponentSectionId.start:
        readStartSection(section, context);
        break;
      case ComponentSectionId.import:
        readImportSection(section, context);
        break;
      case ComponentSectionId.export:
        readExportSection(section, context);
        break;
      case ComponentSectionId.value:
        section.fail('support for component model `value`s is not enabled');
        break;
      default:
        reader.fail(`malformed section id: ${id}`, idAt);
    }
    if (!section.eof) section.fail('section size mismatch: unexpected data at the end of the section');
  }
}

/**
 * Validates the component `bytes` under `features`.
 * @throws ValidationError for the first malformed or invalid construct, with its absolute offset
 */
export function validateComponent(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): void {
  validateComponentBinary(bytes, features);
}
