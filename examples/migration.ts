/**
 * Schema evolution: a User entity moves from v1 (`name`) to v2 (`firstName`,
 * `lastName`, `plan`). Old items read as v2 at once (migrate-on-read); a
 * backfill then rewrites them at v2, resumable from its checkpoints, without
 * overwriting a write the application makes meanwhile.
 * Run: npx tsx examples/migration.ts
 */
import { z } from 'zod';
import { OutdatedItemError, Table, schemaVersions } from '../src/index.js';
import { backfill } from '../src/admin.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  const keys = { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } } as const;
  const UserV1 = z.object({ id: z.string(), name: z.string() });
  const UserV2 = z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), plan: z.enum(['free', 'pro']) });

  step('Yesterday\'s code writes v1 users');
  const before = new Table({ name: 'app', client: local.client, partitionKey: 'pk', sortKey: 'sk' });
  await before.ensure();
  const OldUser = before.entity('User', { schema: UserV1, keys });
  for (let i = 0; i < 50; i++) await OldUser.put({ id: `u${i}`, name: `Ada${i} Lovelace` });

  step('Today\'s code declares v2 and the migration from v1');
  const versions = schemaVersions(UserV1).next(UserV2, (u) => {
    const [firstName = '', ...rest] = u.name.split(' ');
    return { id: u.id, firstName, lastName: rest.join(' '), plan: 'free' as const };
  });
  const table = new Table({ name: 'app', client: local.client, partitionKey: 'pk', sortKey: 'sk' });
  const User = table.entity('User', { schema: UserV2, versions, keys });
  check('a v1 item reads as v2', await User.get({ id: 'u1' }), { id: 'u1', firstName: 'Ada1', lastName: 'Lovelace', plan: 'free' });

  step('Updates need the current version; a put of the migrated item stores it');
  const refused = await User.update({ id: 'u2' }, { set: { plan: 'pro' } }).catch((e: unknown) => e);
  check('update of a v1 item: OutdatedItemError', refused instanceof OutdatedItemError, true);
  await User.put({ ...(await User.get({ id: 'u2' }))!, plan: 'pro' }); // the application's own write

  step('A dry run counts, then the backfill rewrites the rest');
  const dry = await backfill(User, { id: 'users-v2', dryRun: true });
  check('dry run: 49 would be rewritten', dry.rewritten, 49);
  const events: number[] = [];
  const report = await backfill(User, { id: 'users-v2', writeUnitsPerSecond: 500, onProgress: (p) => events.push(p.rewritten) });
  check('rewritten, none failed', [report.rewritten, report.failed], [49, 0]);
  check('progress events seen', events.length > 0, true);
  check("the application's write is kept", (await User.get({ id: 'u2' }))?.plan, 'pro');

  step('Running it again resumes from the checkpoints: nothing left to do');
  const again = await backfill(User, { id: 'users-v2' });
  check('already done', [again.segmentsDone, again.segments], [8, 8]);
  const updated = await User.update({ id: 'u3' }, { set: { plan: 'pro' } }, { returnValues: 'ALL_NEW' });
  check('updates work on backfilled items', updated.plan, 'pro');
} finally {
  await local.stop();
}
