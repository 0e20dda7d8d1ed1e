import { ALL_SUPPORTED_FEATURES, type WasmFeatures } from '@tswasm/environ';

/**
 * Which proposals the host's WebAssembly engine compiles, found by asking it to validate one
 * tiny module per proposal. V8 is our code generator, so a feature it lacks cannot run no
 * matter what our validator accepts; Node 20 and Node 26 differ a lot here, and flags such as
 * `--experimental-wasm-*` change the answer, so we ask rather than read a version number.
 */
export interface HostWasmSupport {
  readonly simd: boolean;
  readonly relaxedSimd: boolean;
  readonly threads: boolean;
  readonly tailCall: boolean;
  readonly extendedConst: boolean;
  readonly multiMemory: boolean;
  readonly exceptions: boolean;
  readonly legacyExceptions: boolean;
  readonly functionReferences: boolean;
  readonly gc: boolean;
  readonly memory64: boolean;
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function section(id: number, content: number[]): number[] {
  // Probe sections are tiny, so their sizes fit one LEB128 byte.
  return [id, content.length, ...content];
}

/** A module with one function of type `[] -> results` whose body is `locals ++ code ++ end`. */
function funcModule(results: number[], code: number[], locals: number[] = [0x00], extra: number[] = []): Uint8Array<ArrayBuffer> {
  const body = [...locals, ...code, 0x0b];
  return Uint8Array.from([
    ...HEADER,
    ...section(1, [0x01, 0x60, 0x00, results.length, ...results]),
    ...section(3, [0x01, 0x00]),
    ...extra,
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];

const PROBES: Record<keyof HostWasmSupport, Uint8Array<ArrayBuffer>> = {
  simd: funcModule([0x7b], V128_ZERO),
  // i8x16.relaxed_swizzle (0xfd 0x100)
  relaxedSimd: funcModule([0x7b], [...V128_ZERO, ...V128_ZERO, 0xfd, 0x80, 0x02]),
  // a shared memory of one page
  threads: Uint8Array.from([...HEADER, ...section(5, [0x01, 0x03, 0x01, 0x01])]),
  // return_call 0
  tailCall: funcModule([], [0x12, 0x00]),
  // (global i32 (i32.add (i32.const 1) (i32.const 2)))
  extendedConst: Uint8Array.from([...HEADER, ...section(6, [0x01, 0x7f, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b])]),
  multiMemory: Uint8Array.from([...HEADER, ...section(5, [0x02, 0x00, 0x00, 0x00, 0x00])]),
  // try_table (no catches) end
  exceptions: funcModule([], [0x1f, 0x40, 0x00, 0x0b]),
  // try catch_all end
  legacyExceptions: funcModule([], [0x06, 0x40, 0x19, 0x0b]),
  // a local of type (ref null 0)
  functionReferences: funcModule([], [], [0x01, 0x01, 0x63, 0x00]),
  // (type (struct))
  gc: Uint8Array.from([...HEADER, ...section(1, [0x01, 0x5f, 0x00])]),
  // (memory i64 1)
  memory64: Uint8Array.from([...HEADER, ...section(5, [0x01, 0x04, 0x01])]),
};

/** Asks the host engine which proposals it compiles. */
export function detectHostSupport(): HostWasmSupport {
  const support = {} as Record<keyof HostWasmSupport, boolean>;
  for (const [name, bytes] of Object.entries(PROBES) as [keyof HostWasmSupport, Uint8Array<ArrayBuffer>][]) {
    support[name] = WebAssembly.validate(bytes);
  }
  return support;
}

/**
 * The features a validator should enable by default on this host: what environ can validate,
 * narrowed to what the host engine compiles.
 */
export function detectHostFeatures(support: HostWasmSupport = detectHostSupport()): WasmFeatures {
  const supported = ALL_SUPPORTED_FEATURES;
  return Object.freeze({
    ...supported,
    simd: supported.simd && support.simd,
    relaxedSimd: supported.relaxedSimd && support.relaxedSimd,
    threads: supported.threads && support.threads,
    tailCall: supported.tailCall && support.tailCall,
    extendedConst: supported.extendedConst && support.extendedConst,
    multiMemory: supported.multiMemory && support.multiMemory,
    exceptions: supported.exceptions && support.exceptions,
    legacyExceptions: supported.legacyExceptions && support.legacyExceptions,
    functionReferences: supported.functionReferences && support.functionReferences,
    gc: supported.gc && support.gc,
    memory64: supported.memory64 && support.memory64,
  });
}
