import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOW_FIRST } from '../setup/slow-first-sequencer.js';

describe('the slow-first test order', () => {
  it('names test files that exist, each once', () => {
    const root = resolve(__dirname, '../..');
    expect(SLOW_FIRST.filter((file) => !existsSync(resolve(root, file)))).toEqual([]);
    expect(new Set(SLOW_FIRST).size).toBe(SLOW_FIRST.length);
  });
});
