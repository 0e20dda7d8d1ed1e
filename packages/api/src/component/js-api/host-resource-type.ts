// JS-Reference.md "Host resource types": a resource type import is satisfied by a JS
// constructor, brand-checked (`instanceof`) whenever a JS value converts to the resource, and
// whose `Symbol.dispose`, captured at instantiation, runs when the component drops a handle.
// Reading the import is done here; giving the embedding linker the resource type is not yet
// (the embedding API's resources are being built), so such a component is refused.

import type { LinkerInstance } from '../linker-instance.js';
import { linkError } from './wasm-errors.js';
import { describeValue } from './js-path.js';

/** JS-Reference.md's host resource type record, less the component resource type. */
export interface HostResourceType {
  /** The JS constructor that satisfied the import ([[ConstructorObject]]). */
  readonly constructorObject: Function;
  /** Its `Symbol.dispose`, captured when the import was read, or null when not callable. */
  readonly dispose: Function | null;
}

/**
 * JS-Reference.md `read the type import`, for a resource type import `where` (a JS path).
 * @throws WebAssembly.LinkError when `importValue` is not callable
 */
export function readTypeImport(importValue: unknown, where: string): HostResourceType {
  if (typeof importValue !== 'function') throw linkError(`${where} must be a constructor for a resource type, found ${describeValue(importValue)}`);
  const dispose: unknown = (importValue as unknown as Record<symbol, unknown>)[Symbol.dispose];
  return { constructorObject: importValue, dispose: typeof dispose === 'function' ? dispose : null };
}

/**
 * Defines resource type import `name` of `linker` as `type` (JS-Reference.md `create a resource
 * type for host`, its destructor calling `type.dispose`).
 * @throws TypeError always, for now: the embedding API cannot define host resources yet
 */
export function defineHostResource(_linker: LinkerInstance<undefined>, name: string, _type: HostResourceType): never {
  // TODO(resources): `linker.resource(name, …)` with a destructor that calls `dispose` on the
  // rep's JS value and traps (locking the store down) when it throws.
  throw new TypeError(`cannot instantiate this component: resource type imports (\`${name}\`) are not supported yet`);
}
