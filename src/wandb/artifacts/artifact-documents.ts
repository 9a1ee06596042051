export const CREATE_ARTIFACT = `mutation CreateArtifact($input: CreateArtifactInput!) {
  createArtifact(input: $input) {
    artifact {
      id
      state
      digest
      versionIndex
    }
  }
}`

export const CREATE_ARTIFACT_MANIFEST = `mutation CreateArtifactManifest($input: CreateArtifactManifestInput!, $includeUpload: Boolean!) {
  createArtifactManifest(input: $input) {
    artifactManifest {
      id
      file {
        id
        uploadUrl @include(if: $includeUpload)
        uploadHeaders @include(if: $includeUpload)
      }
    }
  }
}`

export const CREATE_ARTIFACT_FILES = `mutation CreateArtifactFiles($input: CreateArtifactFilesInput!) {
  createArtifactFiles(input: $input) {
    files {
      edges {
        node {
          name
          uploadUrl
          uploadHeaders
        }
      }
    }
  }
}`

export const COMMIT_ARTIFACT = `mutation CommitArtifact($input: CommitArtifactInput!) {
  commitArtifact(input: $input) {
    artifact {
      id
      state
      versionIndex
    }
  }
}`

export const USE_ARTIFACT = `mutation UseArtifact($input: UseArtifactInput!) {
  useArtifact(input: $input) {
    artifact {
      id
    }
  }
}`

export const ARTIFACT_BY_NAME = `query ArtifactByName($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) {
    artifact(name: $name) {
      id
      digest
      state
      versionIndex
      artifactType {
        name
      }
      artifactSequence {
        name
      }
      currentManifest {
        file {
          directUrl
        }
      }
    }
  }
}`

/** The schema's closest match to W&B's newer `filesByManifestEntries`: the files named, a page at a time. */
export const ARTIFACT_FILE_URLS = `query ArtifactFileURLs($id: ID!, $names: [String!], $cursor: String, $perPage: Int) {
  artifact(id: $id) {
    files(names: $names, after: $cursor, first: $perPage) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          name
          directUrl
        }
      }
    }
  }
}`
