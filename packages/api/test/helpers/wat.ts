import { parse } from '@bytecodealliance/jco';
import { Engine, Module } from '../../src/index.js';

/** Compiles WAT text for tests. */
export async function wat(engine: Engine, text: string): Promise<Module> {
  return Module.fromBinary(engine, await parse(text));
}
