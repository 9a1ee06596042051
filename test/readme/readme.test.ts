import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Span } from '../../src/trace/span.js'
import { readOnlySession, testNamed } from '../e2e/support/read-session.js'
import { runVitest } from '../e2e/support/run-fixture.js'
import type { FixtureRun } from '../e2e/support/run-fixture.js'
import { commandTexts, markerProblems, readmeBlocks, runProjects } from './readme-blocks.js'
import type { ReadmeBlock } from './readme-blocks.js'
import { REPO, typecheckBlocks, workDir, writeProject } from './readme-projects.js'

const README = readFileSync(join(REPO, 'README.md'), 'utf8')
const BLOCKS = readmeBlocks(README)
const PACKAGE = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  engines: { node: string }
  peerDependencies: { vitest: string }
  scripts: Record<string, string>
}
const RUN_TIMEOUT_MS = 120_000

describe('README.md code blocks', () => {
  it('marks every TypeScript block to be run or type-checked, each run block naming its file', () => {
    expect(markerProblems(BLOCKS)).toEqual([])
    expect(BLOCKS.filter((block) => block.check?.kind === 'typecheck').length).toBeGreaterThan(0)
  })

  it('runs every project it has: the quick start and the LlamaIndex.TS example', () => {
    expect([...runProjects(BLOCKS).keys()].sort()).toEqual(['llamaindex', 'quickstart'])
    for (const block of BLOCKS) {
      if (block.check?.kind === 'output') expect(block.check.project).toBe('quickstart')
    }
  })

  it('type-checks every TypeScript block against the built package', () => {
    expect(typecheckBlocks(BLOCKS)).toEqual([])
  }, 60_000)
})

describe('the quick start, run as written', () => {
  let project: ProjectRun
  beforeAll(async () => {
    project = await runProject('quickstart')
  }, RUN_TIMEOUT_MS)

  it('passes', () => {
    expect(project.run.exitCode, project.run.stdout + project.run.stderr).toBe(0)
  })

  it('records the query with its retrieve and llm spans, and the usage, in the session file', () => {
    const session = readOnlySession(project.dir)
    expect(session.tests.map((test) => test.state)).toEqual(['passed'])
    expect(session.tests[0]?.traces.map((trace) => outline(trace.rootSpan))).toEqual([
      'query (AGENT) [retrieve (TOOL), llm (LLM)]',
    ])
    expect(session.summary).toMatchObject({ llmCalls: 1, tokensTotal: 30 })
  })

  it('prints the summary the README shows, ids and times aside', () => {
    const shown = BLOCKS.find((block) => block.check?.kind === 'output')
    expect(shown, 'the README shows no output of the quick start').toBeDefined()
    expect(summaryLines(shown?.code ?? '')).toEqual(summaryLines(project.run.stdout))
  })

  it('writes nothing to the project that the .gitignore section leaves out', () => {
    const ignored = gitignoreLines().map((line) => line.replace(/^\/|\/$/g, ''))
    const written = readdirSync(project.dir).filter(
      // node_modules/ holds Vite's cache, and is ignored in any project already.
      (name) => !project.files.includes(name) && name !== 'node_modules',
    )
    expect(written.sort()).toEqual(['.vitest-wandb', 'wandb'])
    expect(written.filter((name) => !ignored.includes(name))).toEqual([])
  })
})

describe('the LlamaIndex.TS example, run as written', () => {
  let project: ProjectRun
  beforeAll(async () => {
    project = await runProject('llamaindex')
  }, RUN_TIMEOUT_MS)

  it('passes', () => {
    expect(project.run.exitCode, project.run.stdout + project.run.stderr).toBe(0)
  })

  it('records an llm span for the custom LLM, under the query', () => {
    const session = readOnlySession(project.dir)
    expect(session.tests.map((test) => test.state)).toEqual(['passed', 'passed'])
    const handbook = testNamed(session, 'answers a refund question from the refunds page')
    const [query] = handbook.traces.map((trace) => trace.rootSpan)
    expect(query?.name).toBe('query')
    expect(
      spansOf(query).filter((span) => span.name === 'llm' && span.span_kind === 'LLM'),
    ).toHaveLength(1)
  })

  it('scores the evaluation: retrieval metrics, and a faithfulness judge whose calls are counted apart', () => {
    const evaluation = testNamed(
      readOnlySession(project.dir),
      'finds the refunds page and answers from it',
    )
    const means = Object.fromEntries(
      Object.entries(evaluation.scores).map(([name, stats]) => [name, stats.mean]),
    )
    expect(means).toEqual({
      hit_rate: 1,
      mrr: 1,
      precision: 0.5,
      recall: 1,
      ap: 1,
      ndcg: 1,
      faithfulness: 1,
    })
    expect(evaluation.scores['faithfulness']).toMatchObject({ judged: 1, passed: 1 })
    expect(evaluation.stats.llmCalls).toBe(1)
    expect(evaluation.judgeStats.llmCalls).toBeGreaterThanOrEqual(1)
    const judgeSpans = evaluation.judgeTraces.flatMap((trace) => spansOf(trace.rootSpan))
    expect(judgeSpans.every((span) => span.attributes?.['judge'] === 'faithfulness')).toBe(true)
    expect(judgeSpans.some((span) => span.name === 'llm')).toBe(true)
  })

  it('pins the @llamaindex/core that llamaindex depends on, so there is one copy', () => {
    const pinned = commandTexts(README, BLOCKS)
      .map((text) => /@llamaindex\/core@(\S+)/.exec(text)?.[1])
      .filter((version) => version !== undefined)
    const llamaindex = JSON.parse(
      readFileSync(join(REPO, 'node_modules', 'llamaindex', 'package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> }
    expect(pinned).toEqual([llamaindex.dependencies['@llamaindex/core']])
  })
})

describe('README.md commands and settings', () => {
  it('names only vitest-wandb commands and options that the CLI help lists', () => {
    const top = cliHelp(['--help'])
    const commands = helpCommands(top)
    const invocations = vitestWandbInvocations(commandTexts(README, BLOCKS))
    expect(invocations.length).toBeGreaterThan(3)
    for (const [first = '', ...rest] of invocations) {
      if (first.startsWith('-')) {
        expect(hasFlag(top, first), `vitest-wandb ${first}`).toBe(true)
        continue
      }
      expect(commands, `vitest-wandb ${first}`).toContain(first)
      const help = cliHelp([first, '--help'])
      for (const flag of rest.map(flagOf).filter((flag) => flag !== undefined))
        expect(hasFlag(help, flag), `vitest-wandb ${first} ${flag}`).toBe(true)
    }
  })

  it('names only npm scripts that package.json has', () => {
    const texts = commandTexts(README, BLOCKS)
    const scripts = texts.flatMap((text) => [
      ...[...text.matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1] ?? ''),
      ...(/\bnpm (test|t)\b/.test(text) ? ['test'] : []),
    ])
    expect(scripts).toEqual(expect.arrayContaining(['test', 'example', 'bench', 'typecheck']))
    for (const script of scripts) expect(Object.keys(PACKAGE.scripts)).toContain(script)
  })

  it('keeps its Install section with the npm install command', () => {
    const install = BLOCKS.filter((block) => block.heading === 'Install')
    expect(install.some((block) => /^npm install -D .*\bvitest-wandb\b/m.test(block.code))).toBe(
      true,
    )
  })

  it('keeps its .gitignore section, ignoring wandb/ and .vitest-wandb/', () => {
    expect(gitignoreLines()).toEqual(expect.arrayContaining(['wandb/', '.vitest-wandb/']))
  })

  it('states the Node and Vitest versions package.json asks for', () => {
    expect(README).toContain(`Node.js \`${PACKAGE.engines.node}\``)
    expect(README).toContain(`Vitest \`${PACKAGE.peerDependencies.vitest}\``)
  })

  it('lists every option of wandb() in the options table', () => {
    const source = readFileSync(join(REPO, 'src/vitest/plugin-options.ts'), 'utf8')
    const body = /export interface WandbPluginOptions \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? ''
    const options = [...body.matchAll(/readonly (\w+)\?:/g)].map((match) => match[1] ?? '')
    expect(options).toContain('keepSessionFiles')
    const rows = README.split('\n').filter((line) => line.startsWith('| `'))
    for (const option of options)
      expect(
        rows.some((row) => row.startsWith(`| \`${option}\``)),
        option,
      ).toBe(true)
  })

  it('names every environment variable the package reads', () => {
    const variables = environmentVariablesRead(join(REPO, 'src'))
    expect(variables).toEqual(expect.arrayContaining(['WANDB_API_KEY', 'VITEST_WANDB_CACHE_DIR']))
    for (const variable of variables) expect(README, variable).toContain(`\`${variable}\``)
  })
})

interface ProjectRun {
  readonly dir: string
  readonly files: readonly string[]
  readonly run: FixtureRun
}

/** Writes a run project of the README into a fresh folder and runs `vitest run` there, offline. */
async function runProject(name: string): Promise<ProjectRun> {
  const dir = workDir(`readme-${name}`)
  const files = writeProject(BLOCKS, name, dir)
  return { dir, files, run: await runVitest(dir, ['run'], offlineEnvironment()) }
}

/** No W&B settings of this machine: no key (a HOME without ~/.netrc), no WANDB_* variable. */
function offlineEnvironment(): Record<string, string> {
  const blanked = Object.keys(process.env)
    .filter((name) => name.startsWith('WANDB_') || name.startsWith('VITEST_WANDB_'))
    .map((name) => [name, ''])
  return {
    ...Object.fromEntries(blanked),
    WANDB_API_KEY: '',
    HOME: mkdtempSync(join(tmpdir(), 'home-')),
  }
}

function outline(span: Span): string {
  const children = (span.child_spans ?? []).map(outline)
  const self = `${span.name} (${span.span_kind ?? '-'})`
  return children.length === 0 ? self : `${self} [${children.join(', ')}]`
}

function spansOf(span: Span | undefined): Span[] {
  if (span === undefined) return []
  return [span, ...(span.child_spans ?? []).flatMap(spansOf)]
}

/** vitest-wandb's closing lines, with session ids, run ids and times made placeholders. */
function summaryLines(output: string): string[] {
  const lines = output.split('\n').map((line) => line.trimEnd())
  const start = lines.findIndex((line) => line.startsWith('vitest-wandb: '))
  if (start === -1) return []
  const end = lines.findIndex((line, index) => index > start && line === '')
  return lines
    .slice(start, end === -1 ? undefined : end)
    .map((line) =>
      line
        .replace(/\d{8}-\d{6}-[0-9a-f]+/g, '<session>')
        .replace(/\d{8}_\d{6}-[0-9a-z]+/g, '<run>'),
    )
}

function gitignoreLines(): string[] {
  const block: ReadmeBlock | undefined = BLOCKS.find(
    (candidate) => candidate.heading === '.gitignore' && candidate.lang === 'gitignore',
  )
  return (block?.code ?? '').split('\n').filter((line) => line.trim() !== '')
}

function cliHelp(args: readonly string[]): string {
  return execFileSync(process.execPath, [join(REPO, 'dist/cli/main.js'), ...args], {
    encoding: 'utf8',
  })
}

function helpCommands(help: string): string[] {
  const section = /Commands:\n([\s\S]*?)\n\n/.exec(help)?.[1] ?? ''
  return section.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '')
}

function hasFlag(help: string, flag: string): boolean {
  return new RegExp(`(^|[\\s,\\[])${flag}(?=[\\s,=\\]]|$)`, 'm').test(help)
}

function flagOf(token: string): string | undefined {
  return /^\[?(--?[a-z][\w-]*)/.exec(token)?.[1]
}

/** The arguments of every `vitest-wandb …` or `npx vitest-wandb …` command (a bare name is the package). */
function vitestWandbInvocations(texts: readonly string[]): string[][] {
  return texts.flatMap((text) => {
    const args = /(?:^|\s)vitest-wandb\s(.*)$/.exec(text)?.[1]?.trim().split(/\s+/)
    return args === undefined || args[0] === '' ? [] : [args]
  })
}

/** Every variable the source reads: `env['X']`, and the settings reader's `read('X', …)`. */
function environmentVariablesRead(dir: string): string[] {
  const found = new Set<string>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const source = readFileSync(join(entry.parentPath, entry.name), 'utf8')
    for (const match of source.matchAll(/(?:env\[|\.read(?:List)?\()\s*['"]([A-Z][A-Z0-9_]*)['"]/g))
      found.add(match[1] ?? '')
  }
  return [...found].sort()
}
