import { expect } from 'chai';
import { Component, Engine } from '../../src/index.js';
import { componentFuncType } from '../../src/component/canonical-trampolines.js';
import { passesBorrow } from '../../src/component/passes-borrow.js';

const engine = new Engine();

// One resource and four lifted functions: own in and out, a plain borrow, a borrow inside a record.
const WAT = `(component
  (type $r (resource (rep i32)))
  (export $R "r" (type $r))
  (type $pair (record (field "x" (borrow $R)) (field "n" u32)))
  (export $P "pair" (type $pair))
  (core module $m
    (func (export "one") (param i32) (result i32) (local.get 0))
    (func (export "two") (param i32 i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (func (export "make") (param "v" u32) (result (own $R)) (canon lift (core func $i "one")))
  (func (export "consume") (param "x" (own $R)) (result u32) (canon lift (core func $i "one")))
  (func (export "get") (param "x" (borrow $R)) (result u32) (canon lift (core func $i "one")))
  (func (export "get-pair") (param "p" $P) (result u32) (canon lift (core func $i "two"))))`;

function borrowsOf(): Map<string, boolean> {
  const translated = Component.new(engine, WAT).translation.component;
  const out = new Map<string, boolean>();
  for (const [name, item] of translated.exports) {
    if (item.kind === 'LiftedFunction') out.set(name, passesBorrow(translated, componentFuncType(translated, item.type)));
  }
  return out;
}

describe('passesBorrow', () => {
  it('is false for functions that only take and return owns or plain values', () => {
    const borrows = borrowsOf();
    expect(borrows.get('make')).to.equal(false);
    expect(borrows.get('consume')).to.equal(false);
  });

  it('is true for a borrow parameter, alone or inside a record', () => {
    const borrows = borrowsOf();
    expect(borrows.get('get')).to.equal(true);
    expect(borrows.get('get-pair')).to.equal(true);
  });
});
