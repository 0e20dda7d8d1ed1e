// One call into an engine, its failure sorted by kind: the core and component directive
// runners judge trap assertions by that kind, and report anything else as it is.

import { ValidationError } from '@tswasm/environ';

import type { DirectiveOutcome } from './directive-result.js';
import { ComponentValueError } from './component-value-error.js';
import type { ExecutionErrorKind } from './execution-error.js';
import { ExecutionError } from './execution-error.js';
import { crashed, failed } from './outcomes.js';

/** What a call into the engine gave: its value, the failure sorted by kind, or a finished outcome. */
export type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly kind: ExecutionErrorKind | 'validation'; readonly message: string }
  | { readonly ok: false; readonly kind: 'done'; readonly outcome: DirectiveOutcome };

/** Runs `run`, sorting what it throws: engine failures by kind, anything else a crash. */
export function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof ExecutionError) return { ok: false, kind: error.kind, message: error.message };
    if (error instanceof ValidationError) return { ok: false, kind: 'validation', message: error.message };
    // A component literal that does not fit its parameter type is the script's problem, not a crash.
    if (error instanceof ComponentValueError) return { ok: false, kind: 'done', outcome: failed(error.message) };
    return { ok: false, kind: 'done', outcome: crashed(error) };
  }
}

/** `attempt` of a call that may return a Promise (an async call into the engine). */
export async function attemptAsync<T>(run: () => T | Promise<T>): Promise<Attempt<T>> {
  try {
    const value = await run();
    return attempt(() => value);
  } catch (error) {
    return attempt(() => {
      throw error;
    });
  }
}

/** A failure description of an attempt that did not end as `expected` says. */
export function unexpected(result: Attempt<unknown>, expected: string): DirectiveOutcome {
  if (result.ok) return failed(`expected ${expected}, but it succeeded`);
  if (result.kind === 'done') return result.outcome;
  return failed(`expected ${expected}, got ${result.kind}: ${result.message}`);
}
