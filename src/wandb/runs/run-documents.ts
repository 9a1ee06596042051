/**
 * A project's runs that match `filters` (W&B's Mongo-style JSON, e.g. `{"state": "finished"}`), in
 * `order` (`-created_at`: newest first), as W&B's public API lists them.
 */
export const FILTERED_RUNS = `query FilteredRuns($entity: String!, $project: String!, $filters: JSONString, $order: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    runs(filters: $filters, order: $order, first: $perPage) {
      edges {
        node {
          name
          state
          config
        }
      }
    }
  }
}`

/** Where a run's files are stored (`directUrl`, a signed storage URL), with their size and md5. */
export const RUN_FILE_URLS = `query RunFileUrls($entity: String!, $project: String!, $run: String!, $names: [String]!) {
  project(name: $project, entityName: $entity) {
    run(name: $run) {
      files(names: $names) {
        edges {
          node {
            name
            directUrl
            sizeBytes
            md5
          }
        }
      }
    }
  }
}`
