// The component binaries of the shared wasi-testsuite checkout (its Rust-built wasm32-wasip3
// tests), for tests that run real components through environ.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE_DIR } from './conformance-dir.js';

/** The wasi-testsuite tests folder; absent on a checkout without the conformance suites. */
export const WASI_TESTS_DIR = join(CONFORMANCE_DIR, 'wasi-testsuite', 'tests');

function wasmFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...wasmFiles(path));
    else if (name.endsWith('.wasm')) out.push(path);
  }
  return out;
}

// A component binary: version 0x0d, layer 1 (bytes 4..7 of the preamble).
function isComponent(bytes: Uint8Array): boolean {
  return bytes[4] === 0x0d && bytes[5] === 0x00 && bytes[6] === 0x01 && bytes[7] === 0x00;
}

/** Every component binary under `WASI_TESTS_DIR`, in path order; none when the folder is absent. */
export function wasiComponents(): { readonly path: string; readonly bytes: Uint8Array }[] {
  if (!existsSync(WASI_TESTS_DIR)) return [];
  return wasmFiles(WASI_TESTS_DIR)
    .map((path) => ({ path, bytes: readFileSync(path) }))
    .filter((file) => isComponent(file.bytes));
}
