// The engine fingerprint says which generated code an artifact holds: the tswasm version, the
// enabled wasm features and every setting that changes code generation. Loading checks it so
// that code compiled for one configuration never runs under another (wasmtime checks its
// compiler flags the same way). It is a digest of a canonical text, JSON with sorted keys, so
// it is stable across processes and key order; the text itself is also stored in artifacts so
// a mismatch can name the setting that differs. It is not a security boundary, so FNV-1a 64
// is enough.

import type { WasmFeatures } from '@tswasm/environ';

/** Settings that change generated code; hashed into the fingerprint. */
export interface EngineFingerprintInput {
  readonly tswasmVersion: string;
  readonly features: WasmFeatures;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The canonical readable form of an engine's fingerprint input: JSON with keys sorted at
 * every level, so equal inputs give equal text.
 * @param input the engine's version, features and settings
 * @returns the canonical JSON text
 */
export function describeEngine(input: EngineFingerprintInput): string {
  return JSON.stringify(sortKeys({ tswasmVersion: input.tswasmVersion, features: input.features, settings: input.settings }));
}

/**
 * A stable hex digest (16 hex digits, FNV-1a 64 of the UTF-8 of `describeEngine(input)`).
 * @param input the engine's version, features and settings
 * @returns the fingerprint
 */
export function engineFingerprint(input: EngineFingerprintInput): string {
  return fnv1a64(new TextEncoder().encode(describeEngine(input)));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

function fnv1a64(bytes: Uint8Array): string {
  // The input is a few hundred bytes, so bigint arithmetic is fast enough.
  let hash = FNV_OFFSET;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(16, '0');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * Names what differs between two `describeEngine` texts, as dotted keys with both values,
 * e.g. "`features.simd` is false in the artifact, true in this engine". Returns null when a
 * text does not parse or nothing differs.
 * @param artifactText the text stored in the artifact
 * @param engineText the loading engine's text
 */
export function describeEngineDifference(artifactText: string, engineText: string): string | null {
  let artifactValues: Map<string, string>;
  let engineValues: Map<string, string>;
  try {
    artifactValues = flatten(JSON.parse(artifactText));
    engineValues = flatten(JSON.parse(engineText));
  } catch {
    // A stored text that does not parse only loses the detail; the caller still rejects.
    return null;
  }
  const keys = [...new Set([...artifactValues.keys(), ...engineValues.keys()])].sort();
  const differences: string[] = [];
  for (const key of keys) {
    const a = artifactValues.get(key);
    const e = engineValues.get(key);
    if (a === e) continue;
    differences.push(`\`${key}\` is ${a ?? 'unset'} in the artifact, ${e ?? 'unset'} in this engine`);
  }
  if (differences.length === 0) return null;
  const shown = differences.slice(0, 3).join('; ');
  return differences.length > 3 ? `${shown}; and ${differences.length - 3} more` : shown;
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}
