import { describe, expect, it } from 'vitest'
import { isImmutableAlias, parseArtifactUrl } from '../../../src/wandb/artifacts/artifact-url.js'
import { localPathOf, pathProblem } from '../../../src/wandb/artifacts/safe-path.js'
import { artifactNameProblem } from '../../../src/indexes/artifact-name.js'

describe('parseArtifactUrl', () => {
  it('reads entity/project/name:alias and leaves out what was not given', () => {
    expect(parseArtifactUrl('me/rag/handbook-index:v0')).toEqual({
      entity: 'me',
      project: 'rag',
      name: 'handbook-index',
      alias: 'v0',
    })
    expect(parseArtifactUrl('rag/handbook-index')).toEqual({
      entity: undefined,
      project: 'rag',
      name: 'handbook-index',
      alias: 'latest',
    })
    expect(parseArtifactUrl('handbook-index:prod')).toEqual({
      entity: undefined,
      project: undefined,
      name: 'handbook-index',
      alias: 'prod',
    })
  })

  it('refuses paths W&B could not resolve, saying why', () => {
    expect(() => parseArtifactUrl('')).toThrow('"" is not an artifact path: it is empty')
    expect(() => parseArtifactUrl('a/b/c/d:v0')).toThrow('it has more than three parts')
    expect(() => parseArtifactUrl('me//index:v0')).toThrow('the entity or project is empty')
    expect(() => parseArtifactUrl('me/rag/:v0')).toThrow('the name is empty')
    expect(() => parseArtifactUrl('me/rag/index:')).toThrow('the alias after ":" is empty')
    expect(() => parseArtifactUrl('x:')).toThrow('write entity/project/name:alias')
  })

  it('treats versions and digests as fixed, other aliases as moving', () => {
    expect(isImmutableAlias('v0')).toBe(true)
    expect(isImmutableAlias('v12')).toBe(true)
    expect(isImmutableAlias('d1d5413d42a3ae0575d3965d8757cd37')).toBe(true)
    expect(isImmutableAlias('latest')).toBe(false)
    expect(isImmutableAlias('v1-beta')).toBe(false)
  })
})

describe('artifact paths and names', () => {
  it('refuses manifest paths that could leave the artifact folder', () => {
    for (const path of ['../escape', 'a/../../b', '/etc/passwd', 'a//b', 'a\\b', './a', 'a/']) {
      expect(pathProblem(path)).toBe(`the artifact path "${path}" is not a relative POSIX path`)
      expect(() => localPathOf('/root', path)).toThrow('is not a relative POSIX path')
    }
    expect(pathProblem('data/a.txt')).toBeUndefined()
    expect(localPathOf('/root', 'data/a.txt')).toMatch(/^[/\\]root[/\\]data[/\\]a\.txt$/)
  })

  it('accepts the names W&B accepts and names the problem with others', () => {
    expect(artifactNameProblem('handbook-index_v2.1')).toBeUndefined()
    expect(artifactNameProblem('')).toBe('the index name must be a non-empty string')
    expect(artifactNameProblem('a/b')).toContain('is not a valid W&B artifact name')
    expect(artifactNameProblem('a'.repeat(128))).toBeUndefined()
    expect(artifactNameProblem('a'.repeat(129))).toContain('W&B allows at most 128')
  })
})
