/**
 * The layer rule of DESIGN.md, checked: each package imports only the packages below it
 * (environ ← jit ← runtime ← api ← wasi ← cli), by package name, never by a relative path
 * into another package.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** Packages from the bottom layer up. */
export const LAYERS = ['environ', 'jit', 'runtime', 'api', 'wasi', 'cli'] as const;

/** One import that breaks the layer rule. */
export interface LayerViolation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly reason: string;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Every import in `packagesDir/<layer>/src` that names a layer at or above its own, or reaches
 * into another package by a relative path.
 */
export function findLayerViolations(packagesDir: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const [rank, layer] of LAYERS.entries()) {
    const srcDir = join(packagesDir, layer, 'src');
    for (const file of sourceFiles(srcDir)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((text, i) => {
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1] as string;
          const where = { file: relative(packagesDir, file), line: i + 1, specifier };
          const named = /^@tswasm\/([^/]+)/.exec(specifier);
          if (named) {
            const target = LAYERS.indexOf(named[1] as (typeof LAYERS)[number]);
            if (target < 0) violations.push({ ...where, reason: `unknown package @tswasm/${named[1]}` });
            else if (target >= rank) violations.push({ ...where, reason: `${layer} may not import ${named[1]}, a layer at or above it` });
          } else if (specifier.startsWith('.')) {
            const target = resolve(file, '..', specifier);
            if (!target.startsWith(join(packagesDir, layer) + sep)) {
              violations.push({ ...where, reason: `${layer} reaches outside its package by a relative path` });
            }
          }
        }
      });
    }
  }
  return violations;
}
