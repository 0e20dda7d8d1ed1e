// Handles: `own<R>` and `borrow<R>` are an i32 handle in flat form and in memory. What a handle
// means (which table, which resource object) belongs to the runtime, so the generated code only
// calls the environment's `liftOwn` / `liftBorrow` / `lowerOwn` / `lowerBorrow` with the
// resource type's slot. `stream` and `future` ends and `error-context` values are handles too,
// moved by the async ABI (async-values.ts).

import type { ResourceId } from '@tswasm/environ';
import type { FlatSource, FlatValue, ValueCodegen } from './value-codegen.js';
import { CORE } from './value-codegen.js';

/** The handle kinds whose values go through the resource callbacks. */
export type HandleKind = 'own' | 'borrow';

function callback(direction: 'lift' | 'lower', kind: HandleKind): string {
  return `${direction}${kind === 'own' ? 'Own' : 'Borrow'}`;
}

/** `lift_flat` of a handle: the host's object for it. */
export function liftHandleFlat(g: ValueCodegen, kind: HandleKind, resource: ResourceId, src: FlatSource): string {
  return g.emit.bind(`${callback('lift', kind)}(${g.resourceSlot(resource)}, ${src.next(CORE.i32)} >>> 0)`, 'h');
}

/** `lower_flat` of the host object `value` as a handle. */
export function lowerHandleFlat(g: ValueCodegen, kind: HandleKind, resource: ResourceId, value: string): FlatValue[] {
  return [{ expr: g.emit.bind(`${callback('lower', kind)}(${g.resourceSlot(resource)}, ${value})`, 'h'), type: CORE.i32 }];
}

/** `load` of a handle at `addr`. */
export function loadHandle(g: ValueCodegen, kind: HandleKind, resource: ResourceId, addr: string): string {
  return g.emit.bind(`${callback('lift', kind)}(${g.resourceSlot(resource)}, dv.getUint32(${addr}, true))`, 'h');
}

/** `store` of the host object `value` as a handle at `addr`. */
export function storeHandle(g: ValueCodegen, kind: HandleKind, resource: ResourceId, value: string, addr: string): void {
  g.emit.line(`dv.setUint32(${addr}, ${callback('lower', kind)}(${g.resourceSlot(resource)}, ${value}), true);`);
}
