import { DAXClient } from '@aws-sdk/client-dax';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { DaxClusterError, DaxClusterNotFoundError, resolveDaxEndpoint } from '../../src/dax.js';
import { startDaxControlPlaneDouble, type DaxControlPlaneDouble } from '../doubles/dax-control-plane.double.js';

const region = 'eu-west-1';
/** Letters, digits and single inner hyphens, a letter first, at most 20 characters. */
const wellFormedName = fc
  .tuple(fc.stringMatching(/^[a-zA-Z]$/), fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { maxLength: 4 }), fc.boolean())
  .map(([first, parts, hyphen]) => first + parts.join(hyphen ? '-' : ''))
  .filter((s) => s.length <= 20);
let double: DaxControlPlaneDouble;
let client: DAXClient;
const clientFor = (endpoint: string, maxAttempts?: number) =>
  new DAXClient({ endpoint, region, credentials: { accessKeyId: 'dax-test', secretAccessKey: 'dax-test' }, ...(maxAttempts && { maxAttempts }) });

beforeAll(async () => {
  double = await startDaxControlPlaneDouble({
    region,
    clusters: [
      { ClusterName: 'orders', Status: 'available', ClusterEndpointEncryptionType: 'NONE', ClusterDiscoveryEndpoint: { Address: 'orders.abc123.dax-clusters.eu-west-1.amazonaws.com', Port: 8111, URL: 'dax://orders.abc123.dax-clusters.eu-west-1.amazonaws.com' } },
      { ClusterName: 'secure', Status: 'available', ClusterEndpointEncryptionType: 'TLS', ClusterDiscoveryEndpoint: { Address: 'secure.abc123.dax-clusters.eu-west-1.amazonaws.com', Port: 9111 } },
      { ClusterName: 'fresh', Status: 'creating', ClusterEndpointEncryptionType: 'NONE' },
    ],
  });
  client = clientFor(double.endpoint);
});
afterAll(async () => {
  client.destroy();
  await double.close();
});

describe('resolveDaxEndpoint: a cluster name to its discovery endpoint (DescribeClusters)', () => {
  it('returns the discovery URL of a cluster, sent as one DescribeClusters of that name through your client', async () => {
    const before = double.requests.length;
    await expect(resolveDaxEndpoint('orders', { client })).resolves.toEqual({
      cluster: 'orders',
      url: 'dax://orders.abc123.dax-clusters.eu-west-1.amazonaws.com',
      address: 'orders.abc123.dax-clusters.eu-west-1.amazonaws.com',
      port: 8111,
      encrypted: false,
      status: 'available',
    });
    const sent = double.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ target: 'AmazonDAXV3.DescribeClusters', body: { ClusterNames: ['orders'] } });
    expect(sent[0]!.authorization).toContain(`/${region}/dax/aws4_request`);
  });

  it('builds a daxs:// URL for a TLS cluster whose endpoint has no URL field', async () => {
    await expect(resolveDaxEndpoint('secure', { client })).resolves.toMatchObject({ url: 'daxs://secure.abc123.dax-clusters.eu-west-1.amazonaws.com:9111', encrypted: true });
  });

  it('throws DaxClusterNotFoundError for an unknown name, and a retryable DaxClusterError while the cluster has no endpoint', async () => {
    const missing = await resolveDaxEndpoint('nosuch', { client }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DaxClusterNotFoundError);
    expect(missing).toMatchObject({ code: 'ClusterNotFoundFault', cluster: 'nosuch', retryable: false });
    const creating = await resolveDaxEndpoint('fresh', { client }).catch((e: unknown) => e);
    expect(creating).toBeInstanceOf(DaxClusterError);
    expect(creating).not.toBeInstanceOf(DaxClusterNotFoundError);
    expect(creating).toMatchObject({ code: 'ClusterNotAvailable', status: 'creating', retryable: true });
  });

  it('maps a control-plane error that outlasts the client retries to a typed retryable DaxClusterError (SDK error kept as cause)', async () => {
    const throttled = await startDaxControlPlaneDouble({ region, clusters: [], throttle: 5 });
    const once = clientFor(throttled.endpoint, 1);
    try {
      const error = await resolveDaxEndpoint('orders', { client: once }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DaxClusterError);
      expect(error).toMatchObject({ code: 'ThrottlingException', retryable: true, cause: { name: 'ThrottlingException' } });
    } finally {
      once.destroy();
      await throttled.close();
    }
  });

  it('refuses a malformed cluster name with ConfigurationError before any request (property)', async () => {
    const valid = (s: string) => /^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*$/.test(s) && s.length <= 20 && !s.endsWith('-');
    const before = double.requests.length;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[a-z][a-z0-9-]{0,25}$/)).filter((s) => !valid(s)),
        async (name) => {
          await expect(resolveDaxEndpoint(name, { client })).rejects.toBeInstanceOf(ConfigurationError);
        },
      ),
      { numRuns: 200 },
    );
    expect(double.requests.length).toBe(before);
    await expect(resolveDaxEndpoint('orders', {} as never)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('accepts every well-formed name: the double sees it in the request and answers ClusterNotFoundFault for unknown ones (property)', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedName.filter((s) => !['orders', 'secure', 'fresh'].includes(s)), async (name) => {
        const before = double.requests.length;
        await expect(resolveDaxEndpoint(name, { client })).rejects.toBeInstanceOf(DaxClusterNotFoundError);
        expect(double.requests.slice(before).map((r) => r.body)).toEqual([{ ClusterNames: [name] }]);
      }),
      { numRuns: 25 },
    );
  });
});
