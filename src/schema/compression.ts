import type { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { nodeZlib } from '../runtime/node-builtins.js';
import type { Converter } from './storage-codec.js';
import { kindOf } from './zod-def.js';

/** Compression of one attribute, with node:zlib. */
export type CompressionAlgorithm = 'brotli' | 'gzip' | 'zlib';

/** Per-attribute compression of an entity: `{ body: 'brotli' }`. Top-level, non-key attributes only. */
export type CompressionConfig<A extends string = string> = { readonly [P in A]?: CompressionAlgorithm };

/** Values of these kinds are stored as their UTF-8 text; any other value as its JSON text. */
const TEXT_KINDS = new Set(['string', 'enum', 'literal', 'template_literal']);
/** Kinds JSON cannot round-trip. */
const REFUSED_KINDS = new Set(['set', 'map', 'bigint', 'custom', 'file', 'promise', 'function', 'symbol', 'nan', 'undefined']);

// Brotli's default quality (11) costs ~10× the time for a few % of size; 5 is the usual web setting.
const brotliOptions = () => ({ params: { [nodeZlib().constants.BROTLI_PARAM_QUALITY]: 5 } });

// node:zlib is taken on first use (runtime/node-builtins.ts): most programs never compress.
const CODECS: Record<CompressionAlgorithm, { compress(b: Buffer): Buffer; decompress(b: Uint8Array): Buffer }> = {
  brotli: { compress: (b) => nodeZlib().brotliCompressSync(b, brotliOptions()), decompress: (b) => nodeZlib().brotliDecompressSync(b) },
  gzip: { compress: (b) => nodeZlib().gzipSync(b), decompress: (b) => nodeZlib().gunzipSync(b) },
  zlib: { compress: (b) => nodeZlib().deflateSync(b), decompress: (b) => nodeZlib().inflateSync(b) },
};

function compressWith(codec: (typeof CODECS)[CompressionAlgorithm], text: boolean, value: unknown): Uint8Array {
  const raw = text && typeof value === 'string' ? value : JSON.stringify(value);
  return new Uint8Array(codec.compress(Buffer.from(raw, 'utf8')));
}

/**
 * Compresses one attribute value exactly as the item write path does (same
 * text/JSON rule and codec), for updates that SET a whole compressed
 * attribute. `value` is in stored form (after date conversion); `null` and
 * `undefined` pass through (stored as NULL / removed, like on put).
 * @internal
 */
export function compressAttributeValue(schema: z.ZodType, algorithm: CompressionAlgorithm, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  return compressWith(CODECS[algorithm], TEXT_KINDS.has(kindOf(schema)), value);
}

/** Write and read converters for an entity's compressed attributes. @internal */
export interface CompiledCompression {
  readonly attributes: ReadonlyMap<string, CompressionAlgorithm>;
  /** Stored item → same item with compressed attributes as Binary (a copy). */
  readonly compress: Converter;
  /** Stored item → same item with compressed attributes restored (a copy). */
  readonly decompress: Converter;
}

/**
 * Validates a compression declaration at definition time and compiles its
 * converters. Compressed attributes are stored as Binary and turned back into
 * their value on read; an attribute read back that is not Binary (written
 * before compression was enabled) is passed through as is. Throws
 * {@link ConfigurationError} for unknown attributes, key attributes (keys must
 * stay comparable strings), unknown algorithms and kinds JSON cannot
 * round-trip (sets, maps, bigints, binaries).
 * @internal
 */
export function compileCompression(
  entity: string,
  shape: Readonly<Record<string, z.ZodType>>,
  config: CompressionConfig | undefined,
  keyAttributes: ReadonlySet<string>,
): CompiledCompression | undefined {
  if (!config) return undefined;
  const fail = (message: string): never => {
    throw new ConfigurationError(`Entity ${entity}: compress.${message}`);
  };
  const fields: Array<{ name: string; text: boolean; codec: (typeof CODECS)[CompressionAlgorithm] }> = [];
  const attributes = new Map<string, CompressionAlgorithm>();
  for (const [name, algorithm] of Object.entries(config)) {
    if (algorithm === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(CODECS, algorithm)) fail(`${name}: unknown algorithm "${String(algorithm)}" (use brotli, gzip or zlib)`);
    const field = shape[name];
    if (!field) fail(`${name}: the schema has no attribute "${name}"`);
    if (keyAttributes.has(name)) fail(`${name}: key attributes cannot be compressed (keys must stay readable, comparable strings)`);
    const kind = kindOf(field!);
    if (REFUSED_KINDS.has(kind)) fail(`${name}: a ${kind} cannot be compressed (it is stored as JSON, which would not round-trip)`);
    fields.push({ name, text: TEXT_KINDS.has(kind), codec: CODECS[algorithm] });
    attributes.set(name, algorithm);
  }
  if (fields.length === 0) return undefined;
  return {
    attributes,
    compress(value) {
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const { name, text, codec } of fields) {
        const v = out[name];
        if (v === undefined || v === null) continue;
        out[name] = compressWith(codec, text, v);
      }
      return out;
    },
    decompress(value) {
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const { name, text, codec } of fields) {
        const v = out[name];
        if (!(v instanceof Uint8Array)) continue;
        const raw = codec.decompress(v).toString('utf8');
        out[name] = text ? raw : JSON.parse(raw);
      }
      return out;
    },
  };
}
