import { http, HttpResponse, type HttpHandler } from 'msw'
import type { FakeWandbCore } from './core.js'

/** One catch-all msw handler that hands every request under `baseUrl` to the shared core. */
export function mswHandlers(core: FakeWandbCore, baseUrl: string): HttpHandler[] {
  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const outcome = await core.handle({
      method: request.method,
      url: new URL(request.url),
      headers: Object.fromEntries(request.headers),
      body: new Uint8Array(await request.arrayBuffer()),
      signal: request.signal,
    })
    if (outcome.kind === 'network-error') return HttpResponse.error()
    return new HttpResponse(outcome.body, { status: outcome.status, headers: outcome.headers })
  })
  return [handler]
}
