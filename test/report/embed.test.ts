import { describe, expect, it } from 'vitest'
import { escapeHtml, scriptJson, scriptText } from '../../src/report/embed.js'

describe('scriptJson', () => {
  it('writes every < as \\u003c, and reads back unchanged', () => {
    const value = {
      name: '</script><script>alert(1)</script>',
      note: '<!-- x -->',
      deep: ['<', '</SCRIPT >'],
    }
    const json = scriptJson(value)
    expect(json).not.toContain('<')
    expect(json).toContain('\\u003c/script>')
    expect(JSON.parse(json)).toEqual(value)
  })

  it('keeps line and paragraph separators and lone surrogates readable', () => {
    const value = ['a\u2028b\u2029c', '\ud800', '🚀']
    expect(JSON.parse(scriptJson(value))).toEqual(value)
  })
})

describe('scriptText', () => {
  it('cannot end its element or open a comment, in any case', () => {
    const code = 'const a = "</script>"; const b = "</SCRIPT"; const c = "<!--"'
    const safe = scriptText(code)
    expect(safe).not.toMatch(/<\/script/i)
    expect(safe).not.toContain('<!--')
    expect(new Function(`${safe}; return [a, b, c]`)()).toEqual(['</script>', '</SCRIPT', '<!--'])
  })
})

describe('escapeHtml', () => {
  it('escapes what could open a tag, end an attribute or start an entity', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    )
  })
})
