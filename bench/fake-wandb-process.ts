import { createFakeWandb } from '../test/support/fake-wandb/index.js'

// A fake W&B in its own process, so the bytes it stores do not count in the measured process.
const fake = await createFakeWandb()
process.stdout.write(
  `${JSON.stringify({ baseUrl: fake.baseUrl, apiKey: fake.apiKey, entity: fake.entity })}\n`,
)
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0))
})
