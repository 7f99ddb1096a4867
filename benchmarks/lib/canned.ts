import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TMP_DIR = fileURLToPath(new URL('../.tmp', import.meta.url));

/** A running canned server (separate process): one port per captured body. */
export interface Canned {
  readonly ports: Readonly<Record<string, number>>;
  endpoint(name: string): string;
  stop(): void;
}

export async function startCanned(bodies: Record<string, string>): Promise<Canned> {
  mkdirSync(TMP_DIR, { recursive: true });
  const file = join(TMP_DIR, 'canned-bodies.json');
  writeFileSync(file, JSON.stringify({ bodies }));
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL('./canned-server.mjs', import.meta.url)), file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ports = await new Promise<Record<string, number>>((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`canned server exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve((JSON.parse(buffered.slice(0, newline)) as { ports: Record<string, number> }).ports);
    });
  });
  return {
    ports,
    endpoint(name) {
      const port = ports[name];
      if (!port) throw new Error(`no canned body for ${name}`);
      return `http://127.0.0.1:${port}`;
    },
    stop() {
      child.stdin!.end();
      child.kill();
    },
  };
}
