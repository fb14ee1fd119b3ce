/** A JSON object (not null, not an array): what readers of untrusted JSON files check before indexing. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
