// JS-Reference.md "Host resource types": a resource type import is satisfied by a JS
// constructor, brand-checked whenever a JS value converts to the resource, and whose
// `Symbol.dispose`, captured at instantiation, runs when the component drops an own handle.
// Each abstract type import gets a host `ResourceType` of its own, even when two imports are
// satisfied by the same constructor.

import type { LinkerInstance } from '../linker-instance.js';
import { ResourceType } from '../resource-type.js';
import type { ComponentStore } from './component-store.js';
import { HostTrap } from './host-trap.js';
import { describeValue } from './js-path.js';
import { linkError } from './wasm-errors.js';

/** JS-Reference.md's host resource type record. */
export interface HostResourceType {
  /** The import's JS name, for messages. */
  readonly name: string;
  /** The component resource type made for the import ([[ComponentResourceType]]). */
  readonly componentType: ResourceType;
  /** The JS constructor that satisfied the import ([[ConstructorObject]]). */
  readonly constructorObject: Function;
  /**
   * The constructor's `Symbol.dispose`, read once when the import was read (JS-Reference.md
   * reads it from the constructor itself), or null when it is not callable.
   */
  readonly dispose: Function | null;
}

/**
 * JS-Reference.md `read the type import`, for resource type import `name` (its JS name) at
 * `where` (a JS path).
 * @throws WebAssembly.LinkError when `importValue` is not callable
 */
export function readTypeImport(importValue: unknown, name: string, where: string): HostResourceType {
  if (typeof importValue !== 'function') throw linkError(`${where} must be a constructor for a resource type, found ${describeValue(importValue)}`);
  const dispose: unknown = (importValue as unknown as Record<symbol, unknown>)[Symbol.dispose];
  return { name, componentType: ResourceType.host(name), constructorObject: importValue, dispose: typeof dispose === 'function' ? dispose : null };
}

/**
 * Defines resource type import `name` of `linker` as `host`'s component type (JS-Reference.md
 * `create a resource type for host`). Its destructor, when the guest drops an own handle, lets
 * go of the JS object and calls the captured `Symbol.dispose` on it; an exception from that is
 * a trap, since dropping cannot fail.
 */
export function defineHostResource(linker: LinkerInstance<undefined>, name: string, host: HostResourceType, cs: ComponentStore): void {
  cs.resources.defineHost(host.componentType, host);
  const values = cs.resources.hostValues;
  const dispose = host.dispose;
  linker.resource(name, host.componentType, (_store, rep) => {
    const value = values.take(rep);
    if (dispose === null) return;
    cs.hostCalls++;
    try {
      Reflect.apply(dispose, value, []);
    } catch (error) {
      throw new HostTrap(`the Symbol.dispose of resource \`${host.name}\` threw an exception`, error);
    }
    if (cs.lockedDown) throw new HostTrap(`the Symbol.dispose of resource \`${host.name}\` returned to a component instance that was locked down during the call`, undefined);
  });
}
