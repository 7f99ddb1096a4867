import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigurationError } from '../../errors.js';

/**
 * Where an export's files are: an S3 bucket or a local folder that mirrors
 * one (e.g. after `aws s3 sync`). Keys are S3 keys (`<prefix>/AWSDynamoDB/<id>/…`).
 */
export interface ExportSource {
  /** For messages, e.g. `s3://bucket` or a folder path. */
  readonly label: string;
  /** The whole object (manifests: small). */
  read(key: string): Promise<Uint8Array>;
  /** The object as a byte stream (data files: streamed, never held whole). */
  open(key: string): Promise<Readable>;
}

/**
 * A local folder mirroring the export bucket: key `a/b.json.gz` is the file
 * `<root>/a/b.json.gz`. Keys that would escape the folder are refused.
 */
export function exportFolder(root: string): ExportSource {
  if (typeof root !== 'string' || root.length === 0) throw new ConfigurationError('exportFolder: root must be a folder path');
  const resolve = (key: string) => {
    const path = normalize(join(root, key));
    if (isAbsolute(key) || !(path + sep).startsWith(normalize(root + sep))) throw new ConfigurationError(`exportFolder: key ${JSON.stringify(key)} leaves the folder`);
    return path;
  };
  return {
    label: root,
    read: async (key) => new Uint8Array(await readFile(resolve(key))),
    open: async (key) => createReadStream(resolve(key)),
  };
}

/** What {@link exportBucket} needs of an `S3Client`: its `send`. Structural, so the types do not require `@aws-sdk/client-s3`. */
export interface S3ClientLike {
  /** Sends an S3 command. */
  send(command: never): Promise<unknown>;
}

/** Options of {@link exportBucket}. */
export interface ExportBucketOptions {
  /** Your S3 client (`@aws-sdk/client-s3`, an optional peer dependency). */
  readonly client: S3ClientLike;
  /** The export's `S3Bucket`. */
  readonly bucket: string;
  /** `S3BucketOwner`: the expected owner account, for another account's bucket. */
  readonly expectedOwner?: string;
}

/**
 * An S3 bucket read through your client. `@aws-sdk/client-s3` is loaded only
 * when the first object is read, so it stays an optional peer dependency.
 */
export function exportBucket(options: ExportBucketOptions): ExportSource {
  if (!options?.client || typeof options.bucket !== 'string' || options.bucket.length === 0) {
    throw new ConfigurationError('exportBucket: client and bucket are required');
  }
  const get = async (key: string): Promise<Readable> => {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const out = (await (options.client.send as (c: unknown) => Promise<{ Body?: unknown }>).call(
      options.client,
      new GetObjectCommand({ Bucket: options.bucket, Key: key, ...(options.expectedOwner && { ExpectedBucketOwner: options.expectedOwner }) }),
    )) as { Body?: unknown };
    return out.Body as Readable;
  };
  return {
    label: `s3://${options.bucket}`,
    open: get,
    read: async (key) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of await get(key)) chunks.push(chunk as Uint8Array);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
