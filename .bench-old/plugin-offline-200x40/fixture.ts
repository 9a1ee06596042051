export { test } from 'vitest-wandb/test'
