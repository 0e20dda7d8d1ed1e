// The JS API's `AllowSharedBufferSource` arguments: any ArrayBuffer, SharedArrayBuffer or view
// of one, copied first (JS-Reference.md: "Let |stableBytes| be a copy of the bytes"), so the
// caller changing its buffer later changes nothing. tswasm also takes WAT text.

/** What the JS API's compile entry points take: bytes, or (a tswasm extension) WAT text. */
export type ComponentSource = ArrayBuffer | SharedArrayBuffer | ArrayBufferView | string;

/**
 * A private copy of `source`'s bytes, or the text itself.
 * @throws TypeError when `source` is neither bytes nor a string
 */
export function stableBytes(source: unknown): Uint8Array | string {
  if (typeof source === 'string') return source;
  if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && source instanceof SharedArrayBuffer)) return new Uint8Array(source).slice();
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
  throw new TypeError(`expected an ArrayBuffer, a typed array, a DataView or WAT text, found ${source === null ? 'null' : typeof source}`);
}

/**
 * Whether `bytes` start with the header of a component (the `layer` field is 1), as the
 * `WebAssembly` namespace decides between a module and a component.
 */
export function isComponentBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d && bytes[6] === 0x01 && bytes[7] === 0x00;
}
