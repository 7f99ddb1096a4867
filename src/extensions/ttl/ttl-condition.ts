import type { ConditionNode } from '../../expressions/condition-node.js';
import type { TtlModel } from './ttl-model.js';

/**
 * `attribute_not_exists(ttl) OR ttl > :now` — true for items that never
 * expire or have not expired yet. Used as a filter on queries and scans (so
 * expired items cost no client work and pages stay correct) and as a write
 * condition. `now` is frozen when the node is built.
 * @internal
 */
export function notExpiredNode(ttl: Pick<TtlModel, 'attribute'>, nowMs: number): ConditionNode {
  const path = [ttl.attribute] as const;
  return {
    kind: 'or',
    conditions: [
      { kind: 'exists', path, negated: true },
      { kind: 'compare', op: '>', left: { kind: 'path', path }, right: { kind: 'value', value: Math.floor(nowMs / 1000) } },
    ],
  };
}
