/**
 * Parallel validation of one large module's function bodies (jit's translateModuleParallel on
 * a WorkerPool, as wasmtime validates bodies in parallel) against environ's sequential
 * translateModule, and `Module.fromBinary` with `parallelCompilation` on and off against
 * `new WebAssembly.Module` (V8, which validates and compiles lazily on its own threads).
 *
 * The speedup is bounded by the cores that are idle: on a 2-core machine shared with other
 * processes it is small or absent, and the report prints the core count and load so the
 * numbers can be read. The "fresh pool" row is the first use of new workers, whose validator
 * code V8 has not optimized yet: the case of a process that compiles one large module once.
 */
import { Config, Engine, Module } from '@tswasm/api';
import { translateModule } from '@tswasm/environ';
import { detectHostFeatures, translateModuleParallel, WorkerPool } from '@tswasm/jit';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { variant } from './deserialize-large-module.js';
import { medianPairMs, reportRatio } from './measure.js';
import { packageFile } from './package-file.js';

/** The modules measured: a package and a file inside it. */
const MODULES: readonly [string, string][] = [
  ['@bytecodealliance/componentize-js', 'lib/starlingmonkey_embedding.wasm'],
  ['@bytecodealliance/jco-transpile', 'vendor/js-component-bindgen-component.core.wasm'],
  ['@bytecodealliance/jco-transpile', 'vendor/wasm-tools.core.wasm'],
];

/** Runs the benchmark and returns its report lines. */
export async function benchParallelValidate(runs = 9, warmup = 3): Promise<string[]> {
  const features = detectHostFeatures();
  const pool = new WorkerPool();
  const lines = [`cores: ${availableParallelism()}, load average: ${loadavg()[0]?.toFixed(2)}, pool: ${pool.size} worker(s) + this thread`];
  if (pool.size === 0) return [...lines, 'no workers on this host: parallel validation runs inline'];
  try {
    for (const [name, file] of MODULES) {
      const bytes = new Uint8Array(readFileSync(packageFile(name, file)));
      const label = `${file.slice(file.lastIndexOf('/') + 1)} (${(bytes.length / 1e6).toFixed(1)} MB)`;
      // This thread's code is warmed first, so the fresh-pool row shows the cost of cold workers.
      for (let i = 0; i < warmup; i++) translateModule(bytes, features);
      const fresh = new WorkerPool();
      let start = performance.now();
      translateModuleParallel(bytes, features, fresh, { minCodeBytes: 0 });
      const cold = performance.now() - start;
      await fresh.close();
      start = performance.now();
      translateModule(bytes, features);
      const sequentialOnce = performance.now() - start;
      const { ours, peer } = medianPairMs(
        () => translateModuleParallel(bytes, features, pool, { minCodeBytes: 0 }),
        () => translateModule(bytes, features),
        runs,
        warmup,
      );
      lines.push(reportRatio(`${label} translate, parallel vs sequential`, ours, peer, 'sequential'));
      lines.push(`${label} first use of a fresh pool: parallel ${cold.toFixed(2)} ms, sequential (warm code) ${sequentialOnce.toFixed(2)} ms`);
    }
    lines.push(...benchFromBinary(runs, warmup));
  } finally {
    await pool.close();
  }
  return lines;
}

// Every run compiles bytes V8 has not seen (V8 caches compiled modules by their bytes).
function benchFromBinary(runs: number, warmup: number): string[] {
  const [name, file] = MODULES[0] as [string, string];
  const bytes = new Uint8Array(readFileSync(packageFile(name, file)));
  let tag = 0;
  const inputs = (): Uint8Array<ArrayBuffer>[] => Array.from({ length: runs + warmup }, () => variant(bytes, tag++));
  const lines: string[] = [];
  for (const parallelCompilation of [true, false]) {
    const engine = new Engine(new Config({ parallelCompilation }));
    const ours = inputs();
    const peer = inputs();
    const times = medianPairMs(
      () => Module.fromBinary(engine, ours.pop() as Uint8Array),
      () => new WebAssembly.Module(peer.pop() as Uint8Array<ArrayBuffer>),
      runs,
      warmup,
    );
    lines.push(reportRatio(`Module.fromBinary, parallelCompilation ${parallelCompilation ? 'on' : 'off'}`, times.ours, times.peer, 'new WebAssembly.Module'));
    void engine.close();
  }
  return lines;
}
