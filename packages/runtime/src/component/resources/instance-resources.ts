// The resource state of one instantiation (the part of wasmtime's `VMComponentContext` and
// `ComponentTaskState` that resources use): a handle table per component instance, the runtime
// type of each `RuntimeResourceIndex`, and the stack of calls in progress whose borrows are
// being counted. Calls nest strictly (synchronous calls only), so the innermost call is the one
// whose lends and borrows a lift or lower records.
//
// The call scopes form a stack indexed by depth whose objects are reused from call to call, so a
// call across the boundary allocates no scope. A scope is reused only when nothing can still
// reach it: a borrow handle left in a guest table (the callee trapped, or kept it and the call
// trapped at its end) keeps its scope to count its drop in, so such a scope is replaced by a
// fresh one, and the stale handles count into an object no later call uses.

import type { RuntimeComponentInstanceIndex, RuntimeResourceIndex } from '@tswasm/environ';
import { unreachable } from '@tswasm/environ';
import { CallScope } from './call-scope.js';
import { HandleTable } from './handle-table.js';
import type { RuntimeResourceType } from './runtime-resource-type.js';

// Broken invariants, out of line so the hot methods stay small enough to inline.
function outsideCall(): never {
  return unreachable('a borrow was lifted or lowered outside a call');
}

function outOfOrder(): never {
  return unreachable('call scopes ended out of order');
}

/** Handle tables, resource types and call scopes of one instantiation. */
export class InstanceResources {
  // Made on first use: most component instances of most components never hold a handle.
  readonly #tables: (HandleTable | undefined)[];
  readonly #types: (RuntimeResourceType | undefined)[];
  // `#scopes[0..#depth)` are the calls in progress; entries past `#depth` wait to be reused.
  readonly #scopes: CallScope[] = [];
  #depth = 0;

  constructor(numComponentInstances: number, numResources: number) {
    this.#tables = new Array<HandleTable | undefined>(numComponentInstances).fill(undefined);
    this.#types = new Array<RuntimeResourceType | undefined>(numResources).fill(undefined);
  }

  /** The handle table of component instance `instance`. */
  table(instance: RuntimeComponentInstanceIndex): HandleTable {
    const table = this.#tables[instance];
    if (table !== undefined) return table;
    if (instance >= this.#tables.length) unreachable(`no component instance ${instance}`);
    return (this.#tables[instance] = new HandleTable());
  }

  /** Sets the runtime type of resource `index` (once, during instantiation). */
  setType(index: RuntimeResourceIndex, type: RuntimeResourceType): void {
    this.#types[index] = type;
  }

  /** The runtime type of resource `index`. */
  type(index: RuntimeResourceIndex): RuntimeResourceType {
    const type = this.#types[index];
    if (type === undefined) unreachable(`resource ${index} used before it was defined`);
    return type;
  }

  /** Starts counting the borrows of a new call; pair with `exitCall` or `abandonCall`. */
  enterCall(): CallScope {
    const depth = this.#depth;
    let scope = this.#scopes[depth];
    if (scope === undefined) {
      scope = new CallScope();
      this.#scopes[depth] = scope;
    }
    this.#depth = depth + 1;
    return scope;
  }

  /** The innermost call in progress. */
  currentScope(): CallScope {
    const scope = this.#scopes[this.#depth - 1];
    if (this.#depth === 0 || scope === undefined) outsideCall();
    return scope as CallScope;
  }

  /**
   * Ends call `scope` (the innermost) normally.
   * @throws Trap "borrow handles still remain at the end of the call" when the callee kept a borrow
   */
  exitCall(scope: CallScope): void {
    this.#pop(scope);
    scope.exit();
  }

  /** Ends call `scope` (the innermost) after a failure: its lends are given back unchecked. */
  abandonCall(scope: CallScope): void {
    this.#pop(scope);
    scope.release();
  }

  #pop(scope: CallScope): void {
    const depth = this.#depth - 1;
    if (depth < 0 || this.#scopes[depth] !== scope) outOfOrder();
    this.#depth = depth;
    // Borrow handles still in a table point at this scope: later calls get a fresh one.
    if (scope.numBorrows !== 0) this.#scopes[depth] = new CallScope();
  }
}
