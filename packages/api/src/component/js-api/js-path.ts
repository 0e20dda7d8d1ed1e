// Error messages name an import or export by the JS property path a user writes
// (`imports['wasi:cli/stdout@0.2.0'].getStdout`), since that is what they have to fix.

const IDENTIFIER = /^[A-Za-z_$][0-9A-Za-z_$]*$/;

/** `parent` followed by the property access of `key`. */
export function jsPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}['${key.replaceAll("'", "\\'")}']`;
}

/** A short description of a JS value's kind, for "found …" in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}
