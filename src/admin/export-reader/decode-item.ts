/**
 * The one place the export reader touches the entity layer: which entity an
 * item belongs to, and decoding a stored item with that entity's schema
 * through the shared item reader (the same one `get` uses), so export lines
 * come back exactly as reads do. @internal
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import type { EntityModel } from '../../model/entity-model.js';

export type { EntityModel };
import { readStoredItem } from '../../model/item-reader.js';

/** Any entity (`table.entity(...)`, core or full) an export can be read into. */
export type AnyEntity = { readonly name: string; readonly schema: z.ZodType; readonly model: unknown };

/** The entity's name and validated item type, as a pair the reader yields. */
export type EntityItem<E> = E extends { readonly name: infer N; readonly schema: infer S extends z.ZodType } ? { readonly entity: N; readonly item: z.output<S> } : never;

/** The entity's compiled model. @internal */
export function modelOf(entity: AnyEntity): EntityModel {
  return (entity as { model: EntityModel }).model;
}

/** Decodes and validates a stored item as the entity's type (throws `ValidationError`). @internal */
export function decodeItem(model: EntityModel, item: Record<string, AttributeValue>): Record<string, unknown> {
  return readStoredItem(model, item);
}
