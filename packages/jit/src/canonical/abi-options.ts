// What a canonical-ABI trampoline is specialized on besides its type (the canonical options of
// `canon lift` / `canon lower`), and what it is given at instantiation (its environment). The
// generated source depends only on the former, so it is shared by every instance and can be
// stored in an artifact; the latter is passed to the factory the source defines.

/** `string-encoding=` of the canonical options. */
export type StringEncoding = 'utf8' | 'utf16' | 'latin1+utf16';

/** The canonical options that shape the generated code (not their values, which are per instance). */
export interface CanonicalAbiOptions {
  readonly stringEncoding: StringEncoding;
  /** Whether a `memory` option is given (needed once a string, list or spill crosses). */
  readonly memory: boolean;
  /** Whether a `realloc` option is given (needed to lower strings, lists or spilled params into the guest). */
  readonly realloc: boolean;
  /** Whether a `post-return` option is given (exports only). */
  readonly postReturn: boolean;
}

/**
 * The trap codes generated code reports, by wasmtime's `TrapCode` names; `null` where wasmtime
 * reports a canonical-ABI violation as a plain error with a message and no code.
 */
export type CanonicalTrapCode =
  | 'MemoryOutOfBounds'
  | 'CannotEnterComponent'
  | 'CannotLeaveComponent'
  | 'InvalidChar'
  | 'StringOutOfBounds'
  | 'ListOutOfBounds'
  | 'InvalidDiscriminant'
  | 'UnalignedPointer'
  | null;

/** The linear memory a trampoline reads and writes; a `WebAssembly.Memory` is one. */
export interface CanonicalMemory {
  readonly buffer: ArrayBuffer;
}

/**
 * What one instance gives a trampoline factory. `callee` is the core function (a lifted
 * export) or the host function (a lowered import). The resource callbacks take the slot of the
 * resource type (its index in the trampoline's `resources` list) and a handle or a host value.
 * `trap` and the resource callbacks are read when the factory runs; `callee`, `memory`,
 * `realloc` and `postReturn` each time they are used, so the runtime may set them after the
 * core instance they come from exists (as wasmtime fills a `VMComponentContext`).
 */
export interface CanonicalEnv {
  callee: Function;
  readonly trap: (code: CanonicalTrapCode, message: string) => never;
  memory?: CanonicalMemory;
  realloc?: (originalPtr: number, originalSize: number, alignment: number, newSize: number) => number;
  postReturn?: Function;
  readonly liftOwn?: (slot: number, handle: number) => unknown;
  readonly liftBorrow?: (slot: number, handle: number) => unknown;
  readonly lowerOwn?: (slot: number, value: unknown) => number;
  readonly lowerBorrow?: (slot: number, value: unknown) => number;
  /**
   * The async ABI's stream and future ends: takes the readable end at `handle` out of the
   * instance's table (`lift_stream`/`lift_future`) for a value of type `key` (a `valueTypeKey`),
   * and puts a new readable end of `value` into it (`lower_stream`/`lower_future`).
   */
  readonly liftAsyncValue?: (key: string, handle: number) => unknown;
  readonly lowerAsyncValue?: (key: string, value: unknown) => number;
}

/** wasmtime's messages for canonical-ABI violations, shared by the generators. */
export const TRAP_MESSAGES = {
  stringOutOfBounds: 'string pointer/length out of bounds of memory',
  listOutOfBounds: 'list pointer/length out of bounds of memory',
  /** A return area or spilled params outside memory. */
  pointerOutOfBounds: 'pointer out of bounds of memory',
  /** A return area or spilled params not aligned. */
  unaligned: 'pointer not aligned',
  listUnaligned: 'list pointer is not aligned',
  stringUnaligned: 'string pointer not aligned to 2',
  reallocUnaligned: 'realloc return: result not aligned',
  reallocOutOfBounds: 'realloc return: beyond end of memory',
  /** Followed by the discriminant, for variants and enums. */
  discriminant: 'unexpected discriminant: ',
  optionDiscriminant: 'invalid option discriminant',
  resultDiscriminant: 'invalid expected discriminant',
  char: 'converted integer out of range for `char`',
  utf8: 'invalid utf-8 sequence',
  utf16: 'invalid utf-16: lone surrogate found',
  listTooLong: 'list length too large',
} as const;
