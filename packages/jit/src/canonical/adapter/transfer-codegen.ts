// The shared vocabulary of the fused-adapter generators (wasmtime's FACT, crates/environ/src/
// fact/trampoline.rs, as JavaScript): a value moves from a `TransferSource` (flat core values,
// or an address in one side's memory) to a `TransferDestination` (flat slots, or an address in
// the other side's memory) without becoming a JS value. Family files take a `TransferCodegen`
// and never import each other; `value-transfer.ts` routes between them.
//
// Conventions of the generated code (see `fused-adapter.ts` for the prelude):
// - `lowerDv` / `lowerU8` / `lowerBuf` view the caller's memory and `liftDv` / `liftU8` /
//   `liftBuf` the callee's; `mem()` refreshes both and runs after anything that may run guest
//   code (a realloc, the callee), since memory may grow.
// - flat core values are JS values as the WebAssembly JS API passes them (i64 as bigint).
// - `trap(code, message)` never returns.

import type { ComponentTypeList, ComponentValType, Layout, ResourceId, ValType } from '@tswasm/environ';
import type { JsEmitter } from '../js-emitter.js';
import type { FlatValue, ResolvedType } from '../value-codegen.js';
import type { AdapterAbiOptions } from './adapter-env.js';

/** A side of the call: the caller (`canon lower`) or the callee (`canon lift`). */
export type Side = 'lower' | 'lift';

/** Where a value is read from: its flat values, or an address (already checked) in a memory. */
export type TransferSource =
  | { readonly kind: 'stack'; readonly values: readonly FlatValue[] }
  | { readonly kind: 'memory'; readonly side: Side; readonly addr: string };

/**
 * Where a value is written to: flat slots (`let` locals, each with its core type, which may be a
 * variant's joined type), or an address (already checked) in a memory.
 */
export type TransferDestination =
  | { readonly kind: 'stack'; readonly slots: readonly FlatValue[] }
  | { readonly kind: 'memory'; readonly side: Side; readonly addr: string };

/** The names of one side's memory views in generated code. */
export interface MemoryViews {
  readonly dv: string;
  readonly u8: string;
  readonly buf: string;
}

/** What every transfer family uses. */
export interface TransferCodegen {
  readonly types: ComponentTypeList;
  readonly emit: JsEmitter;
  readonly options: AdapterAbiOptions;
  /** The side values come from now: the caller's while params move, the callee's for results. */
  readonly srcSide: Side;
  /** The side values go to now (the one whose realloc allocates). */
  readonly dstSide: Side;
  /** Resolves `type` to a primitive or its defined type. */
  resolve(type: ComponentValType): ResolvedType;
  /** Size and alignment of `type` in memory (32-bit pointers). */
  layout(type: ComponentValType): Layout;
  /** The flat core types of `type`. */
  flat(type: ComponentValType): ValType[];
  /** Moves a value of `srcType` at `src` to `dst` as `dstType` (the same type seen from the other side). */
  transfer(srcType: ComponentValType, src: TransferSource, dstType: ComponentValType, dst: TransferDestination): void;
  /** The single flat value of a stack source read as core type `want` (bound to a local). */
  read(src: TransferSource & { kind: 'stack' }, want: ValType): string;
  /** Writes `expr` of core type `have` into the single slot of a stack destination. */
  write(dst: TransferDestination & { kind: 'stack' }, expr: string, have: ValType): void;
  /** The sources of consecutive fields of types `fields` (a record, tuple or param list) at `src`. */
  fieldSources(src: TransferSource, fields: readonly ComponentValType[]): TransferSource[];
  /** The destinations of consecutive fields of types `fields` at `dst`. */
  fieldDestinations(dst: TransferDestination, fields: readonly ComponentValType[]): TransferDestination[];
  /** The memory views of `side`. */
  views(side: Side): MemoryViews;
  /** The slot of resource `resource` as the callee names it (generated code's `rt<slot>`). */
  resourceSlot(resource: ResourceId): number;
}
