import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let defaults: readonly string[] | undefined;

/** What a freshly constructed `DynamoDBClient` carries (computed once per process). */
function defaultMiddleware(): readonly string[] {
  if (!defaults) {
    const probe = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' } });
    defaults = probe.middlewareStack.identify();
    probe.destroy();
  }
  return defaults;
}

/**
 * Middleware on `client` that a default client does not have — what the
 * direct transport would skip. Compared as a multiset of
 * `middlewareStack.identify()` entries (`name - step`), so a user middleware
 * that reuses a default name but sits in another step is still reported.
 * @internal
 */
export function addedMiddleware(client: DynamoDBClient): string[] {
  const remaining = new Map<string, number>();
  for (const entry of defaultMiddleware()) remaining.set(entry, (remaining.get(entry) ?? 0) + 1);
  const added: string[] = [];
  for (const entry of client.middlewareStack.identify()) {
    const left = remaining.get(entry) ?? 0;
    if (left > 0) remaining.set(entry, left - 1);
    else added.push(entry);
  }
  return added;
}
