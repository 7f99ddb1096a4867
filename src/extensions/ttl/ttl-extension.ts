import { ConfigurationError, ValidationError } from '../../errors.js';
import { notExpired } from '../../expressions/item-conditions.js';
import { ifNotExistsOperand, removeAction, setAction, valueOperand, type UpdateAction } from '../../expressions/update-node.js';
import { REMOVED, UNKNOWN, type WriteExtension, type WriteExtensionFactory } from '../../model/write-extension.js';
import { compileTtl, ttlForWrite, type TtlConfig } from './ttl-model.js';
import { toTtlSeconds } from './ttl-value.js';

/**
 * TTL as a write extension (entity option `ttl`, per-call `expiresAt`):
 * puts store the expiry, updates move or recompute it, and an update counts
 * an expired item as gone (`includeExpired` opts out). Hiding expired items
 * on reads is the item reader's job (model/), so the core entry does it too.
 */
export const ttlExtension: WriteExtensionFactory = {
  option: 'ttl',
  create({ table, entity, shape, config }): WriteExtension {
    const ttl = compileTtl(table, entity, shape, config.ttl as TtlConfig | undefined);
    if (!ttl) {
      // No TTL attribute on the table: only refuse expiries nobody would store.
      return {
        name: 'ttl',
        attributes: [],
        storeItem(call) {
          const at = call.options.expiresAt;
          if (at !== undefined && at !== null) throw new ConfigurationError(`${entity}: expiresAt needs a table with ttlAttribute`);
        },
        plannedUpdate(call) {
          if (call.options.expiresAt !== undefined) throw new ConfigurationError(`${entity}: expiresAt needs a table with a ttlAttribute`);
          return undefined;
        },
      };
    }
    const attribute = ttl.attribute;
    return {
      name: 'ttl',
      attributes: [],
      storeItem(call, stored) {
        const seconds = ttlForWrite(ttl, call.parsed, call.now, entity, call.options.expiresAt);
        if (seconds !== undefined) stored[attribute] = seconds;
      },
      prepareUpdate(call) {
        // Expired items count as gone (reads hide them).
        if (!call.options.includeExpired) call.live.push(notExpired(attribute, call.now));
      },
      plannedUpdate(call, assigned): UpdateAction[] {
        const { expiresAt, upsert } = call.options;
        if (expiresAt !== undefined) {
          if (expiresAt === null) return [removeAction([attribute])];
          return [setAction([attribute], valueOperand(toTtlSeconds(expiresAt, call.now, { entity, attribute })))];
        }
        // The expiry follows a schema attribute: changing it recomputes the TTL.
        if (ttl.fromField !== undefined && assigned.has(ttl.fromField)) {
          const value = assigned.get(ttl.fromField);
          if (value === UNKNOWN) {
            throw new ValidationError({
              entity,
              key: call.key,
              issues: [{ path: [ttl.fromField], message: 'the expiry follows this attribute: set its new value explicitly so the TTL can be recomputed' }],
              direction: 'write',
            });
          }
          if (value === REMOVED || value === null || value === undefined) return [removeAction([attribute])];
          return [setAction([attribute], valueOperand(toTtlSeconds(value as Date | number, call.now, { entity, attribute: ttl.fromField })))];
        }
        // An upsert gives a created item the `ttl.after` expiry.
        if (upsert && ttl.afterMs !== undefined) {
          const seconds = toTtlSeconds({ after: ttl.afterMs }, call.now, { entity, attribute });
          return [setAction([attribute], ifNotExistsOperand([attribute], valueOperand(seconds)))];
        }
        return [];
      },
    };
  },
};
