// What fused adapters cannot carry yet, decided from the type alone so a component that needs
// it is refused before instantiation (with a message naming it) rather than failing mid-call.

import { valueTypeParts } from '@tswasm/environ';
import type { ComponentFuncType, ComponentTypeId, ComponentTypeList, ComponentValType } from '@tswasm/environ';

// The first unsupported part of `type`, or null; `seen` keeps a shared subtree to one visit.
function unsupportedPart(types: ComponentTypeList, type: ComponentValType | null, seen: Set<ComponentTypeId>, asyncValues: boolean): string | null {
  if (type === null) return null;
  if (type.kind === 'primitive') return type.type === 'error-context' && !asyncValues ? 'error-context' : null;
  if (seen.has(type.id)) return null;
  seen.add(type.id);
  const entry = types.get(type.id);
  if (entry.kind !== 'defined') return null;
  const d = entry.type;
  switch (d.kind) {
    case 'stream':
    case 'future':
      if (!asyncValues) return d.kind;
      return unsupportedPart(types, d.element, seen, asyncValues);
    default:
      for (const part of valueTypeParts(d)) {
        const found = unsupportedPart(types, part, seen, asyncValues);
        if (found !== null) return found;
      }
      return null;
  }
}

/**
 * Why a fused adapter of `type` cannot be generated yet, or null when it can: a stream, future
 * or error-context (the async ABI), or an async function. With `asyncValues`, streams,
 * futures and error contexts pass (the caller routes such calls through the async ABI's JS-value path).
 */
export function adapterUnsupported(types: ComponentTypeList, type: ComponentFuncType, asyncValues = false): string | null {
  if (type.async) return 'async functions called between component instances are';
  const seen = new Set<ComponentTypeId>();
  for (const t of [...type.params.map((p) => p.type), type.result]) {
    const found = unsupportedPart(types, t, seen, asyncValues);
    if (found !== null) return `\`${found}\` values passed between component instances are`;
  }
  return null;
}

function containsAsyncPart(types: ComponentTypeList, type: ComponentValType | null, seen: Set<ComponentTypeId>): boolean {
  if (type === null) return false;
  if (type.kind === 'primitive') return type.type === 'error-context';
  if (seen.has(type.id)) return false;
  seen.add(type.id);
  const entry = types.get(type.id);
  if (entry.kind !== 'defined') return false;
  if (entry.type.kind === 'stream' || entry.type.kind === 'future') return true;
  return valueTypeParts(entry.type).some((part) => containsAsyncPart(types, part, seen));
}

/** Whether `type` passes a stream or future end (CanonicalABI.md `contains_async_value`) or an error context. */
export function containsAsyncValue(types: ComponentTypeList, type: ComponentFuncType): boolean {
  const seen = new Set<ComponentTypeId>();
  return [...type.params.map((p) => p.type), type.result].some((t) => containsAsyncPart(types, t, seen));
}
