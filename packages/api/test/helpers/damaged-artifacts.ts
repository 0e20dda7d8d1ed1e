import { expect } from 'chai';
import { ArtifactError } from '../../src/index.js';

/**
 * Expects `load` to reject truncations of `artifact` (naming the lengths for a cut of one byte)
 * and a sample of byte flips (jit's own tests flip every byte), the last one with a checksum
 * mismatch.
 */
export function expectDamagedArtifactsRejected(artifact: Uint8Array, load: (bytes: Uint8Array) => unknown): void {
  for (const length of [0, 10, 24, 100, artifact.length >> 1, artifact.length - 1]) {
    expect(() => load(artifact.subarray(0, length)), `length ${length}`).to.throw(ArtifactError);
  }
  expect(() => load(artifact.subarray(0, artifact.length - 1))).to.throw(
    ArtifactError,
    `artifact is truncated: expected ${artifact.length} bytes, found ${artifact.length - 1}`,
  );
  const step = Math.max(1, Math.floor(artifact.length / 97));
  for (let at = 0; at < artifact.length; at += step) {
    const damaged = artifact.slice();
    damaged[at] = (damaged[at] as number) ^ 0x20;
    expect(() => load(damaged), `byte ${at}`).to.throw(ArtifactError);
  }
  const damaged = artifact.slice();
  damaged[artifact.length - 3] = (damaged[artifact.length - 3] as number) ^ 1;
  expect(() => load(damaged)).to.throw(ArtifactError, 'artifact is corrupted: checksum mismatch');
}
