import { expect } from 'chai';
import type { StringEncoding } from '../../../src/index.js';
import { transcodes } from '../../../src/component/translate/fused-adapter.js';
import { kinds, ofKind, translateText } from './support.js';

// Component $A lifts `echo: func(s: string) -> string`; component $B lowers it. Each has its own
// memory, so every string crosses memories.
function echoPair(lift: StringEncoding, lower: StringEncoding): string {
  return `(component
    (component $A
      (core module $m
        (memory (export "mem") 1)
        (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
        (func (export "echo") (param i32 i32) (result i32) i32.const 0))
      (core instance $i (instantiate $m))
      (func (export "echo") (param "s" string) (result string)
        (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc")) string-encoding=${lift})))
    (component $B
      (import "echo" (func $echo (param "s" string) (result string)))
      (core module $libc (memory (export "mem") 1) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
      (core instance $libc (instantiate $libc))
      (core func $echo (canon lower (func $echo) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=${lower}))
      (core module $main (import "" "echo" (func (param i32 i32 i32))))
      (core instance (instantiate $main (with "" (instance (export "echo" (func $echo)))))))
    (instance $a (instantiate $A))
    (instance (instantiate $B (with "echo" (func $a "echo")))))`;
}

describe('fuseAdapter', () => {
  it('fuses a lift of one component lowered into another, with both sides options', async () => {
    const { component } = await translateText(echoPair('utf8', 'utf16'));
    expect(kinds(component.initializers)).to.deep.equal([
      'InstantiateModule',
      'ExtractMemory',
      'ExtractRealloc',
      'InstantiateModule',
      'ExtractMemory',
      'ExtractRealloc',
      'Adapter',
      'Transcoder',
      'Transcoder',
      'InstantiateModule',
    ]);
    const [adapter] = ofKind(component.initializers, 'Adapter');
    expect(adapter?.callee).to.deep.equal({ kind: 'Export', instance: 0, name: 'echo' });
    expect(adapter?.lift).to.deep.equal({ instance: 1, stringEncoding: 'utf8', memory: 0, realloc: 0, postReturn: null, async: false, callback: null });
    expect(adapter?.lower).to.deep.equal({ instance: 2, stringEncoding: 'utf16', memory: 1, realloc: 1, postReturn: null, async: false, callback: null });
    // Parameters go from the lowering side to the lifting side; the result comes back.
    expect(ofKind(component.initializers, 'Transcoder')).to.deep.equal([
      { kind: 'Transcoder', index: 0, adapter: 0, op: 'Utf16ToUtf8', fromMemory: 1, fromEncoding: 'utf16', toMemory: 0, toEncoding: 'utf8' },
      { kind: 'Transcoder', index: 1, adapter: 0, op: 'Utf8ToUtf16', fromMemory: 0, fromEncoding: 'utf8', toMemory: 1, toEncoding: 'utf16' },
    ]);
    const [, , main] = ofKind(component.initializers, 'InstantiateModule');
    expect(main?.module.args).to.deep.equal([{ kind: 'Adapter', index: 0 }]);
    expect(component.numAdapters).to.equal(1);
    expect(component.numTranscoders).to.equal(2);
    expect(component.numLowerings).to.equal(0);
  });

  it('copies strings between two memories of the same encoding', async () => {
    const { component } = await translateText(echoPair('utf8', 'utf8'));
    expect(ofKind(component.initializers, 'Transcoder').map((t) => t.op)).to.deep.equal(['Copy(Utf8)', 'Copy(Utf8)']);
  });

  it('transcodes latin1+utf16 strings in both of their forms', async () => {
    const { component } = await translateText(echoPair('latin1+utf16', 'utf8'));
    expect(ofKind(component.initializers, 'Transcoder').map((t) => t.op)).to.deep.equal(['Utf8ToLatin1', 'Utf8ToCompactUtf16', 'Latin1ToUtf8', 'Utf16ToUtf8']);
  });

  it('needs no transcoder for a function without strings', async () => {
    const { component } = await translateText(`(component
      (component $A
        (core module $m (func (export "f") (param i32) (result i32) local.get 0))
        (core instance $i (instantiate $m))
        (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))
      (component $B
        (import "f" (func $f (param "x" u32) (result u32)))
        (core func (canon lower (func $f))))
      (instance $a (instantiate $A))
      (instance (instantiate $B (with "f" (func $a "f")))))`);
    expect(kinds(component.initializers)).to.deep.equal(['InstantiateModule', 'Adapter']);
  });

  it('turns a lift lowered back into its own component instance into an always-trap function', async () => {
    const { component } = await translateText(`(component
      (core module $m (func (export "f") (param i32) (result i32) local.get 0))
      (core instance $i (instantiate $m))
      (func $f (param "x" u32) (result u32) (canon lift (core func $i "f")))
      (core func $g (canon lower (func $f)))
      (core module $n (import "" "g" (func (param i32) (result i32))))
      (core instance (instantiate $n (with "" (instance (export "g" (func $g)))))))`);
    expect(kinds(component.initializers)).to.deep.equal(['InstantiateModule', 'AlwaysTrap', 'InstantiateModule']);
    expect(ofKind(component.initializers, 'InstantiateModule')[1]?.module.args).to.deep.equal([{ kind: 'AlwaysTrap', index: 0 }]);
    expect(component.numAlwaysTrap).to.equal(1);
  });
});

describe('transcodes', () => {
  it('names one conversion for each pair of plain encodings', () => {
    expect(transcodes('utf8', 'utf16')).to.deep.equal(['Utf8ToUtf16']);
    expect(transcodes('utf16', 'utf8')).to.deep.equal(['Utf16ToUtf8']);
    expect(transcodes('utf16', 'utf16')).to.deep.equal(['Copy(Utf16)']);
  });

  it('covers both forms of a latin1+utf16 string', () => {
    expect(transcodes('latin1+utf16', 'utf16')).to.deep.equal(['Latin1ToUtf16', 'Copy(Utf16)']);
    expect(transcodes('latin1+utf16', 'latin1+utf16')).to.deep.equal(['Copy(Latin1)', 'Copy(Utf16)']);
    expect(transcodes('utf16', 'latin1+utf16')).to.deep.equal(['Utf16ToCompactProbablyUtf16', 'Utf16ToLatin1']);
  });
});
