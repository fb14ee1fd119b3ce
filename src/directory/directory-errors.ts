import { UsageError } from "../model/usage-error";

/**
 * The one error a directory reader throws. A directory that cannot be read completely is never a pass and never a
 * reason to fall back to the registry's typed members: the caller stops, and the message names the source, the
 * address or group concerned, what happened, why, and how to fix it.
 */
export interface DirectoryReadErrorDetails {
  /** The source's id in the registry's `directories` section. */
  source: string;
  /** The contact address being resolved when it happened, if any. */
  address?: string;
  /** The directory's id of the group being expanded (a DN, an object id), if any. */
  group?: string;
  what: string;
  why: string;
  fix: string;
}

/** Quotes a directory or registry string for a message: control characters and quotes cannot forge its text. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

export class DirectoryReadError extends UsageError {
  readonly source: string;
  readonly address?: string;
  readonly group?: string;

  constructor(details: DirectoryReadErrorDetails) {
    // The address comes from a registry and the directory's words from the network: quoted as JSON, so a quote or
    // a line break in them cannot pass for the message's own text (the command's output is made inert at the sink).
    const where = [
      `directory source ${quoted(details.source)}`,
      details.address === undefined ? undefined : `address ${quoted(details.address)}`,
      details.group === undefined ? undefined : `group ${quoted(details.group)}`,
    ].filter(Boolean);
    const fix = details.fix.endsWith(".") ? details.fix : `${details.fix}.`;
    super(`${where.join(", ")}: ${details.what}. ${details.why.charAt(0).toUpperCase()}${details.why.slice(1)}. Fix: ${fix}`);
    this.name = "DirectoryReadError";
    this.source = details.source;
    this.address = details.address;
    this.group = details.group;
  }
}
