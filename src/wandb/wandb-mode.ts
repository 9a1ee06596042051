export const WANDB_MODES = ['online', 'offline', 'disabled'] as const
export type WandbMode = (typeof WANDB_MODES)[number]

export function isWandbMode(value: unknown): value is WandbMode {
  return (WANDB_MODES as readonly unknown[]).includes(value)
}
