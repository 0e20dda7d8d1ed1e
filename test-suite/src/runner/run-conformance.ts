// The whole run behind the command line: run each script, print its counts, compare the
// failures with the expected-failures list, and print the totals as the very last line (tools
// and people read that line).

import { readFileSync } from 'node:fs';

import type { DirectiveKind } from '../wast/directive.js';
import { DIRECTIVE_KINDS } from '../wast/directive.js';
import type { ConformanceEngine } from './conformance-engine.js';
import type { ScriptResult } from './directive-result.js';
import type { ExpectedFailures, ExpectedFailuresComparison } from './expected-failures.js';
import { compareWithExpected, failureKey } from './expected-failures.js';
import { runScript } from './run-script.js';
import { suitePath } from './suite-path.js';

/** What a conformance run needs. */
export interface ConformanceRunOptions {
  /** The .wast files to run, in order (see `collectWastFiles`). */
  readonly files: readonly string[];
  readonly engine: ConformanceEngine;
  readonly expected: ExpectedFailures;
  /** List every failure and a count per directive kind. */
  readonly verbose: boolean;
  /** Receives each output line. */
  readonly write: (line: string) => void;
}

/** The outcome of a conformance run. */
export interface ConformanceRunResult {
  readonly scripts: readonly ScriptResult[];
  readonly comparison: ExpectedFailuresComparison;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** True when the failures are exactly the expected ones: the process should exit with 0. */
  readonly ok: boolean;
}

/** Formats counts as the report lines do: `N passed, N failed, N skipped`. */
export function formatCounts(counts: { readonly passed: number; readonly failed: number; readonly skipped: number }): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

/**
 * Runs the scripts and prints the report.
 *
 * @throws {Error} (from `fs`) if a file cannot be read.
 */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const { write, verbose, expected } = options;
  const scripts: ScriptResult[] = [];
  for (const file of options.files) {
    const path = suitePath(file);
    const script = await runScript(readFileSync(file, 'utf8'), { path, engine: options.engine });
    scripts.push(script);
    write(`${path}: ${formatCounts(script)}`);
    for (const result of script.results) {
      // A crash is printed even without --verbose: environ must never fail that way.
      if (result.outcome.status !== 'failed' || !(verbose || result.outcome.crash)) continue;
      const key = failureKey(path, result.line);
      const listed = expected.has(key) ? ' [expected]' : '';
      write(`  ${key}: ${result.kind}: ${result.outcome.message}${listed}`);
    }
  }
  const comparison = compareWithExpected(scripts, expected);
  if (verbose) writeKindCounts(scripts, write);
  for (const failure of comparison.unexpectedFailures) {
    write(`unexpected failure: ${failure.key}: ${failure.result.kind}: ${failure.message}`);
  }
  for (const stale of comparison.unexpectedPasses) {
    write(`unexpected pass: remove from expected-failures: ${stale.key} (listed as: ${stale.reason})`);
  }
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const script of scripts) {
    totals.passed += script.passed;
    totals.failed += script.failed;
    totals.skipped += script.skipped;
  }
  write(formatCounts(totals));
  const ok = comparison.unexpectedFailures.length === 0 && comparison.unexpectedPasses.length === 0;
  return { scripts, comparison, ...totals, ok };
}

function writeKindCounts(scripts: readonly ScriptResult[], write: (line: string) => void): void {
  const counts = new Map<DirectiveKind | 'script', { passed: number; failed: number; skipped: number }>();
  for (const script of scripts) {
    for (const result of script.results) {
      let count = counts.get(result.kind);
      if (count === undefined) {
        count = { passed: 0, failed: 0, skipped: 0 };
        counts.set(result.kind, count);
      }
      count[result.outcome.status]++;
    }
  }
  write('by directive kind:');
  for (const kind of [...DIRECTIVE_KINDS, 'script' as const]) {
    const count = counts.get(kind);
    if (count === undefined) continue;
    write(`  ${kind}: ${count.passed + count.failed + count.skipped} (${formatCounts(count)})`);
  }
}
