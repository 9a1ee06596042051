import { describe, expect, it } from 'vitest'
import { commandTexts, markerProblems, readmeBlocks, runProjects } from './readme-blocks.js'

const fence = '```'

function markdown(...lines: string[]): string {
  return lines.join('\n')
}

describe('readmeBlocks', () => {
  it('reads each fenced block with its language, line, heading and marker', () => {
    const blocks = readmeBlocks(
      markdown(
        '# Title',
        '## Quick start',
        '<!-- readme-check: run quickstart -->',
        '',
        `${fence}ts`,
        '// vitest.config.ts',
        'export default {}',
        fence,
        '## More',
        '<!-- readme-check: typecheck -->',
        `${fence}typescript`,
        'const x = 1',
        fence,
        `${fence}sh`,
        'npx vitest run',
        fence,
      ),
    )
    expect(blocks).toEqual([
      {
        lang: 'ts',
        code: '// vitest.config.ts\nexport default {}',
        line: 5,
        heading: 'Quick start',
        check: { kind: 'run', project: 'quickstart', file: 'vitest.config.ts' },
      },
      {
        lang: 'typescript',
        code: 'const x = 1',
        line: 11,
        heading: 'More',
        check: { kind: 'typecheck' },
      },
      { lang: 'sh', code: 'npx vitest run', line: 14, heading: 'More', check: undefined },
    ])
  })

  it('takes a marker only from the last line of text before the fence', () => {
    const [block] = readmeBlocks(
      markdown('<!-- readme-check: typecheck -->', 'Some text.', `${fence}ts`, 'let y', fence),
    )
    expect(block?.check).toBeUndefined()
  })
})

describe('markerProblems', () => {
  it('reports a TypeScript block that is neither run nor type-checked', () => {
    const blocks = readmeBlocks(markdown(`${fence}ts`, 'const x = 1', fence))
    expect(markerProblems(blocks)).toEqual([
      'the ts block at line 1 is neither run nor type-checked: give it a marker',
    ])
  })

  it('reports a run block whose first line names no file, and a file given twice', () => {
    const blocks = readmeBlocks(
      markdown(
        '<!-- readme-check: run demo -->',
        `${fence}ts`,
        'const x = 1',
        fence,
        '<!-- readme-check: run demo -->',
        `${fence}ts`,
        '// a.ts',
        fence,
        '<!-- readme-check: run demo -->',
        `${fence}ts`,
        '// a.ts',
        fence,
      ),
    )
    expect(markerProblems(blocks)).toEqual([
      'the ts block at line 2 is run, but its first line names no file (// vitest.config.ts)',
      'the ts block at line 10 is a second demo/a.ts',
    ])
  })

  it('reports markers it does not know, and checks on blocks that are not TypeScript', () => {
    const blocks = readmeBlocks(
      markdown(
        '<!-- readme-check: execute demo -->',
        `${fence}ts`,
        '// a.ts',
        fence,
        '<!-- readme-check: typecheck -->',
        `${fence}sh`,
        'npm test',
        fence,
        '<!-- readme-check: output demo -->',
        `${fence}text`,
        'vitest-wandb: 1 test',
        fence,
      ),
    )
    expect(markerProblems(blocks)).toEqual([
      'the ts block at line 2 has a readme-check marker that is not known',
      'the sh block at line 6 is not TypeScript, but marked typecheck',
    ])
  })
})

describe('runProjects', () => {
  it('gathers the files of each run project by name', () => {
    const blocks = readmeBlocks(
      markdown(
        '<!-- readme-check: run demo -->',
        `${fence}ts`,
        '// vitest.config.ts',
        fence,
        '<!-- readme-check: run demo -->',
        `${fence}ts`,
        '// demo.test.ts',
        fence,
      ),
    )
    const projects = runProjects(blocks)
    expect([...projects.keys()]).toEqual(['demo'])
    expect([...(projects.get('demo')?.keys() ?? [])]).toEqual(['vitest.config.ts', 'demo.test.ts'])
  })
})

describe('commandTexts', () => {
  it('gives the lines of shell blocks and the inline code outside blocks', () => {
    const text = markdown(
      'Run `npm run example` first.',
      `${fence}sh`,
      'npm ci',
      'npx vitest-wandb sync wandb/',
      fence,
      `${fence}ts`,
      'const s = `npm run nothing`',
      fence,
    )
    expect(commandTexts(text, readmeBlocks(text))).toEqual([
      'npm ci',
      'npx vitest-wandb sync wandb/',
      'npm run example',
    ])
  })
})
