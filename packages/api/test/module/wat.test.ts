import { expect } from 'chai';
import { describeParseError, watToBinary, watToBinarySync } from '../../src/module/wat.js';

describe('watToBinarySync', () => {
  it('assembles text synchronously, byte for byte as the async parser does', async () => {
    const text = '(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))';
    const sync = watToBinarySync(text);
    expect(Array.from(sync)).to.deep.equal(Array.from(await watToBinary(text)));
    expect(WebAssembly.validate(sync as Uint8Array<ArrayBuffer>)).to.equal(true);
  });

  it('reports bad text with its line and column', () => {
    expect(() => watToBinarySync('(module\n  (func bogus))')).to.throw(Error, /^invalid WAT text at line 2, column 9: /);
  });

  it('keeps working after a failed parse', () => {
    expect(() => watToBinarySync('(module (func (i32.bogus)))')).to.throw(Error);
    expect(watToBinarySync('(module)').length).to.equal(8);
  });
});

describe('describeParseError', () => {
  it('falls back to the raw message when it has no position', () => {
    expect(describeParseError('something odd')).to.equal('invalid WAT text: something odd');
  });
});
