import { DATA_ELEMENT_ID } from '../report-data.js'
import type { ReportData } from '../report-data.js'
import { el, fill } from './dom.js'
import { detailLoader } from './load-detail.js'
import { summaryView } from './summary-view.js'
import { testDetailView } from './test-detail-view.js'
import { testList } from './test-list.js'

function start(): void {
  const app = document.getElementById('app')
  const source = document.getElementById(DATA_ELEMENT_ID)
  if (app === null || source === null) return
  const data = JSON.parse(source.textContent ?? '') as ReportData
  const detail = testDetailView(data, detailLoader(data))
  const list = testList(data, (index) => detail.show(index))
  fill(app, summaryView(data), el('main', { class: 'panes' }, list, detail.element))
}

start()
