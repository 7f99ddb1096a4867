import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeClustersRequest$ } from '@aws-sdk/client-dax';
import { shapeViolations } from './request-shape.js';

/**
 * TEST DOUBLE (the DAX control plane exists only in AWS) — a loopback server
 * answering `DescribeClusters` as the DAX API does: the AWS JSON 1.1
 * protocol (`X-Amz-Target: AmazonDAXV3.DescribeClusters`, JSON bodies,
 * `__type` errors), SigV4 scoped to the `dax` service and the client's
 * Region, and the request body checked against the `@aws-sdk/client-dax`
 * model (`DescribeClustersRequest$`): a request that breaks it gets
 * `InvalidParameterValueException`. An unknown cluster name gives
 * `ClusterNotFoundFault` (HTTP 400), as DAX answers for a named lookup.
 */
export interface DaxControlPlaneDouble {
  /** Point a `DAXClient`'s `endpoint` here. */
  readonly endpoint: string;
  /** Every request: its target and parsed body. */
  readonly requests: { target: string | undefined; body: unknown; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** One cluster the double knows, in the shape `DescribeClusters` returns. */
export interface DaxClusterFixture {
  readonly ClusterName: string;
  readonly Status: string;
  readonly ClusterEndpointEncryptionType?: 'NONE' | 'TLS';
  readonly ClusterDiscoveryEndpoint?: { readonly Address: string; readonly Port: number; readonly URL?: string };
}

export async function startDaxControlPlaneDouble(options: { region: string; clusters: readonly DaxClusterFixture[]; throttle?: number }): Promise<DaxControlPlaneDouble> {
  const requests: DaxControlPlaneDouble['requests'] = [];
  let throttles = options.throttle ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${requests.length}` });
        res.end(JSON.stringify(body));
      };
      const fault = (status: number, type: string, message: string) => reply(status, { __type: type, message });
      const target = req.headers['x-amz-target'] as string | undefined;
      const authorization = req.headers.authorization;
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        return fault(400, 'SerializationException', 'body is not JSON');
      }
      requests.push({ target, body, authorization });
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-amz-json-1.1') return fault(400, 'SerializationException', 'expected a POST of application/x-amz-json-1.1');
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
      if (!scope) return fault(403, 'MissingAuthenticationTokenException', 'request is not signed');
      if (scope[1] !== options.region || scope[2] !== 'dax') return fault(403, 'InvalidSignatureException', `credential scope ${scope[1]}/${scope[2]}, expected ${options.region}/dax`);
      if (target !== 'AmazonDAXV3.DescribeClusters') return fault(400, 'UnknownOperationException', `${target} is not served by this double`);
      const violations = shapeViolations(DescribeClustersRequest$, body);
      if (violations.length) return fault(400, 'InvalidParameterValueException', violations.join('; '));
      if (throttles > 0) {
        throttles--;
        return fault(400, 'ThrottlingException', 'Rate exceeded');
      }
      const names = body.ClusterNames as string[] | undefined;
      if (names) {
        const missing = names.find((n) => !options.clusters.some((c) => c.ClusterName === n.toLowerCase()));
        if (missing) return fault(400, 'ClusterNotFoundFault', `Cluster ${missing} not found.`);
      }
      const clusters = names ? options.clusters.filter((c) => names.some((n) => n.toLowerCase() === c.ClusterName)) : options.clusters;
      reply(200, { Clusters: clusters.map((c) => ({ ...c, ClusterArn: `arn:aws:dax:${options.region}:123456789012:cache/${c.ClusterName}`, TotalNodes: 3, ActiveNodes: 3 })) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
