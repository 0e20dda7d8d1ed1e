// wasmtime's `TrapCode` set, by variant name, with wasmtime's description of each (what its
// `Display` prints), so messages read the same as wasmtime's and the .wast runner can compare.

/** Why wasm stopped: wasmtime's `TrapCode` variants. */
export type TrapCode =
  | 'StackOverflow'
  | 'MemoryOutOfBounds'
  | 'HeapMisaligned'
  | 'TableOutOfBounds'
  | 'IndirectCallToNull'
  | 'BadSignature'
  | 'IntegerOverflow'
  | 'IntegerDivisionByZero'
  | 'BadConversionToInteger'
  | 'UnreachableCodeReached'
  | 'Interrupt'
  | 'AlwaysTrapAdapter'
  | 'OutOfFuel'
  | 'AtomicWaitNonSharedMemory'
  | 'NullReference'
  | 'ArrayOutOfBounds'
  | 'AllocationTooLarge'
  | 'CastFailure'
  | 'CannotEnterComponent'
  | 'CannotLeaveComponent'
  | 'InvalidChar'
  | 'StringOutOfBounds'
  | 'ListOutOfBounds'
  | 'InvalidDiscriminant'
  | 'UnalignedPointer'
  | 'NoAsyncResult'
  | 'UnhandledTag'
  | 'ContinuationAlreadyConsumed';

/** wasmtime's description of each trap code. */
export const TRAP_DESCRIPTIONS: Readonly<Record<TrapCode, string>> = {
  StackOverflow: 'call stack exhausted',
  MemoryOutOfBounds: 'out of bounds memory access',
  HeapMisaligned: 'unaligned atomic',
  TableOutOfBounds: 'undefined element: out of bounds table access',
  IndirectCallToNull: 'uninitialized element',
  BadSignature: 'indirect call type mismatch',
  IntegerOverflow: 'integer overflow',
  IntegerDivisionByZero: 'integer divide by zero',
  BadConversionToInteger: 'invalid conversion to integer',
  UnreachableCodeReached: 'wasm `unreachable` instruction executed',
  Interrupt: 'interrupt',
  AlwaysTrapAdapter: 'degenerate component adapter called',
  OutOfFuel: 'all fuel consumed by WebAssembly',
  AtomicWaitNonSharedMemory: 'atomic wait on non-shared memory',
  NullReference: 'null reference',
  ArrayOutOfBounds: 'out of bounds array access',
  AllocationTooLarge: 'allocation size too large',
  CastFailure: 'cast failure',
  CannotEnterComponent: 'cannot enter component instance',
  CannotLeaveComponent: 'cannot leave component instance',
  InvalidChar: 'invalid `char` bit pattern',
  StringOutOfBounds: 'string content out-of-bounds',
  ListOutOfBounds: 'list content out-of-bounds',
  InvalidDiscriminant: 'invalid variant discriminant',
  UnalignedPointer: 'unaligned pointer',
  NoAsyncResult: 'async-lifted export failed to produce a result',
  UnhandledTag: 'unhandled tag',
  ContinuationAlreadyConsumed: 'continuation already consumed',
};
