/**
 * The component half of `npm start`: compile tools/examples/component/greeter.wat, print its
 * world as WIT, link its `host/greet` import to a JS function, call its `run` export with real
 * component values (strings, not pointers), use its `counter` resource (construct, call a
 * method through a borrow, drop it so the guest's destructor runs), then save and reload it and
 * do it all again.
 */
import { parse } from '@bytecodealliance/jco';
import { Component, component, Engine, Store } from '@tswasm/api';
import { componentWit } from '@tswasm/environ';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const greeterPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'component', 'greeter.wat');

/** Runs the component example, printing what it does. */
export async function runComponentExample(engine: Engine): Promise<void> {
  const bytes = await parse(readFileSync(greeterPath, 'utf8'));
  const started = performance.now();
  const greeter = Component.fromBinary(engine, bytes);
  console.log(`\ncomponent: tools/examples/component/greeter.wat (${bytes.length} bytes), compiled in ${(performance.now() - started).toFixed(2)} ms`);
  const world = componentWit(bytes);
  const worldStart = world.indexOf('world ');
  for (const line of world.slice(worldStart, world.indexOf('\n}', worldStart) + 2).split('\n')) console.log(`  ${line}`);

  const linker = new component.Linker<string[]>(engine);
  linker.instance('host').funcWrap<[string]>('greet', (store, name) => {
    store.data.push(name);
    return `hello, ${name}!`;
  });
  const call = (which: Component, label: string): void => {
    const store = new Store(engine, [] as string[]);
    const instance = linker.instantiate(store, which);
    const func = (name: string): component.Func => {
      const found = instance.getFunc(store, name);
      if (found === null) throw new Error(`the example component exports no ${name}`);
      return found;
    };
    console.log(`  ${label}: run("wörld") = ${JSON.stringify(func('run').call(store, ['wörld']))} (the host saw ${JSON.stringify(store.data)})`);
    const counter = func('[constructor]counter').call(store, [41]);
    if (!(counter instanceof component.ResourceAny)) throw new Error('the counter constructor returned no resource');
    const increment = func('[method]counter.increment');
    const counts = [increment.call(store, [counter]), increment.call(store, [counter])];
    const live = func('live-counters');
    const liveBefore = live.call(store, []);
    counter.resourceDrop(store);
    console.log(`  ${label}: new counter(41), increment() twice = ${counts.join(', ')}; live counters ${liveBefore}, after drop ${live.call(store, [])}`);
  };
  call(greeter, 'compiled');
  const artifact = greeter.serialize();
  call(Component.deserialize(engine, artifact), `reloaded from a ${artifact.length}-byte artifact`);
}
