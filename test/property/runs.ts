/** Runs per property: enough to find the usual bugs in a few seconds; raise it to search longer. */
export const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 200)
