import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', core: 'src/core.ts', admin: 'src/admin.ts', dax: 'src/dax.ts', streams: 'src/streams.ts', observability: 'src/observability.ts', 'testing/index': 'src/testing/index.ts', 'cli/main': 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Not minified: readable in node_modules. Import time follows the code an
  // entry loads (V8 pre-parses every function), not its whitespace: a
  // whitespace-minified build (a third fewer bytes) compiled in the same time.
});
