import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ExtraResult } from '../lib/report.js';

export interface ExtrasContext {
  readonly quick: boolean;
  /** Captured stored items per fixture (marshalled). */
  readonly items: Readonly<Record<string, Record<string, AttributeValue>>>;
  readonly log: (message: string) => void;
  readonly key: { readonly orgId: string; readonly userId: string };
}

export async function runExtras(_ctx: ExtrasContext): Promise<ExtraResult[]> {
  return [];
}
