import { expect } from 'chai';

import { concatStringLiterals, decodeStringLiteral } from '../../src/wast/string-literal.js';
import { WastSyntaxError } from '../../src/wast/wast-syntax-error.js';

function bytes(text: string): number[] {
  return [...decodeStringLiteral(text)];
}

describe('decodeStringLiteral', () => {
  it('decodes plain ASCII to its bytes', () => {
    expect(bytes('"asm"')).to.deep.equal([0x61, 0x73, 0x6d]);
  });

  it('decodes the named escapes', () => {
    expect(bytes(String.raw`"\t\n\r\"\'\\"`)).to.deep.equal([0x09, 0x0a, 0x0d, 0x22, 0x27, 0x5c]);
  });

  it('decodes \\hh to one raw byte, which need not be UTF-8', () => {
    expect(bytes(String.raw`"\00\ff\Ab"`)).to.deep.equal([0x00, 0xff, 0xab]);
  });

  it('encodes \\u{...} escapes as UTF-8', () => {
    expect(bytes(String.raw`"\u{41}\u{e9}\u{20ac}\u{1f600}"`)).to.deep.equal([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('encodes raw non-ASCII characters as UTF-8', () => {
    expect(bytes('"é😀"')).to.deep.equal([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('decodes the empty string to no bytes', () => {
    expect(bytes('""')).to.deep.equal([]);
  });

  it('rejects a surrogate named by \\u{...}', () => {
    expect(() => decodeStringLiteral(String.raw`"\u{d800}"`, { line: 3, column: 7 }))
      .to.throw(WastSyntaxError)
      .with.include({ line: 3, column: 7, reason: 'unicode escape names a surrogate' });
  });

  it('rejects a code point above 0x10ffff', () => {
    expect(() => decodeStringLiteral(String.raw`"\u{110000}"`)).to.throw(WastSyntaxError).with.property('reason', 'unicode escape out of range');
  });

  it('rejects an escape with one hex digit', () => {
    expect(() => decodeStringLiteral(String.raw`"\0"`)).to.throw(WastSyntaxError).with.property('reason', 'unknown escape in string');
  });

  it('rejects text without quotes', () => {
    expect(() => decodeStringLiteral('abc')).to.throw(WastSyntaxError).with.property('reason', 'expected a string literal');
  });
});

describe('concatStringLiterals', () => {
  it('joins the bytes of several literals', () => {
    const literals = [String.raw`"\00asm"`, String.raw`"\01\00\00\00"`].map((text) => ({ text, line: 1, column: 1 }));
    expect([...concatStringLiterals(literals)]).to.deep.equal([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });
});
