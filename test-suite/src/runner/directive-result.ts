import type { DirectiveKind } from '../wast/directive.js';

/** What became of one directive. */
export type DirectiveOutcome =
  | { readonly status: 'passed' }
  /**
   * `crash` marks an exception other than `ValidationError` out of the engine: a bug of ours,
   * not a disagreement with the test, and reported loudly.
   */
  | { readonly status: 'failed'; readonly message: string; readonly crash: boolean }
  | { readonly status: 'skipped'; readonly reason: string };

/** The outcome of one directive, with where it is. */
export interface DirectiveResult {
  /** Line of the directive in its script, counted from 1. */
  readonly line: number;
  /** The directive's keyword; `script` when the script itself could not be read. */
  readonly kind: DirectiveKind | 'script';
  readonly outcome: DirectiveOutcome;
}

/** The outcomes of every directive of one script. */
export interface ScriptResult {
  /** The script's suite path (see `suitePath`), e.g. `core/binary.wast`. */
  readonly path: string;
  readonly results: readonly DirectiveResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}
