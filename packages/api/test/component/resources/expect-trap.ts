import { expect } from 'chai';
import { Trap } from '../../../src/index.js';

/** Asserts that `run` throws a `Trap` without a code and with wasmtime's `message`. */
export function expectResourceTrap(run: () => unknown, message: string): void {
  let caught: unknown = null;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(Trap);
  expect((caught as Trap).code).to.equal(null);
  expect((caught as Trap).message).to.equal(`wasm trap: ${message}`);
}
