import type { WasmFeatures } from '@tswasm/environ';
import { detectHostFeatures, TrampolineCache } from '@tswasm/jit';
import { Config } from './config.js';

function narrowFeatures(host: WasmFeatures, requested: Partial<WasmFeatures> | undefined): WasmFeatures {
  if (requested === undefined) return host;
  const features: Record<string, boolean> = { ...host };
  for (const [name, on] of Object.entries(requested)) {
    if (on === undefined || !(name in features)) continue;
    features[name] = on && features[name] === true;
  }
  // Every key came from `host`, so the record is a WasmFeatures again.
  return Object.freeze(features as unknown as WasmFeatures);
}

/**
 * The shared, process-wide context of compilation (wasmtime's `Engine`): its settings, and the
 * per-signature trampolines and adapter modules every store of this engine reuses.
 */
export class Engine {
  /** The settings this engine was made with. */
  readonly config: Config;
  /** The proposals modules may use: the host's, narrowed by `config.features`. */
  readonly features: WasmFeatures;
  /** Per-signature trampolines and adapters, made once per engine. */
  readonly trampolines = new TrampolineCache();

  constructor(config: Config = new Config()) {
    this.config = config;
    this.features = narrowFeatures(detectHostFeatures(), config.features);
  }
}
