import { expect } from 'chai';
import { ComponentError, js } from '../../../src/index.js';
import { IMPORTS_WAT } from '../fixtures.js';
import { CALLBACK_WAT, HOST_RESULTS_WAT } from './fixtures.js';
import { exportsOf, thrownBy } from './helpers.js';

// A guest importing `log-message` from a versioned interface and a root function `get-x`.
const VERSIONED_WAT = `(component
  (import "my:pkg/host@1.0.0" (instance $h (export "log-message" (func (param "n" u32) (result u32)))))
  (import "get-x" (func $getx (result u32)))
  (alias export $h "log-message" (func $log))
  (core func $log (canon lower (func $log)))
  (core func $getx (canon lower (func $getx)))
  (core module $m (import "" "log" (func $log (param i32) (result i32))) (import "" "getx" (func $getx (result i32)))
    (func (export "run") (param i32) (result i32) (i32.add (call $log (local.get 0)) (call $getx))))
  (core instance $i (instantiate $m (with "" (instance (export "log" (func $log)) (export "getx" (func $getx))))))
  (func (export "run") (param "x" u32) (result u32) (canon lift (core func $i "run"))))`;

describe('reading the imports object', () => {
  it('finds an interface import by its full versioned name and its functions by camelCase name', () => {
    const { run } = exportsOf(VERSIONED_WAT, { 'my:pkg/host@1.0.0': { logMessage: (n: number) => n * 10 }, getX: () => 2 });
    expect(run?.(4)).to.equal(42);
  });

  it('calls a plain import with an undefined receiver', () => {
    const receivers: unknown[] = [];
    const imports = {
      'my:pkg/host@1.0.0': {
        logMessage(this: unknown, n: number): number {
          receivers.push(this);
          return n;
        },
      },
      getX(this: unknown): number {
        receivers.push(this);
        return 0;
      },
    };
    exportsOf(VERSIONED_WAT, imports).run?.(1);
    expect(receivers).to.deep.equal([undefined, undefined]);
  });

  it('passes strings through an instance import', () => {
    const { run } = exportsOf(IMPORTS_WAT, { host: { greet: (name: string) => `hello, ${name}!` } });
    expect(run?.('world')).to.equal('hello, world!');
  });

  it('reads every import before instantiating, so the component keeps no half-read state', () => {
    let reads = 0;
    const imports = {
      get 'my:pkg/host@1.0.0'() {
        reads++;
        return { logMessage: (n: number) => n };
      },
    };
    expect(() => exportsOf(VERSIONED_WAT, imports)).to.throw(WebAssembly.LinkError, 'imports.getX must be a function, found undefined');
    expect(reads).to.equal(1);
  });

  it('names a missing function import by its JS path', () => {
    expect(() => exportsOf(VERSIONED_WAT, { 'my:pkg/host@1.0.0': {}, getX: () => 0 })).to.throw(WebAssembly.LinkError, "imports['my:pkg/host@1.0.0'].logMessage must be a function, found undefined");
  });

  it('names a missing instance import by its JS path', () => {
    expect(() => exportsOf(VERSIONED_WAT, { getX: () => 0 })).to.throw(WebAssembly.LinkError, "imports['my:pkg/host@1.0.0'] must be an object, found undefined");
  });

  it('refuses an import of the wrong kind', () => {
    expect(() => exportsOf(VERSIONED_WAT, { 'my:pkg/host@1.0.0': { logMessage: 7 }, getX: () => 0 })).to.throw(WebAssembly.LinkError, 'logMessage must be a function, found a number');
    expect(() => exportsOf(VERSIONED_WAT, { 'my:pkg/host@1.0.0': 'x', getX: () => 0 })).to.throw(WebAssembly.LinkError, "imports['my:pkg/host@1.0.0'] must be an object, found a string");
  });

  it('refuses a missing or non-object imports object when there are imports', () => {
    expect(() => exportsOf(VERSIONED_WAT)).to.throw(TypeError, 'imports must be an object, found undefined');
    expect(() => exportsOf(VERSIONED_WAT, 5)).to.throw(TypeError, 'imports must be an object, found a number');
  });

  it('does not read the imports object of a component without imports', () => {
    expect(exportsOf('(component)', 5)).to.deep.equal({});
  });

  it('resolves a `wasm:js/global` import to globalThis when the js/global builtin is enabled', () => {
    const wat = `(component
      (import "wasm:js/global" (instance $g (export "is-finite" (func (param "x" f64) (result bool)))))
      (alias export $g "is-finite" (func $f))
      (core func $f (canon lower (func $f)))
      (core module $m (import "" "f" (func $f (param f64) (result i32))) (func (export "run") (param f64) (result i32) (call $f (local.get 0))))
      (core instance $i (instantiate $m (with "" (instance (export "f" (func $f))))))
      (func (export "finite") (param "x" f64) (result bool) (canon lift (core func $i "run"))))`;
    const { finite } = exportsOf(wat, {}, { builtins: ['js/global'] });
    expect(finite?.(1)).to.equal(true);
    expect(finite?.(Infinity)).to.equal(false);
    // Without the builtin, the import is read from the imports object like any other.
    expect(() => exportsOf(wat, {})).to.throw(WebAssembly.LinkError, "imports['wasm:js/global'] must be an object");
    expect(exportsOf(wat, { 'wasm:js/global': { isFinite: () => false } }).finite?.(1)).to.equal(false);
  });
});

describe('a host function with a result in return position', () => {
  it('gives the guest `ok` with the returned value', () => {
    const { tryIt } = exportsOf(HOST_RESULTS_WAT, { host: { tryIt: (x: number) => x + 1, ping: () => undefined, plain: (x: number) => x } });
    expect(tryIt?.(41)).to.equal(42);
  });

  it('gives the guest `error` with the thrown value converted to the error type', () => {
    const { tryIt } = exportsOf(HOST_RESULTS_WAT, {
      host: {
        tryIt: () => {
          throw 'no such thing';
        },
        ping: () => undefined,
        plain: (x: number) => x,
      },
    });
    const error = thrownBy(() => tryIt?.(1));
    expect(error).to.be.instanceOf(ComponentError).with.property('data', 'no such thing');
    // The instance is not locked down: `error` is an ordinary return.
    expect(thrownBy(() => tryIt?.(2))).to.be.instanceOf(ComponentError);
  });

  it('converts a thrown ComponentError itself, not its data, as JS-Reference.md says', () => {
    const { tryIt } = exportsOf(HOST_RESULTS_WAT, {
      host: {
        tryIt: () => {
          throw new ComponentError('bad input', 'ignored');
        },
        ping: () => undefined,
        plain: (x: number) => x,
      },
    });
    expect(thrownBy(() => tryIt?.(1))).to.have.property('data', 'ComponentError: bad input');
  });

  it('maps a return and a throw of a result without payloads to `ok` and `error`', () => {
    let fail = false;
    const { ping } = exportsOf(HOST_RESULTS_WAT, {
      host: {
        tryIt: (x: number) => x,
        ping: () => {
          if (fail) throw new Error('down');
          return 'ignored';
        },
        plain: (x: number) => x,
      },
    });
    expect(ping?.()).to.equal(undefined);
    fail = true;
    expect(thrownBy(() => ping?.())).to.be.instanceOf(ComponentError).with.property('data', undefined);
  });
});

describe('a host function that fails', () => {
  it('traps when it throws and its result is not a `result`, with its exception as the cause', () => {
    const hostError = new Error('host broke');
    const { plain } = exportsOf(HOST_RESULTS_WAT, {
      host: {
        tryIt: (x: number) => x,
        ping: () => undefined,
        plain: () => {
          throw hostError;
        },
      },
    });
    const error = thrownBy(() => plain?.(1));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError).with.property('message', 'imports.host.plain threw an exception');
    expect((error as Error).cause).to.equal(hostError);
  });

  it('traps when its return value does not convert', () => {
    const { plain } = exportsOf(HOST_RESULTS_WAT, { host: { tryIt: (x: number) => x, ping: () => undefined, plain: () => 'not a number' } });
    const error = thrownBy(() => plain?.(1));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).cause).to.be.instanceOf(TypeError);
  });

  it('traps when the value it throws does not convert to the error type', () => {
    const { tryIt } = exportsOf(HOST_RESULTS_WAT, {
      host: {
        tryIt: () => {
          throw Symbol('not a string');
        },
        ping: () => undefined,
        plain: (x: number) => x,
      },
    });
    expect(thrownBy(() => tryIt?.(1))).to.be.instanceOf(WebAssembly.RuntimeError);
  });

  it('traps when it calls back into the instance that called it', () => {
    let inner: unknown = null;
    let exports: Record<string, (...args: unknown[]) => unknown> = {};
    exports = exportsOf(CALLBACK_WAT, {
      again: () => {
        inner = thrownBy(() => exports.id?.(1));
      },
    });
    const outer = thrownBy(() => exports.run?.());
    // The refused re-entry is a trap, which locks the store down, so the outer call cannot go on.
    expect(inner).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((inner as Error).message).to.contain('cannot enter component instance');
    expect(outer).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((outer as Error).message).to.contain('locked down during the call');
  });
});

describe('js.ComponentError', () => {
  it('is an Error named ComponentError whose message is a string and whose data is read-only', () => {
    const error = new ComponentError(42, { code: 1 });
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('ComponentError');
    expect(Object.keys(error)).to.deep.equal([]);
    expect(error.message).to.equal('42');
    expect(error.data).to.deep.equal({ code: 1 });
    expect(() => {
      (error as unknown as { data: unknown }).data = 2;
    }).to.throw(TypeError);
    expect(new ComponentError().message).to.equal('');
    expect(js.ComponentError).to.equal(ComponentError);
  });
});
