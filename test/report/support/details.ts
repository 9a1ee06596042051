import { inflateRawSync } from 'node:zlib'
import type { ReportData, ReportTest, ReportTestDetail } from '../../../src/report/report-data.js'

/** Every block of a report inflated, as the page inflates them. */
export function blocksOf(data: ReportData): ReportTestDetail[][] {
  return data.blocks.map(
    (block) =>
      JSON.parse(
        inflateRawSync(Buffer.from(block, 'base64')).toString('utf8'),
      ) as ReportTestDetail[],
  )
}

/** The detail of the test named `name` (its full name), as the page loads it. */
export function detailOf(data: ReportData, name: string): ReportTestDetail {
  const test = testNamed(data, name)
  const detail = blocksOf(data)[test.block]?.[test.entry]
  if (detail === undefined) throw new Error(`no detail for ${name}`)
  return detail
}

export function testNamed(data: ReportData, name: string): ReportTest {
  const test = data.tests.find((each) => each.name === name)
  if (test === undefined)
    throw new Error(`no test named ${name} in ${data.tests.map((each) => each.name)}`)
  return test
}
