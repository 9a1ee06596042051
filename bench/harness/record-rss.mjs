// Preloaded into `vitest run`: the main process (where reporters run) records its peak resident
// memory (KiB) when it exits. Test workers inherit the preload; forked ones have an IPC channel and
// thread ones are not the main thread, so both are left out.
import { writeFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'

if (isMainThread && process.send === undefined) {
  process.on('exit', () => {
    if (process.env.PEAK_RSS_FILE)
      writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS))
  })
}
