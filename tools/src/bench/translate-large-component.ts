/**
 * environ's validation + translation of a large real component (componentize-js output, about
 * 12 MB) against `WebAssembly.validate` of its core modules, in the same process: what a user
 * pays to read a component with tswasm versus only checking its code with V8. Then the same
 * work with the static modules' function bodies on worker threads too (wasmtime's
 * `run_maybe_parallel`) against one thread, warm (the workers have run before): the gain a
 * process loading several components may see; a first load always runs on one thread.
 */
import { Config, Engine } from '@tswasm/api';
import { ALL_SUPPORTED_FEATURES, translateComponent } from '@tswasm/environ';
import { translateComponentParallel, WorkerPool } from '@tswasm/jit';
import { componentizeExample } from './componentize-example.js';
import { medianPairMs, reportRatio } from './measure.js';

/** Runs the benchmark and returns its report lines. */
export async function benchTranslateLargeComponent(runs = 9): Promise<string[]> {
  const { bytes } = await componentizeExample();
  const features = ALL_SUPPORTED_FEATURES;
  const modules = translateComponent(bytes, features).staticModules.values().map((m) => m.wasm.slice());
  const { ours, peer } = medianPairMs(
    () => translateComponent(bytes, features),
    () => {
      for (const module of modules) {
        if (!WebAssembly.validate(module)) throw new Error('a core module of the benchmark component is invalid for the host');
      }
    },
    runs,
    2,
  );
  const pool = new WorkerPool();
  const lanes = pool.size + 1;
  const parallel = medianPairMs(
    () => translateComponentParallel(bytes, features, pool),
    () => translateComponent(bytes, features),
    runs,
    3,
  );
  await pool.close();
  const engines = { on: new Engine(new Config({ parallelCompilation: true })), off: new Engine(new Config({ parallelCompilation: false })) };
  // The first large component starts the engine's workers once the event loop turns.
  engines.on.precompileComponent(bytes);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const precompile = medianPairMs(
    () => engines.on.precompileComponent(bytes),
    () => engines.off.precompileComponent(bytes),
    runs,
    3,
  );
  await engines.on.close();
  return [
    `component: componentize-js output of tools/examples/component (${(bytes.length / 1e6).toFixed(1)} MB, ${modules.length} core modules)`,
    reportRatio('validate + translate', ours, peer, 'WebAssembly.validate of its core modules'),
    reportRatio(`validate + translate, bodies on ${lanes} lanes (warm workers)`, parallel.ours, parallel.peer, 'one thread'),
    reportRatio('Engine.precompileComponent, parallelCompilation on (warm workers)', precompile.ours, precompile.peer, 'off'),
  ];
}
