import { expect } from 'chai';
import { js } from '../../../src/index.js';

describe('js.pascalCase and js.camelCase', () => {
  // JS-Reference.md's table, row by row.
  const table: readonly (readonly [string, string, string])[] = [
    ['element', 'Element', 'element'],
    ['query-selector', 'QuerySelector', 'querySelector'],
    ['inner-HTML', 'InnerHTML', 'innerHTML'],
    ['XML-http-request', 'XMLHttpRequest', 'xmlHttpRequest'],
    ['URL', 'URL', 'url'],
    ['a1-2-3', 'A123', 'a123'],
  ];
  for (const [label, pascal, camel] of table) {
    it(`converts \`${label}\` to \`${pascal}\` and \`${camel}\``, () => {
      expect(js.pascalCase(label)).to.equal(pascal);
      expect(js.camelCase(label)).to.equal(camel);
    });
  }
});

describe('js.parsePlainName', () => {
  it('matches a label as Plain', () => {
    expect(js.parsePlainName('query-selector')).to.deep.equal({ kind: 'plain', name: 'query-selector' });
  });

  it('matches `[get]`/`[set]` labels as Property', () => {
    expect(js.parsePlainName('[get]inner-HTML')).to.deep.equal({ kind: 'property', accessor: 'get', name: 'inner-HTML' });
    expect(js.parsePlainName('[set]inner-HTML')).to.deep.equal({ kind: 'property', accessor: 'set', name: 'inner-HTML' });
  });

  it('matches `[constructor]` names as Constructor, capturing the resource', () => {
    expect(js.parsePlainName('[constructor]element')).to.deep.equal({ kind: 'constructor', resource: 'element' });
  });

  it('matches `[method]` and `[static]` names as Method, with an optional accessor', () => {
    expect(js.parsePlainName('[method]element.query-selector')).to.deep.equal({ kind: 'method', scope: 'method', accessor: null, resource: 'element', name: 'query-selector' });
    expect(js.parsePlainName('[static]element.create')).to.deep.equal({ kind: 'method', scope: 'static', accessor: null, resource: 'element', name: 'create' });
    expect(js.parsePlainName('[method][set]element.inner-HTML')).to.deep.equal({ kind: 'method', scope: 'method', accessor: 'set', resource: 'element', name: 'inner-HTML' });
  });

  it('matches no pattern for interface names, other import names and malformed names', () => {
    for (const name of ['wasi:http/handler@1.0.0', 'my:pkg/api', 'url=<https://example.com>', '[async]f', '[method]element', 'not_kebab', '[get]a.b']) {
      expect(js.parsePlainName(name), name).to.equal(null);
    }
  });
});

describe('js.jsName', () => {
  it('uses an interface name as it is', () => {
    expect(js.jsName('wasi:http/handler@1.0.0', false)).to.equal('wasi:http/handler@1.0.0');
    expect(js.jsName('wasi:http/types@0.2.0', true)).to.equal('wasi:http/types@0.2.0');
  });

  it('camel-cases functions and other definitions, pascal-cases types', () => {
    expect(js.jsName('log-message', false)).to.equal('logMessage');
    expect(js.jsName('http-request', true)).to.equal('HttpRequest');
  });

  it('names a constructor after its resource and a method or accessor after its label', () => {
    expect(js.jsName('[constructor]http-request', false)).to.equal('httpRequest');
    expect(js.jsName('[method]http-request.get-header', false)).to.equal('getHeader');
    expect(js.jsName('[static]http-request.from-URL', false)).to.equal('fromURL');
    expect(js.jsName('[method][get]http-request.path-with-query', false)).to.equal('pathWithQuery');
    expect(js.jsName('[get]inner-HTML', false)).to.equal('innerHTML');
  });

  it('refuses an async name, which has no JS name yet', () => {
    expect(() => js.jsName('[async]f', false)).to.throw(TypeError, 'async functions are not supported yet');
  });
});

describe('js.RESERVED_CLASS_MEMBERS', () => {
  it('holds the names that would change a class', () => {
    expect([...js.RESERVED_CLASS_MEMBERS].sort()).to.deep.equal(['__proto__', 'arguments', 'caller', 'constructor', 'length', 'name', 'prototype']);
  });
});
