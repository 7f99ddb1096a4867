import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/setup/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
    typecheck: { enabled: false },
    // Most files wait on DynamoDB Local or on child processes, not on the CPU: three workers keep two
    // cores busy (vitest's default on 2 cores is one worker, which left a core idle most of the run).
    maxWorkers: 3,
    // Files share a worker's module cache instead of importing the SDK, zod and tablewright afresh
    // (~0.6 s of CPU per file, 127 files). They share no state: each has its own access key (its own
    // namespace in DynamoDB Local) and tables, and none mocks modules or changes globals it keeps.
    isolate: false,
    // The long files start first (a fresh clone has no cached durations to order by).
    sequence: { sequencer: SlowFirstSequencer },
    // The SDK warns on every worker that Node 20 support ends in 2027; once is enough (README).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
