import type { WasmFeatures } from '@tswasm/environ';

/**
 * Global settings of an `Engine` (wasmtime's `Config`). Features start from what both environ
 * and the host's WebAssembly engine support; `features` can only turn those off, since V8 is
 * our code generator and cannot run what it lacks. The Component Model features tswasm runs
 * itself (`componentModelMap`, `componentModelFixedLengthLists`, off by default) can be turned
 * on as well (see `effectiveFeatures`).
 */
export class Config {
  /** Proposals to turn off (or keep on, where the host supports them), or tswasm-implemented ones to turn on. */
  features: Partial<WasmFeatures> | undefined;
  /** Compile independent modules in parallel where the host allows. */
  parallelCompilation: boolean;

  constructor(options: { features?: Partial<WasmFeatures>; parallelCompilation?: boolean } = {}) {
    this.features = options.features;
    this.parallelCompilation = options.parallelCompilation ?? true;
  }
}
