// Resource handles in calls between two component instances under the async ABI. Values cross
// such calls as JS values (see `async-adapter.ts`), so a handle crosses as a `MovedHandle`:
// lifting an own takes it out of the sender's table (CanonicalABI.md `lift_own`), lifting a
// borrow lends it for the call (`lift_borrow`, counted on the call's
// `CallScope`); lowering puts a new handle in the receiver's table (`lower_own`,
// `lower_borrow`, which counts the borrow on the same scope). One `CallScope` per call holds
// both the caller's lenders (the `Subtask`'s) and the callee's `num_borrows` (the `Task`'s);
// calls under the async ABI do not nest, so it is kept per call rather than on
// `InstanceResources`' stack.

import { unreachable, type ComponentInfo, type ResourceId, type RuntimeComponentInstanceIndex } from '@tswasm/environ';
import type { CallScope, ComponentInstanceState, RuntimeResourceType } from '@tswasm/runtime';
import type { MutableEnv } from './async-env.js';
import { slotTypes } from './resource-callbacks.js';

/** The call whose borrows a trampoline's handles are counted in; set before each lift or lower. */
export interface AsyncCallScopeRef {
  scope: CallScope | null;
}

function scopeOf(ref: AsyncCallScopeRef): CallScope {
  // A trampoline that passes borrows only runs inside a call (see `async-adapter.ts`).
  return ref.scope ?? unreachable('a borrow crossed an async call without a call scope');
}

// A handle between its lift from one table and its lower into the other. Nothing else can
// reach it (it is a value of the call's JS glue), so its fields need no guarding.
class MovedHandle {
  readonly type: RuntimeResourceType;
  readonly rep: number;

  constructor(type: RuntimeResourceType, rep: number) {
    this.type = type;
    this.rep = rep;
  }
}

function handleOf(value: unknown, type: RuntimeResourceType, what: string): MovedHandle {
  if (!(value instanceof MovedHandle) || value.type !== type) throw new TypeError(`expected a \`${what}<${type.name}>\` handle passed between component instances`);
  return value;
}

/**
 * Gives trampoline environment `env` of component instance `instance` the resource callbacks
 * for a trampoline whose signature names `resources` (in slot order), moving handles in and out
 * of `instance`'s table with borrows counted in `ref`'s call.
 */
export function addAsyncHandles(env: MutableEnv, info: ComponentInfo, state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, resources: readonly ResourceId[], ref: AsyncCallScopeRef): void {
  if (resources.length === 0) return;
  const types = slotTypes(info, state, instance, resources);
  const typeOf = (slot: number): RuntimeResourceType => types[slot] ?? unreachable(`no resource slot ${slot}`);
  const table = state.resources.table(instance);
  const callbacks = {
    liftOwn: (slot: number, handle: number): unknown => {
      const type = typeOf(slot);
      return new MovedHandle(type, table.liftOwn(handle, type));
    },
    liftBorrow: (slot: number, handle: number): unknown => {
      const type = typeOf(slot);
      return new MovedHandle(type, table.liftBorrow(handle, type, scopeOf(ref)));
    },
    lowerOwn: (slot: number, value: unknown): number => {
      const type = typeOf(slot);
      return table.lowerOwn(type, handleOf(value, type, 'own').rep);
    },
    lowerBorrow: (slot: number, value: unknown): number => {
      const type = typeOf(slot);
      return table.lowerBorrow(type, handleOf(value, type, 'borrow').rep, scopeOf(ref));
    },
  };
  Object.defineProperties(env, {
    liftOwn: { value: callbacks.liftOwn },
    liftBorrow: { value: callbacks.liftBorrow },
    lowerOwn: { value: callbacks.lowerOwn },
    lowerBorrow: { value: callbacks.lowerBorrow },
  });
}
