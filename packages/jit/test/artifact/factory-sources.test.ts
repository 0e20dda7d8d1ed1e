import { expect } from 'chai';
import { ArtifactError, buildFactorySection, decodeFactoryIndex, materializeFactories } from '../../src/index.js';

describe('buildFactorySection, decodeFactoryIndex and materializeFactories', () => {
  it('lay out factories as one function body returning them by key', () => {
    const { jsSource, index } = buildFactorySection([
      { key: 'a', source: 'return () => env.x;' },
      { key: 'b', source: 'return () => env.x + 1;' },
    ]);
    const exports = new Function(jsSource)() as Record<string, unknown>;
    const loaded = materializeFactories(decodeFactoryIndex(index, jsSource), jsSource, exports);
    const b = loaded.get('b');
    expect(b?.source).to.equal('return () => env.x + 1;');
    expect((b?.factory as unknown as (env: { x: number }) => () => number)({ x: 1 })()).to.equal(2);
  });

  it('refuse an index that does not fit its JS section, and a key the section has no factory for', () => {
    const { jsSource, index } = buildFactorySection([{ key: 'k', source: 'return 1;' }]);
    expect(decodeFactoryIndex(index, jsSource)).to.deep.equal([{ key: 'k', start: index[1], end: index[2] }]);
    expect(() => decodeFactoryIndex(['k', 0, jsSource.length + 1], jsSource)).to.throw(ArtifactError, `expected an index below ${jsSource.length + 1} at factories[].end`);
    expect(() => decodeFactoryIndex(['k', 5, 4], jsSource)).to.throw(ArtifactError, 'expected an end at or after 5 at factories[].end');
    expect(() => decodeFactoryIndex(['k', 0, 1, 'k', 2, 3], jsSource)).to.throw(ArtifactError, 'expected a key not seen before at factories[].key');
    expect(() => decodeFactoryIndex(['k', 2, 3, 'j', 0, 1], jsSource)).to.throw(ArtifactError, 'expected a start at or after 3 at factories[].start');
    expect(() => decodeFactoryIndex(['k', 0], jsSource)).to.throw(ArtifactError, 'expected a multiple of 3 items at factories');
    expect(() => materializeFactories([{ key: 'j', start: 0, end: 0 }], jsSource, { k: () => 1 })).to.throw(
      ArtifactError,
      'component artifact is malformed: its JS section has no factory for `j`',
    );
  });

});
