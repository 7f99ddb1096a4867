// A tiny HTTP/1.1 keep-alive server answering every request with one canned
// body. Runs in its own process so its CPU never counts against the rows.
// Input (argv[2]): path of a JSON file { bodies: { [name]: string } }. One port per body.
// Prints one JSON line { ports: { [row]: port } } when listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const { bodies } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ports = {};
const servers = [];
await Promise.all(
  Object.entries(bodies).map(
    ([name, body]) =>
      new Promise((resolve) => {
        const bytes = Buffer.from(body, 'utf8');
        const headers = {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': String(bytes.length),
          'x-amzn-requestid': 'canned',
        };
        const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
          req.resume();
          req.on('end', () => {
            res.writeHead(200, headers);
            res.end(bytes);
          });
        });
        server.listen(0, '127.0.0.1', () => {
          ports[name] = server.address().port;
          servers.push(server);
          resolve();
        });
      }),
  ),
);
process.stdout.write(JSON.stringify({ ports }) + '\n');
// Dies with its parent: stdin closes when the parent exits.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
