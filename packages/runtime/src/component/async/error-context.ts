// CanonicalABI.md's `ErrorContext`: an immutable value with a debug message, held in handle
// tables like a waitable; passing one through a call adds a handle in the receiving instance
// and leaves the sender's in place.

import { AsyncTableEntry } from './waitable.js';

/** One error context. */
export class ErrorContext extends AsyncTableEntry {
  readonly what = 'error-context';
  /** The host-defined rendering of the message it was made with. */
  readonly debugMessage: string;

  constructor(debugMessage: string) {
    super();
    this.debugMessage = debugMessage;
  }
}
