import { expect } from 'chai';
import { FUNCREF, EXTERNREF, I32, I64, type MemoryType } from '@tswasm/environ';
import { matchFuncType, matchGlobalType, matchMemoryType, matchTableType } from '../../src/instance/extern-matching.js';

const memory = (min: number, max: number | null, shared = false): MemoryType => ({ limits: { min, max }, shared, is64: false, pageSizeLog2: 16 });

describe('matchFuncType', () => {
  it('accepts equal types and explains unequal ones', () => {
    expect(matchFuncType({ kind: 'func', params: [I32], results: [] }, { kind: 'func', params: [I32], results: [] })).to.equal(null);
    expect(matchFuncType({ kind: 'func', params: [I32], results: [] }, { kind: 'func', params: [I64], results: [] })).to.equal(
      'types incompatible: expected func of type `(func (param i32) (result ))`, found func of type `(func (param i64) (result ))`',
    );
  });
});

describe('matchGlobalType', () => {
  it('requires the same content and mutability', () => {
    expect(matchGlobalType({ content: I32, mutable: false }, { content: I32, mutable: false })).to.equal(null);
    expect(matchGlobalType({ content: I32, mutable: true }, { content: I32, mutable: false })).to.contain('expected mutable global');
    expect(matchGlobalType({ content: I32, mutable: false }, { content: I64, mutable: false })).to.contain('expected global of type i32, found i64');
  });
});

describe('matchMemoryType', () => {
  it('follows limits subtyping', () => {
    expect(matchMemoryType(memory(1, null), memory(2, 3))).to.equal(null);
    expect(matchMemoryType(memory(2, null), memory(1, null))).to.contain('memory types incompatible');
    expect(matchMemoryType(memory(1, 2), memory(1, null))).to.contain('memory types incompatible');
    expect(matchMemoryType(memory(1, 2), memory(1, 3))).to.contain('memory types incompatible');
    expect(matchMemoryType(memory(1, 2), memory(1, 2, true))).to.contain('expected unshared memory');
  });
});

describe('matchTableType', () => {
  it('requires the same element type and follows limits subtyping', () => {
    expect(matchTableType({ element: FUNCREF, limits: { min: 10, max: 20 }, is64: false }, { element: FUNCREF, limits: { min: 10, max: 20 }, is64: false })).to.equal(null);
    expect(matchTableType({ element: FUNCREF, limits: { min: 1, max: null }, is64: false }, { element: EXTERNREF, limits: { min: 1, max: null }, is64: false })).to.contain('expected table of funcref');
    expect(matchTableType({ element: FUNCREF, limits: { min: 11, max: null }, is64: false }, { element: FUNCREF, limits: { min: 10, max: 20 }, is64: false })).to.contain('table types incompatible');
  });
});
