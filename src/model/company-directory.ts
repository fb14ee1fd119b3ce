import { normalizeEmail } from "./addresses";
import type { AddressResolution, DirectoryReading } from "./directory-reading";
import type { SourcePosition } from "./source-position";

/**
 * What the company directories said, as the directory snapshot records it, ready for the Directory to
 * count: each source's reading by the registry's `directories` id, and the source every unregistered contact
 * email is resolved in (policy.resolveAddressesIn), if any. Independent of the registry's own entries.
 */
export class CompanyDirectory {
  private readonly byAddress = new Map<string, Map<string, AddressResolution>>();

  constructor(
    readonly readings: ReadonlyMap<string, DirectoryReading>,
    /** policy.resolveAddressesIn and where it stands: the place a finding about such an address points at. */
    readonly resolveAddressesIn?: { source: string; position: SourcePosition },
  ) {
    for (const [source, reading] of readings) {
      const resolutions = new Map<string, AddressResolution>();
      for (const resolution of reading.resolutions) resolutions.set(normalizeEmail(resolution.address), resolution);
      this.byAddress.set(source, resolutions);
    }
  }

  /** What `source` resolved `address` to (compared case-insensitively); undefined when it was not asked about it. */
  resolution(source: string, address: string): AddressResolution | undefined {
    return this.byAddress.get(source)?.get(normalizeEmail(address));
  }
}
