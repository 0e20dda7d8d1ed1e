import { expect } from 'chai';
import { ArtifactError, buildFactorySection, decodeFactoryIndex, lazyFactories } from '../../src/index.js';

describe('buildFactorySection, decodeFactoryIndex and lazyFactories', () => {
  it('lay out factories as one function body returning them by key', () => {
    const { jsSource, index } = buildFactorySection([
      { key: 'a', source: 'return () => env.x;' },
      { key: 'b', source: 'return () => env.x + 1;' },
    ]);
    // The whole section is valid JS returning the factories by key.
    const exports = new Function(jsSource)() as Record<string, (env: { x: number }) => () => number>;
    expect(exports['a']?.({ x: 1 })()).to.equal(1);
    const loaded = lazyFactories(decodeFactoryIndex(index, jsSource), jsSource);
    const b = loaded.get('b');
    expect(b?.source).to.equal('return () => env.x + 1;');
    expect((b?.factory as unknown as (env: { x: number }) => () => number)({ x: 1 })()).to.equal(2);
    // Compiled once, on first use.
    expect(b?.factory).to.equal(b?.factory);
  });

  it('refuse an index that does not fit its JS section, and a factory whose source does not compile', () => {
    const { jsSource, index } = buildFactorySection([{ key: 'k', source: 'return 1;' }]);
    expect(decodeFactoryIndex(index, jsSource)).to.deep.equal([{ key: 'k', start: index[1], end: index[2] }]);
    expect(() => decodeFactoryIndex(['k', 0, jsSource.length + 1], jsSource)).to.throw(ArtifactError, `expected an index below ${jsSource.length + 1} at factories[].end`);
    expect(() => decodeFactoryIndex(['k', 5, 4], jsSource)).to.throw(ArtifactError, 'expected an end at or after 5 at factories[].end');
    expect(() => decodeFactoryIndex(['k', 0, 1, 'k', 2, 3], jsSource)).to.throw(ArtifactError, 'expected a key not seen before at factories[].key');
    expect(() => decodeFactoryIndex(['k', 2, 3, 'j', 0, 1], jsSource)).to.throw(ArtifactError, 'expected a start at or after 3 at factories[].start');
    expect(() => decodeFactoryIndex(['k', 0], jsSource)).to.throw(ArtifactError, 'expected a multiple of 3 items at factories');
    const broken = lazyFactories([{ key: 'j', start: 0, end: 8 }], 'return {');
    expect(() => broken.get('j')?.factory).to.throw(ArtifactError, 'component artifact is malformed: the factory `j` does not compile');
  });

});
