export interface KeyLeak {
  method: string
  path: string
  where: 'url' | 'body' | `header:${string}`
}

export interface InspectedRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body: Uint8Array
}

export function basicAuthorization(apiKey: string): string {
  return `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`
}

/**
 * Finds the API key (raw, URL-encoded or in its Basic form) anywhere but a correct Authorization
 * header, and in that header too when the route is a storage URL that must not receive W&B credentials.
 */
export function findKeyLeaks(
  request: InspectedRequest,
  apiKey: string,
  authAllowed: boolean,
): KeyLeak[] {
  const basic = basicAuthorization(apiKey).slice('Basic '.length)
  return findForms(
    request,
    [apiKey, encodeURIComponent(apiKey), basic],
    (name, value) =>
      authAllowed && name === 'authorization' && value === basicAuthorization(apiKey),
  )
}

/** Finds any of `secrets` (raw or URL-encoded) anywhere in a request: its URL, a header, its body. */
export function findSecretLeaks(request: InspectedRequest, secrets: readonly string[]): KeyLeak[] {
  const forms = secrets.flatMap((secret) => [secret, encodeURIComponent(secret)])
  return findForms(request, forms, () => false)
}

function findForms(
  request: InspectedRequest,
  forms: readonly string[],
  legitimate: (header: string, value: string) => boolean,
): KeyLeak[] {
  const carries = (text: string) => forms.some((form) => text.includes(form))
  const leak = (where: KeyLeak['where']): KeyLeak => ({
    method: request.method,
    path: request.url.pathname,
    where,
  })
  const leaks: KeyLeak[] = []
  if (carries(request.url.href)) leaks.push(leak('url'))
  for (const [name, value] of Object.entries(request.headers)) {
    if (!legitimate(name, value) && carries(value)) leaks.push(leak(`header:${name}`))
  }
  if (carries(Buffer.from(request.body).toString('latin1'))) leaks.push(leak('body'))
  return leaks
}
