import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that run longest (JVMs started and stopped, child processes,
 * 10,000 writes), longest first, as measured in a full run on the 2-core
 * machine. vitest orders by the durations it cached in earlier runs; a fresh
 * clone (CI) has none and starts the largest files first, which left these
 * to start late and finish alone: the run's tail. Started first, they
 * overlap the many short files.
 */
export const SLOW_FIRST = [
  'test/batch/batch-write.test.ts',
  'test/cli/cli.test.ts',
  'test/examples/examples.test.ts',
  'test/testing/start-dynamodb-local.test.ts',
  'test/examples/examples-own-local.test.ts',
  'test/package/pack.test.ts',
  'test/types/messages.test.ts',
  'test/transport/region-router/failover.test.ts',
  'test/migrations/backfill-resume.test.ts',
  'test/streams/consumer-shards.test.ts',
  'test/limits/local-boundary.test.ts',
  'test/streams/consumer-local.test.ts',
  'test/testing/attach-dynamodb-local.test.ts',
];

/** vitest's order, with {@link SLOW_FIRST} moved to the front. */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(relative(root, file.moduleId).split('\\').join('/'));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    return ordered.map((file, i) => ({ file, i, rank: rank(file) })).sort((a, b) => a.rank - b.rank || a.i - b.i).map((e) => e.file);
  }
}
