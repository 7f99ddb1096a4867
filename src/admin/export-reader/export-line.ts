import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { setOwn } from '../../marshalling/own-property.js';

/** A parsed line of a data file, still in AttributeValues. */
export type ExportLine =
  | { readonly kind: 'item'; readonly item: Record<string, AttributeValue> }
  | {
      readonly kind: 'change';
      readonly keys: Record<string, AttributeValue>;
      readonly newImage: Record<string, AttributeValue> | undefined;
      readonly oldImage: Record<string, AttributeValue> | undefined;
      /** `Metadata.WriteTimestampMicros` (epoch microseconds, DynamoDB's clock). */
      readonly writtenAtMicros: bigint;
    };

/**
 * Parses one DynamoDB JSON line: `{"Item":{…}}` for full exports,
 * `{"Metadata":{"WriteTimestampMicros":{"N":…}},"Keys":{…},"NewImage":…,"OldImage":…}`
 * for incremental ones. Binary values arrive base64-encoded and leave as
 * bytes, as the SDK would deliver them. Pure; throws on anything malformed.
 * @internal
 */
export function parseJsonLine(text: string, incremental: boolean): ExportLine {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (!value || typeof value !== 'object') throw new SyntaxError('a line must hold a JSON object');
  if (!incremental) {
    if (!('Item' in value)) throw new SyntaxError('a full-export line must hold "Item"');
    return { kind: 'item', item: reviveMap(value.Item, 'Item') };
  }
  const micros = (value.Metadata as { WriteTimestampMicros?: { N?: unknown } } | undefined)?.WriteTimestampMicros?.N;
  if (typeof micros !== 'string' || !/^\d+$/.test(micros)) throw new SyntaxError('an incremental line must hold Metadata.WriteTimestampMicros.N');
  return {
    kind: 'change',
    keys: reviveMap(value.Keys, 'Keys'),
    newImage: value.NewImage === undefined ? undefined : reviveMap(value.NewImage, 'NewImage'),
    oldImage: value.OldImage === undefined ? undefined : reviveMap(value.OldImage, 'OldImage'),
    writtenAtMicros: BigInt(micros),
  };
}

/** Checks an AttributeValue map's shape and turns base64 B/BS into bytes. @internal */
export function reviveMap(map: unknown, where: string): Record<string, AttributeValue> {
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new SyntaxError(`${where} must be an object of AttributeValues`);
  const out: Record<string, AttributeValue> = {};
  for (const name of Object.keys(map)) setOwn(out, name, revive((map as Record<string, unknown>)[name], `${where}.${name}`));
  return out;
}

function revive(value: unknown, where: string): AttributeValue {
  const keys = value && typeof value === 'object' ? Object.keys(value) : [];
  if (keys.length !== 1) throw new SyntaxError(`${where} must be an AttributeValue with exactly one type`);
  const type = keys[0]!;
  const v = (value as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
    case 'N':
      if (typeof v !== 'string') break;
      return value as AttributeValue;
    case 'BOOL':
      if (typeof v !== 'boolean') break;
      return value as AttributeValue;
    case 'NULL':
      if (v !== true) break;
      return value as AttributeValue;
    case 'SS':
    case 'NS':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) break;
      return value as AttributeValue;
    case 'B':
      if (typeof v !== 'string') break;
      return { B: new Uint8Array(Buffer.from(v, 'base64')) };
    case 'BS':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) break;
      return { BS: v.map((x: string) => new Uint8Array(Buffer.from(x, 'base64'))) };
    case 'M':
      return { M: reviveMap(v, where) };
    case 'L':
      if (!Array.isArray(v)) break;
      return { L: v.map((x, i) => revive(x, `${where}[${i}]`)) };
  }
  throw new SyntaxError(`${where}: malformed ${type} value`);
}
