/**
 * environ's validation + translation of a large real component (componentize-js output, about
 * 12 MB) against `WebAssembly.validate` of its core modules, in the same process: what a user
 * pays to read a component with tswasm versus only checking its code with V8.
 */
import { ALL_SUPPORTED_FEATURES, translateComponent } from '@tswasm/environ';
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
  return [
    `component: componentize-js output of tools/examples/component (${(bytes.length / 1e6).toFixed(1)} MB, ${modules.length} core modules)`,
    reportRatio('validate + translate', ours, peer, 'WebAssembly.validate of its core modules'),
  ];
}
