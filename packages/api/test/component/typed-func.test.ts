import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';
import { EXPORTS_WAT } from './fixtures.js';

const engine = new Engine();
let exportsBytes: Uint8Array;

before(async () => {
  exportsBytes = await parse(EXPORTS_WAT);
});

function exportsInstance(): { store: Store; instance: component.Instance } {
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.fromBinary(engine, exportsBytes));
  return { store, instance };
}

const POINT = { record: { id: 'u32', x: 'f64', on: 'bool' } } as const;
const SHAPE = { variant: { None: null, Num: 'u32', Text: 'string' } } as const;

describe('component.Instance.getTypedFunc', () => {
  it('calls with the arguments one by one and returns the typed result', () => {
    const { store, instance } = exportsInstance();
    const add = instance.getTypedFunc(store, 'add', { params: ['u32', 'u32'], result: 'u32' });
    const sum: number | undefined = add?.call(store, 40, 2);
    expect(sum).to.equal(42);
  });

  it('runs post-return before returning a string', () => {
    const { store, instance } = exportsInstance();
    const echo = instance.getTypedFunc(store, 'echo', { params: ['string'], result: 'string' });
    const posts = instance.getTypedFunc(store, 'posts', { params: [], result: 'u32' });
    expect(echo?.call(store, 'héllo')).to.equal('héllo');
    expect(posts?.call(store)).to.equal(1);
  });

  it('converts lists, records, results and variants as Func.call does', () => {
    const { store, instance } = exportsInstance();
    const sum = instance.getTypedFunc(store, 'sum', { params: [{ list: 'u32' }], result: 'u32' });
    expect(sum?.call(store, Uint32Array.of(1, 2, 3))).to.equal(6);
    const point = instance.getTypedFunc(store, 'point', { params: [POINT], result: POINT });
    const p = point?.call(store, { id: 1, x: 1.5, on: false });
    expect(Object.getPrototypeOf(p)).to.equal(null);
    expect({ ...p }).to.deep.equal({ id: 2, x: 3, on: true });
    const div = instance.getTypedFunc(store, 'div', { params: ['u32', 'u32'], result: { result: { ok: 'u32', err: 'string' } } });
    expect(div?.call(store, 7, 0)).to.deep.equal({ kind: 'Err', value: 'division by zero' });
    const same = instance.getTypedFunc(store, 'same', { params: [SHAPE], result: SHAPE });
    expect(same?.call(store, { kind: 'Text', value: 'hi' })).to.deep.equal({ kind: 'Text', value: 'hi' });
  });

  it('is null for a missing export', () => {
    const { store, instance } = exportsInstance();
    expect(instance.getTypedFunc(store, 'nope', { params: [] })).to.equal(null);
  });

  it('rejects a signature with the wrong parameter count', () => {
    const { store, instance } = exportsInstance();
    expect(() => instance.getTypedFunc(store, 'add', { params: ['u32'], result: 'u32' })).to.throw(TypeError, 'type mismatch: the function has 2 parameters, the signature 1');
  });

  it('rejects a signature whose types differ, naming the first difference', () => {
    const { store, instance } = exportsInstance();
    expect(() => instance.getTypedFunc(store, 'add', { params: ['u32', 's32'], result: 'u32' })).to.throw(
      TypeError,
      'type mismatch: parameter `b`: the function has u32, the signature says s32',
    );
    expect(() => instance.getTypedFunc(store, 'add', { params: ['u32', 'u32'] })).to.throw(TypeError, 'type mismatch: result: expected a value, found none');
    expect(() => instance.getTypedFunc(store, 'point', { params: [{ record: { id: 'u32', x: 'f64' } }], result: POINT })).to.throw(
      TypeError,
      'type mismatch: parameter `p`: the function has a record of id, x, on, the signature says record',
    );
    expect(() => instance.getTypedFunc(store, 'point', { params: [{ record: { id: 'u32', x: 'f32', on: 'bool' } }], result: POINT })).to.throw(
      TypeError,
      'type mismatch: parameter `p`.x: the function has f64, the signature says f32',
    );
    expect(() => instance.getTypedFunc(store, 'same', { params: [{ variant: { None: null, Num: 'u32', Txt: 'string' } }], result: SHAPE })).to.throw(
      TypeError,
      'a variant of None, Num, Text',
    );
  });

  it("accepts 'unknown' for any type", () => {
    const { store, instance } = exportsInstance();
    const point = instance.getTypedFunc(store, 'point', { params: ['unknown'], result: 'unknown' });
    expect({ ...(point?.call(store, { id: 0, x: 0, on: true }) as object) }).to.deep.equal({ id: 1, x: 0, on: false });
  });

  it('refuses a store other than its own, when made and when called', () => {
    const { store, instance } = exportsInstance();
    expect(() => instance.getTypedFunc(new Store(engine), 'add', { params: ['u32', 'u32'], result: 'u32' })).to.throw(TypeError, 'different store');
    const add = instance.getTypedFunc(store, 'add', { params: ['u32', 'u32'], result: 'u32' });
    expect(() => add?.call(new Store(engine), 1, 2)).to.throw(TypeError, 'the function belongs to a different store');
  });

  it('keeps the instance usable after a bad argument, and unenterable after a trap', () => {
    const { store, instance } = exportsInstance();
    const add = instance.getTypedFunc(store, 'add', { params: ['u32', 'u32'], result: 'u32' });
    expect(() => add?.call(store, 1, -1)).to.throw(TypeError);
    expect(add?.call(store, 1, 2)).to.equal(3);
    const boom = instance.getTypedFunc(store, 'boom', { params: [], result: 'u32' });
    expect(() => boom?.call(store)).to.throw(Trap).with.property('code', 'UnreachableCodeReached');
    expect(() => add?.call(store, 1, 2)).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });
});

describe('component.Func.typed', () => {
  it('gives the same function with a checked signature', () => {
    const { store, instance } = exportsInstance();
    const f = instance.getFunc(store, 'add');
    const typed = f?.typed(store, { params: ['u32', 'u32'], result: 'u32' });
    expect(typed?.func).to.equal(f);
    expect(typed?.call(store, 2, 3)).to.equal(5);
  });
});
