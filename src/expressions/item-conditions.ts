import type { ConditionNode } from './condition-node.js';

/**
 * Node factories for the conditions tablewright puts on items itself
 * (existence, entity type, expiry, a bookkeeping value), so no file outside
 * expressions/ writes condition nodes by hand.
 */

/** `attribute_exists(<partition key>)`: the item exists. @internal */
export function itemExists(partitionKeyAttribute: string): ConditionNode {
  return { kind: 'exists', path: [partitionKeyAttribute], negated: false };
}

/** `attribute_not_exists(<partition key>)`: no item is stored under the key. @internal */
export function itemNotExists(partitionKeyAttribute: string): ConditionNode {
  return { kind: 'exists', path: [partitionKeyAttribute], negated: true };
}

/** `<attribute> = :value` on a top-level attribute. @internal */
export function attributeEquals(attribute: string, value: unknown): ConditionNode {
  return { kind: 'compare', op: '=', left: { kind: 'path', path: [attribute] }, right: { kind: 'value', value } };
}

/** `<entity type attribute> = :name` or `… IN (:a, :b…)`: the item belongs to one of these entities. @internal */
export function entityTypeIs(attribute: string, entities: readonly string[]): ConditionNode {
  if (entities.length === 1) return attributeEquals(attribute, entities[0]);
  return { kind: 'in', operand: { kind: 'path', path: [attribute] }, values: entities.map((value) => ({ kind: 'value', value })) };
}

/**
 * `attribute_not_exists(ttl) OR ttl > :now`: true for items that never
 * expire or have not expired yet; `now` (epoch ms) is frozen in the node.
 * @internal
 */
export function notExpired(ttlAttribute: string, nowMs: number): ConditionNode {
  const path = [ttlAttribute] as const;
  return {
    kind: 'or',
    conditions: [
      { kind: 'exists', path, negated: true },
      { kind: 'compare', op: '>', left: { kind: 'path', path }, right: { kind: 'value', value: Math.floor(nowMs / 1000) } },
    ],
  };
}

/** `undefined`, the one condition, or their AND. @internal */
export function allConditions(conditions: readonly (ConditionNode | undefined)[]): ConditionNode | undefined {
  const present = conditions.filter((c): c is ConditionNode => c !== undefined);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { kind: 'and', conditions: present };
}

/** `a AND b`. @internal */
export function bothConditions(a: ConditionNode, b: ConditionNode): ConditionNode {
  return { kind: 'and', conditions: [a, b] };
}

/** `a OR b`. @internal */
export function eitherCondition(a: ConditionNode, b: ConditionNode): ConditionNode {
  return { kind: 'or', conditions: [a, b] };
}
