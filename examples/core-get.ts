/**
 * tablewright/core: a read-only handler that bundles small (≤ 8 KB gzip for a
 * get). The writer uses the full Table; the reader defines the same entity on
 * TableCore and reads the same items. Write features (compress, version,
 * timestamps) are refused by the core, never ignored.
 * Run: npx tsx examples/core-get.ts
 */
import { z } from 'zod';
import { Table } from '../src/index.js';
import { ConfigurationError, TableCore } from '../src/core.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  const declaration = { name: 'app', client: local.client, partitionKey: 'pk', sortKey: 'sk' } as const;
  const user = {
    schema: z.object({ id: z.string(), name: z.string(), joinedAt: z.date() }),
    keys: { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } },
  } as const;

  step('The writer (full Table) creates the table and stores a user');
  const table = new Table(declaration);
  await table.ensure();
  const joinedAt = new Date('2024-05-01T12:00:00.000Z');
  await table.entity('User', user).put({ id: '42', name: 'Ada', joinedAt });

  step('The reader (tablewright/core) gets it back typed and validated');
  const User = new TableCore(declaration).entity('User', user);
  const read = await User.get({ id: '42' });
  check('same item, Date restored', read, { id: '42', name: 'Ada', joinedAt });
  check('absent item is undefined', await User.get({ id: 'nobody' }), undefined);

  step('Write features belong to the full Table');
  const refused = (() => {
    try {
      new TableCore(declaration).entity('User', { ...user, version: true } as typeof user);
      return undefined;
    } catch (e) {
      return e;
    }
  })();
  console.log(`  ${(refused as Error).message}`);
  check('version is refused with ConfigurationError', refused instanceof ConfigurationError, true);

  console.log('core-get: all checks passed');
} finally {
  await local.stop();
}
