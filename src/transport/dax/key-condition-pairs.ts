import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const EQUALITY = /(#[\w]+|[A-Za-z_][\w.]*)\s*=\s*(:[\w]+)|(:[\w]+)\s*=\s*(#[\w]+|[A-Za-z_][\w.]*)/g;

/**
 * The `name = :value` comparisons of a key condition, resolved through its
 * placeholders: the partition key's equality is one of them (the sort key's
 * may be another). `undefined` when none can be read (the caller then treats
 * the whole table as the partition).
 * @internal
 */
export function keyConditionPairs(input: {
  readonly KeyConditionExpression?: string | undefined;
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue> | undefined;
}): { readonly name: string; readonly value: AttributeValue }[] | undefined {
  const expression = input.KeyConditionExpression;
  if (!expression) return undefined;
  const out: { name: string; value: AttributeValue }[] = [];
  for (const m of expression.matchAll(EQUALITY)) {
    const rawName = m[1] ?? m[4]!;
    const rawValue = m[2] ?? m[3]!;
    const name = rawName.startsWith('#') ? input.ExpressionAttributeNames?.[rawName] : rawName;
    const value = input.ExpressionAttributeValues?.[rawValue];
    if (name === undefined || value === undefined) return undefined;
    out.push({ name, value });
  }
  return out.length > 0 ? out : undefined;
}
