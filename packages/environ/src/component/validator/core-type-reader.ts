// Core types in a component (Binary.md `core:type`): function types, and module types whose
// declarations (imports, nested function types, outer type aliases, exports) are read into an
// initially-empty core type index space.

import type { BinaryReader } from '../../binary/binary-reader.js';
import { readGlobalType, readMemoryType, readTableType } from '../../module/entity-types.js';
import { createModuleState } from '../../module/module-state.js';
import type { FuncType } from '../../types/core-types.js';
import { readValType } from '../../types/val-type-reader.js';
import type { ValType } from '../../types/val-type.js';
import type { ComponentTypeId, CoreEntityType, CoreModuleImport } from '../types/component-types.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { MAX_COMPONENT_ITEMS } from './component-limits.js';

/** Reads a core function type after its 0x60 form byte. */
function readCoreFuncType(reader: BinaryReader, context: ComponentValidatorContext): FuncType {
  const params: ValType[] = [];
  const np = reader.readSize(1000, 'function params');
  for (let i = 0; i < np; i++) params.push(readValType(reader, context.features));
  const results: ValType[] = [];
  const nr = reader.readSize(1000, 'function results');
  for (let i = 0; i < nr; i++) results.push(readValType(reader, context.features));
  return { kind: 'func', params, results };
}

/** Reads one `core:type` and returns its interned id. `inModuleType` rejects nested module types. */
export function readCoreType(reader: BinaryReader, context: ComponentValidatorContext, moduleTypes: readonly ComponentTypeId[] | null): ComponentTypeId {
  const at = reader.pos;
  const form = reader.readU8();
  switch (form) {
    case 0x60:
      return context.types.push({ kind: 'core-func', type: readCoreFuncType(reader, context) });
    case 0x50:
      if (moduleTypes !== null) reader.fail('core type index space in a module type cannot contain module types', at);
      return readCoreModuleType(reader, context);
    case 0x4e:
    case 0x4f:
    case 0x5e:
    case 0x5f:
      return reader.fail('gc proposal not supported', at);
    default:
      return reader.fail(`invalid leading byte (0x${form.toString(16)}) for core type`, at);
  }
}

/** Reads a core module type's declarations after its 0x50 form byte. */
function readCoreModuleType(reader: BinaryReader, context: ComponentValidatorContext): ComponentTypeId {
  const coreTypes: ComponentTypeId[] = [];
  const imports: CoreModuleImport[] = [];
  const exports = new Map<string, CoreEntityType>();
  const scratch = createModuleState(reader.bytes, context.features);
  const count = reader.readSize(MAX_COMPONENT_ITEMS, 'module type declarations');
  for (let i = 0; i < count; i++) {
    const at = reader.pos;
    const tag = reader.readU8();
    switch (tag) {
      case 0x00: {
        const module = reader.readName();
        const field = reader.readName();
        const type = readImportDesc(reader, context, coreTypes, scratch);
        if (imports.some((m) => m.module === module && m.field === field)) reader.fail(`duplicate import name \`${module}:${field}\``, at);
        imports.push({ module, field, type });
        break;
      }
      case 0x01:
        coreTypes.push(readCoreType(reader, context, coreTypes));
        break;
      case 0x02: {
        const sortAt = reader.pos;
        const sort = reader.readU8();
        if (sort !== 0x10) reader.fail('only type aliases are allowed in module types', sortAt);
        const targetAt = reader.pos;
        if (reader.readU8() !== 0x01) reader.fail('only outer aliases are allowed in module types', targetAt);
        const countAt = reader.pos;
        const outer = reader.readVarU32();
        // The module type is its own scope, so `1` names the innermost enclosing component.
        if (outer === 0) {
          const idAt = reader.pos;
          const id = coreTypes[reader.readVarU32()];
          if (id === undefined) reader.fail('type index out of bounds', idAt);
          coreTypes.push(id);
          break;
        }
        const scope = context.scopes[context.scopes.length - outer];
        if (scope === undefined) reader.fail(`invalid outer alias count of ${outer}`, countAt);
        const idAt = reader.pos;
        const id = scope.coreTypes[reader.readVarU32()];
        if (id === undefined) reader.fail('type index out of bounds', idAt);
        if (context.types.get(id).kind === 'core-module') reader.fail('cannot alias a module type into a module type', idAt);
        coreTypes.push(id);
        break;
      }
      case 0x03: {
        const name = reader.readName();
        const type = readImportDesc(reader, context, coreTypes, scratch);
        if (exports.has(name)) reader.fail(`export name \`${name}\` already defined`, at);
        exports.set(name, type);
        break;
      }
      default:
        reader.fail(`invalid leading byte (0x${tag.toString(16)}) for module type declaration`, at);
    }
  }
  return context.types.push({ kind: 'core-module', imports, exports });
}

function funcTypeAt(reader: BinaryReader, context: ComponentValidatorContext, coreTypes: readonly ComponentTypeId[]): FuncType {
  const at = reader.pos;
  const index = reader.readVarU32();
  const id = coreTypes[index];
  if (id === undefined) return reader.fail(`type index out of bounds`, at);
  const entry = context.types.get(id);
  if (entry.kind !== 'core-func') return reader.fail(`type index ${index} is not a function type`, at);
  return entry.type;
}

function readImportDesc(reader: BinaryReader, context: ComponentValidatorContext, coreTypes: readonly ComponentTypeId[], scratch: ReturnType<typeof createModuleState>): CoreEntityType {
  const at = reader.pos;
  const kind = reader.readU8();
  switch (kind) {
    case 0x00:
      return { kind: 'func', type: funcTypeAt(reader, context, coreTypes) };
    case 0x01:
      return { kind: 'table', type: readTableType(reader, scratch) };
    case 0x02:
      return { kind: 'memory', type: readMemoryType(reader, scratch) };
    case 0x03:
      return { kind: 'global', type: readGlobalType(reader, scratch) };
    case 0x04: {
      const attrAt = reader.pos;
      if (reader.readU8() !== 0x00) reader.fail('invalid tag attribute', attrAt);
      const type = funcTypeAt(reader, context, coreTypes);
      if (!context.features.exceptions) reader.fail('exceptions proposal not enabled', at);
      return { kind: 'tag', type };
    }
    default:
      return reader.fail(`invalid leading byte (0x${kind.toString(16)}) for external kind`, at);
  }
}
