import { GraphDirectoryError } from "./graph-errors";
import { getGraphJson, type GraphCallContext } from "./graph-http";
import type { GraphRequest } from "./odata";

// A bound on pages per listing: 10,000 pages of 999 is ten million entries, far past any contact group; a
// listing that goes on longer is a server that never stops, not a group.
const MAX_PAGES = 10_000;

/** Every entry of a listing, following @odata.nextLink as Graph gives it (opaque: never built, never changed). */
export async function listAll(root: string, first: GraphRequest, context: GraphCallContext): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let request: GraphRequest | undefined = first;
  while (request) {
    if (seen.size >= MAX_PAGES) throw pageError(context, `the listing went on past ${MAX_PAGES} pages`);
    seen.add(request.url);
    const page = await getGraphJson(request, context);
    items.push(...(page.value as unknown[]));
    const next = page["@odata.nextLink"];
    if (next === undefined || next === null) break;
    // The next page gets the bearer token: only from Graph's own origin, and a link seen before is a loop.
    if (typeof next !== "string" || !sameOrigin(next, root))
      throw pageError(context, `@odata.nextLink ${JSON.stringify(String(next).slice(0, 200))} is not on ${root}`);
    if (seen.has(next)) throw pageError(context, "@odata.nextLink repeats a page already read");
    request = { url: next, advanced: first.advanced };
  }
  return items;
}

function sameOrigin(url: string, root: string): boolean {
  try {
    return new URL(url).origin === root;
  } catch {
    return false;
  }
}

function pageError(context: GraphCallContext, what: string): GraphDirectoryError {
  return new GraphDirectoryError(
    context.source,
    context.address,
    what,
    "a listing that cannot be followed may hide members",
    "run the read again; if it persists, report it with this message",
  );
}
