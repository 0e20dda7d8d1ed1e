// Test helper: asserts the class, offset and message of a rejected module.

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
