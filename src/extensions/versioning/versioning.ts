import type { z } from 'zod';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { attributeEquals, itemNotExists } from '../../expressions/item-conditions.js';
import { setAction, valueOperand, type UpdateAction } from '../../expressions/update-node.js';
import { kindOf } from '../../schema/zod-def.js';

/** Entity option `version`: `true` uses the attribute `version`. */
export type VersionConfig = boolean | { readonly attribute: string };

/** Resolved optimistic-locking settings of an entity. @internal */
export interface VersionModel {
  readonly attribute: string;
}

/**
 * Validates the `version` option. The attribute must be declared in the
 * schema as an optional number (`version: z.number().int().optional()`), so
 * reads return it typed and a put can pass back the version it read.
 * @internal
 */
export function resolveVersion(
  shape: Readonly<Record<string, z.ZodType>>,
  config: VersionConfig | undefined,
  fail: (message: string) => never,
): VersionModel | undefined {
  if (!config) return undefined;
  const attribute = config === true ? 'version' : config.attribute;
  const field = shape[attribute];
  if (!field) fail(`version attribute "${attribute}" must be declared in the schema, e.g. ${attribute}: z.number().int().optional()`);
  if (kindOf(field!) !== 'number') fail(`version attribute "${attribute}" must be a number in the schema`);
  const empty = field!.safeParse(undefined);
  if (!empty.success || empty.data !== undefined) {
    fail(`version attribute "${attribute}" must be optional without a default (new items have none yet)`);
  }
  return { attribute };
}

/**
 * The guard of a version-locked write: "require version N, set version N+1".
 * `expected === undefined` means the item must not exist yet (version 1 is
 * written). Update operations call this and add `SET <attribute> = next`.
 * @internal
 */
export function versionGuard(
  version: VersionModel,
  partitionKeyAttribute: string,
  expected: number | undefined,
): { readonly condition: ConditionNode; readonly next: number } {
  if (expected === undefined) return { condition: itemNotExists(partitionKeyAttribute), next: 1 };
  return { condition: attributeEquals(version.attribute, expected), next: expected + 1 };
}

/** `SET version = if_not_exists(version, 0) + 1`: unchecked, but still invalidates what others read. @internal */
export function versionIncrement(attribute: string): UpdateAction {
  return setAction([attribute], {
    kind: 'arithmetic',
    op: '+',
    left: { kind: 'ifNotExists', path: [attribute], fallback: valueOperand(0) },
    right: valueOperand(1),
  });
}

/**
 * Whether a condition failure was caused by the version: the current item
 * (ALL_OLD, unmarshalled) differs from what the write expected.
 * @internal
 */
export function isVersionMismatch(version: VersionModel, expected: number | undefined, current: Record<string, unknown> | undefined): boolean {
  if (expected === undefined) return current !== undefined;
  return current === undefined || current[version.attribute] !== expected;
}

/** The stored version of an unmarshalled item, if it has a numeric one. @internal */
export function storedVersion(version: VersionModel, item: Record<string, unknown> | undefined): number | undefined {
  const value = item?.[version.attribute];
  return typeof value === 'number' ? value : undefined;
}
