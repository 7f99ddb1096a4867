import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { EntityModel } from '../model/entity-model.js';
import type { TableModel } from '../model/table-definition.js';
import { CliError } from './cli-error.js';

/** A table found in a model module. */
export interface ModelTable {
  /** The export name it was found under. */
  readonly exportName: string;
  readonly model: TableModel;
}

/** An entity found in a model module (`table.entity(…)` or `defineEntity(…)`). */
export interface ModelEntity {
  readonly exportName: string;
  readonly name: string;
  readonly schema: unknown;
  readonly model: EntityModel;
}

/** What a model module exports, by shape (a copy of tablewright loaded twice still counts). */
export interface LoadedModel {
  readonly tables: readonly ModelTable[];
  readonly entities: readonly ModelEntity[];
}

const TS = /\.(c|m)?tsx?$/;

/**
 * Imports the module that declares the model (its tables and entities, with
 * their clients). TypeScript modules are loaded through `tsx` when it is
 * installed (`npm i -D tsx`); compiled JavaScript needs nothing.
 */
export async function loadModel(file: string | undefined): Promise<LoadedModel> {
  if (!file) throw new CliError('give the module that exports your tables and entities: --model <file>');
  const url = pathToFileURL(resolve(file)).href;
  let mod: Record<string, unknown>;
  try {
    if (TS.test(file)) {
      const tsx = await import('tsx/esm/api').catch(() => undefined);
      if (!tsx) throw new CliError(`${file} is TypeScript: install tsx (npm i -D tsx) to load it, or point --model at compiled JavaScript`);
      mod = (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
    } else {
      mod = (await import(url)) as Record<string, unknown>;
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(resolve(file))) {
      throw new CliError(`model module not found: ${file}`);
    }
    throw error;
  }
  const tables: ModelTable[] = [];
  const entities: ModelEntity[] = [];
  const seen = new Set<unknown>();
  for (const [exportName, value] of Object.entries(mod)) {
    const model = (value as { model?: unknown } | null)?.model as Partial<EntityModel & TableModel> | undefined;
    if (!model || typeof model !== 'object' || seen.has(model)) continue;
    seen.add(model);
    if (model.primary && model.table && typeof (value as { name?: unknown }).name === 'string') {
      entities.push({ exportName, name: (value as { name: string }).name, schema: (value as { schema?: unknown }).schema, model: model as EntityModel });
    } else if (typeof model.partitionKey === 'string' && model.client) {
      tables.push({ exportName, model: model as TableModel });
    }
  }
  // A table only reachable through its entities still counts.
  for (const e of entities) {
    if (!tables.some((t) => t.model === e.model.table) && !seen.has(e.model.table)) {
      seen.add(e.model.table);
      tables.push({ exportName: `${e.exportName}.table`, model: e.model.table });
    }
  }
  if (tables.length === 0) throw new CliError(`${file} exports no tablewright table or entity`);
  return { tables, entities };
}

/** The entity named `name` (its entity name or export name). */
export function findEntity(model: LoadedModel, name: string): ModelEntity {
  const found = model.entities.find((e) => e.name === name) ?? model.entities.find((e) => e.exportName === name);
  if (!found) {
    const known = model.entities.map((e) => e.name).join(', ') || 'none';
    throw new CliError(`no entity ${JSON.stringify(name)} in the model (entities: ${known})`);
  }
  return found;
}

/** The tables to act on: all, or the one named by `--table`. */
export function selectTables(model: LoadedModel, name: string | undefined): readonly ModelTable[] {
  if (name === undefined) return model.tables;
  const found = model.tables.filter((t) => t.model.name === name || t.exportName === name);
  if (found.length === 0) throw new CliError(`no table ${JSON.stringify(name)} in the model (tables: ${model.tables.map((t) => t.model.name).join(', ')})`);
  return found;
}
