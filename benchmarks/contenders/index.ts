import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Contender } from './contender.js';
import { awsLite } from './aws-lite.js';
import { dynamoose } from './dynamoose.js';
import { electrodb } from './electrodb.js';
import { onetable } from './onetable.js';
import { documentClient, rawClient, rawClientZod } from './raw.js';
import { tablewright, tablewrightRow } from './tablewright.js';
import { toolbox } from './toolbox.js';

const DIRECT_DIR = fileURLToPath(new URL('../../src/transport/direct', import.meta.url));
// Variable specifier: the module may not exist on this branch (root typecheck must pass).
const DIRECT_MODULE = '../../src/transport/direct/direct-transport.js';

/** Every row, in report order. Rows whose peer is missing are skipped by the runner. */
export function contenders(): Contender[] {
  const rows: Contender[] = [rawClient, rawClientZod, documentClient, tablewright];
  if (existsSync(DIRECT_DIR)) {
    // tablewright-direct (issue 8): adjust this one line to the direct transport's final API.
    rows.push(tablewrightRow('tablewright-direct', async (client) => (await import(DIRECT_MODULE)).directTransport(client)));
  }
  rows.push(electrodb, toolbox, dynamoose, onetable, awsLite);
  return rows;
}

/** The peer package each non-core row needs. */
export const PEER_OF: Readonly<Record<string, string>> = {
  electrodb: 'electrodb',
  'dynamodb-toolbox': 'dynamodb-toolbox',
  dynamoose: 'dynamoose',
  onetable: 'dynamodb-onetable',
  'aws-lite': '@aws-lite/client',
};
