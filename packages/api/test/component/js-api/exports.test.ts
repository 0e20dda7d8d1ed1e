import { expect } from 'chai';
import { ComponentError, Trap } from '../../../src/index.js';
import { EXPORTS_WAT } from '../fixtures.js';
import { VALUES_WAT } from './fixtures.js';
import { exportsOf, thrownBy } from './helpers.js';

describe('the exports object', () => {
  it('is a frozen null-prototype object with one camelCase function per lifted export, types left off', () => {
    const exports = exportsOf(EXPORTS_WAT);
    expect(Object.getPrototypeOf(exports)).to.equal(null);
    expect(Object.isFrozen(exports)).to.equal(true);
    expect(Object.keys(exports)).to.deep.equal(['add', 'echo', 'echo16', 'posts', 'sum', 'point', 'div', 'same', 'boom']);
    expect(exports.add?.(2, 3)).to.equal(5);
  });

  it('gives each function its JS name and its parameter count as length, and no constructor', () => {
    const { isOk } = exportsOf(VALUES_WAT);
    expect(isOk?.name).to.equal('isOk');
    expect(isOk?.length).to.equal(1);
    expect(() => Reflect.construct(isOk as Function, [])).to.throw(TypeError);
  });

  it('nests an exported instance as a frozen exports object of its own', () => {
    const exports = exportsOf(`(component
      (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
      (core instance $i (instantiate $m))
      (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
      (instance $api (export "add-two" (func $add)))
      (export "my:pkg/api@1.2.0" (instance $api)))`) as unknown as Record<string, Record<string, (a: number, b: number) => number>>;
    const api = exports['my:pkg/api@1.2.0'];
    expect(Object.isFrozen(api)).to.equal(true);
    expect(api?.addTwo?.(3, 4)).to.equal(7);
  });

  it('exports a core module as a WebAssembly.Module', () => {
    const exports = exportsOf(`(component (core module $m (func (export "f"))) (export "the-module" (core module $m)))`) as unknown as Record<string, unknown>;
    const module = exports.theModule;
    expect(module).to.be.instanceOf(WebAssembly.Module);
    expect(WebAssembly.Module.exports(module as WebAssembly.Module)).to.deep.equal([{ name: 'f', kind: 'function' }]);
  });
});

describe('an export function', () => {
  it('passes missing arguments as undefined and ignores extra ones', () => {
    const { add, opt } = exportsOf(`${EXPORTS_WAT.slice(0, -1)}
      (func (export "opt") (param "x" (option u32)) (result (option u32)) (canon lift (core func $i "echo") (memory (core memory $i "memory")))))`);
    expect(add?.(1, 2, 3)).to.equal(3);
    // A missing u32 is undefined, which ToNumber makes NaN: a TypeError.
    expect(() => add?.(1)).to.throw(TypeError);
    // A missing option is none.
    expect(opt?.()).to.equal(undefined);
  });

  it('returns the ok payload of a result in return position', () => {
    expect(exportsOf(EXPORTS_WAT).div?.(7, 2)).to.equal(3);
  });

  it('throws a ComponentError carrying the converted error payload, and the instance stays usable', () => {
    const { div } = exportsOf(EXPORTS_WAT);
    const error = thrownBy(() => div?.(1, 0));
    expect(error).to.be.instanceOf(ComponentError);
    expect(error).to.have.property('data', 'division by zero');
    expect(error).to.have.property('message', '`div` returned an error');
    expect(div?.(8, 2)).to.equal(4);
  });

  it('returns undefined for `ok` and throws a ComponentError with undefined data for `error` of a result without payloads', () => {
    const { check, errCode } = exportsOf(VALUES_WAT);
    expect(check?.(1)).to.equal(undefined);
    const error = thrownBy(() => check?.(0));
    expect(error).to.be.instanceOf(ComponentError).with.property('data', undefined);
    expect(thrownBy(() => errCode?.(7))).to.be.instanceOf(ComponentError).with.property('data', 7);
  });

  it('keeps a result that is not the return value as a { kind, value } variant', () => {
    const { isOk } = exportsOf(VALUES_WAT);
    expect(isOk?.({ kind: 'Ok', value: 1 })).to.equal(true);
    expect(isOk?.({ kind: 'Err', value: 1 })).to.equal(false);
    expect(() => isOk?.({ tag: 'ok', val: 1 })).to.throw(TypeError);
  });

  it('maps a top-level option to undefined or its payload, both ways', () => {
    const { opt } = exportsOf(VALUES_WAT);
    expect(opt?.(5)).to.equal(5);
    expect(opt?.(undefined)).to.equal(undefined);
    expect(opt?.(null)).to.equal(undefined);
  });

  it('maps records, variants and strings as the embedding API does', () => {
    const { point, same, echo } = exportsOf(EXPORTS_WAT);
    const p = point?.({ id: 1, x: 1.5, on: true }) as object;
    expect(Object.getPrototypeOf(p)).to.equal(null);
    expect({ ...p }).to.deep.equal({ id: 2, x: 3, on: false });
    expect({ ...(same?.({ kind: 'Num', value: 9 }) as object) }).to.deep.equal({ kind: 'Num', value: 9 });
    expect(echo?.('héllo')).to.equal('héllo');
  });

  it('reports a guest trap as a WebAssembly.RuntimeError caused by the Trap', () => {
    const error = thrownBy(() => exportsOf(EXPORTS_WAT).boom?.());
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).cause).to.be.instanceOf(Trap).with.property('code', 'UnreachableCodeReached');
  });
});
