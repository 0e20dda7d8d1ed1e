// Workers can only post structured-clonable data, and an error's class does not survive the
// clone (a ValidationError would arrive as a plain Error, or not at all for its fields). So a
// worker sends what identifies the error, and the caller's thread rebuilds it in its own realm:
// the one error class callers catch for bad input, ValidationError, comes back as itself.

import { assertNever, ValidationError } from '@tswasm/environ';

/** An error thrown by a task on a worker, as it crosses back to the calling thread. */
export type SerializedTaskError =
  | { readonly kind: 'ValidationError'; readonly reason: string; readonly offset: number }
  | { readonly kind: 'Error'; readonly name: string; readonly message: string; readonly stack: string | undefined };

/** What a worker sends for `error`. Duck-typed: the worker's ValidationError class is its own. */
export function serializeTaskError(error: unknown): SerializedTaskError {
  if (error instanceof Error && error.name === 'ValidationError') {
    const { reason, offset } = error as Partial<ValidationError>;
    if (typeof reason === 'string' && typeof offset === 'number') return { kind: 'ValidationError', reason, offset };
  }
  if (error instanceof Error) return { kind: 'Error', name: error.name, message: error.message, stack: error.stack };
  return { kind: 'Error', name: 'Error', message: String(error), stack: undefined };
}

/**
 * The error to throw on the calling thread for an error a worker sent: a ValidationError with
 * the same reason and offset, or an Error with the worker's message (its stack as `cause`).
 */
export function rebuildTaskError(error: SerializedTaskError): Error {
  switch (error.kind) {
    case 'ValidationError':
      return new ValidationError(error.reason, error.offset);
    case 'Error': {
      return new Error(`${error.name} in a worker thread: ${error.message}`, { cause: error.stack });
    }
    default:
      return assertNever(error);
  }
}

