// The committed list of directives known to fail, each with a reason a person wrote. A run
// passes only if its failures are exactly the listed ones, so the list can neither hide a new
// failure nor keep an entry for a bug that has been fixed.

import { readFileSync } from 'node:fs';

import type { DirectiveResult, ScriptResult } from './directive-result.js';

/** Failure key (`core/binary.wast:123`) -> why it is expected to fail. */
export type ExpectedFailures = ReadonlyMap<string, string>;

/** A failing directive with its key. */
export interface KeyedFailure {
  /** `<suite path>:<line>`, e.g. `core/binary.wast:123`. */
  readonly key: string;
  readonly result: DirectiveResult;
  readonly message: string;
}

/** A listed entry whose directive no longer fails. */
export interface StaleEntry {
  readonly key: string;
  readonly reason: string;
}

/** How a run's failures compare with the list. */
export interface ExpectedFailuresComparison {
  /** Failures that are not listed: each fails the run. */
  readonly unexpectedFailures: readonly KeyedFailure[];
  /**
   * Listed entries of scripts that ran, whose directive passed or does not exist: each fails
   * the run. A skipped directive keeps its entry (a host that cannot execute a script, as Node 20
   * cannot run the Component Model suite's multi-memory, still validates it); a host that runs
   * it checks it.
   */
  readonly unexpectedPasses: readonly StaleEntry[];
  /** Failures that are listed. */
  readonly expectedFailures: readonly KeyedFailure[];
}

/** The key of a directive in the expected-failures list: `<suite path>:<line>`. */
export function failureKey(path: string, line: number): string {
  return `${path}:${line}`;
}

/** What a host may lack that makes a directive fail there only (`{ "hostLacks": ... }` entries). */
const HOST_TRAITS: ReadonlySet<string> = new Set(['jspi']);

/**
 * Reads an expected-failures list: a JSON object from failure key to reason, or to
 * `{ "reason": ..., "hostLacks": "jspi" }` for a directive that fails only where the host lacks
 * that (such an entry counts only when `hostLacks` holds it). A missing file is an empty list.
 *
 * @throws {SyntaxError} if the file is not JSON.
 * @throws {TypeError} if it is not an object of non-empty reasons keyed `<path>:<line>`.
 */
export function loadExpectedFailures(file: string, hostLacks: ReadonlySet<string> = new Set()): ExpectedFailures {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  return parseExpectedFailures(JSON.parse(text) as unknown, file, hostLacks);
}

/**
 * Checks the shape of a parsed expected-failures list.
 *
 * @throws {TypeError} as `loadExpectedFailures`.
 */
export function parseExpectedFailures(json: unknown, source = 'expected failures', hostLacks: ReadonlySet<string> = new Set()): ExpectedFailures {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`${source}: expected a JSON object from "<path>:<line>" to a reason`);
  }
  const entries = new Map<string, string>();
  for (const [key, reason] of Object.entries(json)) {
    if (!/^.+:[1-9][0-9]*$/.test(key)) throw new TypeError(`${source}: expected a key "<path>:<line>", found "${key}"`);
    if (typeof reason === 'object' && reason !== null && !Array.isArray(reason)) {
      const { reason: text, hostLacks: trait, ...rest } = reason as Record<string, unknown>;
      if (typeof text !== 'string' || text.trim() === '' || typeof trait !== 'string' || !HOST_TRAITS.has(trait) || Object.keys(rest).length > 0) {
        throw new TypeError(`${source}: expected { "reason": "...", "hostLacks": "${[...HOST_TRAITS].join('" | "')}" } for "${key}"`);
      }
      if (hostLacks.has(trait)) entries.set(key, text);
      continue;
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new TypeError(`${source}: expected a reason string for "${key}"`);
    }
    entries.set(key, reason);
  }
  return entries;
}

function pathOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf(':'));
}

/**
 * Compares the failures of the scripts that ran with the list. Entries for scripts that did not
 * run are ignored, so running a subset of the suite is honest too.
 */
export function compareWithExpected(scripts: readonly ScriptResult[], expected: ExpectedFailures): ExpectedFailuresComparison {
  const unexpectedFailures: KeyedFailure[] = [];
  const expectedFailures: KeyedFailure[] = [];
  const failingKeys = new Set<string>();
  const skippedKeys = new Set<string>();
  const ranPaths = new Set<string>();
  for (const script of scripts) {
    ranPaths.add(script.path);
    for (const result of script.results) {
      if (result.outcome.status === 'skipped') skippedKeys.add(failureKey(script.path, result.line));
      if (result.outcome.status !== 'failed') continue;
      const failure: KeyedFailure = { key: failureKey(script.path, result.line), result, message: result.outcome.message };
      failingKeys.add(failure.key);
      (expected.has(failure.key) ? expectedFailures : unexpectedFailures).push(failure);
    }
  }
  const unexpectedPasses: StaleEntry[] = [];
  for (const [key, reason] of expected) {
    if (ranPaths.has(pathOfKey(key)) && !failingKeys.has(key) && !skippedKeys.has(key)) unexpectedPasses.push({ key, reason });
  }
  return { unexpectedFailures, unexpectedPasses, expectedFailures };
}
