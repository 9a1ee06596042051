/** A value that `JSON.stringify` writes as it is and `JSON.parse` gives back unchanged. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }
