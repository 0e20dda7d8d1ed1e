// External visibility of types (Explainer.md "External visibility of types"): the type of an
// import or export may mention records, variants, flags, enums and resources only through type
// ids that are themselves imported or exported, so bindings generators can name every type.
// Exporting or importing a type gives it a new id that is named; the original stays unnamed.

import { assertNever } from '../../util/assert-never.js';
import type { ComponentEntityType, ComponentTypeId, ComponentValType } from '../types/component-types.js';
import type { ComponentScope } from './component-scope.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { MAX_SCOPE_DEPTH } from './validator-context.js';

/** Whether a type id has a name where the checked import or export is. */
type IsNamed = (id: ComponentTypeId) => boolean;

// Results per type id for one check, so a type reached along many paths is walked once.
const memoOf = new WeakMap<IsNamed, Map<ComponentTypeId, boolean>>();

function valTypeNamed(context: ComponentValidatorContext, isNamed: IsNamed, t: ComponentValType | null): boolean {
  if (t === null || t.kind === 'primitive') return true;
  let memo = memoOf.get(isNamed);
  if (memo === undefined) {
    memo = new Map();
    memoOf.set(isNamed, memo);
  }
  const known = memo.get(t.id);
  if (known !== undefined) return known;
  const result = definedNamed(context, isNamed, t.id, false);
  memo.set(t.id, result);
  return result;
}

// `self`: the type being exported itself, whose parts (not it) must be named.
function definedNamed(context: ComponentValidatorContext, isNamed: IsNamed, id: ComponentTypeId, self: boolean): boolean {
  const entry = context.types.get(id);
  if (entry.kind !== 'defined') return true;
  const d = entry.type;
  const v = (t: ComponentValType | null): boolean => valTypeNamed(context, isNamed, t);
  switch (d.kind) {
    case 'record':
      return (!self && isNamed(id)) || (self && d.fields.every((f) => v(f.type)));
    case 'variant':
      return (!self && isNamed(id)) || (self && d.cases.every((c) => v(c.type)));
    case 'flags':
    case 'enum':
      return self || isNamed(id);
    case 'own':
    case 'borrow':
      return isNamed(d.type);
    case 'primitive':
      return true;
    case 'list':
      return v(d.element);
    case 'map':
      return v(d.key) && v(d.value);
    case 'tuple':
      return d.types.every(v);
    case 'option':
      return v(d.type);
    case 'result':
      return v(d.ok) && v(d.err);
    case 'stream':
    case 'future':
      return v(d.element);
    default:
      return assertNever(d);
  }
}

function funcNamed(context: ComponentValidatorContext, isNamed: IsNamed, id: ComponentTypeId): boolean {
  const f = context.types.get(id);
  if (f.kind !== 'func') return true;
  return f.params.every((p) => valTypeNamed(context, isNamed, p.type)) && valTypeNamed(context, isNamed, f.result);
}

// An instance type declared in a type declarator is checked against the names of its own scope,
// once it is attached to an import or export (Explainer: visibility of instance types is deferred).
function declaredInstanceNamed(context: ComponentValidatorContext, id: ComponentTypeId, depth: number): boolean {
  const names = context.typeScopeNames.get(id);
  const inst = context.types.get(id);
  if (names === undefined || inst.kind !== 'instance' || depth > MAX_SCOPE_DEPTH) return true;
  const isNamed: IsNamed = (t) => names.has(t);
  for (const e of inst.exports.values()) if (!entityNamed(context, isNamed, null, e, depth + 1)) return false;
  return true;
}

function entityNamed(context: ComponentValidatorContext, isNamed: IsNamed, scope: ComponentScope | null, entity: ComponentEntityType, depth: number): boolean {
  switch (entity.kind) {
    case 'func':
      return funcNamed(context, isNamed, entity.id);
    case 'value':
      return valTypeNamed(context, isNamed, entity.type);
    case 'type': {
      const entry = context.types.get(entity.id);
      if (entry.kind === 'func') return funcNamed(context, isNamed, entity.id);
      if (entry.kind === 'instance') return declaredInstanceNamed(context, entity.id, depth);
      return definedNamed(context, isNamed, entity.id, true);
    }
    case 'instance': {
      if (depth > MAX_SCOPE_DEPTH) return true;
      if (context.typeScopeNames.has(entity.id)) return declaredInstanceNamed(context, entity.id, depth);
      const inst = context.types.get(entity.id);
      if (inst.kind !== 'instance') return true;
      // An instance names the types it exports, for its other exports to mention.
      const own = new Set<ComponentTypeId>();
      for (const e of inst.exports.values()) if (e.kind === 'type') own.add(e.id);
      const named: IsNamed = (id) => own.has(id) || isNamed(id);
      for (const e of inst.exports.values()) if (!entityNamed(context, named, scope, e, depth + 1)) return false;
      return true;
    }
    case 'module':
    case 'component':
      return true;
    default:
      return assertNever(entity);
  }
}

/**
 * Why `entity` cannot be imported or exported from `scope` (null if it can). Imports may
 * mention only imported types; exports may mention imported and exported ones.
 */
export function visibilityError(context: ComponentValidatorContext, scope: ComponentScope, entity: ComponentEntityType, direction: 'import' | 'export'): string | null {
  const isNamed: IsNamed = (id) => scope.namedTypes.has(id) || (direction === 'export' && scope.exportNamedTypes.has(id));
  if (entityNamed(context, isNamed, scope, entity, 0)) return null;
  return `${entity.kind} not valid to be used as ${direction}`;
}

/**
 * Marks every type id reachable from `entity` as named in `named`: an imported instance names
 * the types behind its exports for the imports, an exported instance for the exports.
 */
export function markReachableNamed(context: ComponentValidatorContext, named: Set<ComponentTypeId>, entity: ComponentEntityType): void {
  const stack: ComponentEntityType[] = [entity];
  const seen = new Set<ComponentTypeId>();
  const val = (t: ComponentValType | null): void => {
    if (t !== null && t.kind === 'defined') stack.push({ kind: 'type', id: t.id });
  };
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    if (e.kind === 'value') {
      val(e.type);
      continue;
    }
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const entry = context.types.get(e.id);
    switch (entry.kind) {
      case 'defined': {
        named.add(e.id);
        const d = entry.type;
        switch (d.kind) {
          case 'record':
            d.fields.forEach((f) => val(f.type));
            break;
          case 'variant':
            d.cases.forEach((c) => val(c.type));
            break;
          case 'list':
            val(d.element);
            break;
          case 'map':
            val(d.key);
            val(d.value);
            break;
          case 'tuple':
            d.types.forEach(val);
            break;
          case 'option':
            val(d.type);
            break;
          case 'result':
            val(d.ok);
            val(d.err);
            break;
          case 'stream':
          case 'future':
            val(d.element);
            break;
          case 'own':
          case 'borrow':
            named.add(d.type);
            break;
          case 'primitive':
          case 'flags':
          case 'enum':
            break;
          default:
            assertNever(d);
        }
        break;
      }
      case 'resource':
        named.add(e.id);
        break;
      case 'func':
        entry.params.forEach((p) => val(p.type));
        val(entry.result);
        break;
      case 'instance':
        for (const x of entry.exports.values()) stack.push(x);
        break;
      case 'component':
      case 'core-module':
      case 'core-func':
        break;
      default:
        assertNever(entry);
    }
  }
}
