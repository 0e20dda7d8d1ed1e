import { expect } from 'chai';
import { Engine, Store } from '../../src/index.js';

describe('Store', () => {
  const engine = new Engine();

  it('infers and holds the user data', () => {
    const store = new Store(engine, { calls: 1 });
    store.data.calls += 1;
    expect(store.data).to.deep.equal({ calls: 2 });
    expect(store.engine).to.equal(engine);
  });

  it('needs no data when its type allows undefined', () => {
    expect(new Store(engine).data).to.equal(undefined);
  });
});
