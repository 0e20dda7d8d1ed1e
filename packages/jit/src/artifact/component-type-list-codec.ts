// The codec of environ's `ComponentTypeList`: the interned component types a translated
// component's ids index. The list is a class whose state is its entries, the aliases
// `recordAlias` recorded, and the next fresh resource id; its cache of derived facts is not
// state (it is recomputed on first use), so it is not stored. Maps (component and instance
// imports and exports, core module exports) become flat [name, value, ...] arrays, as names
// are arbitrary strings (`__proto__` included) and so unfit for object keys.
//
// Decoding checks every entry against the ones before it: translation interns a type's parts
// before the type, so every id an entry names is below the entry's own id. Requiring that
// makes a cycle impossible, so later walks over the types (layout, flattening) cannot loop or
// overflow on a forged artifact. Ids are also checked to name the right kind of entry (a
// `defined` value type, a `func`, an `instance`, ...), as the runtime relies on it. And the
// nesting of every entry is bounded as translation bounds it, with a defined type's stored
// `depth` and `containsBorrow` recomputed from its parts, so a recursive walk stays shallow.

import { ComponentTypeList, valueTypeParts } from '@tswasm/environ';
import type {
  ComponentDefinedType,
  ComponentEntityType,
  ComponentTypeEntry,
  ComponentTypeId,
  ComponentValType,
  CoreEntityType,
  CoreModuleImport,
  NamedValType,
  PrimitiveValType,
  ResourceId,
  VariantCase,
} from '@tswasm/environ';
import { assertNever } from '@tswasm/environ';
import { decodeFuncType, decodeGlobalType, decodeMemoryType, decodeTableType } from './core-type-codec.js';
import { asArray, asBoolean, asIndex, asObject, asString, asU32, nullable, shapeError } from './metadata-shape.js';

// Keyed by every name, so the compiler reports a primitive added to environ and missing here.
const PRIMITIVES: Readonly<Record<PrimitiveValType, true>> = {
  bool: true,
  s8: true,
  u8: true,
  s16: true,
  u16: true,
  s32: true,
  u32: true,
  s64: true,
  u64: true,
  f32: true,
  f64: true,
  char: true,
  string: true,
  'error-context': true,
};

/**
 * Turns a type list into plain data.
 * @param types the list of a translation
 * @returns `{ entries, aliases, resourceCount }`, with `aliases` flat [id, of, ...]
 */
export function encodeComponentTypeList(types: ComponentTypeList): unknown {
  const entries: unknown[] = [];
  const aliases: number[] = [];
  for (let id = 0; id < types.length; id++) {
    entries.push(encodeEntry(types.get(id as ComponentTypeId)));
    const of = types.aliasOf(id as ComponentTypeId);
    if (of !== undefined) aliases.push(id, of);
  }
  return { entries, aliases, resourceCount: types.resourceCount };
}

function encodeEntityMap(map: ReadonlyMap<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [name, entity] of map) out.push(name, entity);
  return out;
}

function encodeEntry(entry: ComponentTypeEntry): unknown {
  switch (entry.kind) {
    case 'component':
      return {
        kind: entry.kind,
        imports: encodeEntityMap(entry.imports),
        exports: encodeEntityMap(entry.exports),
        importedResources: entry.importedResources,
        definedResources: entry.definedResources,
      };
    case 'instance':
      return { kind: entry.kind, exports: encodeEntityMap(entry.exports), definedResources: entry.definedResources };
    case 'core-module':
      return { kind: entry.kind, imports: entry.imports, exports: encodeEntityMap(entry.exports) };
    // Plain data already: objects, arrays, numbers, strings.
    case 'defined':
    case 'func':
    case 'resource':
    case 'core-func':
      return entry;
    default:
      return assertNever(entry);
  }
}

// environ's MAX_TYPE_DEPTH: a defined value type nests at most this deep (type-reader.ts).
const MAX_DEFINED_DEPTH = 100;
// environ holds the types it reads to 200 levels (MAX_NESTING_DEPTH, type-depth.ts); the types
// instantiation and resource substitution make copy such types, so this leaves room for them
// while keeping walks far from the stack limit.
const MAX_ENTRY_DEPTH = 1000;

/** A type table being decoded: the entries so far, and the resource ids handed out. */
export interface TypeTable {
  readonly entries: readonly ComponentTypeEntry[];
  readonly resourceCount: number;
}

// A loop, not Math.max(...values): spreading a forged array of 200,000 items overflows the stack.
function maxOf<T>(values: Iterable<T>, measure: (value: T) => number): number {
  let max = 0;
  for (const value of values) max = Math.max(max, measure(value));
  return max;
}

function valDepth(table: TypeTable, type: ComponentValType | null): number {
  if (type === null || type.kind === 'primitive') return 0;
  const entry = table.entries[type.id];
  return entry?.kind === 'defined' ? entry.depth : 0;
}

function valContainsBorrow(table: TypeTable, type: ComponentValType | null): boolean {
  if (type === null || type.kind === 'primitive') return false;
  const entry = table.entries[type.id];
  return entry?.kind === 'defined' && entry.containsBorrow;
}


// How deeply an entry nests, as environ's typeDepth counts it; ids name earlier entries, whose
// depths `depths` holds.
function entryDepth(entry: ComponentTypeEntry, depths: readonly number[]): number {
  const of = (id: ComponentTypeId): number => depths[id] ?? 0;
  const val = (t: ComponentValType | null): number => (t === null || t.kind === 'primitive' ? 0 : of(t.id));
  const entity = (e: ComponentEntityType): number => (e.kind === 'value' ? val(e.type) : of(e.id));
  switch (entry.kind) {
    case 'defined':
      return entry.depth;
    case 'func':
      return 1 + Math.max(val(entry.result), maxOf(entry.params, (p) => val(p.type)));
    case 'instance':
      return 1 + maxOf(entry.exports.values(), entity);
    case 'component':
      return 1 + Math.max(maxOf(entry.imports.values(), entity), maxOf(entry.exports.values(), entity));
    case 'resource':
    case 'core-module':
    case 'core-func':
      return 1;
    default:
      return assertNever(entry);
  }
}

/**
 * Rebuilds a type list from `encodeComponentTypeList`'s data.
 * @param data the decoded metadata of the list
 * @returns the list and its entries (for the caller's own id checks)
 * @throws ArtifactError when the data does not have the encoded shape, or an id is not below
 *   the id of the entry naming it, names the wrong kind of entry, or a resource id is not
 *   below the resource count
 */
export function decodeComponentTypeList(data: unknown): { list: ComponentTypeList; table: TypeTable } {
  const o = asObject(data, 'component.types');
  const resourceCount = asU32(o.resourceCount, 'component.types.resourceCount');
  const entries: ComponentTypeEntry[] = [];
  const table: TypeTable = { entries, resourceCount };
  const depths: number[] = [];
  for (const value of asArray(o.entries, 'component.types.entries')) {
    const entry = decodeEntry(value, table);
    const depth = entryDepth(entry, depths);
    if (depth > MAX_ENTRY_DEPTH) shapeError(`types nested at most ${MAX_ENTRY_DEPTH} deep`, 'component.types.entries[]', depth);
    entries.push(entry);
    depths.push(depth);
  }
  const aliasData = asArray(o.aliases, 'component.types.aliases');
  if (aliasData.length % 2 !== 0) shapeError('an even number of items', 'component.types.aliases', aliasData.length);
  const aliases: [ComponentTypeId, ComponentTypeId][] = [];
  for (let i = 0; i < aliasData.length; i += 2) {
    // An alias may name a later id: it is a relation between entries, not a part of one.
    aliases.push([
      asIndex(aliasData[i], entries.length, 'component.types.aliases[].id') as ComponentTypeId,
      asIndex(aliasData[i + 1], entries.length, 'component.types.aliases[].of') as ComponentTypeId,
    ]);
  }
  return { list: ComponentTypeList.restore(entries, aliases, resourceCount), table };
}

/**
 * A type id below `bound` (the entries decoded so far, or all of them) naming an entry of one
 * of `kinds` (any kind when null).
 * @throws ArtifactError otherwise
 */
export function decodeTypeId(value: unknown, table: TypeTable, kinds: readonly ComponentTypeEntry['kind'][] | null, where: string): ComponentTypeId {
  const id = asIndex(value, table.entries.length, where);
  if (kinds !== null) {
    const kind = table.entries[id]?.kind;
    if (kind === undefined || !kinds.includes(kind)) shapeError(`the id of a ${kinds.join(' or ')} type`, where, value);
  }
  return id as ComponentTypeId;
}

/** @throws ArtifactError unless `value` is a resource id below the table's resource count */
export function decodeResourceId(value: unknown, table: TypeTable, where: string): ResourceId {
  return asIndex(value, table.resourceCount, where) as ResourceId;
}

/** @throws ArtifactError unless `value` is a primitive or a `defined` type of the table */
export function decodeComponentValType(value: unknown, table: TypeTable, where: string): ComponentValType {
  const v = asObject(value, where);
  switch (v.kind) {
    case 'primitive':
      return { kind: 'primitive', type: decodePrimitive(v.type, `${where}.type`) };
    case 'defined':
      return { kind: 'defined', id: decodeTypeId(v.id, table, ['defined'], `${where}.id`) };
    default:
      return shapeError('primitive or defined', `${where}.kind`, v.kind);
  }
}

function decodePrimitive(value: unknown, where: string): PrimitiveValType {
  if (typeof value !== 'string' || !Object.hasOwn(PRIMITIVES, value)) return shapeError('a primitive value type', where, value);
  return value as PrimitiveValType;
}

function decodeNamed(value: unknown, table: TypeTable, where: string): NamedValType {
  const n = asObject(value, where);
  return { name: asString(n.name, where, 'name'), type: decodeComponentValType(n.type, table, `${where}.type`) };
}

function decodeOptionalComponentValType(value: unknown, table: TypeTable, where: string): ComponentValType | null {
  return nullable(value, (v) => decodeComponentValType(v, table, where));
}

function decodeNames(value: unknown, where: string): string[] {
  return asArray(value, where).map((v) => asString(v, `${where}[]`));
}

function decodeDefined(value: unknown, table: TypeTable, where: string): ComponentDefinedType {
  const d = asObject(value, where);
  switch (d.kind) {
    case 'primitive':
      return { kind: 'primitive', type: decodePrimitive(d.type, `${where}.type`) };
    case 'record':
      return { kind: 'record', fields: asArray(d.fields, where, 'fields').map((v) => decodeNamed(v, table, `${where}.fields[]`)) };
    case 'variant':
      return {
        kind: 'variant',
        cases: asArray(d.cases, where, 'cases').map((v): VariantCase => {
          const c = asObject(v, `${where}.cases[]`);
          return { name: asString(c.name, `${where}.cases[]`, 'name'), type: decodeOptionalComponentValType(c.type, table, `${where}.cases[].type`) };
        }),
      };
    case 'list':
      return {
        kind: 'list',
        element: decodeComponentValType(d.element, table, `${where}.element`),
        length: nullable(d.length, (v) => asU32(v, where, 'length')),
      };
    case 'map':
      return { kind: 'map', key: decodeComponentValType(d.key, table, `${where}.key`), value: decodeComponentValType(d.value, table, `${where}.value`) };
    case 'tuple':
      return { kind: 'tuple', types: asArray(d.types, where, 'types').map((v) => decodeComponentValType(v, table, `${where}.types[]`)) };
    case 'flags':
      return { kind: 'flags', names: decodeNames(d.names, `${where}.names`) };
    case 'enum':
      return { kind: 'enum', names: decodeNames(d.names, `${where}.names`) };
    case 'option':
      return { kind: 'option', type: decodeComponentValType(d.type, table, `${where}.type`) };
    case 'result':
      return { kind: 'result', ok: decodeOptionalComponentValType(d.ok, table, `${where}.ok`), err: decodeOptionalComponentValType(d.err, table, `${where}.err`) };
    case 'own':
      return {
        kind: 'own',
        resource: decodeResourceId(d.resource, table, `${where}.resource`),
        type: decodeTypeId(d.type, table, ['resource'], `${where}.type`),
      };
    case 'borrow':
      return {
        kind: 'borrow',
        resource: decodeResourceId(d.resource, table, `${where}.resource`),
        type: decodeTypeId(d.type, table, ['resource'], `${where}.type`),
      };
    case 'stream':
      return { kind: 'stream', element: decodeOptionalComponentValType(d.element, table, `${where}.element`) };
    case 'future':
      return { kind: 'future', element: decodeOptionalComponentValType(d.element, table, `${where}.element`) };
    default:
      return shapeError('a defined type kind', `${where}.kind`, d.kind);
  }
}

/** @throws ArtifactError unless `value` is an entity type whose ids name entries of its kind */
export function decodeEntityType(value: unknown, table: TypeTable, where: string): ComponentEntityType {
  const e = asObject(value, where);
  const at = `${where}.id`;
  switch (e.kind) {
    case 'module':
      return { kind: 'module', id: decodeTypeId(e.id, table, ['core-module'], at) };
    case 'func':
      return { kind: 'func', id: decodeTypeId(e.id, table, ['func'], at) };
    case 'value':
      return { kind: 'value', type: decodeComponentValType(e.type, table, `${where}.type`) };
    case 'type':
      return { kind: 'type', id: decodeTypeId(e.id, table, null, at) };
    case 'instance':
      return { kind: 'instance', id: decodeTypeId(e.id, table, ['instance'], at) };
    case 'component':
      return { kind: 'component', id: decodeTypeId(e.id, table, ['component'], at) };
    default:
      return shapeError('an entity kind', `${where}.kind`, e.kind);
  }
}

function decodeEntityMap<T>(value: unknown, where: string, read: (value: unknown) => T): Map<string, T> {
  const data = asArray(value, where);
  if (data.length % 2 !== 0) shapeError('an even number of items', where, data.length);
  const map = new Map<string, T>();
  for (let i = 0; i < data.length; i += 2) map.set(asString(data[i], `${where}[].name`), read(data[i + 1]));
  return map;
}

function decodeResources(value: unknown, table: TypeTable, where: string): ResourceId[] {
  return asArray(value, where).map((v) => decodeResourceId(v, table, `${where}[]`));
}

function decodeCoreEntityType(value: unknown, where: string): CoreEntityType {
  const e = asObject(value, where);
  const at = `${where}.type`;
  switch (e.kind) {
    case 'func':
      return { kind: 'func', type: decodeFuncType(e.type, at) };
    case 'table':
      return { kind: 'table', type: decodeTableType(e.type, at) };
    case 'memory':
      return { kind: 'memory', type: decodeMemoryType(e.type, at) };
    case 'global':
      return { kind: 'global', type: decodeGlobalType(e.type, at) };
    case 'tag':
      return { kind: 'tag', type: decodeFuncType(e.type, at) };
    default:
      return shapeError('a core entity kind', `${where}.kind`, e.kind);
  }
}

// `table` holds the entries before this one, so every id checks against them.
function decodeEntry(value: unknown, table: TypeTable): ComponentTypeEntry {
  const where = 'component.types.entries[]';
  const e = asObject(value, where);
  switch (e.kind) {
    case 'defined': {
      const type = decodeDefined(e.type, table, `${where}.type`);
      // Recomputed as the validator computes them: walks trust `depth` to be bounded.
      const parts = valueTypeParts(type);
      const depth = 1 + maxOf(parts, (p) => valDepth(table, p));
      if (depth > MAX_DEFINED_DEPTH) shapeError(`value types nested at most ${MAX_DEFINED_DEPTH} deep`, `${where}.depth`, depth);
      if (e.depth !== depth) shapeError(`depth ${depth}`, `${where}.depth`, e.depth);
      const containsBorrow = type.kind === 'borrow' || parts.some((p) => valContainsBorrow(table, p));
      if (e.containsBorrow !== containsBorrow) shapeError(`containsBorrow ${containsBorrow}`, `${where}.containsBorrow`, e.containsBorrow);
      return { kind: 'defined', type, depth, containsBorrow };
    }
    case 'func':
      return {
        kind: 'func',
        async: asBoolean(e.async, where, 'async'),
        params: asArray(e.params, where, 'params').map((v) => decodeNamed(v, table, `${where}.params[]`)),
        result: decodeOptionalComponentValType(e.result, table, `${where}.result`),
      };
    case 'component':
      return {
        kind: 'component',
        imports: decodeEntityMap(e.imports, `${where}.imports`, (v) => decodeEntityType(v, table, `${where}.imports[]`)),
        exports: decodeEntityMap(e.exports, `${where}.exports`, (v) => decodeEntityType(v, table, `${where}.exports[]`)),
        importedResources: decodeResources(e.importedResources, table, `${where}.importedResources`),
        definedResources: decodeResources(e.definedResources, table, `${where}.definedResources`),
      };
    case 'instance':
      return {
        kind: 'instance',
        exports: decodeEntityMap(e.exports, `${where}.exports`, (v) => decodeEntityType(v, table, `${where}.exports[]`)),
        definedResources: decodeResources(e.definedResources, table, `${where}.definedResources`),
      };
    case 'resource':
      return { kind: 'resource', id: decodeResourceId(e.id, table, `${where}.id`) };
    case 'core-module':
      return {
        kind: 'core-module',
        imports: asArray(e.imports, where, 'imports').map((v): CoreModuleImport => {
          const i = asObject(v, `${where}.imports[]`);
          return {
            module: asString(i.module, `${where}.imports[]`, 'module'),
            field: asString(i.field, `${where}.imports[]`, 'field'),
            type: decodeCoreEntityType(i.type, `${where}.imports[].type`),
          };
        }),
        exports: decodeEntityMap(e.exports, `${where}.exports`, (v) => decodeCoreEntityType(v, `${where}.exports[]`)),
      };
    case 'core-func':
      return { kind: 'core-func', type: decodeFuncType(e.type, `${where}.type`) };
    default:
      return shapeError('a type entry kind', `${where}.kind`, e.kind);
  }
}
