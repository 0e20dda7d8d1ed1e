// What a fused adapter is specialized on (both sides' canonical options) and what one instance
// gives its factory. As for the host trampolines, the generated source depends only on the
// former, so one source serves every instance and an artifact can store it.

import type { CanonicalAbiOptions, CanonicalMemory, CanonicalTrapCode } from '../abi-options.js';
import type { InstanceFlags } from './instance-flags.js';

/** The canonical options of both sides of a component-to-component call. */
export interface AdapterAbiOptions {
  /** The caller's `canon lower` options: its memory holds the arguments and receives the results. */
  readonly lower: CanonicalAbiOptions;
  /** The callee's `canon lift` options: its memory receives the arguments and holds the results. */
  readonly lift: CanonicalAbiOptions;
}

/** A core `realloc` as adapters call it. */
export type AdapterRealloc = (originalPtr: number, originalSize: number, alignment: number, newSize: number) => number;

/**
 * What one instance gives an adapter factory. `callee` is the lifted core function; `flags` is
 * the runtime's flags of each instance (see `instance-flags.ts`), indexed by `lowerInstance` (the caller)
 * and `liftInstance` (the callee). `callee`, `trap`, `flags` and the two indices are read when
 * the factory runs; memories, reallocs and `postReturn` at each use, since the core instances
 * they come from may be made after the adapter.
 */
export interface AdapterEnv {
  readonly callee: Function;
  readonly trap: (code: CanonicalTrapCode, message: string) => never;
  readonly flags: readonly InstanceFlags[];
  readonly lowerInstance: number;
  readonly liftInstance: number;
  readonly lowerMemory?: CanonicalMemory;
  readonly liftMemory?: CanonicalMemory;
  readonly lowerRealloc?: AdapterRealloc;
  readonly liftRealloc?: AdapterRealloc;
  readonly postReturn?: Function;
  /** The caller's handle table (for a signature that passes handles). */
  readonly lowerTable?: AdapterHandleTable;
  /** The callee's handle table (for a signature that passes handles). */
  readonly liftTable?: AdapterHandleTable;
  /** The runtime resource type of each slot of the signature (the trampoline's `resources`). */
  readonly resourceTypes?: readonly unknown[];
  /** Opens the borrow bookkeeping of one call (for a signature that passes a `borrow`). */
  readonly newCallScope?: () => AdapterCallScope;
}

/**
 * A call's borrow bookkeeping as adapters use it (the runtime's `CallScope`): `exit` checks that
 * the callee dropped every borrow it was given and gives the lends back; `release` only gives
 * them back (after a trap).
 */
export interface AdapterCallScope {
  exit(): void;
  release(): void;
}

/**
 * A component instance's handle table as adapters use it (the runtime's `HandleTable`, with
 * CanonicalABI.md's `lift_own`, `lower_own`, `lift_borrow`, `lower_borrow`). Resource types are
 * the runtime's and opaque here: adapters only pass them along.
 */
export interface AdapterHandleTable {
  liftOwn(index: number, type: unknown): number;
  lowerOwn(type: unknown, rep: number): number;
  liftBorrow(index: number, type: unknown, scope: AdapterCallScope): number;
  lowerBorrow(type: unknown, rep: number, scope: AdapterCallScope): number;
}

/** An adapter's compiled source: call it with one instance's environment to get the core function. */
export type AdapterFactory = (env: AdapterEnv) => Function;

/** wasmtime's traps for what an adapter finds wrong, with the message its `Display` prints. */
export const ADAPTER_TRAPS = {
  cannotLeave: { code: 'CannotLeaveComponent', message: 'cannot leave component instance' },
  cannotEnter: { code: 'CannotEnterComponent', message: 'cannot enter component instance' },
  unaligned: { code: 'UnalignedPointer', message: 'unaligned pointer' },
  invalidChar: { code: 'InvalidChar', message: 'invalid `char` bit pattern' },
  discriminant: { code: 'InvalidDiscriminant', message: 'invalid variant discriminant' },
  stringOutOfBounds: { code: 'StringOutOfBounds', message: 'string content out-of-bounds' },
  listOutOfBounds: { code: 'ListOutOfBounds', message: 'list content out-of-bounds' },
  /** Spilled params or a return area outside memory: a plain out-of-bounds access in wasmtime. */
  outOfBounds: { code: 'MemoryOutOfBounds', message: 'out of bounds memory access' },
  /** Errors of wasmtime's transcoding libcalls, which carry no trap code. */
  invalidUtf8: { code: null, message: 'invalid utf8 encoding' },
  invalidUtf16: { code: null, message: 'invalid utf16 encoding' },
} as const satisfies Record<string, { code: CanonicalTrapCode; message: string }>;

/** The JS statement that traps with `trap` (generated code has `trap` bound from its env). */
export function trapCall(trap: { readonly code: CanonicalTrapCode; readonly message: string }): string {
  return `trap(${trap.code === null ? 'null' : JSON.stringify(trap.code)}, ${JSON.stringify(trap.message)})`;
}
