// JS-Reference.md `create guest resource classes`: after instantiation, one guest resource
// class per exported abstract resource type, in declaration order, recursing into exported
// instances (an export `eq` to one already seen names the same class). Its constructor,
// methods, statics and accessors are the function exports of the same scope whose
// `[constructor]`/`[method]`/`[static]` name captures that type export's name.

import { unreachable, type Export } from '@tswasm/environ';
import type { Instance } from '../instance.js';
import type { ResourceType } from '../resource-type.js';
import type { ComponentStore } from './component-store.js';
import { exportFunctionAt } from './export-function.js';
import { GuestResourceClass } from './guest-resource-class.js';
import { jsName, parsePlainName, RESERVED_CLASS_MEMBERS } from './names.js';

/**
 * JS-Reference.md `drop a guest resource`: runs `type`'s destructor on `rep`, entering the
 * instance as `canon resource.drop` does from outside it.
 * @throws WebAssembly.RuntimeError when the store is locked down, or the drop traps (then the
 *   store is locked down): the destructor traps, calls a host function that fails, or the
 *   instance cannot be entered now (a call into it is in progress)
 */
function dropGuestResource(cs: ComponentStore, type: ResourceType, name: string, rep: number): void {
  if (cs.lockedDown) throw cs.trap(`cannot drop a ${name}: the component instance is locked down after a trap`);
  const destructor = type.destructor;
  if (destructor === null) return;
  try {
    destructor(rep);
  } catch (error) {
    throw cs.trapFrom(error);
  }
}

// The members of the class of type export `typeName`, from the function exports of `exports`.
function defineMembers(cs: ComponentStore, instance: Instance, exports: ReadonlyMap<string, Export>, path: readonly string[], typeName: string, guest: GuestResourceClass): void {
  for (const [name, item] of exports) {
    if (item.kind !== 'LiftedFunction') continue;
    const parts = parsePlainName(name);
    if (parts === null || parts.kind !== 'method' || parts.resource !== typeName) continue;
    const key = jsName(name, false);
    // Reserved names go on the exports object instead (exports-object.ts).
    if (RESERVED_CLASS_MEMBERS.has(key)) continue;
    const funcName = parts.accessor === null ? key : `${parts.accessor} ${key}`;
    guest.defineMember(key, parts.scope, parts.accessor, exportFunctionAt(cs, instance, [...path, name], funcName, parts.scope === 'method'));
  }
}

// A new class for type export `name` of type `type`, with its `[constructor]` when there is one.
function createClass(cs: ComponentStore, instance: Instance, path: readonly string[], name: string, type: ResourceType): GuestResourceClass {
  const className = jsName(name, true);
  const constructorPath = [...path, `[constructor]${name}`];
  const constructorFunc = instance.getFunc(cs.store, constructorPath);
  let construct: ((args: unknown[]) => unknown) | null = null;
  if (constructorFunc !== null) {
    const call = exportFunctionAt(cs, instance, constructorPath, className, false);
    construct = (args) => call(...args);
  }
  return new GuestResourceClass(className, constructorFunc?.type.params.length ?? 0, {
    construct,
    drop: (rep) => dropGuestResource(cs, type, className, rep),
  });
}

function createInScope(cs: ComponentStore, instance: Instance, exports: ReadonlyMap<string, Export>, path: readonly string[]): void {
  for (const [name, item] of exports) {
    if (item.kind === 'Instance') {
      createInScope(cs, instance, item.exports, [...path, name]);
      continue;
    }
    if (item.kind !== 'Type' || item.resource === null) continue;
    const type = instance.getResource(cs.store, [...path, name]);
    if (type === null) return unreachable(`resource type export \`${name}\` has no type`);
    // `checkExportsSupported` refused an exported imported type before instantiation.
    if (type.isHost) return unreachable(`resource type export \`${name}\` is an imported type`);
    let guest = cs.resources.guestClass(type);
    if (guest === undefined) {
      guest = createClass(cs, instance, path, name, type);
      cs.resources.defineGuest(type, guest);
    }
    defineMembers(cs, instance, exports, path, name, guest);
  }
}

/**
 * JS-Reference.md `create guest resource classes` for `instance`, registered with `cs`'s
 * resource values (which the exports object and every conversion then use).
 */
export function createGuestResourceClasses(instance: Instance, cs: ComponentStore): void {
  createInScope(cs, instance, instance.component.translation.component.exports, []);
}
