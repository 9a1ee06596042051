import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeWandbCore } from './core.js'

/** The fake on a real 127.0.0.1 port, for end-to-end tests that spawn a process. */
export class LoopbackServer {
  private port = 0

  private constructor(
    private readonly server: Server,
    private readonly core: FakeWandbCore,
  ) {}

  static async start(core: FakeWandbCore): Promise<LoopbackServer> {
    const server = createServer()
    const loopback = new LoopbackServer(server, core)
    server.on('request', (req, res) => void loopback.serve(req, res))
    await loopback.listen()
    return loopback
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Listens again on the same port, after `stopListening`. */
  async listen(): Promise<void> {
    if (this.server.listening) return
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject)
        this.port = (this.server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  /** Refuses new connections and drops open ones, so clients see ECONNREFUSED / resets. */
  async stopListening(): Promise<void> {
    if (!this.server.listening) return
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const aborted = new AbortController()
    res.on('close', () => aborted.abort())
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    )
    const outcome = await this.core.handle({
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', this.baseUrl),
      headers,
      body: Buffer.concat(chunks),
      signal: aborted.signal,
    })
    if (outcome.kind === 'network-error') {
      req.socket.destroy()
      return
    }
    res.writeHead(outcome.status, outcome.headers).end(outcome.body)
  }
}
