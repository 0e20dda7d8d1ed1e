// Component type definitions (Binary.md `type`, `deftype`, `externdesc`): defined value types,
// function types, resource types, and component and instance types with their declarations.
// Component and instance types open a scope; their nesting is bounded by `MAX_SCOPE_DEPTH`.

import type { BinaryReader } from '../../binary/binary-reader.js';
import { I32 } from '../../types/val-type.js';
import { alignTo, definedTypeLayout } from '../canonical-abi/layout.js';
import type { ComponentTypeId, ComponentValType, ComponentDefinedType, ComponentEntityType, NamedValType, PrimitiveValType, ResourceId, VariantCase, ComponentTypeEntry } from '../types/component-types.js';
import { createComponentScope } from './component-scope.js';
import { readCoreType } from './core-type-reader.js';
import { checkExternName, isKebabLabel } from './extern-name.js';
import { checkTypeDepth } from './type-depth.js';
import { readAlias } from './alias-reader.js';
import { addImportOrExport } from './extern-entities.js';
import type { ExternName } from './extern-entities.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { currentScope, MAX_SCOPE_DEPTH, recordLocal } from './validator-context.js';
import { MAX_COMPONENT_ITEMS } from './component-limits.js';

/** `elem_size` bound of every value type (CanonicalABI.md "Element Size"). */
const MAX_VALUE_BYTES = 2 ** 28;
/** Deepest nesting of defined value types; flattening and comparison recurse on it. */
export const MAX_TYPE_DEPTH = 100;

const PRIMITIVES: ReadonlyMap<number, PrimitiveValType> = new Map<number, PrimitiveValType>([
  [0x7f, 'bool'],
  [0x7e, 's8'],
  [0x7d, 'u8'],
  [0x7c, 's16'],
  [0x7b, 'u16'],
  [0x7a, 's32'],
  [0x79, 'u32'],
  [0x78, 's64'],
  [0x77, 'u64'],
  [0x76, 'f32'],
  [0x75, 'f64'],
  [0x74, 'char'],
  [0x73, 'string'],
  [0x64, 'error-context'],
]);

/** Facts about a value type that its users check without walking it. */
interface ValTypeInfo {
  readonly depth: number;
  readonly containsBorrow: boolean;
}

function infoOf(context: ComponentValidatorContext, t: ComponentValType | null): ValTypeInfo {
  if (t === null || t.kind === 'primitive') return { depth: 0, containsBorrow: false };
  const entry = context.types.get(t.id);
  return entry.kind === 'defined' ? { depth: entry.depth, containsBorrow: entry.containsBorrow } : { depth: 0, containsBorrow: false };
}

/** Reads a `valtype`: a primitive, or a type index that must name a defined value type. */
export function readValType(reader: BinaryReader, context: ComponentValidatorContext): ComponentValType {
  const at = reader.pos;
  const byte = reader.peekU8();
  const prim = PRIMITIVES.get(byte);
  if (prim !== undefined && (byte & 0x40) !== 0) {
    reader.readU8();
    if (prim === 'error-context' && !context.features.componentModelErrorContext) reader.fail('`error-context` requires the component model error-context feature', at);
    return { kind: 'primitive', type: prim };
  }
  const index = reader.readVarS33();
  if (index < 0) reader.fail(`invalid leading byte (0x${byte.toString(16)}) for primitive value type`, at);
  const id = currentScope(context).types[index];
  if (id === undefined) reader.fail(`unknown type ${index}: type index out of bounds`, at);
  if (context.types.get(id).kind !== 'defined') reader.fail(`type index ${index} is not a defined type`, at);
  return { kind: 'defined', id };
}

function readOptionalValType(reader: BinaryReader, context: ComponentValidatorContext): ComponentValType | null {
  const at = reader.pos;
  const flag = reader.readU8();
  if (flag === 0x00) return null;
  if (flag === 0x01) return readValType(reader, context);
  return reader.fail(`invalid optional value type flag 0x${flag.toString(16)}`, at);
}

function readLabel(reader: BinaryReader, seen: Map<string, string>, what: string): string {
  const at = reader.pos;
  const name = reader.readName();
  if (name === '') reader.fail(`${what} name cannot be empty`, at);
  if (!isKebabLabel(name)) reader.fail(`${what} name \`${name}\` is not in kebab case`, at);
  const key = name.toLowerCase();
  const previous = seen.get(key);
  if (previous !== undefined) reader.fail(`${what} name \`${name}\` conflicts with previous ${what.split(' ').pop() ?? what} name \`${previous}\``, at);
  seen.set(key, name);
  return name;
}

function resourceOf(reader: BinaryReader, context: ComponentValidatorContext, at: number): { readonly resource: ResourceId; readonly type: ComponentTypeId } {
  const index = reader.readVarU32();
  const id = currentScope(context).types[index];
  if (id === undefined) return reader.fail(`unknown type ${index}: type index out of bounds`, at);
  const entry = context.types.get(id);
  if (entry.kind !== 'resource') return reader.fail(`type index ${index} is not a resource type`, at);
  return { resource: entry.id, type: id };
}

/** Reads a `defvaltype` whose form byte `form` was just read. */
function readDefinedType(reader: BinaryReader, context: ComponentValidatorContext, form: number, at: number): ComponentTypeEntry {
  const parts: (ComponentValType | null)[] = [];
  let defined: ComponentDefinedType;
  const vt = (): ComponentValType => {
    const t = readValType(reader, context);
    parts.push(t);
    return t;
  };
  const optVt = (): ComponentValType | null => {
    const t = readOptionalValType(reader, context);
    parts.push(t);
    return t;
  };
  const prim = PRIMITIVES.get(form);
  if (prim !== undefined) {
    if (prim === 'error-context' && !context.features.componentModelErrorContext) reader.fail('`error-context` requires the component model error-context feature', at);
    defined = { kind: 'primitive', type: prim };
  } else {
    switch (form) {
      case 0x72: {
        const n = reader.readSize(MAX_COMPONENT_ITEMS, 'record fields');
        if (n === 0) reader.fail('record type must have at least one field', at);
        const seen = new Map<string, string>();
        const fields: NamedValType[] = [];
        for (let i = 0; i < n; i++) {
          const name = readLabel(reader, seen, 'record field');
          fields.push({ name, type: vt() });
        }
        defined = { kind: 'record', fields };
        break;
      }
      case 0x71: {
        const n = reader.readSize(MAX_COMPONENT_ITEMS, 'variant cases');
        if (n === 0) reader.fail('variant type must have at least one case', at);
        const seen = new Map<string, string>();
        const cases: VariantCase[] = [];
        for (let i = 0; i < n; i++) {
          const name = readLabel(reader, seen, 'variant case');
          const type = optVt();
          const refinesAt = reader.pos;
          if (reader.readU8() !== 0x00) reader.fail('variant case refines is not supported', refinesAt);
          cases.push({ name, type });
        }
        defined = { kind: 'variant', cases };
        break;
      }
      case 0x70:
        defined = { kind: 'list', element: vt(), length: null };
        break;
      case 0x67: {
        const element = vt();
        const lenAt = reader.pos;
        const length = reader.readVarU32();
        if (!context.features.componentModelFixedLengthLists) reader.fail('fixed-length lists require the component model fixed-length lists feature', at);
        if (length === 0) reader.fail('fixed-length list must have a length greater than zero', lenAt);
        defined = { kind: 'list', element, length };
        break;
      }
      case 0x63: {
        const key = vt();
        const value = vt();
        if (!context.features.componentModelMap) reader.fail('maps require the component model map feature', at);
        defined = { kind: 'map', key, value };
        break;
      }
      case 0x6f: {
        const n = reader.readSize(MAX_COMPONENT_ITEMS, 'tuple types');
        if (n === 0) reader.fail('tuple type must have at least one type', at);
        const types: ComponentValType[] = [];
        for (let i = 0; i < n; i++) types.push(vt());
        defined = { kind: 'tuple', types };
        break;
      }
      case 0x6e:
      case 0x6d: {
        const what = form === 0x6e ? 'flag' : 'enum tag';
        const n = reader.readSize(MAX_COMPONENT_ITEMS, what === 'flag' ? 'flags' : 'enum cases');
        if (n === 0) reader.fail(form === 0x6e ? 'flags must have at least one entry' : 'enum type must have at least one variant', at);
        if (form === 0x6e && n > 32) reader.fail('cannot have more than 32 flags', at);
        const seen = new Map<string, string>();
        const names: string[] = [];
        for (let i = 0; i < n; i++) names.push(readLabel(reader, seen, what));
        defined = form === 0x6e ? { kind: 'flags', names } : { kind: 'enum', names };
        break;
      }
      case 0x6b:
        defined = { kind: 'option', type: vt() };
        break;
      case 0x6a: {
        const ok = optVt();
        const err = optVt();
        defined = { kind: 'result', ok, err };
        break;
      }
      case 0x69:
        defined = { kind: 'own', ...resourceOf(reader, context, reader.pos) };
        break;
      case 0x68:
        defined = { kind: 'borrow', ...resourceOf(reader, context, reader.pos) };
        break;
      case 0x66:
      case 0x65: {
        const element = optVt();
        if (!context.features.componentModelAsync) reader.fail(`\`${form === 0x66 ? 'stream' : 'future'}\` requires the component model async feature`, at);
        // component-model#607: `stream<char>` has no agreed encoding yet.
        if (form === 0x66 && element?.kind === 'primitive' && element.type === 'char') reader.fail('`stream<char>` is not valid at this time', at);
        defined = form === 0x66 ? { kind: 'stream', element } : { kind: 'future', element };
        break;
      }
      default:
        return reader.fail(`invalid leading byte (0x${form.toString(16)}) for component defined type`, at);
    }
  }
  let depth = 0;
  let containsBorrow = defined.kind === 'borrow';
  for (const p of parts) {
    const info = infoOf(context, p);
    if (info.depth > depth) depth = info.depth;
    if (info.containsBorrow) containsBorrow = true;
  }
  if (depth + 1 > MAX_TYPE_DEPTH) reader.fail(`type nesting is too deep: more than ${MAX_TYPE_DEPTH} levels`, at);
  // CanonicalABI.md: every value type must have elem_size(t, i64) < 2^28.
  const layout = definedTypeLayout(context.types, defined, 8);
  if (alignTo(layout.size, layout.align) >= MAX_VALUE_BYTES) reader.fail(`type exceeds maximum byte size of ${MAX_VALUE_BYTES - 1}`, at);
  return { kind: 'defined', type: defined, depth: depth + 1, containsBorrow };
}

function readFuncType(reader: BinaryReader, context: ComponentValidatorContext, isAsync: boolean, at: number): ComponentTypeEntry {
  if (isAsync && !context.features.componentModelAsync) reader.fail('async component functions require the component model async feature', at);
  const n = reader.readSize(MAX_COMPONENT_ITEMS, 'function parameters');
  const seen = new Map<string, string>();
  const params: NamedValType[] = [];
  for (let i = 0; i < n; i++) {
    const name = readLabel(reader, seen, 'function parameter');
    params.push({ name, type: readValType(reader, context) });
  }
  const resultAt = reader.pos;
  const form = reader.readU8();
  let result: ComponentValType | null = null;
  if (form === 0x00) {
    const rAt = reader.pos;
    result = readValType(reader, context);
    if (infoOf(context, result).containsBorrow) reader.fail('function result cannot contain a `borrow` type', rAt);
  } else if (form === 0x01) {
    const countAt = reader.pos;
    if (reader.readVarU32() !== 0) reader.fail('function results must be empty or a single unnamed type', countAt);
  } else {
    reader.fail(`invalid leading byte (0x${form.toString(16)}) for component function results`, resultAt);
  }
  return { kind: 'func', async: isAsync, params, result };
}

/**
 * Reads one `type` definition into the current scope's type index space.
 * @throws ValidationError for a malformed or invalid definition
 */
export function readComponentTypeDef(reader: BinaryReader, context: ComponentValidatorContext): void {
  const scope = currentScope(context);
  const at = reader.pos;
  const form = reader.readU8();
  let entry: ComponentTypeEntry;
  switch (form) {
    case 0x40:
    case 0x43:
      scope.types.push(checkTypeDepth(reader, context.types, context.types.push(readFuncType(reader, context, form === 0x43, at)), at));
      return;
    case 0x41:
    case 0x42:
      scope.types.push(readScopedType(reader, context, form === 0x41 ? 'component-type' : 'instance-type', at));
      return;
    case 0x3f:
    case 0x3e: {
      if (scope.kind !== 'component') reader.fail('resources can only be defined within a concrete component', at);
      const repAt = reader.pos;
      if (reader.readU8() !== I32) reader.fail('resources can only be represented by `i32`', repAt);
      const dtorAt = reader.pos;
      const hasDtor = reader.readU8();
      let destructor: number | null = null;
      if (hasDtor === 0x01) {
        destructor = reader.readVarU32();
        const dtor = scope.coreFuncs[destructor];
        if (dtor === undefined) reader.fail('unknown core function: function index out of bounds', dtorAt + 1);
        if (dtor.params.length !== 1 || dtor.params[0] !== I32 || dtor.results.length !== 0) {
          reader.fail('wrong signature for a destructor: expected [i32] -> []', dtorAt + 1);
        }
      } else if (hasDtor !== 0x00) reader.fail('invalid destructor flag', dtorAt);
      if (form === 0x3e) {
        if (!context.features.componentModelAsync) reader.fail('async resource destructors require the component model async feature', at);
        const cbAt = reader.pos;
        const hasCallback = reader.readU8();
        if (hasCallback === 0x01) {
          if (scope.coreFuncs[reader.readVarU32()] === undefined) reader.fail('unknown core function: function index out of bounds', cbAt + 1);
        } else if (hasCallback !== 0x00) reader.fail('invalid callback flag', cbAt);
      }
      const id = context.types.freshResource();
      scope.definedResources.push(id);
      entry = { kind: 'resource', id };
      recordLocal(context, { kind: 'Resource', resource: id, destructor });
      break;
    }
    default:
      entry = readDefinedType(reader, context, form, at);
  }
  scope.types.push(context.types.push(entry));
}

/** Reads the declarations of a component (0x41) or instance (0x42) type. */
function readScopedType(reader: BinaryReader, context: ComponentValidatorContext, kind: 'component-type' | 'instance-type', at: number): ComponentTypeId {
  if (context.scopes.length >= MAX_SCOPE_DEPTH) reader.fail(`type nesting is too deep: more than ${MAX_SCOPE_DEPTH} levels`, at);
  const scope = createComponentScope(kind);
  context.scopes.push(scope);
  const n = reader.readSize(MAX_COMPONENT_ITEMS, 'type declarations');
  for (let i = 0; i < n; i++) {
    const declAt = reader.pos;
    const tag = reader.readU8();
    switch (tag) {
      case 0x00:
        scope.coreTypes.push(readCoreType(reader, context, null));
        break;
      case 0x01:
        readComponentTypeDef(reader, context);
        break;
      case 0x02:
        readAlias(reader, context, true);
        break;
      case 0x03:
        if (kind !== 'component-type') reader.fail(`invalid leading byte (0x${tag.toString(16)}) for component or instance type declaration: instance types cannot contain imports`, declAt);
        readExternDecl(reader, context, 'import');
        break;
      case 0x04:
        readExternDecl(reader, context, 'export');
        break;
      default:
        reader.fail(`invalid leading byte (0x${tag.toString(16)}) for component or instance type declaration`, declAt);
    }
  }
  context.scopes.pop();
  if (kind === 'component-type') {
    return checkTypeDepth(reader, context.types, context.types.push({ kind: 'component', imports: scope.imports, exports: scope.exports, importedResources: scope.importedResources, definedResources: scope.definedResources }), at);
  }
  const id = checkTypeDepth(reader, context.types, context.types.push({ kind: 'instance', exports: scope.exports, definedResources: scope.definedResources }), at);
  context.typeScopeNames.set(id, new Set([...scope.namedTypes, ...scope.exportNamedTypes]));
  return id;
}

/**
 * Reads an import or export name (`importname'`/`exportname'`), checking its grammar. A 0x02
 * prefix adds attributes: `implements` (0x00, an interface name) and `external-id` (0x02).
 */
export function readExternName(reader: BinaryReader, kind: 'import' | 'export'): ExternName {
  const at = reader.pos;
  const prefix = reader.readU8();
  if (prefix > 0x02) reader.fail(`invalid leading byte (0x${prefix.toString(16)}) for component name`, at);
  const nameAt = reader.pos;
  const name = reader.readName();
  const checked = checkExternName(name, kind);
  if ('error' in checked) return reader.fail(`${kind} name \`${name}\` is not valid: ${checked.error}`, nameAt);
  let implementsName: string | null = null;
  if (prefix === 0x02) {
    let externalId = false;
    const n = reader.readSize(1000, 'extern name attributes');
    for (let i = 0; i < n; i++) {
      const attrAt = reader.pos;
      const tag = reader.readU8();
      const valueAt = reader.pos;
      const value = reader.readName();
      if (tag === 0x00) {
        if (implementsName !== null) reader.fail("duplicate 'implements' option in name", attrAt);
        if (value === '') reader.fail('`` is not a valid name for `implements`', valueAt);
        const iface = checkExternName(value, 'import');
        if ('error' in iface || !value.includes('/') || value.includes('=')) reader.fail(`\`${value}\` must be an interface name for \`implements\``, valueAt);
        implementsName = value;
      } else if (tag === 0x02) {
        if (externalId) reader.fail("duplicate 'external-id' option in name", attrAt);
        externalId = true;
      } else {
        reader.fail(`invalid leading byte (0x${tag.toString(16)}) for name option`, attrAt);
      }
    }
  }
  return { name, key: checked.key, at: nameAt, implementsName };
}

/** Reads an `importdecl`/`exportdecl` of a component or instance type. */
function readExternDecl(reader: BinaryReader, context: ComponentValidatorContext, direction: 'import' | 'export'): void {
  const name = readExternName(reader, direction);
  const type = readExternDesc(reader, context, direction);
  addImportOrExport(reader, context, direction, name, type);
}

/** Reads an `externdesc`. A `(sub resource)` type bound makes a fresh resource. */
export function readExternDesc(reader: BinaryReader, context: ComponentValidatorContext, direction: 'import' | 'export'): ComponentEntityType {
  const scope = currentScope(context);
  const at = reader.pos;
  const sort = reader.readU8();
  const typeOfKind = (want: ComponentTypeEntry['kind'], what: string): ComponentTypeId => {
    const idxAt = reader.pos;
    const index = reader.readVarU32();
    const id = scope.types[index];
    if (id === undefined) return reader.fail(`unknown type ${index}: type index out of bounds`, idxAt);
    if (context.types.get(id).kind !== want) return reader.fail(`type index ${index} is not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} type`, idxAt);
    return id;
  };
  switch (sort) {
    case 0x00: {
      const coreSortAt = reader.pos;
      const coreSort = reader.readU8();
      if (coreSort !== 0x11) reader.fail(`invalid leading byte (0x${coreSort.toString(16)}) for component external kind: only core modules`, coreSortAt);
      const idxAt = reader.pos;
      const index = reader.readVarU32();
      const id = scope.coreTypes[index];
      if (id === undefined) return reader.fail(`unknown core type ${index}: type index out of bounds`, idxAt);
      if (context.types.get(id).kind !== 'core-module') return reader.fail(`core type index ${index} is not a module type`, idxAt);
      return { kind: 'module', id };
    }
    case 0x01:
      return { kind: 'func', id: typeOfKind('func', 'function') };
    case 0x02: {
      if (!context.features.componentModelValues) reader.fail('support for component model `value`s is not enabled', at);
      const boundAt = reader.pos;
      const bound = reader.readU8();
      if (bound === 0x00) {
        const v = scope.values[reader.readVarU32()];
        if (v === undefined) return reader.fail('unknown value: value index out of bounds', boundAt + 1);
        return { kind: 'value', type: v.type };
      }
      if (bound !== 0x01) reader.fail('invalid value bound', boundAt);
      return { kind: 'value', type: readValType(reader, context) };
    }
    case 0x03: {
      const boundAt = reader.pos;
      const bound = reader.readU8();
      if (bound === 0x00) {
        const idxAt = reader.pos;
        const index = reader.readVarU32();
        const id = scope.types[index];
        if (id === undefined) return reader.fail(`unknown type ${index}: type index out of bounds`, idxAt);
        return { kind: 'type', id };
      }
      if (bound !== 0x01) return reader.fail(`invalid leading byte (0x${bound.toString(16)}) for type bound`, boundAt);
      const resource = context.types.freshResource();
      if (direction === 'import') scope.importedResources.push(resource);
      else scope.definedResources.push(resource);
      return { kind: 'type', id: context.types.push({ kind: 'resource', id: resource }) };
    }
    case 0x04:
      return { kind: 'component', id: typeOfKind('component', 'component') };
    case 0x05:
      return { kind: 'instance', id: typeOfKind('instance', 'instance') };
    default:
      return reader.fail(`invalid leading byte (0x${sort.toString(16)}) for component external kind`, at);
  }
}
