import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CPU_SOURCE } from './measure.js';

/** One row of `latest.json`. */
export interface RowResult {
  name: string;
  mode: string;
  opsPerSec: number;
  p50Us: number;
  p99Us: number;
  cpuUsPerOp: number;
  ratioToRaw: number | null;
}

/** A secondary measurement (query formatting, batch get, import time, bundle, type-check). */
export interface ExtraResult {
  measure: string;
  name: string;
  value: number;
  unit: string;
  ratio?: number | null;
  note?: string;
}

const rootRequire = createRequire(fileURLToPath(new URL('../../package.json', import.meta.url)));
const benchRequire = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));

function versionOf(name: string, require: NodeRequire): string {
  try {
    const main = require.resolve(name);
    let dir = main;
    for (let i = 0; i < 8; i++) {
      dir = dir.slice(0, dir.lastIndexOf('/'));
      try {
        const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      } catch {
        /* keep climbing */
      }
    }
  } catch {
    /* not installed */
  }
  return 'not installed';
}

export function environment() {
  const cpu = cpus();
  const tablewrightPkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return {
    machine: `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}`,
    node: process.version,
    cpuSource: CPU_SOURCE,
    versions: {
      tablewright: `${tablewrightPkg.version} (src)`,
      '@aws-sdk/client-dynamodb': versionOf('@aws-sdk/client-dynamodb', rootRequire),
      '@aws-sdk/lib-dynamodb': versionOf('@aws-sdk/lib-dynamodb', rootRequire),
      '@aws-sdk/util-dynamodb': versionOf('@aws-sdk/util-dynamodb', rootRequire),
      zod: versionOf('zod', rootRequire),
      electrodb: versionOf('electrodb', benchRequire),
      'dynamodb-toolbox': versionOf('dynamodb-toolbox', benchRequire),
      dynamoose: versionOf('dynamoose', benchRequire),
      'dynamodb-onetable': versionOf('dynamodb-onetable', benchRequire),
      '@aws-lite/client': versionOf('@aws-lite/client', benchRequire),
      '@aws-lite/dynamodb': versionOf('@aws-lite/dynamodb', benchRequire),
      esbuild: versionOf('esbuild', benchRequire),
    } as Record<string, string>,
  };
}

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function markdown(rows: RowResult[], extras: ExtraResult[], env: ReturnType<typeof environment>, args: { quick: boolean; date: string }): string {
  const lines: string[] = [];
  lines.push(`Run: ${args.date}${args.quick ? ' (--quick: few rounds, indicative only)' : ''}`);
  lines.push('');
  lines.push(`Machine: ${env.machine}; Node ${env.node}; CPU measured with ${env.cpuSource}.`);
  lines.push('');
  lines.push('Versions: ' + Object.entries(env.versions).map(([k, v]) => `${k} ${v}`).join(', ') + '.');
  lines.push('');
  lines.push('### Get by primary key (CPU µs/op = median over rounds; ratio = median over rounds of CPU ÷ raw-client CPU in the same round)');
  lines.push('');
  lines.push('| mode | row | CPU µs/op | ratio to raw-client | ops/s | p50 µs | p99 µs |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    lines.push(`| ${r.mode} | ${r.name} | ${fmt(r.cpuUsPerOp)} | ${r.ratioToRaw === null ? '–' : fmt(r.ratioToRaw, 2) + '×'} | ${fmt(r.opsPerSec, 0)} | ${fmt(r.p50Us)} | ${fmt(r.p99Us)} |`);
  }
  const measures = [...new Set(extras.map((e) => e.measure))];
  for (const measure of measures) {
    lines.push('');
    lines.push(`### ${measure}`);
    lines.push('');
    lines.push('| row | value | ratio | note |');
    lines.push('| --- | ---: | ---: | --- |');
    for (const e of extras.filter((x) => x.measure === measure)) {
      lines.push(`| ${e.name} | ${fmt(e.value, e.unit === 'bytes' ? 0 : 2)} ${e.unit} | ${e.ratio === undefined || e.ratio === null ? '–' : fmt(e.ratio, 2) + '×'} | ${e.note ?? ''} |`);
    }
  }
  return lines.join('\n') + '\n';
}
