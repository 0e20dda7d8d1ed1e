// `node test-suite/dist/src/cli.js [--verbose] PATH...`: runs .wast scripts (files, or folders
// searched recursively) against tswasm and compares the failures with expected-failures.json.
// Exits 0 only if the failures are exactly the listed ones.

import { fileURLToPath } from 'node:url';

import { ENVIRON_ENGINE } from './environ-engine.js';
import { collectWastFiles } from './runner/collect-wast-files.js';
import { loadExpectedFailures } from './runner/expected-failures.js';
import { runConformance } from './runner/run-conformance.js';

const USAGE = 'usage: node test-suite/dist/src/cli.js [--verbose] PATH...';

// From dist/src/cli.js up to the package folder.
const EXPECTED_FAILURES_FILE = fileURLToPath(new URL('../../expected-failures.json', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  let verbose = false;
  const paths: string[] = [];
  for (const arg of argv) {
    if (arg === '--verbose') verbose = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else paths.push(arg);
  }
  if (paths.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let files: string[];
  try {
    files = collectWastFiles(paths);
  } catch (error) {
    console.error(`cannot read the given paths: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = await runConformance({
    files,
    engine: ENVIRON_ENGINE,
    expected: loadExpectedFailures(EXPECTED_FAILURES_FILE),
    verbose,
    write: (line) => console.log(line),
  });
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
