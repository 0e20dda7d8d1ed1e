// WIT identifiers: a kebab-case label that is also a WIT keyword is written with a `%` prefix
// (WIT.md "Identifiers", "Keywords").

const KEYWORDS: ReadonlySet<string> = new Set([
  '_', 'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'error-context', 'export', 'f32', 'f64', 'flags',
  'from', 'func', 'future', 'import', 'include', 'interface', 'list', 'map', 'option', 'own', 'package', 'record',
  'resource', 'result', 's16', 's32', 's64', 's8', 'static', 'stream', 'string', 'tuple', 'type', 'u16', 'u32',
  'u64', 'u8', 'use', 'variant', 'with', 'world',
]);

/** `name` as a WIT identifier: `%`-escaped when it is a keyword. */
export function witIdent(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}

/** An interface name `ns:pkg/iface@version` taken apart for WIT's packages. */
export interface WitInterfaceName {
  /** `ns:pkg@version`, the package block it is printed in. */
  readonly package: string;
  /** `iface`, its name inside the package. */
  readonly name: string;
  /** The whole name, as `import` and `use` print it. */
  readonly path: string;
}

/** `name` split for WIT printing, or null when it is not an interface name. */
export function witInterfaceName(name: string): WitInterfaceName | null {
  const m = /^([^:/@<>=]+):([^:/@<>=]+)\/([^@<>=]+)(?:@(.+))?$/.exec(name);
  if (m === null) return null;
  const [, ns = '', pkg = '', iface = '', version] = m;
  const path = `${witIdent(ns)}:${witIdent(pkg)}/${witIdent(iface)}${version === undefined ? '' : `@${version}`}`;
  return { package: `${witIdent(ns)}:${witIdent(pkg)}${version === undefined ? '' : `@${version}`}`, name: iface, path };
}
