/**
 * Thrown for any artifact that cannot be loaded: not an artifact, another format version,
 * another kind, another tswasm version or engine settings, truncated, corrupted, or with
 * metadata that does not decode. The message says what is wrong in wasmtime's style
 * (lower-case, no final period); a failure from a lower layer is kept as `cause`.
 */
export class ArtifactError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ArtifactError';
  }
}
