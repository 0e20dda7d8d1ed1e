import { expect } from 'chai';
import { Engine } from '../../src/engine/engine.js';

describe('Engine.nextSerial', () => {
  it('never hands out a number another engine handed out, so generated sources never coincide', () => {
    const a = new Engine();
    const b = new Engine();
    const seen = [a.nextSerial(), b.nextSerial(), a.nextSerial(), b.nextSerial()];
    expect(new Set(seen).size).to.equal(seen.length);
  });
});
