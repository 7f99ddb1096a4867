import { NormalizedSchema } from '@smithy/core/schema';

/**
 * Checks a JSON request body against the AWS SDK's own model of the
 * operation's input (the static schemas `@aws-sdk/client-dynamodb` ships,
 * e.g. `UpdateTableInput$`): required members, member names, value types,
 * and that each union-like action (`{ Create | Update | Delete }`) sets
 * exactly one member. Returns one message per violation; empty when the
 * shape is what the SDK would send.
 */
export function shapeViolations(schema: unknown, value: unknown, path = '$', unions: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  visit(NormalizedSchema.of(schema as never), value, path, unions, out);
  return out;
}

function visit(s: NormalizedSchema, value: unknown, path: string, unions: ReadonlySet<string>, out: string[]): void {
  if (value === undefined || value === null) return;
  if (s.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return void out.push(`${path}: expected a structure`);
    const raw = s.getSchema() as unknown as unknown[];
    const names = raw[4] as string[];
    // Static structure schemas list required members first; element 6 counts them.
    const required = typeof raw[6] === 'number' ? raw[6] : 0;
    for (const name of names.slice(0, required)) {
      if ((value as Record<string, unknown>)[name] === undefined) out.push(`${path}.${name}: required`);
    }
    const members = s.getMemberSchemas();
    for (const [k, v] of Object.entries(value)) {
      const member = members[k];
      if (!member) out.push(`${path}.${k}: not a member of ${s.getName() ?? 'the structure'}`);
      else visit(member, v, `${path}.${k}`, unions, out);
    }
    const set = Object.values(value).filter((v) => v !== undefined && v !== null).length;
    if (unions.has(s.getName() ?? '') && set !== 1) out.push(`${path}: exactly one of ${names.join(' | ')} must be set (found ${set})`);
    return;
  }
  if (s.isListSchema()) {
    if (!Array.isArray(value)) return void out.push(`${path}: expected a list`);
    const item = s.getValueSchema();
    value.forEach((v, i) => visit(item, v, `${path}[${i}]`, unions, out));
    return;
  }
  if (s.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return void out.push(`${path}: expected a map`);
    for (const [k, v] of Object.entries(value)) visit(s.getValueSchema(), v, `${path}.${k}`, unions, out);
    return;
  }
  if (s.isStringSchema() && typeof value !== 'string') out.push(`${path}: expected a string`);
  else if (s.isNumericSchema() && typeof value !== 'number') out.push(`${path}: expected a number`);
  else if (s.isBooleanSchema() && typeof value !== 'boolean') out.push(`${path}: expected a boolean`);
}
