import type * as Crypto from 'node:crypto';
import type * as Zlib from 'node:zlib';
import { ConfigurationError } from '../errors.js';

// A static `import` of a builtin builds its ESM facade while tablewright is
// imported (≈0.9 ms for node:crypto, ≈0.2 ms for node:zlib on the bench
// machine): too much of the cold-start budget for code most programs never
// run (cursor signing, compression). These take the module on first use.

let crypto: typeof Crypto | undefined;
let zlib: typeof Zlib | undefined;

/** `node:crypto`, loaded on first use. @internal */
export function nodeCrypto(): typeof Crypto {
  return (crypto ??= builtin('node:crypto') as typeof Crypto);
}

/** `node:zlib`, loaded on first use. @internal */
export function nodeZlib(): typeof Zlib {
  return (zlib ??= builtin('node:zlib') as typeof Zlib);
}

function builtin(id: string): unknown {
  if (typeof process.getBuiltinModule !== 'function') {
    throw new ConfigurationError(`tablewright needs Node.js 20.16 or later (process.getBuiltinModule); this is ${process.version}`);
  }
  return process.getBuiltinModule(id);
}
