import { expect } from 'chai';
import { ComponentError, js } from '../../../src/index.js';
import { EXPORTS_WAT } from '../fixtures.js';
import { HOST_RESULTS_WAT, VALUES_WAT } from './fixtures.js';
import { exportsOf, thrownBy } from './helpers.js';

const LOCKED = 'the component instance is locked down after a trap';

describe('lockdown after a trap', () => {
  it('refuses every later call of every export, before any code runs', () => {
    const { boom, add, posts } = exportsOf(EXPORTS_WAT);
    expect(thrownBy(() => boom?.())).to.be.instanceOf(WebAssembly.RuntimeError);
    for (const f of [add, posts, boom]) {
      const error = thrownBy(() => f?.(1, 2));
      expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
      expect((error as Error).message).to.contain(LOCKED);
    }
  });

  it('locks down only the instance that trapped: each top-level instance has its own store', () => {
    const component = new js.Component(EXPORTS_WAT);
    const first = new js.ComponentInstance(component).exports as Record<string, (...args: unknown[]) => unknown>;
    const second = new js.ComponentInstance(component).exports as Record<string, (...args: unknown[]) => unknown>;
    thrownBy(() => first.boom?.());
    expect(second.add?.(1, 2)).to.equal(3);
  });

  it('leaves the instance usable when an argument fails to convert before the guest is entered', () => {
    const { add, pair } = { ...exportsOf(EXPORTS_WAT), ...exportsOf(VALUES_WAT) };
    expect(() => add?.('one', 2)).to.throw(TypeError);
    expect(add?.(1, 2)).to.equal(3);
    // Not iterable: refused before `realloc` runs.
    expect(() => pair?.(5, 1)).to.throw(TypeError);
    expect(pair?.([1], 7)).to.equal(7);
  });

  it('locks down but rethrows the TypeError when an argument fails after `realloc` entered the guest', () => {
    const { pair, opt } = exportsOf(VALUES_WAT);
    const error = thrownBy(() => pair?.([1, 2], 'seven'));
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.equal('expected an integer in the range of u32, found seven');
    expect(thrownBy(() => opt?.(1))).to.be.instanceOf(WebAssembly.RuntimeError).with.property('message').that.contains(LOCKED);
  });

  it('does not lock down when an export returns a result error', () => {
    const { div } = exportsOf(EXPORTS_WAT);
    expect(thrownBy(() => div?.(1, 0))).to.be.instanceOf(ComponentError);
    expect(div?.(4, 2)).to.equal(2);
  });

  it('locks down after a host function trapped', () => {
    const { plain, tryIt } = exportsOf(HOST_RESULTS_WAT, {
      host: {
        tryIt: (x: number) => x,
        ping: () => undefined,
        plain: () => {
          throw new Error('host broke');
        },
      },
    });
    thrownBy(() => plain?.(1));
    expect(thrownBy(() => tryIt?.(1))).to.be.instanceOf(WebAssembly.RuntimeError).with.property('message').that.contains(LOCKED);
  });

  it('reports a trap while instantiating (a start function) as a WebAssembly.RuntimeError', () => {
    const wat = `(component
      (core module $m (func $start unreachable) (start $start))
      (core instance $i (instantiate $m)))`;
    expect(() => exportsOf(wat)).to.throw(WebAssembly.RuntimeError, 'unreachable');
  });
});

describe('js.ComponentInstance with a start function that calls the host', () => {
  const START_CALLS_HOST = `(component
    (import "hello" (func $hello (result u32)))
    (core func $hello (canon lower (func $hello)))
    (core module $m (import "" "hello" (func $hello (result i32))) (func $start (drop (call $hello))) (start $start))
    (core instance $i (instantiate $m (with "" (instance (export "hello" (func $hello)))))))`;

  it('reports a host function that throws during a start function as a WebAssembly.RuntimeError caused by its error', () => {
    const hostError = new Error('not now');
    const error = thrownBy(() =>
      exportsOf(START_CALLS_HOST, {
        hello: () => {
          throw hostError;
        },
      }),
    );
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError).with.property('message', 'imports.hello threw an exception');
    expect((error as Error).cause).to.equal(hostError);
  });

  it('reports a host result that does not convert during a start function as a WebAssembly.RuntimeError', () => {
    const error = thrownBy(() => exportsOf(START_CALLS_HOST, { hello: () => -1 }));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).cause).to.be.instanceOf(TypeError);
  });

  it('runs a start function whose host calls succeed', () => {
    let calls = 0;
    exportsOf(START_CALLS_HOST, { hello: () => ++calls });
    expect(calls).to.equal(1);
  });
});
