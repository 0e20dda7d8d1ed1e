import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';
import { compositionWat, type Composition } from './adapter-fixtures.js';

const engine = new Engine();

// Instantiates a composition with a host `sink` and returns its `run` and what `sink` received.
function compose(c: Composition, sink: (x: unknown) => unknown): { run: (...args: unknown[]) => unknown; received: unknown[] } {
  const comp = Component.new(engine, compositionWat(c));
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  const received: unknown[] = [];
  linker.root().funcWrap('sink', (_s, ...args: unknown[]) => {
    received.push(...args);
    return sink(args[0]);
  });
  const run = linker.instantiate(store, comp).getFunc(store, 'run');
  if (run === null) throw new Error('no run export');
  return { run: (...args) => run.call(store, args), received };
}

describe('fused adapters', () => {
  it('pass a u32 both ways', () => {
    const { run, received } = compose({ params: '(param "x" u32)', result: '(result u32)', shape: { params: ['i32'], result: 'i32' } }, (x) => (x as number) + 1);
    expect(run(41)).to.equal(42);
    expect(received).to.deep.equal([41]);
  });
});
