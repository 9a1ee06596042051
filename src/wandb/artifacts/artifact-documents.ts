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
      currentManifest {
        file {
          directUrl
        }
      }
    }
  }
}`
