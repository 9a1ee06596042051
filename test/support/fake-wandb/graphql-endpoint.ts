import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql'
import type { ResolverContext } from './graphql-objects.js'
import { rootValue } from './graphql-resolvers.js'
import { isRecord } from './runs-store.js'

export interface GraphqlRequest {
  query: string
  variables: Record<string, unknown> | undefined
  operationName: string | undefined
}

export interface InvalidDocument {
  phase: 'request' | 'parse' | 'validate' | 'variables'
  operationName: string | undefined
  query: string
  errors: string[]
}

export interface GraphqlResponse {
  status: number
  body: unknown
}

export function readGraphqlRequest(body: Uint8Array): GraphqlRequest | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(body).toString('utf8'))
    if (!isRecord(json) || typeof json.query !== 'string') return undefined
    const variables = isRecord(json.variables) ? json.variables : undefined
    const operationName = typeof json.operationName === 'string' ? json.operationName : undefined
    return { query: json.query, variables, operationName }
  } catch {
    return undefined
  }
}

/** Operation name and root field names: what failure rules match a GraphQL request by. */
export function operationNames(request: GraphqlRequest | undefined): string[] {
  if (!request) return []
  const names = request.operationName ? [request.operationName] : []
  try {
    for (const def of parse(request.query).definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue
      if (def.name) names.push(def.name.value)
      for (const sel of def.selectionSet.selections)
        if (sel.kind === Kind.FIELD) names.push(sel.name.value)
    }
  } catch {
    return names
  }
  return names
}

export async function answerGraphql(
  request: GraphqlRequest | undefined,
  schema: GraphQLSchema,
  ctx: ResolverContext,
  invalid: InvalidDocument[],
): Promise<GraphqlResponse> {
  const reject = (phase: InvalidDocument['phase'], errors: readonly GraphQLError[]) => {
    invalid.push({
      phase,
      operationName: request?.operationName,
      query: request?.query ?? '',
      errors: errors.map((e) => e.message),
    })
    return { status: 400, body: { errors: errors.map((e) => e.toJSON()) } }
  }
  if (!request)
    return reject('request', [new GraphQLError('The body must be JSON with a "query" string.')])
  let document: DocumentNode
  try {
    document = parse(request.query)
  } catch (error) {
    return reject('parse', [
      error instanceof GraphQLError ? error : new GraphQLError(String(error)),
    ])
  }
  const validationErrors = validate(schema, document)
  if (validationErrors.length) return reject('validate', validationErrors)
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(ctx),
    contextValue: ctx,
    variableValues: request.variables,
    operationName: request.operationName,
  })
  if (!('data' in result) && result.errors) return reject('variables', result.errors)
  return { status: 200, body: result }
}
