/**
 * A .wast script that cannot be read: an unterminated string or comment, an unbalanced
 * parenthesis, a directive the runner does not know. It names the script line and column
 * (both from 1) because scripts are text, unlike `ValidationError`, which names a byte offset.
 */
export class WastSyntaxError extends Error {
  /** Line of the problem, counted from 1. */
  readonly line: number;
  /** Column of the problem, counted from 1 in UTF-16 code units. */
  readonly column: number;
  /** The message without the position suffix. */
  readonly reason: string;

  constructor(reason: string, line: number, column: number) {
    super(`${reason} (at line ${line}, column ${column})`);
    this.name = 'WastSyntaxError';
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}
