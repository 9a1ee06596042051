import { test } from './fixture.js'
import { emitTrace } from './emit.js'

for (let index = 0; index < 20; index += 1) {
  test('test ' + index, async ({ handler }) => {
    await emitTrace(handler.callbackManager, 'test ' + index)
  })
}
