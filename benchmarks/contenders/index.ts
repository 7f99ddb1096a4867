import { directTransport } from '../../src/index.js';
import type { Contender } from './contender.js';
import { awsLite } from './aws-lite.js';
import { dynamoose } from './dynamoose.js';
import { electrodb } from './electrodb.js';
import { onetable } from './onetable.js';
import { documentClient, rawClient, rawClientZod } from './raw.js';
import { tablewright, tablewrightRow } from './tablewright.js';
import { toolbox } from './toolbox.js';

/** Every row, in report order. Rows whose peer is missing are skipped by the runner. */
export function contenders(): Contender[] {
  // tablewright-direct (issue 8) sends through the client's own request handler, so it runs in stub mode too.
  const direct = tablewrightRow('tablewright-direct', (client) => directTransport(client));
  return [rawClient, rawClientZod, documentClient, tablewright, direct, electrodb, toolbox, dynamoose, onetable, awsLite];
}

/** The peer package each non-core row needs. */
export const PEER_OF: Readonly<Record<string, string>> = {
  electrodb: 'electrodb',
  'dynamodb-toolbox': 'dynamodb-toolbox',
  dynamoose: 'dynamoose',
  onetable: 'dynamodb-onetable',
  'aws-lite': '@aws-lite/client',
};
