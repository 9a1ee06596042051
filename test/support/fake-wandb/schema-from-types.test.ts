import {
  buildSchema,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLUnionType,
  parse,
  validate,
} from 'graphql'
import { describe, expect, it } from 'vitest'
import { sdlFromCodegenTypes, wandbSchema } from './schema-from-types.js'
import { shippedTypesSource, wandbSdkDocuments } from './test-client.js'

const SYNTHETIC = `
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Scalars = {
    ID: string;
    String: string;
    Int64: any;
};
export type Node = {
    id: Scalars['ID'];
};
export type Shelf = Node & {
    __typename?: 'Shelf';
    books: Array<Maybe<Book>>;
    /**
     * a multi-line comment
     */
    id: Scalars['ID'];
    kind?: Maybe<ShelfKind>;
};
export type ShelfBooksArgs = {
    first?: InputMaybe<Scalars['Int64']>;
    names: Array<Scalars['String']>;
};
export type Book = {
    __typename?: 'Book';
    title: Scalars['String'];
};
export type Item = Book | Shelf;
export type Query = {
    __typename?: 'Query';
    shelf?: Maybe<Shelf>;
};
export type QueryShelfArgs = {
    input: ShelfInput;
};
export type ShelfInput = {
    kind?: ShelfKind;
    tags?: InputMaybe<Array<InputMaybe<Scalars['String']>>>;
};
export declare enum ShelfKind {
    Tall = "TALL",
    Wide = "WIDE"
}
export type ShelfQuery = {
    __typename?: 'Query';
    shelf?: {
        __typename?: 'Shelf';
        id: string;
    } | null;
};
`

describe('sdlFromCodegenTypes', () => {
  it('turns codegen object, interface, args, input, enum, union and scalar types into SDL', () => {
    const schema = buildSchema(sdlFromCodegenTypes(SYNTHETIC))
    const shelf = schema.getType('Shelf') as GraphQLObjectType
    expect(shelf.getInterfaces().map((i) => i.name)).toEqual(['Node'])
    expect(schema.getType('Node')).toBeInstanceOf(GraphQLInterfaceType)
    expect(String(shelf.getFields().books?.type)).toBe('[Book]!')
    expect(shelf.getFields().books?.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual([
      'first: Int64',
      'names: [String!]!',
    ])
    expect(String(schema.getQueryType()?.getFields().shelf?.args[0]?.type)).toBe('ShelfInput!')
    const input = schema.getType('ShelfInput') as GraphQLInputObjectType
    expect(input).toBeInstanceOf(GraphQLInputObjectType)
    expect(String(input.getFields().tags?.type)).toBe('[String]')
    expect((schema.getType('ShelfKind') as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(
      ['TALL', 'WIDE'],
    )
    expect((schema.getType('Item') as GraphQLUnionType).getTypes().map((t) => t.name)).toEqual([
      'Book',
      'Shelf',
    ])
  })

  it('leaves out argument holders and operation result types', () => {
    const sdl = sdlFromCodegenTypes(SYNTHETIC)
    expect(sdl).not.toContain('ShelfBooksArgs')
    expect(sdl).not.toContain('QueryShelfArgs')
    expect(sdl).not.toContain('ShelfQuery')
    expect(sdl).toContain('scalar Int64')
    expect(sdl).not.toContain('scalar String')
  })
})

describe('wandbSchema', () => {
  it('builds from the types @wandb/sdk ships, in well under two seconds', () => {
    const started = performance.now()
    const schema = buildSchema(sdlFromCodegenTypes(shippedTypesSource()))
    expect(performance.now() - started).toBeLessThan(2000)
    const mutations = schema.getMutationType()?.getFields() ?? {}
    for (const name of [
      'upsertBucket',
      'createArtifact',
      'createArtifactManifest',
      'createArtifactFiles',
      'commitArtifact',
      'useArtifact',
    ]) {
      expect(mutations[name], name).toBeDefined()
    }
    const query = schema.getQueryType()?.getFields() ?? {}
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['viewer', 'model', 'project']))
    const run = schema.getType('Run') as GraphQLObjectType
    expect(
      run
        .getInterfaces()
        .map((i) => i.name)
        .sort(),
    ).toEqual(['BucketType', 'Node'])
    expect(String(run.getFields().name?.type)).toBe('String!')
    const upsert = schema.getType('UpsertBucketInput') as GraphQLInputObjectType
    expect(String(upsert.getFields().config?.type)).toBe('JSONString')
    expect(String(upsert.getFields().tags?.type)).toBe('[String]')
    const state = schema.getType('ArtifactState') as GraphQLEnumType
    expect(state.getValues().map((v) => v.name)).toEqual(['COMMITTED', 'DELETED', 'PENDING'])
  })

  it('validates the documents @wandb/sdk sends', async () => {
    const documents = await wandbSdkDocuments()
    for (const [name, document] of Object.entries(documents)) {
      expect(validate(wandbSchema(), parse(document)), name).toEqual([])
    }
  })

  it('rejects an upsertBucket document with a misspelled field', async () => {
    const { upsertBucket } = await wandbSdkDocuments()
    const misspelled = upsertBucket.replace('displayName\n', 'dispalyName\n')
    expect(misspelled).not.toBe(upsertBucket)
    const errors = validate(wandbSchema(), parse(misspelled)).map((e) => e.message)
    expect(errors).toEqual([
      'Cannot query field "dispalyName" on type "Run". Did you mean "displayName"?',
    ])
    const badInput = validate(
      wandbSchema(),
      parse('mutation { upsertBucket(input: { nmae: "r" }) { inserted } }'),
    )
    expect(badInput.map((e) => e.message).join()).toContain(
      '"nmae" is not defined by type "UpsertBucketInput"',
    )
  })

  it('accepts extension SDL for fields newer than the shipped schema, cached per extension', () => {
    const document = parse(
      'query { project(name: "p") { artifact(name: "a:v0") { id ttlDurationSeconds } } }',
    )
    const extension = 'extend type Artifact { ttlDurationSeconds: Int64 }'
    expect(validate(wandbSchema(), document)).toHaveLength(1)
    expect(validate(wandbSchema(extension), document)).toEqual([])
    expect(wandbSchema(extension)).toBe(wandbSchema(extension))
    expect(wandbSchema()).toBe(wandbSchema(''))
  })
})
