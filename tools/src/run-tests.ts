/**
 * Runs every package's mocha suite on one Node binary and closes with one total line.
 *
 * `npm test` runs this twice: on the machine's Node and on the current Node from the npm
 * package `node@26`. npm puts `node_modules/.bin` first on PATH for scripts, where that
 * package's `node` shadows the machine's, so the machine's binary is found through
 * `npm_node_execpath` (the Node running npm) instead of PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file runs from tools/dist/src/.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function nodeBinary(useNode26: boolean): string {
  if (useNode26) {
    const bin = join(root, 'node_modules', 'node', 'bin', 'node');
    if (!existsSync(bin)) throw new Error(`node@26 is not installed at ${bin}: run npm ci`);
    return bin;
  }
  return process.env['npm_node_execpath'] ?? process.execPath;
}

function suiteDirs(): string[] {
  const dirs = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));
  dirs.push(join(root, 'test-suite'), join(root, 'tools'));
  return dirs.filter((dir) => existsSync(join(dir, '.mocharc.json')));
}

function count(output: string, word: string): number {
  const match = new RegExp(`^\\s*(\\d+) ${word}`, 'm').exec(output);
  return match ? Number(match[1]) : 0;
}

const useNode26 = process.argv.includes('--node26');
const node = nodeBinary(useNode26);
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const dir of suiteDirs()) {
  console.log(`\n=== ${dir.slice(root.length + 1)} on Node ${version}`);
  const run = spawnSync(node, [mocha, '--reporter', 'dot'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const output = run.stdout + run.stderr;
  process.stdout.write(output);
  passed += count(output, 'passing');
  failed += count(output, 'failing');
  skipped += count(output, 'pending');
  if (run.status !== 0 && count(output, 'failing') === 0) broken = true;
}
console.log(`\nNode ${version}:`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || broken ? 1 : 0;
