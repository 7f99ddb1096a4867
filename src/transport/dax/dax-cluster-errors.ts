import { TablewrightError } from '../../errors.js';

/**
 * Resolving a DAX cluster's discovery endpoint failed: `code` is the DAX
 * control plane's error name (`InvalidParameterValueException`,
 * `ServiceLinkedRoleNotFoundFault` …), or `ClusterNotAvailable` when the
 * cluster exists but has no discovery endpoint yet (still `creating`).
 */
export class DaxClusterError extends TablewrightError {
  override readonly name: string = 'DaxClusterError';
  /** The AWS error name, or `ClusterNotAvailable`. */
  readonly code: string;
  /** The cluster name asked for. */
  readonly cluster: string;
  /** The cluster's status when it was found (`creating`, `available` …). */
  readonly status: string | undefined;
  /** Whether asking again may succeed (throttling, a cluster still being created). */
  readonly retryable: boolean;
  constructor(args: { code: string; cluster: string; message: string; status?: string | undefined; retryable?: boolean; cause?: unknown }) {
    super(`${args.code}: ${args.message}`, { cause: args.cause });
    this.code = args.code;
    this.cluster = args.cluster;
    this.status = args.status;
    this.retryable = args.retryable ?? false;
  }
}

/** No DAX cluster of that name in the client's account and Region (`ClusterNotFoundFault`). */
export class DaxClusterNotFoundError extends DaxClusterError {
  override readonly name: string = 'DaxClusterNotFoundError';
}
