// `node test-suite/dist/src/cli.js [--verbose] [--via-artifacts] PATH...`: runs .wast scripts
// (files, or folders searched recursively) through tswasm's public api and compares the failures
// with expected-failures.json. `--via-artifacts` loads every module and component from its
// serialized artifact first. Exits 0 only if the failures are exactly the listed ones.

import { fileURLToPath } from 'node:url';

import { hostJspi } from '@tswasm/api';

import { createApiEngine } from './api-engine.js';
import { runCommandLine } from './runner/command-line.js';

// From dist/src/cli.js up to the package folder.
const EXPECTED_FAILURES_FILE = fileURLToPath(new URL('../../expected-failures.json', import.meta.url));

const args = process.argv.slice(2);
const viaArtifacts = args.includes('--via-artifacts');
process.exitCode = await runCommandLine(
  args.filter((arg) => arg !== '--via-artifacts'),
  { engine: createApiEngine({ viaArtifacts }), expectedFailuresFile: EXPECTED_FAILURES_FILE, hostLacks: new Set(hostJspi() === null ? ['jspi'] : []) },
);
