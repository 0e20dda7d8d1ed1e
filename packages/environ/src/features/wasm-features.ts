/**
 * Which WebAssembly proposals the validator accepts, named as wasmtime's `Config` names them
 * (in camelCase). The core 2.0 proposals (mutable globals, sign extension, saturating
 * conversions, multi-value, bulk memory, reference types, SIMD) have flags too so a validator
 * for an older host can turn them off.
 */
export interface WasmFeatures {
  readonly mutableGlobal: boolean;
  readonly saturatingFloatToInt: boolean;
  readonly signExtension: boolean;
  readonly multiValue: boolean;
  readonly bulkMemory: boolean;
  readonly referenceTypes: boolean;
  readonly simd: boolean;
  readonly relaxedSimd: boolean;
  readonly threads: boolean;
  readonly tailCall: boolean;
  readonly extendedConst: boolean;
  readonly multiMemory: boolean;
  /** Exception handling with `try_table`, `throw_ref` and `exnref`. */
  readonly exceptions: boolean;
  /** The legacy exception-handling instructions `try`, `catch`, `catch_all`, `delegate`, `rethrow`. */
  readonly legacyExceptions: boolean;
  /** Not yet validated: reserved so the type representation already has room for it. */
  readonly functionReferences: boolean;
  /** Not yet validated: reserved so the type representation already has room for it. */
  readonly gc: boolean;
  /** Not yet validated: reserved so the type representation already has room for it. */
  readonly memory64: boolean;
  readonly componentModel: boolean;
  /** Component Model async: `async` lifts and lowers, `stream`/`future` types, task built-ins. */
  readonly componentModelAsync: boolean;
  /** The async built-ins beyond the core set (wasmtime's `component_model_async_builtins`). */
  readonly componentModelAsyncBuiltins: boolean;
  /** Stackful async: `async` lifts without a callback and `waitable-set.wait` inside them. */
  readonly componentModelAsyncStackful: boolean;
  /** The `error-context` type and its built-ins. */
  readonly componentModelErrorContext: boolean;
  /** Cooperative threads: the `thread.*` built-ins. */
  readonly componentModelThreading: boolean;
  /** `list<T, N>`: lists of a fixed length. */
  readonly componentModelFixedLengthLists: boolean;
  /** `map<K, V>`. */
  readonly componentModelMap: boolean;
  /** Component `value`s: the value sort, value imports and exports, and `start`. */
  readonly componentModelValues: boolean;
}

/** The WebAssembly 2.0 feature set: every finished proposal of the 2.0 spec, nothing newer. */
export const WASM2_FEATURES: WasmFeatures = Object.freeze({
  mutableGlobal: true,
  saturatingFloatToInt: true,
  signExtension: true,
  multiValue: true,
  bulkMemory: true,
  referenceTypes: true,
  simd: true,
  relaxedSimd: false,
  threads: false,
  tailCall: false,
  extendedConst: false,
  multiMemory: false,
  exceptions: false,
  legacyExceptions: false,
  functionReferences: false,
  gc: false,
  memory64: false,
  componentModel: true,
  componentModelAsync: false,
  componentModelAsyncBuiltins: false,
  componentModelAsyncStackful: false,
  componentModelErrorContext: false,
  componentModelThreading: false,
  componentModelFixedLengthLists: false,
  componentModelMap: false,
  componentModelValues: false,
});

/** Every feature environ can validate today. */
export const ALL_SUPPORTED_FEATURES: WasmFeatures = Object.freeze({
  ...WASM2_FEATURES,
  relaxedSimd: true,
  threads: true,
  tailCall: true,
  extendedConst: true,
  multiMemory: true,
  exceptions: true,
  legacyExceptions: true,
});

/** `base` with the given flags changed. */
export function withFeatures(base: WasmFeatures, changes: Partial<WasmFeatures>): WasmFeatures {
  return Object.freeze({ ...base, ...changes });
}
