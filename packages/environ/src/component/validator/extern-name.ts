// The grammar of component import and export names (Explainer.md "Import and Export
// Definitions"): kebab-case labels, `[constructor]`/`[method]`/`[static]` annotations,
// `ns:pkg/iface@version` interface names, and the dependency, URL and hash names of imports.

/** Whether the name is an import's or an export's (imports accept more forms). */
export type ExternNameKind = 'import' | 'export';

const WORD = '[a-z][0-9a-z]*';
const ACRONYM = '[A-Z][0-9A-Z]*';
const FRAGMENT = `(?:${WORD}|${ACRONYM})`;
// Only the first fragment must start with a letter: `go-1` and `v-2D` are labels.
const LATER_FRAGMENT = '(?:[0-9a-z][0-9a-z]*|[0-9A-Z][0-9A-Z]*)';
const LABEL = `${FRAGMENT}(?:-${LATER_FRAGMENT})*`;
// Namespaces and packages are lower-case words only.
const WORDS = `${WORD}(?:-[0-9a-z]+)*`;
const LABEL_RE = new RegExp(`^${LABEL}$`);
const SEMVER =
  '(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)' +
  '(?:-(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?' +
  '(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?';
const INTERFACE_RE = new RegExp(`^${WORDS}:${WORDS}/${LABEL}(?:@${SEMVER})?$`);
const PKG = `${WORDS}:${WORDS}(?:/${LABEL})?`;
const HASH = 'integrity=<[^<>]*>';
const DEP_RE = new RegExp(
  `^(?:unlocked-dep=<${PKG}(?:@(?:\\*|\\{[^{}<>]*\\}))?>|locked-dep=<${PKG}(?:@${SEMVER})?>(?:,${HASH})?|url=<[^<>]*>(?:,${HASH})?|${HASH})$`,
);

/**
 * Checks `name` against the extern-name grammar and returns the key that decides uniqueness
 * ("strongly-unique": labels compare without case, and `[method]r.m` clashes with `r.m`).
 * Returns an error message instead when the name is invalid.
 */
export function checkExternName(name: string, kind: ExternNameKind): { readonly key: string } | { readonly error: string } {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    const annotation = close < 0 ? '' : name.slice(1, close);
    const rest = name.slice(close + 1);
    switch (annotation) {
      case 'constructor':
      case 'async':
        if (!LABEL_RE.test(rest)) return { error: `\`${rest}\` is not in kebab case` };
        return { key: annotation === 'constructor' ? `[constructor]${rest.toLowerCase()}` : rest.toLowerCase() };
      case 'method':
      case 'static':
      case 'async method':
      case 'async static': {
        const dot = rest.indexOf('.');
        if (dot < 0) return { error: 'failed to find `.` character' };
        const resource = rest.slice(0, dot);
        const item = rest.slice(dot + 1);
        if (!LABEL_RE.test(resource)) return { error: `\`${resource}\` is not in kebab case` };
        if (!LABEL_RE.test(item)) return { error: `\`${item}\` is not in kebab case` };
        return { key: `${resource}.${item}`.toLowerCase() };
      }
      default:
        return { error: `\`${name}\` is not a valid extern name` };
    }
  }
  if (LABEL_RE.test(name)) return { key: name.toLowerCase() };
  if (name.includes(':')) {
    if (INTERFACE_RE.test(name)) return { key: name };
    if (kind === 'import' && DEP_RE.test(name)) return { key: name };
    return { error: `\`${name}\` is not a valid extern name` };
  }
  if (kind === 'import' && DEP_RE.test(name)) return { key: name };
  if (name === '') return { error: '`` is not in kebab case' };
  return { error: `\`${name}\` is not in kebab case` };
}

/** Whether `name` is a kebab-case label (record fields, cases, flags, parameters). */
export function isKebabLabel(name: string): boolean {
  return LABEL_RE.test(name);
}
