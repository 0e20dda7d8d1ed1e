import { expect } from 'chai';
import { checkExternName } from '../../../src/component/validator/extern-name.js';

describe('checkExternName', () => {
  it('accepts kebab-case labels whose later fragments may start with a digit', () => {
    for (const name of ['a', 'foo-bar', 'go-1', 'HTTP-client', 'a1-b2']) expect(checkExternName(name, 'export'), name).to.have.property('key');
  });

  it('rejects names that are not kebab case', () => {
    for (const name of ['Foo_bar', 'a--b', '-a', 'a-', '1a', 'fooBar']) expect(checkExternName(name, 'export'), name).to.have.property('error');
  });

  it('accepts interface names with an optional semver and rejects nested projections', () => {
    expect(checkExternName('wasi:cli/run@0.3.0-rc-2025-09-16', 'import')).to.deep.equal({ key: 'wasi:cli/run@0.3.0-rc-2025-09-16' });
    expect(checkExternName('wasi:cli/run@1.0', 'import')).to.have.property('error');
    expect(checkExternName('foo:bar/baz/qux', 'import')).to.have.property('error');
    expect(checkExternName('ns:A/b', 'import')).to.have.property('error');
  });

  it('reads [constructor], [method] and [static] annotations', () => {
    expect(checkExternName('[constructor]file', 'export')).to.deep.equal({ key: '[constructor]file' });
    expect(checkExternName('[method]file.read', 'export')).to.deep.equal({ key: 'file.read' });
    expect(checkExternName('[static]file.open', 'export')).to.deep.equal({ key: 'file.open' });
    expect(checkExternName('[method]file', 'export')).to.have.property('error');
    expect(checkExternName('[bogus]file', 'export')).to.have.property('error');
  });

  it('makes names that differ only in case the same key (strongly unique)', () => {
    expect(checkExternName('FOO', 'export')).to.deep.equal(checkExternName('foo', 'export'));
  });

  it('accepts dependency, URL and hash names only as imports', () => {
    expect(checkExternName('unlocked-dep=<a:b>', 'import')).to.have.property('key');
    expect(checkExternName('url=<https://example.com>', 'import')).to.have.property('key');
    expect(checkExternName('unlocked-dep=<a:b>', 'export')).to.have.property('error');
  });
});
