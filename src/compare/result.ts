/** What reading or fetching an input gives: its value, or why not, in words meant for the user. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }
