import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ExportLine } from './export-line.js';
import { setOwn } from '../../marshalling/own-property.js';

/** The parts of `ion-js` this reader uses (an optional peer dependency, loaded when an ION export is read). */
export interface IonModule {
  load(text: string): unknown;
}

interface IonValue {
  getType(): { readonly name: string };
  getAnnotations(): string[];
  stringValue(): string | null;
  booleanValue(): boolean | null;
  bigIntValue(): bigint | null;
  decimalValue(): { toString(): string } | null;
  numberValue(): number | null;
  uInt8ArrayValue(): Uint8Array | null;
  elements(): IonValue[];
  fields(): Array<[string, IonValue]>;
  get(...path: string[]): IonValue | null;
}

/** Loads `ion-js` once per read. @internal */
export async function loadIon(): Promise<IonModule> {
  return (await import('ion-js')) as unknown as IonModule;
}

/**
 * Parses one ION line (`$ion_1_0 {Item:{…}}`, or `{Metadata:…,Keys:…,NewImage:…,OldImage:…}`
 * for incremental exports) into the same shape as a DynamoDB JSON line.
 * Mapping (per the export format): string→S, decimal/int→N, blob→B,
 * bool→BOOL, null→NULL, list→L, struct→M, lists annotated
 * `$dynamodb_SS`/`$dynamodb_NS`/`$dynamodb_BS` → sets. Throws on anything else.
 * @internal
 */
export function parseIonLine(ion: IonModule, text: string, incremental: boolean): ExportLine {
  const root = ion.load(text) as IonValue | null;
  if (!root || root.getType().name !== 'struct') throw new SyntaxError('an ION line must hold a struct');
  if (!incremental) {
    const item = root.get('Item');
    if (!item) throw new SyntaxError('a full-export line must hold Item');
    return { kind: 'item', item: struct(item, 'Item') };
  }
  const micros = root.get('Metadata', 'WriteTimestampMicros');
  // A plain Ion number, or a typed {N:…} as in DynamoDB JSON.
  const typed = micros?.getType().name === 'struct' ? micros.get('N') : micros;
  const microsText = typed ? (typed.getType().name === 'string' ? typed.stringValue()! : scalarNumber(typed)) : undefined;
  if (microsText === undefined || !/^\d+$/.test(microsText)) throw new SyntaxError('an incremental line must hold Metadata.WriteTimestampMicros');
  const keys = root.get('Keys');
  if (!keys) throw new SyntaxError('an incremental line must hold Keys');
  const newImage = root.get('NewImage');
  const oldImage = root.get('OldImage');
  return {
    kind: 'change',
    keys: struct(keys, 'Keys'),
    newImage: newImage ? struct(newImage, 'NewImage') : undefined,
    oldImage: oldImage ? struct(oldImage, 'OldImage') : undefined,
    writtenAtMicros: BigInt(microsText),
  };
}

function struct(value: IonValue, where: string): Record<string, AttributeValue> {
  if (value.getType().name !== 'struct') throw new SyntaxError(`${where} must be a struct`);
  const out: Record<string, AttributeValue> = {};
  for (const [name, v] of value.fields()) setOwn(out, name, attribute(v, `${where}.${name}`));
  return out;
}

function scalarNumber(value: IonValue): string | undefined {
  const type = value.getType().name;
  if (type === 'int') return value.bigIntValue()!.toString();
  if (type === 'decimal') return value.decimalValue()!.toString();
  return undefined;
}

function attribute(value: IonValue, where: string): AttributeValue {
  const type = value.getType().name;
  const [annotation] = value.getAnnotations();
  if (annotation !== undefined) {
    if (type !== 'list') throw new SyntaxError(`${where}: annotation ${annotation} on a ${type}`);
    const items = value.elements();
    if (annotation === '$dynamodb_SS') return { SS: items.map((x) => text(x, where)) };
    if (annotation === '$dynamodb_NS') return { NS: items.map((x) => number(x, where)) };
    if (annotation === '$dynamodb_BS') return { BS: items.map((x) => blob(x, where)) };
    throw new SyntaxError(`${where}: unknown annotation ${annotation}`);
  }
  switch (type) {
    case 'string':
      return { S: value.stringValue()! };
    case 'int':
    case 'decimal':
      return { N: number(value, where) };
    case 'blob':
      return { B: blob(value, where) };
    case 'bool':
      return { BOOL: value.booleanValue()! };
    case 'null':
      return { NULL: true };
    case 'list':
      return { L: value.elements().map((x, i) => attribute(x, `${where}[${i}]`)) };
    case 'struct':
      return { M: struct(value, where) };
  }
  throw new SyntaxError(`${where}: unsupported ION type ${type}`);
}

function text(value: IonValue, where: string): string {
  if (value.getType().name !== 'string') throw new SyntaxError(`${where}: a string set holds a ${value.getType().name}`);
  return value.stringValue()!;
}

function number(value: IonValue, where: string): string {
  const n = scalarNumber(value);
  if (n === undefined) throw new SyntaxError(`${where}: expected a decimal, got ${value.getType().name}`);
  return n;
}

function blob(value: IonValue, where: string): Uint8Array {
  if (value.getType().name !== 'blob') throw new SyntaxError(`${where}: expected a blob, got ${value.getType().name}`);
  return new Uint8Array(value.uInt8ArrayValue()!);
}
