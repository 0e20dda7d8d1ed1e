/**
 * An instantiation failure that is not a trap: an import that is not defined or whose type
 * does not match, worded as wasmtime words it.
 */
export class LinkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LinkError';
  }
}
