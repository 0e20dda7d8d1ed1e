import { expect } from 'chai';

import type { Directive, WastModule } from '../../src/wast/directive.js';
import { parseScript } from '../../src/wast/script.js';
import { WastSyntaxError } from '../../src/wast/wast-syntax-error.js';

function only(source: string): Directive {
  const directives = parseScript(source);
  expect(directives).to.have.length(1);
  return directives[0] as Directive;
}

function moduleOf(source: string): WastModule {
  const directive = only(source);
  if (directive.kind !== 'module') throw new Error(`expected a module directive, found ${directive.kind}`);
  return directive.module;
}

describe('parseScript', () => {
  it('gives each directive its kind, line and source text', () => {
    const source = '(module)\n\n(assert_return (invoke "f") (i32.const 1))\n';
    expect(parseScript(source).map((d) => [d.kind, d.line, d.text])).to.deep.equal([
      ['module', 1, '(module)'],
      ['assert_return', 3, '(assert_return (invoke "f") (i32.const 1))'],
    ]);
  });

  it('names every execution, component and threading directive by its keyword', () => {
    const kinds = [
      'register',
      'invoke',
      'get',
      'assert_return',
      'assert_trap',
      'assert_exhaustion',
      'assert_exception',
      'assert_unlinkable',
      'assert_uninstantiable',
      'component',
      'thread',
      'wait',
      'either',
    ];
    const source = kinds.map((kind) => `(${kind} x)`).join('\n');
    expect(parseScript(source).map((d) => d.kind)).to.deep.equal(kinds);
  });

  it('reads a text module as a `(module ...)` text with its id', () => {
    const module = moduleOf('(module $m (func) (memory 1))');
    expect(module).to.include({ id: '$m', definition: false, line: 1 });
    expect(module.body).to.deep.equal({ form: 'text', text: '(module $m (func) (memory 1))' });
  });

  it('drops the `definition` keyword, which the text parser does not know', () => {
    const module = moduleOf('(module definition $M (func))');
    expect(module).to.include({ id: '$M', definition: true });
    expect(module.body).to.deep.equal({ form: 'text', text: '(module $M (func))' });
  });

  it('reads `(module instance $I $M)` as an instance of a definition', () => {
    const module = moduleOf('(module instance $I $M)');
    expect(module.id).to.equal('$I');
    expect(module.body).to.deep.equal({ form: 'instance', definitionId: '$M' });
  });

  it('decodes and joins the strings of a binary module', () => {
    const module = moduleOf('(module $b binary "\\00asm" "\\01\\00\\00\\00")');
    expect(module.id).to.equal('$b');
    expect(module.body.form).to.equal('binary');
    if (module.body.form === 'binary') expect([...module.body.bytes]).to.deep.equal([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it('reads a quote module without interpreting it', () => {
    const module = moduleOf('(module quote "(func" ")")');
    expect(module.body.form).to.equal('quote');
    if (module.body.form === 'quote') expect(module.body.literals.map((t) => t.text)).to.deep.equal(['"(func"', '")"']);
  });

  it('reads the module and message of assert_invalid', () => {
    const directive = only('(assert_invalid\n  (module (func (result i32)))\n  "type mismatch")');
    expect(directive.kind).to.equal('assert_invalid');
    if (directive.kind !== 'assert_invalid') return;
    expect(directive.message).to.equal('type mismatch');
    expect(directive.target).to.include({ kind: 'module', line: 2 });
  });

  it('reads a binary module inside assert_malformed', () => {
    const directive = only('(assert_malformed (module binary "") "unexpected end")');
    if (directive.kind !== 'assert_malformed' || directive.target.kind !== 'module') throw new Error('expected assert_malformed of a module');
    expect(directive.target.body).to.deep.equal({ form: 'binary', bytes: new Uint8Array(0) });
  });

  it('reads a component inside assert_invalid as a component', () => {
    const directive = only('(assert_invalid (component (core module)) "nope")');
    if (directive.kind !== 'assert_invalid') throw new Error('expected assert_invalid');
    expect(directive.target.kind).to.equal('component');
  });

  it('reads a script of bare module fields as one inline module', () => {
    const directive = only('(func) (memory 0) (func (export "f"))\n');
    if (directive.kind !== 'module') throw new Error('expected a module');
    expect(directive.module.body).to.deep.equal({ form: 'text', text: '(module (func) (memory 0) (func (export "f")))' });
  });

  it('looks past annotations to find a directive keyword', () => {
    const module = moduleOf('((@a) module (@a) $m (@a) (func))');
    expect(module.id).to.equal('$m');
  });

  it('rejects an unknown directive where it is', () => {
    expect(() => parseScript('(module)\n  (frobnicate)')).to.throw(WastSyntaxError).with.include({ line: 2, column: 3 });
  });

  it('rejects module fields mixed with directives', () => {
    expect(() => parseScript('(func)\n(assert_return (invoke "f"))')).to.throw(WastSyntaxError);
  });

  it('rejects an unbalanced parenthesis', () => {
    expect(() => parseScript('(module')).to.throw(WastSyntaxError).with.property('reason', 'unclosed `(`');
    expect(() => parseScript('(module))')).to.throw(WastSyntaxError).with.property('reason', 'unexpected `)`');
  });
});
