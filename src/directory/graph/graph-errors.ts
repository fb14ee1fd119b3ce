import { UsageError } from "../../run/usage-error";

/**
 * The directory could not be read as it must be, so nothing it said may be used: the reading stops, and no
 * typed member list stands in for it (issue 21, requirement 5). Printed as one line without a stack trace.
 */
export class GraphDirectoryError extends UsageError {
  constructor(
    /** The source's id in the registry's `directories` section. */
    readonly source: string,
    /** The address (or group) being read when it failed; undefined when the failure is before any address. */
    readonly address: string | undefined,
    what: string,
    why: string,
    fix: string,
  ) {
    // The address comes from a registry and Graph's words from the network: quoted as JSON, so a quote or a line
    // break in them cannot pass for the message's own text (the command's output is made inert at the sink).
    const where = `directory source ${JSON.stringify(source)}` + (address === undefined ? "" : `, address ${JSON.stringify(address)}`);
    super(`${where}: ${what}. ${why.charAt(0).toUpperCase()}${why.slice(1)}. Fix: ${fix}.`);
    this.name = "GraphDirectoryError";
  }
}

/** The least-privileged application permissions the reader needs, as the docs list them. */
export const GRAPH_PERMISSIONS = "GroupMember.Read.All, User.Read.All and User-LifeCycleInfo.Read.All (application permissions, admin consent)";
