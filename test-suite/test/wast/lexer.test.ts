import { expect } from 'chai';

import type { Token } from '../../src/wast/lexer.js';
import { tokenize } from '../../src/wast/lexer.js';
import { WastSyntaxError } from '../../src/wast/wast-syntax-error.js';

function kindsAndTexts(tokens: readonly Token[]): string[] {
  return tokens.map((t) => `${t.kind}:${t.text}`);
}

describe('tokenize', () => {
  it('splits parentheses, atoms and strings', () => {
    expect(kindsAndTexts(tokenize('(module $m (func))'))).to.deep.equal([
      'lparen:(',
      'atom:module',
      'atom:$m',
      'lparen:(',
      'atom:func',
      'rparen:)',
      'rparen:)',
    ]);
  });

  it('records line, column and source offsets of each token', () => {
    const tokens = tokenize('(a\n  "b"  c)');
    expect(tokens.map((t) => [t.line, t.column, t.start, t.end])).to.deep.equal([
      [1, 1, 0, 1],
      [1, 2, 1, 2],
      [2, 3, 5, 8],
      [2, 8, 10, 11],
      [2, 9, 11, 12],
    ]);
  });

  it('keeps a string whole across escaped quotes and backslashes', () => {
    const tokens = tokenize(String.raw`"a\"b\\" "\n\t\'\41\u{1F600}"`);
    expect(kindsAndTexts(tokens)).to.deep.equal([String.raw`string:"a\"b\\"`, String.raw`string:"\n\t\'\41\u{1F600}"`]);
  });

  it('drops line comments up to the end of the line', () => {
    expect(kindsAndTexts(tokenize(';; (not a token)\nx ;; y\nz'))).to.deep.equal(['atom:x', 'atom:z']);
  });

  it('drops nested block comments and counts their lines', () => {
    const tokens = tokenize('a (; one (; two ;) "unclosed ) ;;\n ;) b');
    expect(kindsAndTexts(tokens)).to.deep.equal(['atom:a', 'atom:b']);
    expect(tokens[1]).to.include({ line: 2, column: 5 });
  });

  it('passes an annotation through as a group opener', () => {
    expect(kindsAndTexts(tokenize('(@custom "x" (y))'))).to.deep.equal([
      'annotation:(@custom',
      'string:"x"',
      'lparen:(',
      'atom:y',
      'rparen:)',
      'rparen:)',
    ]);
  });

  it('keeps a lone semicolon inside an atom, as reserved tokens allow', () => {
    expect(kindsAndTexts(tokenize('a;b ;'))).to.deep.equal(['atom:a;b', 'atom:;']);
  });

  it('reads a string identifier `$"..."` as one atom', () => {
    expect(kindsAndTexts(tokenize('(func $"a b" $c"d")'))).to.deep.equal(['lparen:(', 'atom:func', 'atom:$"a b"', 'atom:$c', 'string:"d"', 'rparen:)']);
  });

  it('rejects an unterminated string at its opening quote', () => {
    expect(() => tokenize('x\n  "abc')).to.throw(WastSyntaxError).with.include({ line: 2, column: 3, reason: 'unterminated string' });
  });

  it('rejects an unterminated block comment', () => {
    expect(() => tokenize('(; (; ;)')).to.throw(WastSyntaxError).with.property('reason', 'unterminated block comment');
  });

  it('rejects an unknown escape where it is', () => {
    expect(() => tokenize('"ab\\q"')).to.throw(WastSyntaxError).with.include({ column: 4, reason: 'unknown escape in string' });
  });

  it('rejects a malformed unicode escape', () => {
    expect(() => tokenize('"\\u{}"')).to.throw(WastSyntaxError).with.property('reason', 'malformed unicode escape');
  });
});
