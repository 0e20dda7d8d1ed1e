import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { ALL_SUPPORTED_FEATURES, ValidationError, componentType, withFeatures } from '../../../src/index.js';
import type { ItemDescription, ValTypeDescription } from '../../../src/index.js';

const FEATURES = withFeatures(ALL_SUPPORTED_FEATURES, { componentModelAsync: true, componentModelFixedLengthLists: true, componentModelMap: true });

const u32: ValTypeDescription = { kind: 'primitive', name: null, type: 'u32' };
const str: ValTypeDescription = { kind: 'primitive', name: null, type: 'string' };

function funcResult(item: ItemDescription | undefined): ValTypeDescription | null {
  if (item?.kind !== 'func') throw new Error(`expected a func, found ${item?.kind}`);
  return item.type.result;
}

describe('componentType', () => {
  it('splits interface names into namespace, package, interface and version', async () => {
    const description = componentType(await parse('(component (import "wasi:cli/environment@0.3.0-rc" (instance)) (import "plain" (instance)))'), FEATURES);
    expect(description.imports.map((i) => i.parts)).to.deep.equal([
      { kind: 'interface', namespace: 'wasi', package: 'cli', interface: 'environment', version: '0.3.0-rc' },
      { kind: 'label', label: 'plain' },
    ]);
    expect(description.exports).to.deep.equal([]);
  });

  it('resolves every value type constructor into a readable tree', async () => {
    const bytes = await parse(`(component
      (type $r0 (record (field "a" u32) (field "b" string)))
      (import "rec" (type $rec (eq $r0)))
      (type $v0 (variant (case "x") (case "y" u32)))
      (import "var" (type $var (eq $v0)))
      (type $e0 (enum "a" "b"))
      (import "en" (type $en (eq $e0)))
      (type $f0 (flags "p" "q"))
      (import "fl" (type $fl (eq $f0)))
      (import "f" (func
        (param "r" $rec)
        (param "v" $var)
        (param "e" $en)
        (param "fl" $fl)
        (param "l" (list u32))
        (param "fx" (list u32 3))
        (param "m" (map string u32))
        (param "t" (tuple u32 string))
        (param "o" (option u32))
        (param "re" (result u32 (error string)))
        (param "s" (stream u32))
        (param "fu" (future))
        (result (result))))
    )`);
    const item = componentType(bytes, FEATURES).imports[4]?.item;
    if (item?.kind !== 'func') throw new Error('expected a func');
    expect(item.type.params.map((p) => p.type)).to.deep.equal([
      { kind: 'record', name: 'rec', fields: [{ name: 'a', type: u32 }, { name: 'b', type: str }] },
      { kind: 'variant', name: 'var', cases: [{ name: 'x', type: null }, { name: 'y', type: u32 }] },
      { kind: 'enum', name: 'en', cases: ['a', 'b'] },
      { kind: 'flags', name: 'fl', flags: ['p', 'q'] },
      { kind: 'list', name: null, element: u32, length: null },
      { kind: 'list', name: null, element: u32, length: 3 },
      { kind: 'map', name: null, key: str, value: u32 },
      { kind: 'tuple', name: null, types: [u32, str] },
      { kind: 'option', name: null, type: u32 },
      { kind: 'result', name: null, ok: u32, err: str },
      { kind: 'stream', name: null, element: u32 },
      { kind: 'future', name: null, element: null },
    ]);
    expect(item.type.result).to.deep.equal({ kind: 'result', name: null, ok: null, err: null });
    expect(item.type.async).to.equal(false);
  });

  it('names types and resources by their instance exports, and handles by their resource', async () => {
    const bytes = await parse(`(component
      (import "ns:pkg/iface@1.0.0" (instance
        (export "file" (type $f (sub resource)))
        (type $p (record (field "x" u32)))
        (export "point" (type $pt (eq $p)))
        (export "[method]file.read" (func (param "self" (borrow $f)) (result $pt)))
        (export "open" (func async (result (own $f))))
      ))
    )`);
    const item = componentType(bytes, FEATURES).imports[0]?.item;
    if (item?.kind !== 'instance') throw new Error('expected an instance');
    expect(item.exports.map((e) => [e.name, e.parts.kind, e.item.kind])).to.deep.equal([
      ['file', 'label', 'resource'],
      ['point', 'label', 'type'],
      ['[method]file.read', 'annotated', 'func'],
      ['open', 'label', 'func'],
    ]);
    expect(item.exports[2]?.parts).to.deep.equal({ kind: 'annotated', annotation: 'method', resource: 'file', item: 'read' });
    const read = item.exports[2]?.item;
    if (read?.kind !== 'func') throw new Error('expected a func');
    expect(read.type.params[0]?.type).to.deep.equal({ kind: 'borrow', name: null, resource: 'file' });
    expect(read.type.result).to.deep.equal({ kind: 'record', name: 'point', fields: [{ name: 'x', type: u32 }] });
    expect(funcResult(item.exports[3]?.item)).to.deep.equal({ kind: 'own', name: null, resource: 'file' });
  });

  it('describes nested component types, core module types and exports', async () => {
    const bytes = await parse(`(component
      (import "c" (component (import "i" (func)) (export "e" (instance (export "g" (func (result string)))))))
      (import "m" (core module (import "env" "mem" (memory 1 2)) (export "f" (func (param i32) (result i64)))))
      (core module $m (func (export "f")))
      (core instance $i (instantiate $m))
      (func $f (canon lift (core func $i "f")))
      (instance $inst (export "run" (func $f)))
      (export "api" (instance $inst))
    )`);
    const description = componentType(bytes, FEATURES);
    expect(description.imports[0]?.item).to.deep.equal({
      kind: 'component',
      type: {
        imports: [{ name: 'i', parts: { kind: 'label', label: 'i' }, item: { kind: 'func', type: { async: false, params: [], result: null } } }],
        exports: [
          {
            name: 'e',
            parts: { kind: 'label', label: 'e' },
            item: { kind: 'instance', exports: [{ name: 'g', parts: { kind: 'label', label: 'g' }, item: { kind: 'func', type: { async: false, params: [], result: str } } }] },
          },
        ],
      },
    });
    expect(description.imports[1]?.item).to.deep.equal({
      kind: 'module',
      imports: [{ module: 'env', name: 'mem', type: { kind: 'memory', min: 1, max: 2, shared: false, is64: false, pageSizeLog2: 16 } }],
      exports: [{ module: null, name: 'f', type: { kind: 'func', params: ['i32'], results: ['i64'] } }],
    });
    expect(description.exports).to.deep.equal([
      { name: 'api', parts: { kind: 'label', label: 'api' }, item: { kind: 'instance', exports: [{ name: 'run', parts: { kind: 'label', label: 'run' }, item: { kind: 'func', type: { async: false, params: [], result: null } } }] } },
    ]);
  });

  it('shares the description of a type used twice instead of copying it', async () => {
    let wat = '(component (type $t0 (tuple u8 u8))';
    for (let i = 1; i <= 20; i++) wat += ` (type $t${i} (tuple $t${i - 1} $t${i - 1}))`;
    wat += ' (import "f" (func (param "x" $t20))))';
    const item = componentType(await parse(wat), FEATURES).imports[0]?.item;
    if (item?.kind !== 'func') throw new Error('expected a func');
    const top = item.type.params[0]?.type;
    if (top?.kind !== 'tuple') throw new Error('expected a tuple');
    expect(top.types[0]).to.equal(top.types[1]);
  });

  it('throws the validation error of an invalid component, with its offset', async () => {
    const bytes = await parse('(component (import "a" (func)) (import "A" (func)))');
    expect(() => componentType(bytes, FEATURES)).to.throw(ValidationError).with.property('offset').that.is.a('number');
  });
});
