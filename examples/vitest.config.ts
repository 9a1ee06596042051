import { defineConfig } from 'vitest/config'
import { wandb } from 'vitest-wandb/plugin'

export default defineConfig({
  plugins: [
    wandb({
      project: 'vitest-wandb-examples',
      llamaindex: true,
      thresholds: { faithfulness: 0.9, hit_rate: 1 },
    }),
  ],
  test: { root: import.meta.dirname, include: ['**/*.test.ts'], testTimeout: 30_000 },
})
