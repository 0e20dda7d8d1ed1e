// Test helpers: the ValidationError a rejected input throws, and checks of its class, offset
// and message.

import { expect } from 'chai';
import { ValidationError } from '../src/index.js';

/** Runs `action` and checks it throws a `ValidationError` with `reason` at `offset`. */
export function expectValidationError(action: () => unknown, offset: number, reason: string | RegExp): ValidationError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(ValidationError);
  const error = caught as ValidationError;
  if (typeof reason === 'string') expect(error.reason).to.equal(reason);
  else expect(error.reason).to.match(reason);
  expect(error.offset, `offset of "${error.reason}"`).to.equal(offset);
  return error;
}

/** The `ValidationError` `action` throws; any other outcome (another error, none) fails the test. */
export function thrownValidationError(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
