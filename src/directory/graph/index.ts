export { readGraphDirectory, type GraphReadOptions } from "./read-graph-directory";
export { GraphDirectoryError, GRAPH_PERMISSIONS } from "./graph-errors";
export { graphCredential, type GraphCredentialEnvironment } from "./graph-credential";
export type { GraphCallLimits } from "./graph-http";
