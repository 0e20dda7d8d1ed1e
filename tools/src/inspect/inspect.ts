// `npm run inspect -- FILE...`: what each module or component imports and exports, as environ
// understood it — WIT for a component, import/export lines with types for a core module. A file
// that does not validate is reported on stderr with the error and its offset, and the others
// are still inspected; the exit code is 1 if any file failed.

import { readFileSync } from 'node:fs';
import { ALL_SUPPORTED_FEATURES, componentWit, describeModule, printModuleDescription, withFeatures } from '@tswasm/environ';
import type { WasmFeatures } from '@tswasm/environ';

/** Every feature environ validates, component model async included (what real components use). */
const INSPECT_FEATURES: WasmFeatures = withFeatures(ALL_SUPPORTED_FEATURES, {
  componentModelAsync: true,
  componentModelAsyncBuiltins: true,
  componentModelErrorContext: true,
  componentModelFixedLengthLists: true,
  componentModelMap: true,
});

/** Whether `bytes` has a component's preamble: the layer field (bytes 6..7) is 1, not 0. */
function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[6] === 1 && bytes[7] === 0;
}

/**
 * The description `inspect` prints for `bytes`.
 * @throws ValidationError when the module or component is malformed or invalid
 */
export function inspectBytes(bytes: Uint8Array): string {
  if (isComponent(bytes)) return componentWit(bytes, INSPECT_FEATURES);
  return printModuleDescription(describeModule(bytes, INSPECT_FEATURES));
}

function main(files: readonly string[]): number {
  if (files.length === 0) {
    process.stderr.write('usage: npm run inspect -- FILE...\n');
    return 2;
  }
  let failed = false;
  let printed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = inspectBytes(readFileSync(file));
    } catch (error) {
      // Report and go on with the next file: one bad input must not hide the others.
      failed = true;
      process.stderr.write(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      continue;
    }
    if (files.length > 1) process.stdout.write(`${printed++ > 0 ? "\n" : ""};; ${file}\n`);
    process.stdout.write(text);
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
