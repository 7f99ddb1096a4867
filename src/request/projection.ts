import { ExpressionError } from '../errors.js';
import type { z } from 'zod';
import type { EntityModel } from '../model/entity-model.js';
import type { ExpressionContext } from '../expressions/expression-context.js';

const picked = new WeakMap<EntityModel, Map<string, z.ZodType>>();

/**
 * Builds a ProjectionExpression for top-level attributes. The entity type
 * attribute (and the TTL attribute) is always fetched so reads can still check
 * which entity an item is and whether it has expired.
 * @internal
 */
export function projectionExpression(model: EntityModel, attributes: readonly string[], ctx: ExpressionContext): string {
  for (const a of attributes) {
    if (!(a in model.shape)) throw new ExpressionError(`${model.name}: cannot project unknown attribute "${a}"`, a);
  }
  const names = new Set(attributes);
  names.add(model.table.entityTypeAttribute);
  if (model.table.ttlAttribute) names.add(model.table.ttlAttribute); // expired items are hidden even from projections
  if (model.versions) {
    // An older item is migrated whole, then picked: fetch what any version declares (read units are the same).
    names.add(model.versions.attribute);
    for (const step of model.versions.steps) for (const a of Object.keys(step.schema.shape)) names.add(a);
  }
  return [...names].map((n) => ctx.name(n)).join(', ');
}

/** The schema that validates a projected item (`schema.pick`), cached per attribute list. @internal */
export function projectedSchema(model: EntityModel, attributes: readonly string[]): z.ZodType {
  let cache = picked.get(model);
  if (!cache) picked.set(model, (cache = new Map()));
  const id = [...attributes].sort().join('\u0000');
  let schema = cache.get(id);
  if (!schema) {
    const mask: Record<string, true> = {};
    for (const a of attributes) {
      if (!(a in model.shape)) throw new ExpressionError(`${model.name}: cannot project unknown attribute "${a}"`, a);
      mask[a] = true;
    }
    schema = model.schema.pick(mask as never);
    cache.set(id, schema);
  }
  return schema;
}
