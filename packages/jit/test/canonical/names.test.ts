import { expect } from 'chai';
import { camelCase, pascalCase } from '../../src/canonical/names.js';

describe('camelCase and pascalCase', () => {
  it('follow the examples of JS-Reference.md, keeping acronyms', () => {
    const examples: [string, string, string][] = [
      ['element', 'Element', 'element'],
      ['query-selector', 'QuerySelector', 'querySelector'],
      ['inner-HTML', 'InnerHTML', 'innerHTML'],
      ['XML-http-request', 'XMLHttpRequest', 'xmlHttpRequest'],
      ['URL', 'URL', 'url'],
      ['a1-2-3', 'A123', 'a123'],
    ];
    for (const [label, pascal, camel] of examples) {
      expect(pascalCase(label), label).to.equal(pascal);
      expect(camelCase(label), label).to.equal(camel);
    }
  });
});
