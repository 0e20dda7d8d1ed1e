import { componentEmbed, componentNew, componentWit as wasmToolsWit, parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { ALL_SUPPORTED_FEATURES, ValidationError, componentWit, withFeatures } from '../../../src/index.js';
import { validateComponentBinary } from '../../../src/component/validator/validate-component.js';
import { WASI_TESTS_DIR, wasiComponents } from '../../support/wasi-components.js';

const FEATURES = withFeatures(ALL_SUPPORTED_FEATURES, {
  componentModelAsync: true,
  componentModelAsyncBuiltins: true,
  componentModelErrorContext: true,
  componentModelFixedLengthLists: true,
  componentModelMap: true,
});

const COMPONENT = `(component
  (import "test:io/types@1.2.0" (instance $io
    (export "res" (type $r (sub resource)))
    (type $l (list u8))
    (export "bytes" (type $b (eq $l)))
    (type $rec (record (field "a" u32) (field "b" string) (field "type" $b)))
    (export "point" (type $p (eq $rec)))
    (type $var (variant (case "none") (case "some" $p) (case "list" (list $p 4))))
    (export "choice" (type $c (eq $var)))
    (type $en (enum "red" "green"))
    (export "color" (type $e (eq $en)))
    (type $fl (flags "read" "write"))
    (export "perms" (type $f (eq $fl)))
    (type $m (map string u32))
    (export "table" (type $tb (eq $m)))
    (type $own (own $r))
    (type $borrow (borrow $r))
    (export "[constructor]res" (func (param "x" u32) (result $own)))
    (export "[method]res.get" (func (param "self" $borrow) (result (option $p))))
    (export "[static]res.make" (func (result (tuple $own $e))))
    (export "take" (func (param "c" $c) (param "f" $f) (param "t" $tb) (result (result $b (error $e)))))
    (export "poll" (func async (param "s" (stream u8)) (result (future string))))
  ))
  (alias export $io "res" (type $res))
  (alias export $io "point" (type $point))
  (import "test:io/user@1.2.0" (instance
    (export "pt" (type $pt (eq $point)))
    (export "res" (type $r (eq $res)))
    (export "find" (func (param "p" $pt)))
    (type $own (own $r))
    (export "open" (func (param "name" string) (result $own)))
  ))
  (import "env" (instance (export "get" (func (result (list (tuple string string)))))))
  (import "log" (func (param "msg" string))))`;

const GOLDEN = `package root:component;

world root {
  import test:io/types@1.2.0;
  import test:io/user@1.2.0;
  import env: interface {
    get: func() -> list<tuple<string, string>>;
  }
  import log: func(msg: string);
}

package test:io@1.2.0 {
  interface types {
    resource res {
      constructor(x: u32);
      get: func() -> option<point>;
      make: static func() -> tuple<res, color>;
    }

    type bytes = list<u8>;

    record point {
      a: u32,
      b: string,
      %type: bytes,
    }

    variant choice {
      none,
      some(point),
      %list(list<point, 4>),
    }

    enum color {
      red,
      green,
    }

    flags perms {
      read,
      write,
    }

    type table = map<string, u32>;

    take: func(c: choice, f: perms, t: table) -> result<bytes, color>;

    poll: async func(s: stream<u8>) -> future<string>;
  }

  interface user {
    use types.{point as pt, res};

    find: func(p: pt);

    open: func(name: string) -> res;
  }
}
`;

/** The `import x;`/`export x;` names and the inline `import x: ...` names of the world block. */
function worldNames(wit: string, direction: 'import' | 'export'): string[] {
  const world = wit.slice(wit.indexOf('world root {'), wit.indexOf('\n}\n'));
  const names: string[] = [];
  for (const line of world.split('\n')) {
    const m = new RegExp(`^  ${direction} (%?[^:;\\s]+(?::[^;\\s]+)?)(?:;|: )`).exec(line);
    if (m?.[1] !== undefined) names.push(m[1].replace(/^%/, ''));
  }
  return names;
}

/** The lines of \`wit\`, sorted: wit-component may order a re-encoded interface's items differently. */
function sortedLines(wit: string): string[] {
  return wit.split('\n').sort();
}

/** \`wit\` parsed by wit-parser and made into a component by wit-component (through jco). */
async function componentOfWit(wit: string): Promise<Uint8Array> {
  const core = await componentEmbed({ witSource: wit, dummy: true, world: 'root:component/root', features: { tag: 'all' } });
  return componentNew(core);
}

describe('componentWit', () => {
  it('prints interfaces, resources, type definitions and inline items as wasm-tools does', async () => {
    expect(componentWit(await parse(COMPONENT), FEATURES)).to.equal(GOLDEN);
  });

  it('prints WIT that wit-parser accepts and that encodes back to the same world', async () => {
    const wit = componentWit(await parse(COMPONENT), FEATURES);
    expect(sortedLines(componentWit(await componentOfWit(wit), FEATURES))).to.deep.equal(sortedLines(wit));
  });

  it('escapes keywords and prints a world-level type import', async () => {
    const bytes = await parse('(component (import "record" (type (sub resource))) (import "use" (func (param "type" (borrow 0)) (result u8))))');
    expect(componentWit(bytes, FEATURES)).to.equal('package root:component;\n\nworld root {\n  import %use: func(%type: borrow<%record>) -> u8;\n\n  resource %record;\n}\n');
  });

  it('prints exported functions and says when an item has no WIT form', async () => {
    const bytes = await parse('(component (import "c" (component)) (core module $m (func (export "f"))) (core instance $i (instantiate $m)) (func $f (canon lift (core func $i "f"))) (export "run" (func $f)))');
    expect(componentWit(bytes, FEATURES)).to.equal('package root:component;\n\nworld root {\n  // import c: a component has no WIT form\n\n  export run: func();\n}\n');
  });

  it('says which exports of an interface have no WIT form', async () => {
    const bytes = await parse('(component (import "a:b/c" (instance (export "f" (func)) (export "nested" (instance (export "g" (func)))))))');
    expect(componentWit(bytes, FEATURES)).to.equal(
      'package root:component;\n\nworld root {\n  import a:b/c;\n}\n\npackage a:b {\n  interface c {\n    f: func();\n\n    // nested: an instance has no WIT form\n  }\n}\n',
    );
  });

  it('elides an anonymous type whose text would grow exponentially', async () => {
    let wat = '(component (type $t0 (tuple u8 u8))';
    for (let i = 1; i <= 20; i++) wat += ` (type $t${i} (tuple $t${i - 1} $t${i - 1}))`;
    wat += ' (import "f" (func (param "x" $t20))))';
    const wit = componentWit(await parse(wat), FEATURES);
    expect(wit).to.contain('/* type too large to print */');
    expect(wit.length).to.be.lessThan(300_000);
  });

  it('throws the validation error of an invalid component', async () => {
    const bytes = await parse('(component (import "a" (func)) (import "a" (func)))');
    expect(() => componentWit(bytes, FEATURES)).to.throw(ValidationError, 'import name `a` conflicts with previous name `a`');
  });

  describe('on the Rust-built wasm32-wasip3 components of wasi-testsuite', () => {
    const files = wasiComponents().map((component) => component.path);

    it('finds them', function () {
      // The conformance folder lives outside the repository and may be absent on a checkout.
      if (!existsSync(WASI_TESTS_DIR)) this.skip();
      expect(files.length).to.be.greaterThan(10);
    });

    it('prints a world whose import and export lines are exactly the component\'s names', function () {
      if (files.length === 0) this.skip();
      for (const file of files) {
        const bytes = readFileSync(file);
        const validation = validateComponentBinary(bytes, FEATURES);
        const type = validation.types.get(validation.type);
        if (type.kind !== 'component') throw new Error('not a component type');
        const wit = componentWit(bytes, FEATURES);
        expect(worldNames(wit, 'import'), file).to.deep.equal([...type.imports.keys()]);
        expect(worldNames(wit, 'export'), file).to.deep.equal([...type.exports.keys()]);
        expect(wit, file).not.to.match(/resource-\d|type-\d|too large/);
      }
    });

    it('prints the same world block as wasm-tools (jco componentWit)', async function () {
      if (files.length === 0) this.skip();
      for (const file of files) {
        const bytes = readFileSync(file);
        const wit = componentWit(bytes, FEATURES);
        expect(wit.slice(0, wit.indexOf('\n}\n') + 3).trim(), file).to.equal((await wasmToolsWit(bytes)).trim());
      }
    });

    it('prints WIT that wit-parser accepts and that encodes back to the same lines', async function () {
      if (files.length === 0) this.skip();
      for (const file of files) {
        const wit = componentWit(readFileSync(file), FEATURES);
        expect(sortedLines(componentWit(await componentOfWit(wit), FEATURES)), file).to.deep.equal(sortedLines(wit));
      }
    });

    it('prints wasi:cli/environment@0.3.0 and wasi:cli/run@0.3.0 as WASI 0.3 defines them', function () {
      const file = files.find((f) => f.endsWith('/cli-env.wasm'));
      if (file === undefined) this.skip();
      const wit = componentWit(readFileSync(file), FEATURES);
      expect(wit).to.contain(
        'package wasi:cli@0.3.0 {\n  interface environment {\n    get-environment: func() -> list<tuple<string, string>>;\n\n    get-arguments: func() -> list<string>;\n\n    get-initial-cwd: func() -> option<string>;\n  }\n\n  interface run {\n    run: async func() -> result;\n  }\n}\n',
      );
    });

    it('turns types taken from other interfaces into uses', function () {
      const file = files.find((f) => f.endsWith('/http-service.wasm'));
      if (file === undefined) this.skip();
      const wit = componentWit(readFileSync(file), FEATURES);
      expect(wit).to.contain('  interface handler {\n    use types.{request, response, error-code};\n\n    handle: async func(request: request) -> result<response, error-code>;\n  }\n');
      expect(wit).to.contain('    type headers = fields;\n');
      expect(wit).to.contain('  interface stdout {\n    use wasi:io/streams@0.2.4.{output-stream};\n');
    });
  });
});
