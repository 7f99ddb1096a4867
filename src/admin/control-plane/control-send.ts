import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBError, TableNotFoundError, TablewrightError } from '../../errors.js';

/** What a control-plane call is about, for its errors. */
export interface ControlContext {
  /** The table the call is about. */
  readonly table: string;
  /** The operation, e.g. `'CreateBackup'`. */
  readonly operation: string;
}

type Command = Parameters<DynamoDBClient['send']>[0];
/** Any SDK command object (`new CreateBackupCommand(input)` …). */
export type ControlCommand = { readonly input: object; readonly middlewareStack: unknown };

/**
 * Sends one control-plane command through the user's client (so their
 * middleware, credentials and retries apply) and maps its errors to the
 * tablewright hierarchy: a missing table to {@link TableNotFoundError},
 * anything else to {@link DynamoDBError} with the AWS code and the original
 * as `cause`. Admin actions call only this, never `client.send` directly.
 * @internal
 */
export async function controlSend<O>(client: DynamoDBClient, command: ControlCommand, context: ControlContext): Promise<O> {
  try {
    return (await client.send(command as unknown as Command)) as O;
  } catch (error) {
    throw mapControlError(error, context);
  }
}

/** Maps a control-plane SDK error; tablewright errors pass through. @internal */
export function mapControlError(error: unknown, context: ControlContext): TablewrightError {
  if (error instanceof TablewrightError) return error;
  const e = error as { name?: string; message?: string; $retryable?: unknown };
  const code = e?.name ?? 'UnknownError';
  if (code === 'ResourceNotFoundException' || code === 'TableNotFoundException') return new TableNotFoundError(context.table, { cause: error });
  return new DynamoDBError({
    code,
    message: `${context.operation} on ${context.table}: ${e?.message ?? String(error)}`,
    retryable: Boolean(e?.$retryable) || code === 'LimitExceededException' || code === 'ThrottlingException',
    cause: error,
  });
}
