// `node test-suite/dist/test/support/run-with-v8.js [--verbose] PATH...`: the runner's command
// line against V8's `WebAssembly.validate` instead of environ. Its failures show where V8 (or
// the host's feature set) differs from the suite, which checks the runner's script handling on
// the real suite. It uses no expected-failures list, so every failure is printed.

import { runCommandLine } from '../../src/runner/command-line.js';
import { V8_ENGINE } from './v8-engine.js';

process.exitCode = await runCommandLine(process.argv.slice(2), {
  engine: V8_ENGINE,
  expectedFailuresFile: '/nonexistent/no-expected-failures.json',
});
