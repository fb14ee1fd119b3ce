import { DirectoryReadError } from "../directory-errors";

/**
 * The directory could not be read as it must be, so nothing it said may be used: the reading stops, and no
 * typed member list stands in for it (issue 21, requirement 5). Printed as one line without a stack trace.
 */
export class GraphDirectoryError extends DirectoryReadError {
  constructor(source: string, address: string | undefined, what: string, why: string, fix: string) {
    super({ source, address, what, why, fix });
    this.name = "GraphDirectoryError";
  }
}

/** The least-privileged application permissions the reader needs, as the docs list them. */
export const GRAPH_PERMISSIONS = "GroupMember.Read.All, User.Read.All and User-LifeCycleInfo.Read.All (application permissions, admin consent)";
