import { startDynamoDBLocal } from '../testing/start-dynamodb-local.js';
import { EXIT } from './cli-error.js';
import { output, type GlobalOptions } from './output.js';

/** Options of `local`. */
export interface LocalOptions extends GlobalOptions {
  readonly port?: string;
  readonly sharedDb?: boolean;
}

/** `local`: starts DynamoDB Local, prints its endpoint, runs until interrupted (SIGINT/SIGTERM). */
export async function localCommand(options: LocalOptions): Promise<number> {
  const out = output(options);
  const port = options.port === undefined ? undefined : Number(options.port);
  const local = await startDynamoDBLocal({ port, sharedDb: options.sharedDb !== false });
  out.result(
    { endpoint: local.endpoint, port: local.port, region: 'us-east-1', sharedDb: options.sharedDb !== false },
    `DynamoDB Local is running at ${local.endpoint}\n` +
      `  new DynamoDBClient({ endpoint: '${local.endpoint}', region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })\n` +
      'Press Ctrl+C to stop.',
  );
  // Signal listeners alone do not keep Node running: hold it open until one arrives.
  const alive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(alive);
  await local.stop();
  out.info('DynamoDB Local stopped');
  return EXIT.ok;
}
