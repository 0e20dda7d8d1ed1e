import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Each package exports an esbuild bundle of its tsc output (see the root README); these check
// that the bundle a user imports is that package, whole: every export of the sources, and the
// files its code loads beside it (jit's worker and its parallel tasks).
const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages');
const PACKAGES = ['environ', 'jit', 'runtime', 'api'] as const;

interface PackageJson {
  readonly exports: { readonly '.': { readonly default: string; readonly types: string } };
}

describe('the package bundles', () => {
  for (const name of PACKAGES) {
    it(`@tswasm/${name} exports its bundle, with every export of its sources`, async () => {
      const dir = join(packagesDir, name);
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
      expect(json.exports['.'].default).to.equal('./dist/bundle/index.js');
      const bundle = (await import(pathToFileURL(join(dir, 'dist', 'bundle', 'index.js')).href)) as Record<string, unknown>;
      const sources = (await import(pathToFileURL(join(dir, 'dist', 'src', 'index.js')).href)) as Record<string, unknown>;
      expect(Object.keys(bundle).sort()).to.deep.equal(Object.keys(sources).sort());
      // The package name resolves to the bundle itself.
      const byName = (await import(`@tswasm/${name}`)) as Record<string, unknown>;
      for (const key of Object.keys(bundle)) expect(byName[key], key).to.equal(bundle[key]);
    });
  }

  it("@tswasm/jit's bundle has its worker and task modules beside it, each exporting what the pool asks for", async () => {
    const dir = join(packagesDir, 'jit', 'dist', 'bundle');
    expect(existsSync(join(dir, 'worker.js'))).to.equal(true);
    const validate = (await import(pathToFileURL(join(dir, 'validate-bodies-task.js')).href)) as Record<string, unknown>;
    const nested = (await import(pathToFileURL(join(dir, 'validate-component-bodies-task.js')).href)) as Record<string, unknown>;
    expect(typeof validate['prepareFunctionBodyValidation']).to.equal('function');
    expect(typeof nested['prepareNestedBodyValidation']).to.equal('function');
    // The tasks the bundle hands to workers name those files.
    const { VALIDATE_FUNCTION_BODIES_TASK, VALIDATE_NESTED_BODIES_TASK } = await import('@tswasm/jit');
    expect(VALIDATE_FUNCTION_BODIES_TASK.moduleUrl).to.equal(pathToFileURL(join(dir, 'validate-bodies-task.js')).href);
    expect(VALIDATE_NESTED_BODIES_TASK.moduleUrl).to.equal(pathToFileURL(join(dir, 'validate-component-bodies-task.js')).href);
  });
});
