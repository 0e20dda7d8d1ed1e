import { expect } from 'chai';

import { parseScript } from '../../src/wast/script.js';
import type { WastCommand } from '../../src/wast/wast-command.js';
import { isCommandDirective, readCommand } from '../../src/wast/wast-command.js';
import { WastSyntaxError } from '../../src/wast/wast-syntax-error.js';

function command(source: string): WastCommand {
  const [directive] = parseScript(source);
  if (directive === undefined || !isCommandDirective(directive)) throw new Error('not an execution directive');
  return readCommand(source, directive);
}

describe('readCommand', () => {
  it('reads register with and without a module name', () => {
    expect(command('(register "M" $m)')).to.deep.equal({ kind: 'register', name: 'M', instance: '$m' });
    expect(command('(register "M")')).to.deep.equal({ kind: 'register', name: 'M', instance: undefined });
  });

  it('reads invoke and get, decoding names with escapes, as actions', () => {
    expect(command('(invoke $m "f\\41" (i32.const 1) (i64.const 2))')).to.deep.equal({
      kind: 'action',
      action: { kind: 'invoke', module: '$m', name: 'fA', args: [{ kind: 'i32', value: 1 }, { kind: 'i64', value: 2n }] },
    });
    expect(command('(get "g")')).to.deep.equal({ kind: 'action', action: { kind: 'get', module: undefined, name: 'g' } });
  });

  it('keeps a leading U+FEFF of a name', () => {
    const read = command('(invoke "\\ef\\bb\\bf")');
    expect(read.kind === 'action' && read.action.name).to.equal('\ufeff');
  });

  it('reads assert_return with several results', () => {
    const read = command('(assert_return (invoke "f") (i32.const 1) (f32.const nan:canonical))');
    expect(read).to.deep.equal({
      kind: 'assert_return',
      action: { kind: 'invoke', module: undefined, name: 'f', args: [] },
      expected: [
        { kind: 'value', value: { kind: 'i32', value: 1 } },
        { kind: 'nan', type: 'f32', nan: 'canonical' },
      ],
    });
  });

  it('reads assert_trap of an action and of a module', () => {
    expect(command('(assert_trap (invoke "f") "unreachable")')).to.deep.include({ kind: 'assert_trap', message: 'unreachable' });
    const read = command('(assert_trap (module (func unreachable) (start 0)) "unreachable")');
    expect(read.kind === 'assert_trap' && read.target.kind).to.equal('module');
  });

  it('reads assert_exhaustion, assert_exception, assert_unlinkable and assert_uninstantiable', () => {
    expect(command('(assert_exhaustion (invoke "f") "call stack exhausted")')).to.deep.include({ kind: 'assert_exhaustion', message: 'call stack exhausted' });
    expect(command('(assert_exception (invoke "f"))')).to.have.property('kind', 'assert_exception');
    expect(command('(assert_unlinkable (module (import "a" "b" (func))) "unknown import")')).to.deep.include({ kind: 'assert_unlinkable', message: 'unknown import' });
    expect(command('(assert_uninstantiable (module binary "") "x")')).to.deep.include({ kind: 'assert_uninstantiable', message: 'x' });
  });

  it('reads thread with its shared modules and directives, and wait', () => {
    const read = command('(thread $T (shared (module $M)) (register "mem" $M) (module (func)) (invoke "f"))');
    expect(read.kind).to.equal('thread');
    if (read.kind !== 'thread') return;
    expect(read.id).to.equal('$T');
    expect(read.shared).to.deep.equal(['$M']);
    expect(read.directives.map((d) => d.kind)).to.deep.equal(['register', 'module', 'invoke']);
    expect(command('(wait $T)')).to.deep.equal({ kind: 'wait', id: '$T' });
  });

  it('reads a top-level either into its alternatives', () => {
    const read = command('(either (assert_return (invoke "f") (i32.const 1)) (assert_return (invoke "f") (i32.const 2)))');
    expect(read.kind === 'either' && read.directives.map((d) => d.kind)).to.deep.equal(['assert_return', 'assert_return']);
  });

  it('rejects a malformed action where it is', () => {
    expect(() => command('(assert_return (call "f"))')).to.throw(WastSyntaxError, /expected `\(invoke \.\.\.\)` or `\(get \.\.\.\)`/).with.property('line', 1);
    expect(() => command('(invoke $m)')).to.throw(WastSyntaxError, /expected the function name as a string/);
  });
});
