import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * `npm run typecheck` proves that every `// @ts-expect-error` line of the
 * type tests fails to compile; this proves it fails for the right reason.
 * A line marked `// @ts-expect-error says: <text>` must produce a compiler
 * error whose message contains <text>: the type tests are compiled with
 * those markers switched off and the diagnostics of the marked statement
 * (up to the next blank or comment line) are read.
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '../..');
const MARK = '// @ts-expect-error says: ';

interface Expectation {
  readonly file: string;
  /** 0-based lines of the statement the marker applies to. */
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

function expectations(file: string, source: string): Expectation[] {
  const lines = source.split('\n');
  const out: Expectation[] = [];
  lines.forEach((line, i) => {
    const at = line.indexOf(MARK);
    if (at < 0) return;
    let to = i + 1;
    while (to + 1 < lines.length && lines[to + 1]!.trim() !== '' && !lines[to + 1]!.trim().startsWith('//')) to++;
    out.push({ file, from: i + 1, to, text: line.slice(at + MARK.length).trim() });
  });
  return out;
}

/** The public entries (package.json `exports`). */
const ENTRIES = ['index.ts', 'core.ts', 'admin.ts', 'dax.ts', 'streams.ts', 'testing/index.ts'].map((f) => join(ROOT, 'src', f).replaceAll('\\', '/'));

let programOnce: ts.Program | undefined;
function program(files: readonly string[]): ts.Program {
  if (programOnce) return programOnce;
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  // The marked lines' errors are no longer suppressed: the marker becomes a plain comment.
  host.readFile = (name) => {
    const text = readFile(name);
    return text !== undefined && files.includes(name) ? text.replaceAll(MARK, '// expected: ') : text;
  };
  programOnce = ts.createProgram({ rootNames: [...files, ...ENTRIES], options: config.options, host });
  return programOnce;
}

function compile(files: readonly string[]): Map<string, ts.Diagnostic[]> {
  const p = program(files);
  const out = new Map<string, ts.Diagnostic[]>();
  for (const file of files) out.set(file, [...p.getSemanticDiagnostics(p.getSourceFile(file)), ...p.getSyntacticDiagnostics(p.getSourceFile(file))]);
  return out;
}

const isInternal = (node: ts.Node) => ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
const isPrivate = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);

/** `any` written in the declarations of the public entries' exports (bodies, private and `@internal` members skipped). */
function publicAnys(p: ts.Program): string[] {
  const checker = p.getTypeChecker();
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || isInternal(node) || isPrivate(node) || ts.isPrivateIdentifier(node)) return;
    if (ts.isPropertyDeclaration(node) && node.initializer && !node.type) return;
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const file = node.getSourceFile();
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.add(`${file.fileName.slice(ROOT.length + 1)}:${line + 1}: ${node.parent.getText().slice(0, 80)}`);
      return;
    }
    if (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
      // Only what a user sees: the signature, not the initializer or body.
      if (node.type) visit(node.type);
      if (!ts.isVariableDeclaration(node)) {
        node.typeParameters?.forEach(visit);
        node.parameters.forEach(visit);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const entry of ENTRIES) {
    const source = p.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`no module for ${entry}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        if (!isInternal(declaration)) visit(declaration);
      }
    }
  }
  return [...found].sort();
}

describe('public types: compile errors name the problem, and no any', () => {
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.test-d.ts'))
    .map((f) => join(HERE, f).replaceAll('\\', '/'));
  const all = files.flatMap((f) => expectations(f, readFileSync(f, 'utf8')));

  it('finds marked expectations', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it('every marked statement fails with a message containing its text', () => {
    const diagnostics = compile(files);
    const misses: string[] = [];
    for (const e of all) {
      const messages = (diagnostics.get(e.file) ?? [])
        .filter((d) => {
          if (d.start === undefined || !d.file) return false;
          const line = d.file.getLineAndCharacterOfPosition(d.start).line;
          return line >= e.from && line <= e.to;
        })
        // Related information holds e.g. "An argument for 'x' was not provided"; quotes inside printed literal types are escaped.
        .flatMap((d) => [d.messageText, ...(d.relatedInformation ?? []).map((r) => r.messageText)])
        .map((m) => ts.flattenDiagnosticMessageText(m, '\n').replaceAll('\\"', '"'));
      if (!messages.some((m) => m.includes(e.text))) {
        misses.push(`${e.file.slice(ROOT.length + 1)}:${e.from + 1} expected "${e.text}", got: ${messages.length ? messages.join(' | ') : 'no error'}`);
      }
    }
    expect(misses).toEqual([]);
  }, 180_000);

  it('no public type is written as any', () => {
    expect(publicAnys(program(files))).toEqual([]);
  }, 180_000);
});
