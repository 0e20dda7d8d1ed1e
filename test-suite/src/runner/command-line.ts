// The command line of the runner, apart from the engine it runs against, so a reference engine
// can be run the same way (test/support/run-with-v8.ts).

import type { ConformanceEngine } from './conformance-engine.js';
import { collectWastFiles } from './collect-wast-files.js';
import { loadExpectedFailures } from './expected-failures.js';
import { runConformance } from './run-conformance.js';

const USAGE = 'usage: node test-suite/dist/src/cli.js [--verbose] [--via-artifacts] PATH...';

/** What the command line runs against. */
export interface CommandLineOptions {
  readonly engine: ConformanceEngine;
  /** The JSON list of expected failures; a missing file is an empty list. */
  readonly expectedFailuresFile: string;
  /** What the host lacks (`jspi`): entries of the list that apply only to such hosts count. */
  readonly hostLacks?: ReadonlySet<string>;
}

/**
 * Runs `[--verbose] PATH...` against the engine, printing to the console, and returns the exit
 * code: 0 if the failures are exactly the listed ones, 1 if not, 2 for a usage error.
 */
export async function runCommandLine(argv: readonly string[], options: CommandLineOptions): Promise<number> {
  const { engine, expectedFailuresFile } = options;
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
    engine,
    expected: loadExpectedFailures(expectedFailuresFile, options.hostLacks),
    verbose,
    write: (line) => console.log(line),
  });
  return result.ok ? 0 : 1;
}
