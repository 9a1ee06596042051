import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/fixtures/**', 'test/vitest5/**', '**/.e2e-work/**', '**/node_modules/**'],
    testTimeout: 20_000,
  },
})
