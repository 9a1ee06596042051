import { defineConfig } from 'vitest/config'
import { wandb } from 'vitest-wandb/plugin'
export default defineConfig({ plugins: [wandb({ project: 'bench' })], test: { include: ['*.test.ts'] } })
