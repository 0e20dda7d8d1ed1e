// CanonicalABI.md `call_might_be_recursive` for a call between two component instances of one
// instantiation: recursive reentrance is not allowed (yet), and the spec detects it
// conservatively from the instance tree alone, so a call from an instance to one of its
// ancestors or descendants (itself included) traps, while a call between siblings or cousins
// runs. Both instances are fixed per fused adapter, so the answer is found once, when the
// adapter is instantiated.

import type { PrimaryMap, RuntimeComponentInstanceIndex } from '@tswasm/environ';

// Whether `ancestor` is `instance` or one of its ancestors (`is_reflexive_ancestor_of`).
function isReflexiveAncestorOf(
  parents: PrimaryMap<RuntimeComponentInstanceIndex, RuntimeComponentInstanceIndex | null>,
  ancestor: RuntimeComponentInstanceIndex,
  instance: RuntimeComponentInstanceIndex,
): boolean {
  let at: RuntimeComponentInstanceIndex | null = instance;
  while (at !== null) {
    if (at === ancestor) return true;
    at = parents.get(at);
  }
  return false;
}

/**
 * Whether a call from component instance `caller` into `callee` might be recursive: one is a
 * reflexive ancestor of the other in the tree `parents` describes (`ComponentInfo.instanceParents`).
 */
export function callMightBeRecursive(
  parents: PrimaryMap<RuntimeComponentInstanceIndex, RuntimeComponentInstanceIndex | null>,
  caller: RuntimeComponentInstanceIndex,
  callee: RuntimeComponentInstanceIndex,
): boolean {
  return isReflexiveAncestorOf(parents, caller, callee) || isReflexiveAncestorOf(parents, callee, caller);
}
