/**
 * environ's parse + validate of a large real module against `WebAssembly.validate` of the same
 * bytes, in the same process. The module is StarlingMonkey (SpiderMonkey built for WASI, about
 * 10 MB), which @bytecodealliance/componentize-js ships; jco depends on it.
 */
import { validateModule } from '@tswasm/environ';
import { detectHostFeatures } from '@tswasm/jit';
import { readFileSync } from 'node:fs';
import { medianPairMs, reportRatio } from './measure.js';
import { packageFile } from './package-file.js';

/** Path of the large module the benchmark reads. */
export function largeModulePath(): string {
  return packageFile('@bytecodealliance/componentize-js', 'lib/starlingmonkey_embedding.wasm');
}

/** Runs the benchmark and returns its report lines. */
export function benchValidateLargeModule(runs = 11): string[] {
  const path = largeModulePath();
  const bytes = new Uint8Array(readFileSync(path));
  const features = detectHostFeatures();
  // Alternating runs, so a busy machine slows both sides alike.
  const { ours, peer: v8 } = medianPairMs(
    () => validateModule(bytes, features),
    () => {
      if (!WebAssembly.validate(bytes)) throw new Error('the benchmark module is invalid for the host');
    },
    runs,
    2,
  );
  return [
    `module: ${path.slice(path.lastIndexOf('node_modules'))} (${(bytes.length / 1e6).toFixed(1)} MB)`,
    reportRatio('parse + validate', ours, v8, 'WebAssembly.validate', 3),
  ];
}
