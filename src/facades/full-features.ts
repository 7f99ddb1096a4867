import { compileCompression } from '../schema/compression.js';
import type { FeatureCompilers } from '../model/entity-model.js';
import { versioningExtension } from '../extensions/versioning/versioning-extension.js';
import { timestampsExtension } from '../extensions/timestamps/timestamps-extension.js';
import { writeTokenExtension } from '../extensions/write-token/write-token-extension.js';
import { ttlExtension } from '../extensions/ttl/ttl-extension.js';
import { schemaVersionExtension } from '../extensions/schema-version/schema-version-extension.js';

/**
 * The write features of the full entry (not `tablewright/core`): compression
 * (a storage codec) and the write extensions, in the order their hooks run.
 * `Entity` and `defineEntity` compile with them.
 * @internal
 */
export const FULL_FEATURES: FeatureCompilers = {
  compression: compileCompression,
  extensions: [ttlExtension, timestampsExtension, versioningExtension, writeTokenExtension, schemaVersionExtension],
};
