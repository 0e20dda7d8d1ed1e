import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLayerViolations } from '../src/layers/check-layers.js';

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages');

describe('the layer rule', () => {
  it('holds for every package in the repository', () => {
    expect(findLayerViolations(packagesDir)).to.deep.equal([]);
  });
});

describe('findLayerViolations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tswasm-layers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(path: string, text: string): void {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }

  it('reports environ importing jit, with file and line', () => {
    write('environ/src/a.ts', "import { x } from './b.js';\nimport { y } from '@tswasm/jit';\n");
    const found = findLayerViolations(dir);
    expect(found).to.have.length(1);
    expect(found[0]).to.include({ file: join('environ', 'src', 'a.ts'), line: 2, specifier: '@tswasm/jit' });
  });

  it('reports a dynamic import upward and a relative path into another package', () => {
    write('runtime/src/a.ts', "const m = await import('@tswasm/api');\nexport { z } from '../../api/src/z.js';\n");
    expect(findLayerViolations(dir).map((v) => v.line)).to.deep.equal([1, 2]);
  });

  it('accepts imports downward and within a package', () => {
    write('api/src/a.ts', "import { x } from '@tswasm/runtime';\nimport type { E } from '@tswasm/environ';\nimport { y } from './y.js';\n");
    expect(findLayerViolations(dir)).to.deep.equal([]);
  });
});
