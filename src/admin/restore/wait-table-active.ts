import { DescribeTableCommand, type DescribeTableCommandOutput, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { controlSend } from '../control-plane/control-send.js';
import { pollUntil, type WaitOptions } from '../control-plane/poll.js';

/**
 * Polls a table by name until it, every GSI and any restore in progress are
 * done; `onState` sees each description read. @internal
 */
export function waitTableReady(
  client: DynamoDBClient,
  tableName: string,
  options: WaitOptions | undefined,
  onState?: (table: TableDescription) => void,
): Promise<TableDescription> {
  return pollUntil({
    waitingFor: `table ${tableName} ACTIVE`,
    read: async () =>
      (await controlSend<DescribeTableCommandOutput>(client, new DescribeTableCommand({ TableName: tableName }), {
        table: tableName,
        operation: 'DescribeTable',
      })).Table ?? {},
    done: (t) =>
      t.TableStatus === 'ACTIVE' &&
      (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE') &&
      t.RestoreSummary?.RestoreInProgress !== true,
    stateOf: (t) => t.TableStatus,
    onState,
    options,
  });
}
