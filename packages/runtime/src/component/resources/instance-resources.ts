// The resource state of one instantiation (the part of wasmtime's `VMComponentContext` and
// `ComponentTaskState` that resources use): a handle table per component instance, the runtime
// type of each `RuntimeResourceIndex`, and the stack of calls in progress whose borrows are
// being counted. Calls nest strictly (synchronous calls only), so the innermost call is the one
// whose lends and borrows a lift or lower records.

import type { RuntimeComponentInstanceIndex, RuntimeResourceIndex } from '@tswasm/environ';
import { unreachable } from '@tswasm/environ';
import { CallScope } from './call-scope.js';
import { HandleTable } from './handle-table.js';
import type { RuntimeResourceType } from './runtime-resource-type.js';

/** Handle tables, resource types and call scopes of one instantiation. */
export class InstanceResources {
  readonly #tables: HandleTable[];
  readonly #types: (RuntimeResourceType | undefined)[];
  readonly #scopes: CallScope[] = [];

  constructor(numComponentInstances: number, numResources: number) {
    this.#tables = Array.from({ length: numComponentInstances }, () => new HandleTable());
    this.#types = new Array<RuntimeResourceType | undefined>(numResources).fill(undefined);
  }

  /** The handle table of component instance `instance`. */
  table(instance: RuntimeComponentInstanceIndex): HandleTable {
    const table = this.#tables[instance];
    if (table === undefined) unreachable(`no component instance ${instance}`);
    return table;
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
    const scope = new CallScope();
    this.#scopes.push(scope);
    return scope;
  }

  /** The innermost call in progress. */
  currentScope(): CallScope {
    const scope = this.#scopes[this.#scopes.length - 1];
    if (scope === undefined) unreachable('a borrow was lifted or lowered outside a call');
    return scope;
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
    if (this.#scopes.pop() !== scope) unreachable('call scopes ended out of order');
  }
}
