// Artifact metadata is CBOR (RFC 8949) written by cbor-x: compact, fast to decode (it matters
// for deserialize + instantiate), and it keeps what JSON loses: bigint (i64 constants),
// Uint8Array (v128 constants) and Map (tag 259, told apart from plain objects). Records are
// off, so every artifact is self-describing and no encoder state is shared between artifacts.

import { Encoder } from 'cbor-x';
import { ArtifactError } from './artifact-error.js';

const OPTIONS = { useRecords: false, tagUint8Array: false } as const;

/**
 * Encodes plain data as CBOR.
 * @param metadata plain data: objects, arrays, strings, numbers, bigint, boolean, null,
 *   undefined, Uint8Array, Map
 * @returns the encoding
 * @throws TypeError or RangeError when cbor-x cannot encode a value (a bigint beyond 64 bits)
 */
export function encodeMetadata(metadata: unknown): Uint8Array {
  return new Encoder(OPTIONS).encode(metadata);
}

/**
 * Decodes CBOR written by `encodeMetadata`. Byte strings come back as views of `bytes`
 * (Buffers in Node).
 * @throws ArtifactError when the bytes do not decode
 */
export function decodeMetadata(bytes: Uint8Array): unknown {
  try {
    return new Encoder(OPTIONS).decode(bytes) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactError(`artifact metadata failed to decode: ${reason}`, { cause: error });
  }
}
