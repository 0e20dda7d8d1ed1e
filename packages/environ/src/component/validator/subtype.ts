// Subtyping of component entities (Explainer.md "Subtyping"): an argument or an ascribed export
// may be a subtype of what is expected. Resource types compare by identity; while checking the
// arguments of an instantiation, the imported resources of the instantiated component are
// bindable and take the identity of the resource that is supplied.

import type { FuncType, Limits } from '../../types/core-types.js';
import { valTypeToString } from '../../types/val-type.js';
import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentDefinedType, ComponentEntityType, ComponentTypeId, ComponentValType, CoreEntityType, ResourceId } from '../types/component-types.js';

/** Resources of the expected side that may be bound to the actual side's, and the bindings so far. */
export interface ResourceBindings {
  readonly bindable: ReadonlySet<ResourceId>;
  readonly bound: Map<ResourceId, ResourceId>;
  /** `actual:expected` type id pairs found equal so far. */
  readonly equal: Set<string>;
  /** Why the last comparison failed, when a part can say more than "type mismatch". */
  why: string | null;
}

/** Bindings of `bindable` resources, none bound yet: resources otherwise compare by identity. */
export function newBindings(bindable: Iterable<ResourceId> = []): ResourceBindings {
  return { bindable: new Set(bindable), bound: new Map(), equal: new Set(), why: null };
}

function resourceMatches(actual: ResourceId, expected: ResourceId, bindings: ResourceBindings): boolean {
  // Component subtyping binds the actual side's imported resources (contravariant imports).
  if (bindings.bound.get(actual) === expected) return true;
  const bound = bindings.bound.get(expected);
  if (bound !== undefined) {
    if (bound === actual) return true;
    bindings.why = 'resource types are not the same';
    return false;
  }
  if (bindings.bindable.has(expected)) {
    bindings.bound.set(expected, actual);
    return true;
  }
  if (actual === expected) return true;
  bindings.why = 'resource types are not the same';
  return false;
}

/** Whether two optional value types are the same type. */
function optionalValTypesEqual(types: ComponentTypeList, a: ComponentValType | null, b: ComponentValType | null, bindings: ResourceBindings): boolean {
  if (a === null || b === null) return a === b;
  return valTypesEqual(types, a, b, bindings);
}

/** Whether `actual` and `expected` are the same value type (value types have no subtyping). */
function valTypesEqual(types: ComponentTypeList, actual: ComponentValType, expected: ComponentValType, bindings: ResourceBindings): boolean {
  if (actual.kind === 'primitive' || expected.kind === 'primitive') {
    const a = primitiveOf(types, actual);
    const b = primitiveOf(types, expected);
    if (a !== null && a === b) return true;
    if (a !== null && b !== null) bindings.why ??= `expected primitive \`${b}\` found primitive \`${a}\``;
    else if (b !== null) bindings.why ??= `expected primitive, found ${kindOf(types, actual)}`;
    else bindings.why ??= `expected ${kindOf(types, expected)}, found ${a ?? 'primitive'}`;
    return false;
  }
  return typeIdsEqual(types, actual.id, expected.id, bindings);
}

function kindOf(types: ComponentTypeList, t: ComponentValType): string {
  if (t.kind === 'primitive') return t.type;
  const entry = types.get(t.id);
  return entry.kind === 'defined' ? entry.type.kind : entry.kind;
}

function primitiveOf(types: ComponentTypeList, t: ComponentValType): string | null {
  if (t.kind === 'primitive') return t.type;
  const entry = types.get(t.id);
  return entry.kind === 'defined' && entry.type.kind === 'primitive' ? entry.type.type : null;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Whether two interned types are the same (defined value types structurally, resources by identity). */
function typeIdsEqual(types: ComponentTypeList, actualId: ComponentTypeId, expectedId: ComponentTypeId, bindings: ResourceBindings): boolean {
  if (actualId === expectedId && bindings.bindable.size === 0) return true;
  // Pairs already found equal in this check: the DAG of parts is walked once per pair.
  const pair = `${actualId}:${expectedId}`;
  if (bindings.equal.has(pair)) return true;
  const result = structurallyEqual(types, actualId, expectedId, bindings);
  if (result) bindings.equal.add(pair);
  return result;
}

function structurallyEqual(types: ComponentTypeList, actualId: ComponentTypeId, expectedId: ComponentTypeId, bindings: ResourceBindings): boolean {
  const ae = types.get(actualId);
  const ee = types.get(expectedId);
  if (ae.kind === 'resource' && ee.kind === 'resource') return resourceMatches(ae.id, ee.id, bindings);
  if (ae.kind !== 'defined' || ee.kind !== 'defined') {
    return entitySubtypeError(types, { kind: 'type', id: actualId }, { kind: 'type', id: expectedId }, bindings) === null;
  }
  const a = ae.type;
  const e = ee.type;
  // A failing part says why, once; the innermost reason wins as the walk unwinds.
  const fail = (why: string): boolean => {
    bindings.why ??= why;
    return false;
  };
  const eq = (x: ComponentValType, y: ComponentValType): boolean => valTypesEqual(types, x, y, bindings);
  const eqOpt = (x: ComponentValType | null, y: ComponentValType | null): boolean => optionalValTypesEqual(types, x, y, bindings);
  if (a.kind !== e.kind && !(a.kind === 'own' || a.kind === 'borrow')) {
    const describe = (d: ComponentDefinedType): string => (d.kind === 'primitive' ? d.type : d.kind);
    return fail(`expected ${describe(e)}, found ${describe(a)}`);
  }
  switch (a.kind) {
    case 'primitive':
      return a.type === (e as typeof a).type || fail(`expected primitive \`${(e as typeof a).type}\` found primitive \`${a.type}\``);
    case 'record': {
      const r = e as typeof a;
      if (a.fields.length !== r.fields.length) return fail(`expected ${r.fields.length} fields, found ${a.fields.length}`);
      return a.fields.every((f, i) => {
        const g = r.fields[i];
        if (g === undefined) return false;
        if (f.name !== g.name) return fail(`expected field name \`${g.name}\`, found \`${f.name}\``);
        return eq(f.type, g.type) || fail(`type mismatch in record field \`${f.name}\``);
      });
    }
    case 'variant': {
      const v = e as typeof a;
      if (a.cases.length !== v.cases.length) return fail(`expected ${v.cases.length} cases, found ${a.cases.length}`);
      return a.cases.every((c, i) => {
        const d = v.cases[i];
        if (d === undefined) return false;
        if (c.name !== d.name) return fail(`expected case named \`${d.name}\`, found \`${c.name}\``);
        if (c.type === null && d.type !== null) return fail(`expected case \`${c.name}\` to have a type, found none`);
        if (c.type !== null && d.type === null) return fail(`expected case \`${c.name}\` to have no type`);
        return eqOpt(c.type, d.type) || fail(`type mismatch in variant case \`${c.name}\``);
      });
    }
    case 'list': {
      const l = e as typeof a;
      if (a.length !== l.length) return fail('list lengths differ');
      return eq(a.element, l.element) || fail('type mismatch in list element');
    }
    case 'map': {
      const m = e as typeof a;
      return (eq(a.key, m.key) && eq(a.value, m.value)) || fail('type mismatch in map');
    }
    case 'tuple': {
      const t = e as typeof a;
      if (a.types.length !== t.types.length) return fail(`expected ${t.types.length} types, found ${a.types.length}`);
      return a.types.every((x, i) => eq(x, t.types[i] as ComponentValType) || fail(`type mismatch in tuple field ${i}`));
    }
    case 'flags':
      return sameNames(a.names, (e as typeof a).names) || fail('mismatch in flags elements');
    case 'enum':
      return sameNames(a.names, (e as typeof a).names) || fail('mismatch in enum elements');
    case 'option':
      return eq(a.type, (e as typeof a).type) || fail('type mismatch in option');
    case 'result': {
      const r = e as typeof a;
      if (a.ok === null && r.ok !== null) return fail('expected ok type, but found none');
      if (a.ok !== null && r.ok === null) return fail('expected ok type to not be present');
      if (!eqOpt(a.ok, r.ok)) return fail('type mismatch in ok variant');
      if (a.err === null && r.err !== null) return fail('expected err type, but found none');
      if (a.err !== null && r.err === null) return fail('expected err type to not be present');
      return eqOpt(a.err, r.err) || fail('type mismatch in err variant');
    }
    case 'own':
    case 'borrow':
      if (e.kind !== a.kind) {
        bindings.why = `expected ${e.kind}, found ${a.kind}`;
        return false;
      }
      return resourceMatches(a.resource, (e as typeof a).resource, bindings);
    case 'stream':
    case 'future':
      return eqOpt(a.element, (e as typeof a).element) || fail(`type mismatch in ${a.kind} payload`);
    default:
      return assertNever(a);
  }
}

function detail(bindings: ResourceBindings): string {
  return bindings.why === null ? '' : `: ${bindings.why}`;
}

/** Whether core function types are equal. */
export function coreFuncTypesEqual(a: FuncType, b: FuncType): boolean {
  return a.params.length === b.params.length && a.results.length === b.results.length && a.params.every((p, i) => p === b.params[i]) && a.results.every((r, i) => r === b.results[i]);
}

/** `[i32 i32] -> [i32]`, as error messages print a core function type. */
export function coreFuncTypeToString(t: FuncType): string {
  return `[${t.params.map(valTypeToString).join(' ')}] -> [${t.results.map(valTypeToString).join(' ')}]`;
}

function limitsMatch(a: Limits, b: Limits): boolean {
  if (a.min < b.min) return false;
  if (b.max === null) return true;
  return a.max !== null && a.max <= b.max;
}

/** Why core entity `actual` cannot stand for `expected` (null if it can). */
export function coreEntitySubtypeError(actual: CoreEntityType, expected: CoreEntityType): string | null {
  if (actual.kind !== expected.kind) return `expected ${expected.kind}, found ${actual.kind}`;
  switch (actual.kind) {
    case 'func':
    case 'tag': {
      const e = expected.type as FuncType;
      if (!coreFuncTypesEqual(actual.type, e)) return `expected ${coreFuncTypeToString(e)}, found ${coreFuncTypeToString(actual.type)}`;
      return null;
    }
    case 'table': {
      const e = expected as typeof actual;
      if (actual.type.element !== e.type.element) return `expected table element type ${valTypeToString(e.type.element)}, found ${valTypeToString(actual.type.element)}`;
      if (!limitsMatch(actual.type.limits, e.type.limits)) return 'mismatch in table limits';
      return null;
    }
    case 'memory': {
      const e = expected as typeof actual;
      if (actual.type.shared !== e.type.shared) return 'mismatch in the shared flag for memories';
      if (actual.type.is64 !== e.type.is64) return 'mismatch in index type used for memories';
      if (!limitsMatch(actual.type.limits, e.type.limits)) return 'mismatch in memory limits';
      return null;
    }
    case 'global': {
      const e = expected as typeof actual;
      if (actual.type.mutable !== e.type.mutable) return 'global types differ in mutability';
      if (actual.type.content !== e.type.content) return `expected global type ${valTypeToString(e.type.content)}, found ${valTypeToString(actual.type.content)}`;
      return null;
    }
    default:
      return assertNever(actual);
  }
}

/** Why component entity `actual` is not a subtype of `expected` (null if it is). */
export function entitySubtypeError(types: ComponentTypeList, actual: ComponentEntityType, expected: ComponentEntityType, bindings: ResourceBindings): string | null {
  if (actual.kind !== expected.kind) return `expected ${expected.kind}, found ${actual.kind}`;
  switch (actual.kind) {
    case 'value':
      bindings.why = null;
      return valTypesEqual(types, actual.type, (expected as typeof actual).type, bindings) ? null : `value type mismatch${detail(bindings)}`;
    case 'type': {
      const eid = (expected as typeof actual).id;
      const a = types.get(actual.id);
      const e = types.get(eid);
      if (a.kind === 'resource' || e.kind === 'resource') {
        if (a.kind !== 'resource') return 'expected resource, found defined type';
        if (e.kind !== 'resource') return 'expected defined type, found resource';
        return resourceMatches(a.id, e.id, bindings) ? null : 'resource types are not the same';
      }
      bindings.why = null;
      if (a.kind === 'defined' && e.kind === 'defined') return typeIdsEqual(types, actual.id, eid, bindings) ? null : `type mismatch${detail(bindings)}`;
      return entityOfTypeSubtypeError(types, actual.id, eid, bindings);
    }
    case 'func':
    case 'module':
    case 'instance':
    case 'component':
      return entityOfTypeSubtypeError(types, actual.id, (expected as typeof actual).id, bindings);
    default:
      return assertNever(actual);
  }
}

function entityOfTypeSubtypeError(types: ComponentTypeList, actualId: ComponentTypeId, expectedId: ComponentTypeId, bindings: ResourceBindings): string | null {
  const a = types.get(actualId);
  const e = types.get(expectedId);
  if (a.kind !== e.kind) return `expected ${e.kind}, found ${a.kind}`;
  switch (a.kind) {
    case 'func': {
      const f = e as typeof a;
      if (a.async !== f.async) return f.async ? 'expected async function, found sync function' : 'expected sync function, found async function';
      if (a.params.length !== f.params.length) return `expected ${f.params.length} parameters, found ${a.params.length}`;
      for (let i = 0; i < a.params.length; i++) {
        const p = a.params[i];
        const q = f.params[i];
        if (p === undefined || q === undefined) break;
        if (p.name !== q.name) return `expected parameter named \`${q.name}\`, found \`${p.name}\``;
        bindings.why = null;
        if (!valTypesEqual(types, p.type, q.type, bindings)) return `type mismatch in function parameter \`${p.name}\`${detail(bindings)}`;
      }
      bindings.why = null;
      // wasmparser's wording, which names the actual side's result as "expected".
      if (a.result !== null && f.result === null) return 'expected a result, found none';
      if (a.result === null && f.result !== null) return 'expected no result, found one';
      if (!optionalValTypesEqual(types, a.result, f.result, bindings)) return `type mismatch with result type${detail(bindings)}`;
      return null;
    }
    case 'instance': {
      const f = e as typeof a;
      for (const [name, expected] of f.exports) {
        const actual = a.exports.get(name);
        if (actual === undefined) return `type mismatch in instance export \`${name}\`: missing export`;
        const why = entitySubtypeError(types, actual, expected, bindings);
        if (why !== null) return `type mismatch in instance export \`${name}\`: ${why}`;
      }
      return null;
    }
    case 'component': {
      const f = e as typeof a;
      // The actual component's abstract imported resources may stand for the expected one's.
      bindings = { bindable: new Set([...bindings.bindable, ...a.importedResources]), bound: bindings.bound, equal: bindings.equal, why: null };
      for (const [name, imp] of a.imports) {
        const theirs = f.imports.get(name);
        if (theirs === undefined) return `missing import named \`${name}\``;
        const why = entitySubtypeError(types, theirs, imp, bindings);
        if (why !== null) return `type mismatch in import \`${name}\`: ${why}`;
      }
      for (const [name, exp] of f.exports) {
        const ours = a.exports.get(name);
        if (ours === undefined) return `missing export named \`${name}\``;
        const why = entitySubtypeError(types, ours, exp, bindings);
        if (why !== null) return `type mismatch in export \`${name}\`: ${why}`;
      }
      return null;
    }
    case 'core-module': {
      const f = e as typeof a;
      for (const imp of a.imports) {
        const theirs = f.imports.find((i) => i.module === imp.module && i.field === imp.field);
        if (theirs === undefined) return `missing expected import \`${imp.module}::${imp.field}\``;
        const why = coreEntitySubtypeError(theirs.type, imp.type);
        if (why !== null) return `type mismatch in import \`${imp.module}::${imp.field}\`: ${why}`;
      }
      for (const [name, exp] of f.exports) {
        const ours = a.exports.get(name);
        if (ours === undefined) return `missing expected export \`${name}\``;
        const why = coreEntitySubtypeError(ours, exp);
        if (why !== null) return `type mismatch in export \`${name}\`: ${why}`;
      }
      return null;
    }
    case 'core-func':
      return coreFuncTypesEqual(a.type, (e as typeof a).type) ? null : 'core function type mismatch';
    case 'defined':
    case 'resource':
      return typeIdsEqual(types, actualId, expectedId, bindings) ? null : 'type mismatch';
    default:
      return assertNever(a);
  }
}
