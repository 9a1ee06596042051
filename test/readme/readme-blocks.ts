/**
 * The fenced code blocks of a Markdown file, each with the check its marker asks for. A marker is
 * an HTML comment on the last non-blank line before the fence (invisible on GitHub and npm):
 *
 *     <!-- readme-check: typecheck -->         type-checked against the built package
 *     <!-- readme-check: run <project> -->     written into <project> as the file its first line
 *                                              names (`// vitest.config.ts`), type-checked, and run
 *     <!-- readme-check: output <project> -->  what running <project> prints
 */
export type BlockCheck =
  | { readonly kind: 'typecheck' }
  | { readonly kind: 'run'; readonly project: string; readonly file: string | undefined }
  | { readonly kind: 'output'; readonly project: string }

export interface ReadmeBlock {
  readonly lang: string
  readonly code: string
  /** The line of the opening fence, 1-based. */
  readonly line: number
  /** The `##` heading the block is under ('' before the first). */
  readonly heading: string
  /** The marker's check; `null` for a marker that could not be read. */
  readonly check: BlockCheck | null | undefined
}

export const TYPESCRIPT_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript', 'mts'])
const SHELL_LANGS: ReadonlySet<string> = new Set(['sh', 'shell', 'bash', 'console'])

const FENCE = /^```(\S*)\s*$/
const MARKER = /^<!--\s*readme-check:\s*(.*?)\s*-->$/
const FILE_LINE = /^\/\/ ([\w./-]+\.[cm]?[jt]s)$/

/** Every fenced block of `markdown`, in order. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n')
  const blocks: ReadmeBlock[] = []
  let heading = ''
  let lastText = ''
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? ''
    const fence = FENCE.exec(line)
    if (fence === null) {
      if (line.startsWith('## ')) heading = line.slice(3).trim()
      if (line.trim() !== '') lastText = line.trim()
      continue
    }
    const start = index
    const body: string[] = []
    for (index += 1; index < lines.length && lines[index]?.trim() !== '```'; index += 1)
      body.push(lines[index] ?? '')
    const code = body.join('\n')
    blocks.push({
      lang: fence[1] ?? '',
      code,
      line: start + 1,
      heading,
      check: markerCheck(lastText, code),
    })
    lastText = ''
  }
  return blocks
}

function markerCheck(line: string, code: string): BlockCheck | null | undefined {
  const marker = MARKER.exec(line)
  if (marker === null) return undefined
  const [kind, project, ...rest] = (marker[1] ?? '').split(/\s+/)
  if (rest.length > 0) return null
  if (kind === 'typecheck' && project === undefined) return { kind }
  if (project === undefined) return null
  if (kind === 'output') return { kind, project }
  if (kind === 'run') return { kind, project, file: FILE_LINE.exec(code.split('\n')[0] ?? '')?.[1] }
  return null
}

/** What is wrong with the markers: a TypeScript block neither run nor type-checked, among others. */
export function markerProblems(blocks: readonly ReadmeBlock[]): string[] {
  const problems: string[] = []
  const runFiles = new Set<string>()
  for (const block of blocks) {
    const where = `the ${block.lang || 'plain'} block at line ${block.line}`
    const typescript = TYPESCRIPT_LANGS.has(block.lang)
    if (block.check === null) problems.push(`${where} has a readme-check marker that is not known`)
    else if (block.check === undefined) {
      if (typescript) problems.push(`${where} is neither run nor type-checked: give it a marker`)
    } else if (block.check.kind === 'output') {
      if (typescript) problems.push(`${where} is TypeScript, but marked as output`)
    } else if (!typescript)
      problems.push(`${where} is not TypeScript, but marked ${block.check.kind}`)
    else if (block.check.kind === 'run' && block.check.file === undefined)
      problems.push(`${where} is run, but its first line names no file (// vitest.config.ts)`)
    else if (block.check.kind === 'run') {
      const key = `${block.check.project}/${block.check.file}`
      if (runFiles.has(key)) problems.push(`${where} is a second ${key}`)
      runFiles.add(key)
    }
  }
  return problems
}

/** The files of each run project, by project name then file name. */
export function runProjects(blocks: readonly ReadmeBlock[]): Map<string, Map<string, ReadmeBlock>> {
  const projects = new Map<string, Map<string, ReadmeBlock>>()
  for (const block of blocks) {
    if (block.check?.kind !== 'run' || block.check.file === undefined) continue
    const files = projects.get(block.check.project) ?? new Map<string, ReadmeBlock>()
    files.set(block.check.file, block)
    projects.set(block.check.project, files)
  }
  return projects
}

/** The lines of shell blocks, and the inline code spans of the text outside blocks. */
export function commandTexts(markdown: string, blocks: readonly ReadmeBlock[]): string[] {
  const shellLines = blocks
    .filter((block) => SHELL_LANGS.has(block.lang))
    .flatMap((block) => block.code.split('\n'))
  return [...shellLines, ...inlineCode(withoutBlocks(markdown))]
}

function withoutBlocks(markdown: string): string {
  return markdown.replace(/^```\S*\s*\n[\s\S]*?^```\s*$/gm, '')
}

function inlineCode(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '')
}
