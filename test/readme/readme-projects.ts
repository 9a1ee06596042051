import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import type { ReadmeBlock } from './readme-blocks.js'
import { runProjects } from './readme-blocks.js'

export const REPO = resolve(import.meta.dirname, '../..')

/**
 * A fresh folder under `.e2e-work/` in this repository: there `vitest-wandb` resolves to the built
 * package by self-reference, as it does for the end-to-end fixture projects.
 */
export function workDir(name: string): string {
  const root = join(REPO, '.e2e-work')
  mkdirSync(root, { recursive: true })
  return mkdtempSync(join(root, `${name}-`))
}

/** Writes the files of one run project into `dir`, as a user would copy them from the README. */
export function writeProject(
  blocks: readonly ReadmeBlock[],
  project: string,
  dir: string,
): string[] {
  const files = runProjects(blocks).get(project)
  if (files === undefined) throw new Error(`the README has no run project "${project}"`)
  for (const [file, block] of files) writeFile(join(dir, file), block.code)
  return [...files.keys()]
}

// What a user's strict project would check; the package's types come from dist/ (`npm run build`).
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
}

/**
 * Type-checks every TypeScript block: each run project in a folder of its own (its files import
 * each other), every other block as a module of its own. Returns the errors, each at its README line.
 */
export function typecheckBlocks(blocks: readonly ReadmeBlock[]): string[] {
  const dir = workDir('readme-types')
  const blockOf = new Map<string, ReadmeBlock>()
  for (const block of blocks) {
    const check = block.check
    if (check === undefined || check === null || check.kind === 'output') continue
    const path =
      check.kind === 'run'
        ? join(dir, check.project, check.file ?? `block-${block.line}.ts`)
        : join(dir, 'typecheck', `block-${block.line}.ts`)
    writeFile(path, block.code)
    blockOf.set(path, block)
  }
  const program = ts.createProgram([...blockOf.keys()], COMPILER_OPTIONS)
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => describe(diagnostic, blockOf, dir))
}

function describe(
  diagnostic: ts.Diagnostic,
  blockOf: ReadonlyMap<string, ReadmeBlock>,
  dir: string,
): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  const file = diagnostic.file
  if (file === undefined || diagnostic.start === undefined) return message
  const block = blockOf.get(resolve(file.fileName))
  const { line } = file.getLineAndCharacterOfPosition(diagnostic.start)
  const where =
    block === undefined
      ? `${relative(dir, file.fileName)}:${line + 1}`
      : `README.md:${block.line + 1 + line}`
  return `${where}: ${message}`
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${text}\n`)
}
