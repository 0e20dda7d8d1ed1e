// `node test-suite/dist/test/support/run-with-v8.js [--validate-only] [--verbose] PATH...`: the
// runner's command line against V8's `WebAssembly` instead of tswasm, executing scripts unless
// `--validate-only` is given. Its failures show where V8 (or the host's feature set) differs
// from the suite, which checks the runner's script handling on the real suite. It uses no
// expected-failures list, so every failure is printed.

import { runCommandLine } from '../../src/runner/command-line.js';
import { createV8ExecutionEngine, V8_ENGINE } from './v8-engine.js';

const args = process.argv.slice(2);
const validateOnly = args.includes('--validate-only');

process.exitCode = await runCommandLine(
  args.filter((arg) => arg !== '--validate-only'),
  {
    engine: validateOnly ? V8_ENGINE : await createV8ExecutionEngine(),
    expectedFailuresFile: '/nonexistent/no-expected-failures.json',
  },
);
