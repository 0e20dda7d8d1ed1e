// An import or export name split into the parts the Component Model gives it (Explainer.md
// "Import and Export Definitions"): a plain label, an annotated resource function, an interface
// name `ns:pkg/iface@version`, or one of the import-only dependency, URL and hash forms. The
// validator has already checked the grammar; this only takes valid names apart.

/** The parts of a component import or export name. */
export type ExternNameParts =
  | { readonly kind: 'label'; readonly label: string }
  /** `[constructor]r`, `[method]r.m`, `[static]r.m` (and their `async` forms); `item` is `r` for a constructor. */
  | { readonly kind: 'annotated'; readonly annotation: string; readonly resource: string; readonly item: string }
  | { readonly kind: 'interface'; readonly namespace: string; readonly package: string; readonly interface: string; readonly version: string | null }
  /** Dependency, URL and integrity names, kept whole. */
  | { readonly kind: 'other'; readonly name: string };

/** Takes the valid extern name `name` apart. */
export function externNameParts(name: string): ExternNameParts {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    const annotation = name.slice(1, close);
    const rest = name.slice(close + 1);
    const dot = rest.indexOf('.');
    if (dot < 0) return { kind: 'annotated', annotation, resource: rest, item: rest };
    return { kind: 'annotated', annotation, resource: rest.slice(0, dot), item: rest.slice(dot + 1) };
  }
  const interfaceName = /^([^:<>=]+):([^/<>=]+)\/([^@<>=]+)(?:@(.+))?$/.exec(name);
  if (interfaceName !== null) {
    const [, namespace = '', pkg = '', iface = '', version] = interfaceName;
    return { kind: 'interface', namespace, package: pkg, interface: iface, version: version ?? null };
  }
  if (/^[A-Za-z0-9-]+$/.test(name)) return { kind: 'label', label: name };
  return { kind: 'other', name };
}
