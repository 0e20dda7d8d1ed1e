/**
 * The one error class environ throws for bad input: a message in wasmparser's style and the
 * byte offset into the original binary where the problem was found.
 */
export class ValidationError extends Error {
  /** Byte offset into the original binary. */
  readonly offset: number;
  /** The message without the offset suffix. */
  readonly reason: string;

  constructor(reason: string, offset: number, options?: ErrorOptions) {
    super(`${reason} (at offset 0x${offset.toString(16)})`, options);
    this.name = 'ValidationError';
    this.reason = reason;
    this.offset = offset;
  }
}
