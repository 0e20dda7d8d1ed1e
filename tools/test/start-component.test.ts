import { expect } from 'chai';
import { Engine } from '@tswasm/api';
import { runComponentExample } from '../src/start/start-component.js';

describe('npm start: the component example', () => {
  it('greets through the host import and uses the counter resource, compiled and reloaded', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]): void => {
      lines.push(args.join(' '));
    };
    try {
      await runComponentExample(new Engine());
    } finally {
      console.log = log;
    }
    const greetings = lines.filter((line) => line.includes('run("wörld") = "hello, wörld!" (the host saw ["wörld"])'));
    const counters = lines.filter((line) => line.includes('increment() twice = 42, 43; live counters 1, after drop 0'));
    expect(greetings).to.have.length(2);
    expect(counters).to.have.length(2);
    expect(counters[1]).to.match(/^ {2}reloaded from a \d+-byte artifact/);
  });
});
