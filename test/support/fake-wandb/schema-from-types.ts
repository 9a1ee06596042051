import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { buildSchema, extendSchema, parse, type GraphQLSchema } from 'graphql'
import {
  parseCodegenTypes,
  type CodegenTypes,
  type RecordDecl,
  type TypeRef,
} from './codegen-types.js'

const BUILT_IN_SCALARS = new Set(['ID', 'String', 'Boolean', 'Int', 'Float'])

type Role = 'object' | 'interface' | 'input' | 'args'

/** Turns the codegen output into SDL: object, interface, input, enum, union and scalar types. */
export function sdlFromCodegenTypes(source: string): string {
  const types = parseCodegenTypes(source)
  const roles = classifyRecords(types)
  const argsOf = (owner: string, field: string) => {
    const name = `${owner}${field[0]?.toUpperCase()}${field.slice(1)}Args`
    return roles.get(name) === 'args' ? types.records.get(name) : undefined
  }
  const parts = types.scalars.filter((s) => !BUILT_IN_SCALARS.has(s)).map((s) => `scalar ${s}`)
  for (const [name, values] of types.enums)
    parts.push(`enum ${name} {\n  ${values.join('\n  ')}\n}`)
  for (const [name, members] of types.unions) parts.push(`union ${name} = ${members.join(' | ')}`)
  for (const [name, role] of roles) {
    const decl = types.records.get(name)
    if (decl && role !== 'args') parts.push(recordSdl(decl, role, types, argsOf))
  }
  return parts.join('\n\n') + '\n'
}

function recordSdl(
  decl: RecordDecl,
  role: Role,
  types: CodegenTypes,
  argsOf: (owner: string, field: string) => RecordDecl | undefined,
): string {
  const keyword = role === 'input' ? 'input' : role === 'interface' ? 'interface' : 'type'
  const implemented = [...interfacesOf(decl, types)]
  const head = implemented.length ? `${decl.name} implements ${implemented.join(' & ')}` : decl.name
  const fields = decl.fields.map((f) => {
    const args = role === 'input' ? undefined : argsOf(decl.name, f.name)
    const argList = args
      ? `(${args.fields.map((a) => `${a.name}: ${sdlType(a.type)}`).join(', ')})`
      : ''
    return `  ${f.name}${argList}: ${sdlType(f.type)}`
  })
  return `${keyword} ${head} {\n${fields.join('\n')}\n}`
}

function interfacesOf(
  decl: RecordDecl,
  types: CodegenTypes,
  seen = new Set<string>(),
): Set<string> {
  for (const base of decl.bases) {
    if (seen.has(base)) continue
    seen.add(base)
    const baseDecl = types.records.get(base)
    if (baseDecl) interfacesOf(baseDecl, types, seen)
  }
  return seen
}

function sdlType(type: TypeRef): string {
  const inner = type.kind === 'list' ? `[${sdlType(type.of)}]` : type.name
  return type.nullable ? inner : `${inner}!`
}

function namedType(type: TypeRef): string {
  return type.kind === 'list' ? namedType(type.of) : type.name
}

function classifyRecords(types: CodegenTypes): Map<string, Role> {
  const roles = new Map<string, Role>()
  for (const decl of types.records.values()) {
    if (decl.typename === decl.name) roles.set(decl.name, 'object')
  }
  for (const decl of types.records.values()) {
    for (const field of decl.fields) {
      const args = `${decl.name}${field.name[0]?.toUpperCase()}${field.name.slice(1)}Args`
      if (types.records.has(args)) roles.set(args, 'args')
    }
  }
  propagateRoles(types, roles)
  return roles
}

function propagateRoles(types: CodegenTypes, roles: Map<string, Role>): void {
  const mark = (name: string, role: Role) => {
    if (!types.records.has(name) || roles.has(name)) return false
    if (types.unparsed.has(name)) throw new Error(`The schema type ${name} could not be parsed.`)
    roles.set(name, role)
    return true
  }
  let changed = true
  while (changed) {
    changed = false
    for (const members of types.unions.values()) members.forEach((m) => mark(m, 'object'))
    for (const [name, role] of [...roles]) {
      const decl = types.records.get(name)
      if (!decl) continue
      const refRole: Role = role === 'args' || role === 'input' ? 'input' : 'interface'
      for (const base of decl.bases) changed = mark(base, 'interface') || changed
      for (const field of decl.fields) changed = mark(namedType(field.type), refRole) || changed
    }
  }
}

let baseSchema: GraphQLSchema | undefined
const extendedSchemas = new Map<string, GraphQLSchema>()

export function wandbTypesPath(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@wandb/sdk/package.json')), 'dist/gql/graphql.d.ts')
}

/** The W&B schema derived from @wandb/sdk's shipped types, plus optional newer fields; cached per process. */
export function wandbSchema(extensionSdl = ''): GraphQLSchema {
  baseSchema ??= buildSchema(sdlFromCodegenTypes(readFileSync(wandbTypesPath(), 'utf8')))
  if (!extensionSdl.trim()) return baseSchema
  let schema = extendedSchemas.get(extensionSdl)
  if (!schema) {
    schema = extendSchema(baseSchema, parse(extensionSdl))
    extendedSchemas.set(extensionSdl, schema)
  }
  return schema
}
