import { build } from 'esbuild'
import { reportPageEsbuildPlugin } from './report-page.js'

/** The package's entry points, bundled into dist/ with the chunks they share. */
const ENTRY_POINTS = [
  'src/index.ts',
  'src/vitest/plugin.ts',
  'src/vitest/test.ts',
  'src/vitest/setup.ts',
  'src/vitest/reporter.ts',
  'src/integrations/llamaindex.ts',
  'src/cli/main.ts',
]

await build({
  entryPoints: ENTRY_POINTS,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outbase: 'src',
  outdir: 'dist',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [reportPageEsbuildPlugin()],
})
