import { OutdatedItemError } from '../../errors.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { attributeEquals, eitherCondition } from '../../expressions/item-conditions.js';
import type { WriteExtension, WriteExtensionFactory } from '../../model/write-extension.js';

/**
 * Schema versions as a write extension (entity option `versions`): every
 * stored form carries the current version in the table's
 * `schemaVersionAttribute`, and updates require an item already at that
 * version, since an in-place change would mix the current shape into an
 * older item. Reads migrate older items (the item reader does that).
 */
export const schemaVersionExtension: WriteExtensionFactory = {
  create({ table, config }): WriteExtension | undefined {
    const versions = config.versions as { readonly version: number } | undefined;
    if (versions === undefined) return undefined;
    const attribute = table.schemaVersionAttribute;
    const current = versions.version;
    const atCurrent: ConditionNode = attributeEquals(attribute, current);
    // Items written before the entity declared versions carry no attribute: they are version 1.
    const live: ConditionNode =
      current === 1 ? eitherCondition({ kind: 'exists', path: [attribute], negated: true }, atCurrent) : atCurrent;
    return {
      name: 'schema-version',
      attributes: [attribute],
      managedAttribute: (name) => (name === attribute ? `"${name}" holds the schema version: writes set it themselves` : undefined),
      storeItem(_call, stored) {
        stored[attribute] = current;
      },
      prepareUpdate(call) {
        call.live.push(live);
        // An upsert that creates the item stores the version; an existing item already has it.
        call.set[attribute] = current;
      },
      interpretFailure({ model, error }) {
        const stored = error.item?.[attribute] ?? (error.item ? 1 : undefined);
        if (typeof stored !== 'number' || stored >= current) return undefined;
        return new OutdatedItemError({ entity: model.name, key: error.key, item: error.item, storedVersion: stored, currentVersion: current, cause: error });
      },
    };
  },
};
