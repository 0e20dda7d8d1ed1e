// Test helper: builds small binaries by hand, so tests know the exact offset of each byte.

/** The 8-byte preamble of a core module. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00] as const;

/** Unsigned LEB128 bytes of `n`. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A length-prefixed UTF-8 name. */
export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...leb(bytes.length), ...bytes];
}

/** A section: id, size, content. */
export function section(id: number, content: readonly number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

/** A vector: count, then the items' bytes. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return [...leb(items.length), ...items.flat()];
}

/** A module from the header and the given sections. */
export function wasmModule(...sections: readonly (readonly number[])[]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

/** The type section with one `[] -> []` function type. */
export const TYPE_VOID = section(1, vec([[0x60, 0x00, 0x00]]));
/** A function section with one function of type 0. */
export const FUNC_ONE = section(3, vec([[0x00]]));
/** A code section with one empty body. */
export const CODE_ONE = section(10, vec([[0x02, 0x00, 0x0b]]));
