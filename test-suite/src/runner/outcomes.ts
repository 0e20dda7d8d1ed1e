// The ways to build a `DirectiveOutcome`, shared by the validation and execution cases.

import type { DirectiveOutcome } from './directive-result.js';

/** The outcome of a directive that did what the script says. */
export const PASSED: DirectiveOutcome = Object.freeze({ status: 'passed' });

/** A directive that was not run, and why. */
export function skipped(reason: string): DirectiveOutcome {
  return { status: 'skipped', reason };
}

/** A directive whose result disagrees with the script. */
export function failed(message: string): DirectiveOutcome {
  return { status: 'failed', message, crash: false };
}

/**
 * An exception of a kind the engine contract does not allow (neither `ValidationError` nor
 * `ExecutionError`): a bug in the engine, reported loudly with its stack.
 */
export function crashed(error: unknown): DirectiveOutcome {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return { status: 'failed', message: `CRASH (not a ValidationError or ExecutionError): ${detail}`, crash: true };
}
