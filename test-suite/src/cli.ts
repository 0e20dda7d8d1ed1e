// `node test-suite/dist/src/cli.js [--verbose] PATH...`: runs .wast scripts (files, or folders
// searched recursively) through tswasm's public api and compares the failures with expected-failures.json.
// Exits 0 only if the failures are exactly the listed ones.

import { fileURLToPath } from 'node:url';

import { API_ENGINE } from './api-engine.js';
import { runCommandLine } from './runner/command-line.js';

// From dist/src/cli.js up to the package folder.
const EXPECTED_FAILURES_FILE = fileURLToPath(new URL('../../expected-failures.json', import.meta.url));

process.exitCode = await runCommandLine(process.argv.slice(2), {
  engine: API_ENGINE,
  expectedFailuresFile: EXPECTED_FAILURES_FILE,
});
