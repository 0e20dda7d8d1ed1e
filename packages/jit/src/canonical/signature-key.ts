// A stable key of a trampoline's signature: the function type written out structurally (not by
// the ids of one validation's type table), plus the options that shape the code. Equal keys
// mean equal generated source, so jit can cache trampolines across components and an artifact
// can store one source per key. Resources appear by slot (order of first appearance), which is
// how the generated code refers to them.

import { assertNever } from '@tswasm/environ';
import type { ComponentFuncType, ComponentTypeList, ComponentValType, ResourceId } from '@tswasm/environ';
import type { CanonicalAbiOptions } from './abi-options.js';

/**
 * The structural key of a value type (`_` for none), resources as `#id#`: equal keys mean equal
 * types, which is how the async ABI checks a stream or future end's element type.
 */
export function valueTypeKey(types: ComponentTypeList, type: ComponentValType | null): string {
  return valTypeKey(types, type);
}

function valTypeKey(types: ComponentTypeList, type: ComponentValType | null): string {
  if (type === null) return '_';
  if (type.kind === 'primitive') return type.type;
  // Shared subtrees are written once per id and reused (V8 concatenates them as ropes).
  return types.derived('jsTrampolineKey', type.id, (id) => {
    const entry = types.get(id);
    if (entry.kind !== 'defined') return `?${entry.kind}`;
    const d = entry.type;
    const k = (t: ComponentValType | null): string => valTypeKey(types, t);
    switch (d.kind) {
      case 'primitive':
        return d.type;
      case 'record':
        return `record{${d.fields.map((f) => `${f.name}:${k(f.type)}`).join(',')}}`;
      case 'variant':
        return `variant{${d.cases.map((c) => `${c.name}:${k(c.type)}`).join(',')}}`;
      case 'list':
        return d.length === null ? `list<${k(d.element)}>` : `list<${k(d.element)},${d.length}>`;
      case 'map':
        return `map<${k(d.key)},${k(d.value)}>`;
      case 'tuple':
        return `tuple<${d.types.map(k).join(',')}>`;
      case 'flags':
        return `flags{${d.names.join(',')}}`;
      case 'enum':
        return `enum{${d.names.join(',')}}`;
      case 'option':
        return `option<${k(d.type)}>`;
      case 'result':
        return `result<${k(d.ok)},${k(d.err)}>`;
      case 'own':
      case 'borrow':
        return `${d.kind}<#${d.resource}#>`;
      case 'stream':
      case 'future':
        return `${d.kind}<${k(d.element)}>`;
      default:
        return assertNever(d);
    }
  });
}

/** A signature's key and its resource types in slot order. */
export interface SignatureKey {
  readonly key: string;
  /** The resource types of the signature in order of first appearance (params, then result, depth first). */
  readonly resources: readonly ResourceId[];
}

/**
 * The key of the trampoline for `type` in `direction` under `options`, and the resource types
 * its slots stand for. Callers bound the type's size first (`unfoldedSize`): the key grows with
 * the type's tree unfolding.
 */
export function signatureKeyWithResources(types: ComponentTypeList, type: ComponentFuncType, direction: string, options: CanonicalAbiOptions): SignatureKey {
  const params = type.params.map((p) => `${p.name}:${valTypeKey(types, p.type)}`).join(',');
  const raw = `${direction};${options.stringEncoding};memory=${options.memory};realloc=${options.realloc};post-return=${options.postReturn};(${params})->${valTypeKey(types, type.result)}`;
  const slots = new Map<string, number>();
  const resources: ResourceId[] = [];
  const key = raw.replace(/#(\d+)#/g, (_, id: string) => {
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(id, slot);
      resources.push(Number(id) as ResourceId);
    }
    return `$${slot}`;
  });
  return { key, resources };
}

/** The key of the trampoline for `type` in `direction` under `options` (see `signatureKeyWithResources`). */
export function signatureKey(types: ComponentTypeList, type: ComponentFuncType, direction: string, options: CanonicalAbiOptions): string {
  return signatureKeyWithResources(types, type, direction, options).key;
}

/** The number of nodes of the tree unfolding of `type`, saturating at `Number.MAX_SAFE_INTEGER`. */
export function unfoldedSize(types: ComponentTypeList, type: ComponentValType | null): number {
  if (type === null || type.kind === 'primitive') return 1;
  return types.derived('unfoldedSize', type.id, (id) => {
    const entry = types.get(id);
    if (entry.kind !== 'defined') return 1;
    const d = entry.type;
    const sum = (parts: readonly (ComponentValType | null)[]): number => Math.min(Number.MAX_SAFE_INTEGER, parts.reduce((n, t) => n + unfoldedSize(types, t), 1));
    switch (d.kind) {
      case 'record':
        return sum(d.fields.map((f) => f.type));
      case 'variant':
        return sum(d.cases.map((c) => c.type));
      case 'tuple':
        return sum(d.types);
      case 'list':
      case 'stream':
      case 'future':
        return sum([d.element]);
      case 'map':
        return sum([d.key, d.value]);
      case 'option':
        return sum([d.type]);
      case 'result':
        return sum([d.ok, d.err]);
      case 'primitive':
      case 'flags':
      case 'enum':
      case 'own':
      case 'borrow':
        return 1;
      default:
        return assertNever(d);
    }
  });
}
