/**
 * WASI 0.2 for a component through @bytecodealliance/preview2-shim, the host jco's output uses:
 * the shim's import object keys interfaces without a version (`wasi:io/poll`), while tswasm's
 * JS API binding reads each import under the name the component spells (`wasi:io/poll@0.2.12`),
 * so each of the component's import names gets the shim's object of its interface.
 */
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';

/**
 * An import object with the shim's implementation under each of `importNames`.
 * @throws Error for an import the shim does not implement
 */
export function wasiShimImports(importNames: readonly string[]): Record<string, unknown> {
  const shim = new WASIShim().getImportObject() as Record<string, unknown>;
  const imports: Record<string, unknown> = {};
  for (const name of importNames) {
    const at = name.lastIndexOf('@');
    const implementation = shim[at < 0 ? name : name.slice(0, at)];
    if (implementation === undefined) throw new Error(`preview2-shim has no \`${name}\``);
    imports[name] = implementation;
  }
  return imports;
}
