// The resource callbacks of a canonical trampoline's environment (jit's `CanonicalEnv.liftOwn`,
// `liftBorrow`, `lowerOwn`, `lowerBorrow`) for calls between the host and a guest: the generated
// code passes the slot of the handle's resource type and a handle or a host value; these apply
// CanonicalABI.md's `lift_own`/`lift_borrow`/`lower_own`/`lower_borrow` to the guest's handle
// table, and give the host a `Resource` for a host-defined type and a `ResourceAny` for a
// guest-defined one. Borrows are counted in the innermost call scope, which the caller of the
// trampoline opened (`Func.call`, or the lowered import's wrapper).

import { unreachable, type ComponentInfo, type ResourceId, type RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { CallScope, type ComponentInstanceState, type HandleTable, type InstanceResources, type RuntimeResourceType } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import { Resource } from './resource.js';
import { lendForCall, mismatchedTypes, moveResource, ResourceAny, resourceIsOwn, resourceTypeOf, usableHandle } from './resource-any.js';
import type { ResourceType } from './resource-type.js';
import type { ResourceRepConversions, ResourceValueHooks } from './resource-value-hooks.js';

/** The four resource callbacks of a trampoline's environment. */
export interface ResourceCallbacks {
  readonly liftOwn: (slot: number, handle: number) => unknown;
  readonly liftBorrow: (slot: number, handle: number) => unknown;
  readonly lowerOwn: (slot: number, value: unknown) => number;
  readonly lowerBorrow: (slot: number, value: unknown) => number;
}

/**
 * The runtime type of each slot of a trampoline whose signature names `resources` (in slot
 * order), as component instance `instance` sees them.
 */
export function slotTypes(info: ComponentInfo, state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, resources: readonly ResourceId[]): RuntimeResourceType[] {
  const seen = info.instanceResources.get(instance);
  return resources.map((id) => {
    const index = seen.get(id);
    if (index === undefined) return unreachable(`resource ${id} has no runtime resource in component instance ${instance}`);
    return state.resources.type(index);
  });
}

function noSlot(slot: number): never {
  return unreachable(`no resource slot ${slot}`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  return typeof value;
}

// The host resource's rep for a handle of `type`, checking what wasmtime's typing checks.
function hostResourceRep(type: RuntimeResourceType, value: Resource): number {
  if (type.impl !== null) throw new TypeError(`resource type mismatch: expected the guest-defined resource \`${type.name}\` (a ResourceAny), found a host Resource`);
  if (value.type !== null && value.type !== type) throw new TypeError(`resource type mismatch: expected \`${type.name}\`, found \`${value.type.name}\``);
  return value.rep;
}

function anyHandle(type: RuntimeResourceType, value: ResourceAny, store: Store<unknown>): ResourceAny {
  const handle = usableHandle(value, store);
  if (resourceTypeOf(handle) !== type) mismatchedTypes(type, resourceTypeOf(handle));
  return handle;
}

// `lowerBorrow` for a value other than a ResourceAny: a host `Resource`, or a wrong value.
function lowerOtherBorrow(table: HandleTable, type: RuntimeResourceType, value: unknown, scope: CallScope): number {
  if (value instanceof Resource) {
    const rep = hostResourceRep(type, value);
    if (value.taken) throw new TypeError('host resource already consumed');
    return table.lowerBorrow(type, rep, scope);
  }
  throw new TypeError(`expected a Resource or ResourceAny for \`borrow<${type.name}>\`, found ${describeValue(value)}`);
}

/**
 * The callbacks for a trampoline between the host and the guest whose handle table is `table`.
 * @param types the runtime type of each slot (`slotTypes`)
 * @param lends when given, the scope that records the lends of borrows lowered into the guest,
 *   instead of the innermost call of `resources` (see `selfLendingScope`)
 */
export function resourceCallbacks(store: Store<unknown>, resources: InstanceResources, table: HandleTable, types: readonly RuntimeResourceType[], lends: CallScope | null = null): ResourceCallbacks {
  // Small enough to inline into every callback: the message is built out of line.
  const typeOf = (slot: number): RuntimeResourceType => types[slot] ?? noSlot(slot);
  const hooks = store.opaque.componentResourceValues;
  if (hooks !== null) return hookedCallbacks(hooks, resources, table, typeOf);
  const lowerScope = lends === null ? () => resources.currentScope() : () => lends;
  return {
    liftOwn(slot, handle) {
      const type = typeOf(slot);
      const rep = table.liftOwn(handle, type);
      if (type.impl === null) return Resource.newOwn(rep, type as ResourceType);
      return new ResourceAny(store, type, rep, true);
    },
    liftBorrow(slot, handle) {
      const type = typeOf(slot);
      const scope = resources.currentScope();
      const rep = table.liftBorrow(handle, type, scope);
      if (type.impl === null) return Resource.newBorrow(rep, type as ResourceType);
      const borrowed = new ResourceAny(store, type, rep, false);
      scope.addHostBorrow(borrowed);
      return borrowed;
    },
    lowerOwn(slot, value) {
      const type = typeOf(slot);
      if (value instanceof Resource) {
        const rep = hostResourceRep(type, value);
        value.take();
        return table.lowerOwn(type, rep);
      }
      if (value instanceof ResourceAny) {
        const handle = anyHandle(type, value, store);
        if (!resourceIsOwn(handle)) throw new TypeError('cannot lower a `borrow` resource into an `own`');
        return table.lowerOwn(type, moveResource(handle));
      }
      throw new TypeError(`expected a Resource or ResourceAny for \`own<${type.name}>\`, found ${describeValue(value)}`);
    },
    lowerBorrow(slot, value) {
      const type = typeOf(slot);
      const scope = lowerScope();
      // A ResourceAny inline: what the host passes for a guest-defined type, the hot case.
      if (!(value instanceof ResourceAny)) return lowerOtherBorrow(table, type, value, scope);
      return table.lowerBorrow(type, lendForCall(value, store, type, scope), scope);
    },
  };
}

// The callbacks of a store whose binding gave `ResourceValueHooks`: the handle tables do as
// above, the hooks turn reps into the binding's values. Each slot's conversions are asked for
// once, at first use, since a binding may define them after instantiation (exported classes).
function hookedCallbacks(hooks: ResourceValueHooks, resources: InstanceResources, table: HandleTable, typeOf: (slot: number) => RuntimeResourceType): ResourceCallbacks {
  const conversions: (ResourceRepConversions | undefined)[] = [];
  // Every runtime type the api hands out is a `ResourceType` (see instantiation).
  const conversionsOf = (slot: number): ResourceRepConversions => (conversions[slot] ??= hooks.conversionsFor(typeOf(slot) as ResourceType));
  return {
    liftOwn: (slot, handle) => conversionsOf(slot).liftOwn(table.liftOwn(handle, typeOf(slot))),
    liftBorrow: (slot, handle) => conversionsOf(slot).liftBorrow(table.liftBorrow(handle, typeOf(slot), resources.currentScope())),
    lowerOwn: (slot, value) => table.lowerOwn(typeOf(slot), conversionsOf(slot).lowerOwn(value)),
    lowerBorrow: (slot, value) => table.lowerBorrow(typeOf(slot), conversionsOf(slot).lowerBorrow(value), resources.currentScope()),
  };
}

/**
 * For a lifted export whose parameters hold borrows: a scope of its own that records their
 * lends, when that is all a call needs to count. It is when every resource type the export
 * passes is implemented by the callee instance itself (methods of its own resources, the usual
 * case): lowering a borrow into the implementing instance passes the rep and makes no borrow
 * handle (CanonicalABI.md `lower_borrow`), so the callee has nothing it must drop before it
 * returns, and only the lends of the host's own handles need giving back. The export's entry
 * then gives them back itself (`CallScope.releaseLendsFrom`), with no call scope pushed on the
 * instance's stack. Null when a stored binding's hooks convert the values, or a type is
 * implemented elsewhere (a borrow handle is made, which the callee must drop).
 */
export function selfLendingScope(store: Store<unknown>, table: HandleTable, types: readonly RuntimeResourceType[]): CallScope | null {
  if (store.opaque.componentResourceValues !== null) return null;
  return types.every((type) => type.impl === table) ? new CallScope() : null;
}
