import { expect } from 'chai';
import type { ComponentDefinedType, ComponentValType } from '@tswasm/environ';
import { ComponentTypeList } from '@tswasm/environ';

import { fromJsValue, toJsValue } from '../src/component-js-value.js';
import { ComponentValueError } from '../src/runner/component-value-error.js';
import type { ComponentValue } from '../src/wast/component-value.js';

const types = new ComponentTypeList();

function defined(type: ComponentDefinedType): ComponentValType {
  return { kind: 'defined', id: types.push({ kind: 'defined', type, depth: 1, containsBorrow: false }) };
}

const U32: ComponentValType = { kind: 'primitive', type: 'u32' };
const F32: ComponentValType = { kind: 'primitive', type: 'f32' };
const STRING: ComponentValType = { kind: 'primitive', type: 'string' };

/** Converts `value` to JS at `type` and back, checking the JS value on the way. */
function roundTrip(type: ComponentValType, value: ComponentValue, js: unknown): void {
  const converted = toJsValue(types, type, value);
  expect(converted).to.deep.equal(js);
  expect(fromJsValue(types, type, converted)).to.deep.equal(value);
}

describe('toJsValue and fromJsValue', () => {
  it('make records null-prototype objects with camelCase keys', () => {
    const record = defined({ kind: 'record', fields: [{ name: 'long-name', type: U32 }] });
    const js = toJsValue(types, record, { kind: 'record', fields: [{ name: 'long-name', value: { kind: 'u32', value: 1 } }] });
    expect(Object.getPrototypeOf(js)).to.equal(null);
    expect({ ...(js as object) }).to.deep.equal({ longName: 1 });
  });

  it('make variants and results `{ kind, value }` with PascalCase kinds', () => {
    const variant = defined({ kind: 'variant', cases: [{ name: 'no-thing', type: null }, { name: 'some-u32', type: U32 }] });
    expect({ ...(toJsValue(types, variant, { kind: 'variant', case: 'no-thing', payload: null }) as object) }).to.deep.equal({ kind: 'NoThing' });
    expect(fromJsValue(types, variant, { kind: 'SomeU32', value: 4 })).to.deep.equal({ kind: 'variant', case: 'some-u32', payload: { kind: 'u32', value: 4 } });
    const result = defined({ kind: 'result', ok: null, err: STRING });
    expect(fromJsValue(types, result, { kind: 'Err', value: 'e' })).to.deep.equal({ kind: 'result', ok: false, payload: { kind: 'string', value: 'e' } });
    expect(fromJsValue(types, result, { kind: 'Ok' })).to.deep.equal({ kind: 'result', ok: true, payload: null });
  });

  it('make an option undefined or its payload, and an option inside it `{ kind, value }`', () => {
    const inner = defined({ kind: 'option', type: U32 });
    const outer = defined({ kind: 'option', type: inner });
    roundTrip(outer, { kind: 'option', value: null }, undefined);
    expect(toJsValue(types, outer, { kind: 'option', value: { kind: 'option', value: { kind: 'u32', value: 2 } } })).to.deep.include({ kind: 'Some', value: 2 });
    expect(fromJsValue(types, outer, { kind: 'None' })).to.deep.equal({ kind: 'option', value: { kind: 'option', value: null } });
  });

  it('make flags an object of every flag and enums their label', () => {
    const flags = defined({ kind: 'flags', names: ['read', 'no-exec'] });
    expect({ ...(toJsValue(types, flags, { kind: 'flags', names: ['no-exec'] }) as object) }).to.deep.equal({ read: false, noExec: true });
    expect(fromJsValue(types, flags, { read: true, noExec: false })).to.deep.equal({ kind: 'flags', names: ['read'] });
    roundTrip(defined({ kind: 'enum', names: ['a-b'] }), { kind: 'enum', case: 'a-b' }, 'a-b');
  });

  it('make lists of numbers typed arrays that keep NaN payloads, other lists arrays', () => {
    const floats = defined({ kind: 'list', element: F32, length: null });
    const value: ComponentValue = { kind: 'list', elements: [{ kind: 'f32', bits: 0x7fa00001 }, { kind: 'f32', bits: 0x80000000 }] };
    const js = toJsValue(types, floats, value);
    expect(js).to.be.instanceOf(Float32Array);
    expect(fromJsValue(types, floats, js)).to.deep.equal(value);
    roundTrip(defined({ kind: 'list', element: STRING, length: null }), { kind: 'list', elements: [{ kind: 'string', value: 'x' }] }, ['x']);
    roundTrip(defined({ kind: 'tuple', types: [U32, STRING] }), { kind: 'tuple', elements: [{ kind: 'u32', value: 1 }, { kind: 'string', value: 's' }] }, [1, 's']);
  });

  it('make a map, written as a list of 2-tuples, a Map, the last pair of a key winning', () => {
    const map = defined({ kind: 'map', key: STRING, value: U32 });
    const pair = (k: string, v: number): ComponentValue => ({ kind: 'tuple', elements: [{ kind: 'string', value: k }, { kind: 'u32', value: v }] });
    roundTrip(map, { kind: 'list', elements: [pair('a', 1), pair('b', 2)] }, new Map([['a', 1], ['b', 2]]));
    expect(toJsValue(types, map, { kind: 'list', elements: [pair('a', 1), pair('a', 3)] })).to.deep.equal(new Map([['a', 3]]));
    expect(() => toJsValue(types, map, { kind: 'list', elements: [{ kind: 'u32', value: 1 }] })).to.throw(ComponentValueError, 'expected a 2-tuple');
    expect(() => fromJsValue(types, map, [['a', 1]])).to.throw(ComponentValueError, 'for type map');
  });

  it('make fixed-length lists like lists, and reject a returned one of another length', () => {
    const fixed = defined({ kind: 'list', element: U32, length: 2 });
    roundTrip(fixed, { kind: 'list', elements: [{ kind: 'u32', value: 1 }, { kind: 'u32', value: 2 }] }, Uint32Array.of(1, 2));
    expect(() => fromJsValue(types, fixed, Uint32Array.of(1))).to.throw(ComponentValueError);
    expect(() => fromJsValue(types, defined({ kind: 'list', element: STRING, length: 1 }), ['a', 'b'])).to.throw(ComponentValueError);
  });

  it('reject a literal of another type, an unknown case and a missing field', () => {
    expect(() => toJsValue(types, U32, { kind: 's32', value: 1 })).to.throw(ComponentValueError, 'expected a value of type u32, found (s32.const 1)');
    const variant = defined({ kind: 'variant', cases: [{ name: 'a', type: null }] });
    expect(() => toJsValue(types, variant, { kind: 'variant', case: 'b', payload: null })).to.throw(ComponentValueError, 'no case `b`');
    expect(() => toJsValue(types, variant, { kind: 'variant', case: 'a', payload: { kind: 'u32', value: 1 } })).to.throw(ComponentValueError, 'has no payload');
    const record = defined({ kind: 'record', fields: [{ name: 'x', type: U32 }] });
    expect(() => toJsValue(types, record, { kind: 'record', fields: [] })).to.throw(ComponentValueError, 'missing record field `x`');
  });

  it('reject a returned value of the wrong shape', () => {
    expect(() => fromJsValue(types, U32, 1n)).to.throw(ComponentValueError, 'the engine returned bigint 1n for type u32');
    expect(() => fromJsValue(types, defined({ kind: 'enum', names: ['a'] }), 'b')).to.throw(ComponentValueError);
  });
});
