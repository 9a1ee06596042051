import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import type { Plugin as EsbuildPlugin } from 'esbuild'
import type { Plugin as VitePlugin } from 'vite'

/** The module `src/report/page-script.ts` imports the bundled page script from. */
export const REPORT_PAGE_MODULE = 'virtual:report-page'

const PAGE_DIR = resolve(import.meta.dirname, '../src/report/page')
const BROWSERS = ['chrome111', 'firefox113', 'safari16.4']

/** The report page's script, bundled and minified into one string. */
export async function bundleReportPage(): Promise<string> {
  const result = await build({
    entryPoints: [join(PAGE_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: BROWSERS,
    legalComments: 'none',
    logLevel: 'warning',
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('esbuild wrote no report page script.')
  return output.text.trim()
}

function moduleText(script: string): string {
  return `export const PAGE_SCRIPT = ${JSON.stringify(script)}\n`
}

/** For the package build: resolves the page module to the bundled script. */
export function reportPageEsbuildPlugin(): EsbuildPlugin {
  return {
    name: 'report-page',
    setup(builder) {
      builder.onResolve({ filter: /^virtual:report-page$/ }, (args) => ({
        path: args.path,
        namespace: 'report-page',
      }))
      builder.onLoad({ filter: /.*/, namespace: 'report-page' }, async () => ({
        contents: moduleText(await bundleReportPage()),
        loader: 'js',
      }))
    },
  }
}

/** For Vitest, running the sources: the same module, rebuilt when a page file changes. */
export function reportPageVitePlugin(): VitePlugin {
  const id = `\0${REPORT_PAGE_MODULE}`
  return {
    name: 'report-page',
    resolveId: (source) => (source === REPORT_PAGE_MODULE ? id : undefined),
    async load(loading) {
      if (loading !== id) return undefined
      for (const name of readdirSync(PAGE_DIR)) this.addWatchFile(join(PAGE_DIR, name))
      return moduleText(await bundleReportPage())
    },
  }
}
