import { defineConfig } from 'vitest/config'
import { wandb } from 'vitest-wandb/plugin'
export default defineConfig({ plugins: [wandb({ project: 'bench', mode: 'offline' })], test: { include: ['*.test.ts'] } })
