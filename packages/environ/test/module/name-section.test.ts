import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { translateModule } from '../../src/index.js';
import type { FuncIndex } from '../../src/index.js';
import { name, section, wasmModule } from '../wasm-builder.js';

describe('readNameSection', () => {
  it('reads the module, function and local names', async () => {
    const translation = translateModule(await parse('(module $m (import "a" "b" (func $imp)) (func $f (param $p i32) (local $l i64)))'));
    expect(translation.names.moduleName).to.equal('m');
    expect([...translation.names.functionNames]).to.deep.equal([
      [0, 'imp'],
      [1, 'f'],
    ]);
    expect([...(translation.names.localNames.get(1 as FuncIndex) ?? [])]).to.deep.equal([
      [0, 'p'],
      [1, 'l'],
    ]);
    expect(translation.names.malformed).to.equal(null);
  });
  it('keeps a module with a malformed name section valid, and records where reading stopped', () => {
    // Subsection 1 (function names) with one entry whose name claims 5 bytes but has none.
    const bytes = wasmModule(section(0, [...name('name'), 0x00, 0x02, ...name('m'), 0x01, 0x03, 0x01, 0x00, 0x05]));
    const translation = translateModule(bytes);
    expect(translation.names.moduleName).to.equal('m');
    expect(translation.names.functionNames.size).to.equal(0);
    expect(translation.names.malformed).to.deep.equal({ reason: 'unexpected end-of-file, expected 5 more bytes', offset: 24 });
    expect(translation.customSections.map((custom) => custom.name)).to.deep.equal(['name']);
  });
  it('records subsections out of order as malformed', () => {
    const bytes = wasmModule(section(0, [...name('name'), 0x01, 0x01, 0x00, 0x00, 0x01, 0x00]));
    expect(translateModule(bytes).names.malformed).to.deep.equal({ reason: 'name subsection out of order or duplicated', offset: 18 });
  });
});

describe('readCustomSection', () => {
  it('keeps the content as a view with its offset', () => {
    const translation = translateModule(wasmModule(section(0, [...name('x'), 0x01, 0x02])));
    const [custom] = translation.customSections;
    expect(custom?.name).to.equal('x');
    expect(custom?.offset).to.equal(12);
    expect([...(custom?.bytes ?? [])]).to.deep.equal([0x01, 0x02]);
    expect(custom?.bytes.buffer).to.equal(translation.wasm.buffer);
  });
});
