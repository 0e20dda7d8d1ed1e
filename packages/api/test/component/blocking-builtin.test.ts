import { expect } from 'chai';
import { blockingBuiltin } from '../../src/component/blocking-builtin.js';

describe('blockingBuiltin', () => {
  it('returns the built-in itself where there is no blocking glue (no JSPI)', () => {
    const fn = (a: number): number => a + 1;
    expect(blockingBuiltin(null, 1, fn)).to.equal(fn);
  });
});
