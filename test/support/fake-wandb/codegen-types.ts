export type TypeRef =
  | { kind: 'named'; name: string; nullable: boolean }
  | { kind: 'list'; of: TypeRef; nullable: boolean }

export interface FieldDecl {
  name: string
  type: TypeRef
}

export interface RecordDecl {
  name: string
  typename: string | undefined
  bases: string[]
  fields: FieldDecl[]
}

export interface CodegenTypes {
  scalars: string[]
  records: Map<string, RecordDecl>
  enums: Map<string, string[]>
  unions: Map<string, string[]>
  unparsed: Set<string>
}

const RECORD_HEADER = /^export type (\w+) = ((?:\w+ & )*)\{$/
const UNION_HEADER = /^export type (\w+) = (\w+(?: \| \w+)*);$/
const ENUM_HEADER = /^export declare enum (\w+) \{$/
const FIELD_LINE = /^ {4}(\w+)(\??): (.+);$/
const TYPENAME_LINE = /^ {4}__typename\?: '(\w+)';$/
const ENUM_LINE = /^ {4}\w+ = "(\w+)",?$/
const COMMENT_START = /^ {4}\/\*\*/

/** Reads graphql-codegen's TypeScript output back into the schema's types, fields and enums. */
export function parseCodegenTypes(source: string): CodegenTypes {
  const lines = source.split('\n')
  const types: CodegenTypes = {
    scalars: [],
    records: new Map(),
    enums: new Map(),
    unions: new Map(),
    unparsed: new Set(),
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const record = RECORD_HEADER.exec(line)
    const union = UNION_HEADER.exec(line)
    const enumHeader = ENUM_HEADER.exec(line)
    if (record?.[1] === 'Scalars') types.scalars = blockLines(lines, i).map(memberName)
    else if (record?.[1]) readRecord(types, record[1], record[2] ?? '', blockLines(lines, i))
    else if (union?.[1] && union[2]) types.unions.set(union[1], union[2].split(' | '))
    else if (enumHeader?.[1]) types.enums.set(enumHeader[1], blockLines(lines, i).map(enumValue))
  }
  return types
}

function blockLines(lines: string[], header: number): string[] {
  const body: string[] = []
  let inComment = false
  for (let i = header + 1; i < lines.length && !/^}/.test(lines[i] ?? '}'); i++) {
    const line = lines[i] ?? ''
    if (COMMENT_START.test(line)) inComment = true
    if (!inComment) body.push(line)
    if (inComment && line.endsWith('*/')) inComment = false
  }
  return body
}

function readRecord(types: CodegenTypes, name: string, bases: string, body: string[]): void {
  const decl: RecordDecl = {
    name,
    typename: undefined,
    bases: bases.split(' & ').slice(0, -1),
    fields: [],
  }
  for (const line of body) {
    const typename = TYPENAME_LINE.exec(line)
    const field = FIELD_LINE.exec(line)
    const type = field?.[3] === undefined ? undefined : parseTypeRef(field[3])
    if (typename?.[1]) decl.typename = typename[1]
    else if (field?.[1] && type)
      decl.fields.push({ name: field[1], type: optional(type, field[2]) })
    else return void types.unparsed.add(name)
  }
  types.records.set(name, decl)
}

function optional(type: TypeRef, mark: string | undefined): TypeRef {
  return mark === '?' ? { ...type, nullable: true } : type
}

function parseTypeRef(text: string): TypeRef | undefined {
  const wrapped = /^(Maybe|InputMaybe|Array)<(.+)>$/.exec(text)
  if (wrapped?.[2]) {
    const inner = parseTypeRef(wrapped[2])
    if (!inner) return undefined
    return wrapped[1] === 'Array'
      ? { kind: 'list', of: inner, nullable: false }
      : { ...inner, nullable: true }
  }
  const name = /^Scalars\['(\w+)'\]$/.exec(text)?.[1] ?? /^([A-Z]\w*)$/.exec(text)?.[1]
  return name ? { kind: 'named', name, nullable: false } : undefined
}

function memberName(line: string): string {
  const name = /^ {4}(\w+):/.exec(line)?.[1]
  if (!name) throw new Error(`Unrecognised line in the Scalars type: ${line}`)
  return name
}

function enumValue(line: string): string {
  const value = ENUM_LINE.exec(line)?.[1]
  if (!value) throw new Error(`Unrecognised enum member line: ${line}`)
  return value
}
