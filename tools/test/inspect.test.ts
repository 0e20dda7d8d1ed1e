import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const inspectJs = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'inspect', 'inspect.js');

function inspect(...files: string[]): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, [inspectJs, ...files], { encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('inspect', () => {
  let dir: string;
  let module: string;
  let component: string;
  let invalid: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tswasm-inspect-'));
    module = join(dir, 'module.wasm');
    component = join(dir, 'component.wasm');
    invalid = join(dir, 'invalid.wasm');
    writeFileSync(module, await parse('(module (import "env" "log" (func (param i32))) (memory (export "memory") 1) (func (export "add") (param i32 i32) (result i32) local.get 0))'));
    writeFileSync(component, await parse('(component (import "wasi:cli/environment@0.2.0" (instance (export "get-arguments" (func (result (list string)))))))'));
    // A core module whose type section claims 5 bytes and has none.
    writeFileSync(invalid, Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a core module\'s imports and exports with their types', () => {
    const run = inspect(module);
    expect(run.stderr).to.equal('');
    expect(run.status).to.equal(0);
    expect(run.stdout).to.equal('(import "env" "log" (func (param i32)))\n(export "memory" (memory 1))\n(export "add" (func (param i32 i32) (result i32)))\n');
  });

  it('prints a component\'s world as WIT', () => {
    const run = inspect(component);
    expect(run.status).to.equal(0);
    expect(run.stdout).to.equal(
      'package root:component;\n\nworld root {\n  import wasi:cli/environment@0.2.0;\n}\n\npackage wasi:cli@0.2.0 {\n  interface environment {\n    get-arguments: func() -> list<string>;\n  }\n}\n',
    );
  });

  it('reports an invalid file with its error and offset, goes on, and exits 1', () => {
    const run = inspect(invalid, module);
    expect(run.status).to.equal(1);
    expect(run.stderr).to.equal(`${invalid}: unexpected end-of-file: section size 5 exceeds the remaining 0 bytes (at offset 0x9)\n`);
    expect(run.stdout).to.equal(`;; ${module}\n(import "env" "log" (func (param i32)))\n(export "memory" (memory 1))\n(export "add" (func (param i32 i32) (result i32)))\n`);
  });

  it('reports a missing file and exits 1', () => {
    const run = inspect(join(dir, 'absent.wasm'));
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/absent\.wasm: ENOENT/);
  });
});
