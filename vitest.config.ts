import { defineConfig } from 'vitest/config'
import { reportPageVitePlugin } from './scripts/report-page.js'

export default defineConfig({
  plugins: [reportPageVitePlugin()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/fixtures/**', 'test/vitest5/**', '**/.e2e-work/**', '**/node_modules/**'],
    testTimeout: 20_000,
  },
})
