// Prints a component's type as a WIT document in the shape `wasm-tools component wit` gives
// (WIT.md; wit-component's printer): `package root:component;`, a `world root` with one line per
// import and export, then a `package ns:pkg@version { interface ... }` block for each package
// whose interfaces the world names. Types keep the names their instance exports give them; a type
// one interface takes from another (`(eq)` of an earlier interface's export, or the same
// resource) becomes a `use`; resource functions fold into their `resource` block.
//
// Output is deterministic: everything is printed in the component's import/export order.

import type { WasmFeatures } from '../../features/wasm-features.js';
import { WASM2_FEATURES } from '../../features/wasm-features.js';
import { assertNever } from '../../util/assert-never.js';
import type { ComponentEntityType, ComponentTypeId, ComponentValType, ResourceId } from '../types/component-types.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import { validateComponentBinary } from '../validator/validate-component.js';
import { externNameParts } from '../introspect/extern-name-parts.js';
import type { WitInterfaceName } from './wit-names.js';
import { witIdent, witInterfaceName } from './wit-names.js';

/** Structural renderings longer than this are elided: a hostile type DAG unfolds exponentially. */
const MAX_TYPE_TEXT = 1 << 16;
const TOO_LARGE = '/* type too large to print */';

/** A type an owner takes from another interface. */
interface UseSource {
  readonly owner: Owner;
  readonly name: string;
}

/** A type declared (or `use`d) by a world or interface, under `name`. */
interface TypeDecl {
  readonly name: string;
  readonly id: ComponentTypeId;
  readonly from: UseSource | null;
  /** The local resource this is another name of. */
  readonly sameAs: string | null;
}

/** The world, a named interface, or an inline (plain-named) instance: where types live. */
interface Owner {
  readonly kind: 'world' | 'interface' | 'inline';
  readonly iface: WitInterfaceName | null;
  readonly decls: TypeDecl[];
  readonly funcs: [string, ComponentTypeId][];
  readonly localTypes: Map<ComponentTypeId, string>;
  readonly localResources: Map<ResourceId, string>;
  /** `use` lists by source interface path: pairs of (their name, our name). */
  readonly uses: Map<string, { readonly source: Owner; readonly names: [string, string][] }>;
  readonly rendered: Map<ComponentTypeId, string>;
  /** Comment lines for exports WIT cannot express (nested instances, components, modules, values). */
  readonly unsupported: string[];
}

function newOwner(kind: Owner['kind'], iface: WitInterfaceName | null): Owner {
  return { kind, iface, decls: [], funcs: [], localTypes: new Map(), localResources: new Map(), uses: new Map(), rendered: new Map(), unsupported: [] };
}

/** How a function prints: a method without its `self`, a constructor without its own result. */
interface SignatureOptions {
  readonly skipSelf?: boolean;
  /** The resource type a constructor makes. */
  readonly constructorOf?: ComponentTypeId;
}

/** A line of the world's body: its import and export items. */
type WorldItem =
  | { readonly kind: 'interface'; readonly direction: 'import' | 'export'; readonly path: string }
  | { readonly kind: 'inline'; readonly direction: 'import' | 'export'; readonly name: string; readonly owner: Owner }
  | { readonly kind: 'func'; readonly direction: 'import' | 'export'; readonly name: string; readonly id: ComponentTypeId }
  | { readonly kind: 'unsupported'; readonly direction: 'import' | 'export'; readonly name: string; readonly what: string };

class WitPrinter {
  readonly #types: ComponentTypeList;
  readonly #globalTypes = new Map<ComponentTypeId, UseSource>();
  readonly #globalResources = new Map<ResourceId, UseSource>();
  readonly #world = newOwner('world', null);
  readonly #items: WorldItem[] = [];
  /** Named interfaces in order of first appearance, one per path. */
  readonly #interfaces = new Map<string, Owner>();

  constructor(types: ComponentTypeList) {
    this.#types = types;
  }

  #register(owner: Owner, name: string, id: ComponentTypeId): void {
    if (owner.localTypes.has(id)) return;
    const entry = this.#types.get(id);
    let from: UseSource | null = null;
    const origin = this.#types.aliasOf(id);
    let sameAs: string | null = null;
    if (entry.kind === 'resource') {
      const known = this.#globalResources.get(entry.id);
      if (known !== undefined && known.owner !== owner) from = known;
      // A second name for a local resource is `type b = a`.
      else if (known !== undefined && known.name !== name) sameAs = known.name;
    } else if (origin !== undefined) {
      const known = this.#globalTypes.get(origin);
      if (known !== undefined && known.owner !== owner) from = known;
    }
    owner.decls.push({ name, id, from, sameAs });
    owner.localTypes.set(id, name);
    if (!this.#globalTypes.has(id)) this.#globalTypes.set(id, { owner, name });
    if (entry.kind === 'resource') {
      owner.localResources.set(entry.id, name);
      if (!this.#globalResources.has(entry.id)) this.#globalResources.set(entry.id, { owner, name });
    } else if (from === null && origin !== undefined && !this.#globalTypes.has(origin)) {
      // An anonymous definition exported under `name`: references to it print the name too.
      owner.localTypes.set(origin, name);
      this.#globalTypes.set(origin, { owner, name });
    }
    if (from !== null) this.#addUse(owner, from, name);
  }

  #addUse(owner: Owner, source: UseSource, ours: string): void {
    if (source.owner.kind !== 'interface' || source.owner.iface === null) return;
    let list = owner.uses.get(source.owner.iface.path);
    if (list === undefined) {
      list = { source: source.owner, names: [] };
      owner.uses.set(source.owner.iface.path, list);
    }
    if (!list.names.some(([, mine]) => mine === ours)) list.names.push([source.name, ours]);
  }

  #fillOwner(owner: Owner, exports: ReadonlyMap<string, ComponentEntityType>): void {
    for (const [name, entity] of exports) {
      if (entity.kind === 'type') this.#register(owner, name, entity.id);
      else if (entity.kind === 'func') owner.funcs.push([name, entity.id]);
      else owner.unsupported.push(`// ${name}: ${noWitForm(entity.kind)} has no WIT form`);
    }
  }

  addItem(direction: 'import' | 'export', name: string, entity: ComponentEntityType): void {
    switch (entity.kind) {
      case 'instance': {
        const entry = this.#types.get(entity.id);
        if (entry.kind !== 'instance') return;
        const iface = witInterfaceName(name);
        if (iface !== null) {
          const owner = newOwner('interface', iface);
          this.#fillOwner(owner, entry.exports);
          if (!this.#interfaces.has(iface.path)) this.#interfaces.set(iface.path, owner);
          this.#items.push({ kind: 'interface', direction, path: iface.path });
        } else {
          const owner = newOwner('inline', null);
          this.#fillOwner(owner, entry.exports);
          this.#items.push({ kind: 'inline', direction, name, owner });
        }
        return;
      }
      case 'func': {
        const parts = externNameParts(name);
        if (parts.kind === 'annotated' && parts.annotation !== 'async') this.#world.funcs.push([name, entity.id]);
        else this.#items.push({ kind: 'func', direction, name: parts.kind === 'annotated' ? parts.item : name, id: entity.id });
        return;
      }
      case 'type':
        this.#register(this.#world, name, entity.id);
        return;
      case 'value':
      case 'component':
      case 'module':
        this.#items.push({ kind: 'unsupported', direction, name, what: noWitForm(entity.kind) });
        return;
      default:
        assertNever(entity);
    }
  }

  // ---- type references -------------------------------------------------------------------

  #ref(owner: Owner, type: ComponentValType | null): string {
    if (type === null) return '_';
    if (type.kind === 'primitive') return type.type;
    const local = owner.localTypes.get(type.id);
    if (local !== undefined) return witIdent(local);
    const known = this.#globalTypes.get(type.id);
    if (known !== undefined) {
      if (known.owner !== owner) this.#addUse(owner, known, known.name);
      return witIdent(known.name);
    }
    return this.#structural(owner, type.id);
  }

  #resourceName(owner: Owner, resource: ResourceId, id: ComponentTypeId): string {
    const local = owner.localTypes.get(id) ?? owner.localResources.get(resource);
    if (local !== undefined) return witIdent(local);
    const known = this.#globalTypes.get(id) ?? this.#globalResources.get(resource);
    if (known !== undefined) {
      if (known.owner !== owner) this.#addUse(owner, known, known.name);
      return witIdent(known.name);
    }
    return `resource-${resource}`;
  }

  /** The structure of the defined type `id` (never its own name), e.g. `list<u8>`. */
  #structural(owner: Owner, id: ComponentTypeId, forceOwn = false): string {
    const done = forceOwn ? undefined : owner.rendered.get(id);
    if (done !== undefined) return done;
    const entry = this.#types.get(id);
    if (entry.kind !== 'defined') return `type-${id}`;
    const d = entry.type;
    const inner = (t: ComponentValType | null): string => this.#ref(owner, t);
    let text: string;
    switch (d.kind) {
      case 'primitive':
        text = d.type;
        break;
      case 'record':
        text = `record { ${d.fields.map((f) => `${witIdent(f.name)}: ${inner(f.type)}`).join(', ')} }`;
        break;
      case 'variant':
        text = `variant { ${d.cases.map((c) => (c.type === null ? witIdent(c.name) : `${witIdent(c.name)}(${inner(c.type)})`)).join(', ')} }`;
        break;
      case 'enum':
        text = `enum { ${d.names.map(witIdent).join(', ')} }`;
        break;
      case 'flags':
        text = `flags { ${d.names.map(witIdent).join(', ')} }`;
        break;
      case 'list':
        text = d.length === null ? `list<${inner(d.element)}>` : `list<${inner(d.element)}, ${d.length}>`;
        break;
      case 'map':
        text = `map<${inner(d.key)}, ${inner(d.value)}>`;
        break;
      case 'tuple':
        text = `tuple<${d.types.map(inner).join(', ')}>`;
        break;
      case 'option':
        text = `option<${inner(d.type)}>`;
        break;
      case 'result':
        if (d.ok === null && d.err === null) text = 'result';
        else if (d.err === null) text = `result<${inner(d.ok)}>`;
        else text = `result<${inner(d.ok)}, ${inner(d.err)}>`;
        break;
      case 'own':
        text = forceOwn ? `own<${this.#resourceName(owner, d.resource, d.type)}>` : this.#resourceName(owner, d.resource, d.type);
        break;
      case 'borrow':
        text = `borrow<${this.#resourceName(owner, d.resource, d.type)}>`;
        break;
      case 'stream':
      case 'future':
        text = d.element === null ? d.kind : `${d.kind}<${inner(d.element)}>`;
        break;
      default:
        return assertNever(d);
    }
    if (text.length > MAX_TYPE_TEXT) text = TOO_LARGE;
    if (!forceOwn) owner.rendered.set(id, text);
    return text;
  }

  // ---- declarations ----------------------------------------------------------------------

  #funcSignature(owner: Owner, id: ComponentTypeId, options: SignatureOptions = {}): string {
    const skipSelf = options.skipSelf ?? false;
    const constructorOf = options.constructorOf ?? null;
    const entry = this.#types.get(id);
    if (entry.kind !== 'func') return 'func()';
    const params = (skipSelf ? entry.params.slice(1) : entry.params).map((p) => `${witIdent(p.name)}: ${this.#ref(owner, p.type)}`).join(', ');
    if (constructorOf !== null) {
      // A constructor's result is its own resource unless it is fallible (`-> result<r, e>`).
      const result = entry.result;
      const plain = result === null || (result.kind === 'defined' && this.#isOwnOf(result.id, constructorOf));
      return `constructor(${params})${plain ? '' : ` -> ${this.#ref(owner, result)}`}`;
    }
    const result = entry.result === null ? '' : ` -> ${this.#ref(owner, entry.result)}`;
    return `${entry.async ? 'async ' : ''}func(${params})${result}`;
  }

  #isOwnOf(id: ComponentTypeId, resourceType: ComponentTypeId): boolean {
    const entry = this.#types.get(id);
    const resource = this.#types.get(resourceType);
    return entry.kind === 'defined' && entry.type.kind === 'own' && resource.kind === 'resource' && entry.type.resource === resource.id;
  }

  #resourceDecl(owner: Owner, decl: TypeDecl): string[] {
    const funcs: string[] = [];
    for (const [name, id] of owner.funcs) {
      const parts = externNameParts(name);
      if (parts.kind !== 'annotated' || parts.resource !== decl.name) continue;
      const entry = this.#types.get(id);
      const isAsync = entry.kind === 'func' && entry.async;
      switch (parts.annotation) {
        case 'constructor':
          funcs.push(`${this.#funcSignature(owner, id, { constructorOf: decl.id })};`);
          break;
        case 'method':
        case 'async method':
        case 'static':
        case 'async static': {
          const isStatic = parts.annotation.endsWith('static');
          let signature = this.#funcSignature(owner, id, { skipSelf: !isStatic });
          if (parts.annotation.startsWith('async') && !isAsync) signature = `async ${signature}`;
          funcs.push(`${witIdent(parts.item)}: ${isStatic ? 'static ' : ''}${signature};`);
          break;
        }
        default:
          break;
      }
    }
    if (funcs.length === 0) return [`resource ${witIdent(decl.name)};`];
    return [`resource ${witIdent(decl.name)} {`, ...funcs.map((f) => `  ${f}`), '}'];
  }

  #typeDecl(owner: Owner, decl: TypeDecl): string[] {
    const entry = this.#types.get(decl.id);
    const name = witIdent(decl.name);
    if (entry.kind === 'resource') return decl.sameAs === null ? this.#resourceDecl(owner, decl) : [`type ${name} = ${witIdent(decl.sameAs)};`];
    if (entry.kind !== 'defined') return [`// type ${name}: not a value type`];
    const origin = this.#types.aliasOf(decl.id);
    const aliased = origin === undefined ? undefined : owner.localTypes.get(origin);
    if (aliased !== undefined && aliased !== decl.name) return [`type ${name} = ${witIdent(aliased)};`];
    const d = entry.type;
    const block = (keyword: string, lines: string[]): string[] => [`${keyword} ${name} {`, ...lines.map((l) => `  ${l},`), '}'];
    switch (d.kind) {
      case 'record':
        return block('record', d.fields.map((f) => `${witIdent(f.name)}: ${this.#ref(owner, f.type)}`));
      case 'variant':
        return block('variant', d.cases.map((c) => (c.type === null ? witIdent(c.name) : `${witIdent(c.name)}(${this.#ref(owner, c.type)})`)));
      case 'enum':
        return block('enum', d.names.map(witIdent));
      case 'flags':
        return block('flags', d.names.map(witIdent));
      case 'own':
        // `type a = own<r>` keeps the handle visible, as wit-component prints it.
        return [`type ${name} = ${this.#structural(owner, decl.id, true)};`];
      default:
        return [`type ${name} = ${this.#structural(owner, decl.id)};`];
    }
  }

  #usePath(owner: Owner, source: Owner): string {
    const iface = source.iface;
    if (iface === null) return '';
    return owner.iface !== null && owner.iface.package === iface.package ? witIdent(iface.name) : iface.path;
  }

  #useLines(owner: Owner): string[] {
    const lines: string[] = [];
    for (const { source, names } of owner.uses.values()) {
      const list = names.map(([theirs, ours]) => (theirs === ours ? witIdent(ours) : `${witIdent(theirs)} as ${witIdent(ours)}`)).join(', ');
      lines.push(`use ${this.#usePath(owner, source)}.{${list}};`);
    }
    return lines;
  }

  /** The body of an interface: `use`s, then types, then freestanding functions. */
  interfaceBody(owner: Owner): string[] {
    const items: string[][] = [];
    for (const decl of owner.decls) if (decl.from === null) items.push(this.#typeDecl(owner, decl));
    for (const [name, id] of owner.funcs) {
      const parts = externNameParts(name);
      if (parts.kind === 'annotated' && parts.annotation !== 'async') {
        if (owner.decls.some((d) => d.name === parts.resource && d.from === null)) continue;
      }
      const label = parts.kind === 'annotated' ? parts.item : name;
      items.push([`${witIdent(label)}: ${this.#funcSignature(owner, id)};`]);
    }
    if (owner.unsupported.length > 0) items.push(owner.unsupported);
    // Uses are known only once the body has been rendered: references may add some.
    const lines = this.#useLines(owner);
    for (const item of items) {
      if (lines.length > 0) lines.push('');
      lines.push(...item);
    }
    return lines;
  }

  /** The whole document. */
  print(): string {
    // Render everything first: references may add `use`s to the world, printed before its types.
    const imports: string[] = [];
    for (const item of this.#items) if (item.direction === 'import') imports.push(...this.#worldItem(item));
    const types: string[][] = [];
    for (const decl of this.#world.decls) if (decl.from === null) types.push(this.#typeDecl(this.#world, decl));
    const exports: string[] = [];
    for (const item of this.#items) if (item.direction === 'export') exports.push(...this.#worldItem(item));
    const world = [...imports, ...this.#useLines(this.#world)];
    for (const t of types) {
      if (world.length > 0) world.push('');
      world.push(...t);
    }
    if (exports.length > 0 && world.length > 0) world.push('');
    world.push(...exports);
    const out = ['package root:component;', '', 'world root {', ...indent(world), '}'];
    const packages = new Map<string, Owner[]>();
    for (const owner of this.#interfaces.values()) {
      const pkg = owner.iface?.package ?? '';
      const list = packages.get(pkg) ?? [];
      list.push(owner);
      packages.set(pkg, list);
    }
    for (const [pkg, owners] of packages) {
      const body: string[] = [];
      for (const owner of owners) {
        if (body.length > 0) body.push('');
        body.push(`interface ${witIdent(owner.iface?.name ?? '')} {`, ...indent(this.interfaceBody(owner)), '}');
      }
      out.push('', `package ${pkg} {`, ...indent(body), '}');
    }
    return out.map((l) => `${l}\n`).join('');
  }

  #worldItem(item: WorldItem): string[] {
    switch (item.kind) {
      case 'interface':
        return [`${item.direction} ${item.path};`];
      case 'inline':
        return [`${item.direction} ${witIdent(item.name)}: interface {`, ...indent(this.interfaceBody(item.owner)), '}'];
      case 'func':
        return [`${item.direction} ${witIdent(item.name)}: ${this.#funcSignature(this.#world, item.id)};`];
      case 'unsupported':
        return [`// ${item.direction} ${item.name}: ${item.what} has no WIT form`];
      default:
        return assertNever(item);
    }
  }
}

/** How a comment names an item kind that WIT cannot express. */
function noWitForm(kind: 'instance' | 'component' | 'module' | 'value'): string {
  switch (kind) {
    case 'instance':
      return 'an instance';
    case 'component':
      return 'a component';
    case 'module':
      return 'a core module';
    case 'value':
      return 'a value';
    default:
      return assertNever(kind);
  }
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? '' : `  ${l}`));
}

/** The WIT document of the component type `id` of the table `types`. */
function printComponentTypeWit(types: ComponentTypeList, id: ComponentTypeId): string {
  const entry = types.get(id);
  const printer = new WitPrinter(types);
  if (entry.kind === 'component') {
    for (const [name, e] of entry.imports) printer.addItem('import', name, e);
    for (const [name, e] of entry.exports) printer.addItem('export', name, e);
  }
  return printer.print();
}

/**
 * Validates the component `bytes` under `features` and prints its world as WIT.
 * @throws ValidationError when the component is malformed or invalid
 */
export function componentWit(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): string {
  const validation = validateComponentBinary(bytes, features);
  return printComponentTypeWit(validation.types, validation.type);
}
