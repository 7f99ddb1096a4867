import { ConfigurationError, TablewrightError } from '../../errors.js';
import { DaxClusterError, DaxClusterNotFoundError } from './dax-cluster-errors.js';

/**
 * The DAX control-plane client (`DAXClient` from `@aws-sdk/client-dax`),
 * typed structurally so tablewright's types never need that package.
 */
export interface DaxControlClientLike {
  /** Sends one command (`client.send(new DescribeClustersCommand(…))`). */
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Options of {@link resolveDaxEndpoint}: your control-plane client, or the Region to build one for. */
export type ResolveDaxEndpointOptions = (
  | {
      /** Your `DAXClient` (`@aws-sdk/client-dax`): its credentials, Region and middleware apply. */
      readonly client: DaxControlClientLike;
      readonly region?: undefined;
    }
  | {
      /** The cluster's Region: a `DAXClient` is built for it with the default credential chain, and destroyed afterwards. */
      readonly region: string;
      readonly client?: undefined;
    }
) & {
  /** Abort the request. */
  readonly abortSignal?: AbortSignal | undefined;
};

/** A DAX cluster's discovery endpoint, as `DescribeClusters` reports it. */
export interface DaxClusterEndpoint {
  /** The cluster name. */
  readonly cluster: string;
  /** What `new Dax({ region, endpoint })` takes: `dax://host:8111` (plain) or `daxs://host:9111` (TLS). */
  readonly url: string;
  /** The discovery endpoint's DNS name. */
  readonly address: string;
  /** Its port. */
  readonly port: number;
  /** The cluster encrypts its endpoint (TLS, `daxs://`). */
  readonly encrypted: boolean;
  /** The cluster's status (`available`, `modifying` …). */
  readonly status: string | undefined;
}

// CreateCluster's rules for ClusterName: 1–20 letters, digits or hyphens, a letter first, no trailing or double hyphen.
const CLUSTER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*$/;

interface DescribeClustersOutput {
  readonly Clusters?: readonly {
    readonly ClusterName?: string;
    readonly Status?: string;
    readonly ClusterEndpointEncryptionType?: string;
    readonly ClusterDiscoveryEndpoint?: { readonly Address?: string; readonly Port?: number; readonly URL?: string };
  }[];
}

/**
 * Resolves a DAX cluster name to its discovery endpoint with the control
 * plane's `DescribeClusters` (`@aws-sdk/client-dax`, an optional peer
 * loaded only here), for building the data-plane client by name instead of
 * copying the endpoint from the console.
 *
 * @throws `ConfigurationError` for a malformed cluster name (before any request) or when `@aws-sdk/client-dax` is not installed.
 * @throws {@link DaxClusterNotFoundError} when no cluster has that name.
 * @throws {@link DaxClusterError} for any other control-plane error, or `code: 'ClusterNotAvailable'` while the cluster has no endpoint yet.
 *
 * @example
 * ```ts
 * import { Dax } from '@amazon-dax-sdk/client-dax';
 * import { daxRouter, resolveDaxEndpoint } from 'tablewright/dax';
 *
 * const { url } = await resolveDaxEndpoint('orders-cache', { region: 'us-east-1' });
 * const dax = new Dax({ region: 'us-east-1', endpoint: url });
 * const transport = daxRouter({ dax, client });
 * ```
 */
export async function resolveDaxEndpoint(clusterName: string, options: ResolveDaxEndpointOptions): Promise<DaxClusterEndpoint> {
  if (typeof clusterName !== 'string' || clusterName.length > 20 || !CLUSTER_NAME.test(clusterName) || clusterName.endsWith('-')) {
    throw new ConfigurationError(
      `DAX cluster name ${JSON.stringify(clusterName)} is not valid: 1–20 letters, digits or hyphens, starting with a letter, no trailing or double hyphen`,
    );
  }
  if (options?.client === undefined && (typeof options?.region !== 'string' || options.region === '')) {
    throw new ConfigurationError('resolveDaxEndpoint needs a DAX control-plane `client` or a `region`');
  }
  const sdk = await loadDaxSdk();
  const owned = options.client ? undefined : (new sdk.DAXClient({ region: options.region }) as DaxControlClientLike & { destroy(): void });
  const client = options.client ?? owned!;
  let output: DescribeClustersOutput;
  try {
    const command = new sdk.DescribeClustersCommand({ ClusterNames: [clusterName] });
    output = (await client.send(command as never, options.abortSignal ? { abortSignal: options.abortSignal } : undefined)) as DescribeClustersOutput;
  } catch (error) {
    throw mapClusterError(error, clusterName);
  } finally {
    owned?.destroy();
  }
  const cluster = output.Clusters?.find((c) => c.ClusterName?.toLowerCase() === clusterName.toLowerCase());
  if (!cluster) throw new DaxClusterNotFoundError({ code: 'ClusterNotFoundFault', cluster: clusterName, message: `no DAX cluster named ${clusterName}` });
  const endpoint = cluster.ClusterDiscoveryEndpoint;
  if (!endpoint?.Address || endpoint.Port === undefined) {
    throw new DaxClusterError({
      code: 'ClusterNotAvailable',
      cluster: clusterName,
      status: cluster.Status,
      retryable: true,
      message: `DAX cluster ${clusterName} has no discovery endpoint yet (status ${cluster.Status ?? 'unknown'})`,
    });
  }
  const encrypted = cluster.ClusterEndpointEncryptionType === 'TLS' || endpoint.URL?.startsWith('daxs://') === true;
  const url = endpoint.URL ?? `${encrypted ? 'daxs' : 'dax'}://${endpoint.Address}:${endpoint.Port}`;
  return { cluster: clusterName, url, address: endpoint.Address, port: endpoint.Port, encrypted, status: cluster.Status };
}

interface DaxSdk {
  readonly DAXClient: new (config: { region: string | undefined }) => unknown;
  readonly DescribeClustersCommand: new (input: { ClusterNames: string[] }) => unknown;
}

async function loadDaxSdk(): Promise<DaxSdk> {
  try {
    return (await import('@aws-sdk/client-dax')) as unknown as DaxSdk;
  } catch (cause) {
    throw new ConfigurationError('resolveDaxEndpoint needs the optional peer dependency @aws-sdk/client-dax (npm install @aws-sdk/client-dax)', { cause });
  }
}

function mapClusterError(error: unknown, cluster: string): TablewrightError {
  if (error instanceof TablewrightError) return error;
  const e = error as { name?: string; message?: string; $retryable?: unknown };
  const code = e?.name ?? 'UnknownError';
  const message = `DescribeClusters ${cluster}: ${e?.message ?? String(error)}`;
  if (code === 'ClusterNotFoundFault') return new DaxClusterNotFoundError({ code, cluster, message, cause: error });
  const retryable = Boolean(e?.$retryable) || code === 'ThrottlingException' || code === 'ServiceUnavailable';
  return new DaxClusterError({ code, cluster, message, retryable, cause: error });
}
