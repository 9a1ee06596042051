export type FakeOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string | Uint8Array }
  | { kind: 'network-error' }

export const NETWORK_ERROR: FakeOutcome = { kind: 'network-error' }

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FakeOutcome {
  return {
    kind: 'response',
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}

export function bytes(status: number, body: Uint8Array | string): FakeOutcome {
  return { kind: 'response', status, headers: { 'content-type': 'application/octet-stream' }, body }
}
