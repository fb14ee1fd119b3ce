/**
 * Text from a pull request ends up in a comment on it: everything taken from the registry is escaped,
 * so a value can inject neither HTML nor Markdown (a link, emphasis), break a table, mention a person or
 * team (`@org/team`, which GitHub notifies), or become a link (`https://...`, `www.`).
 */
export function plain(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/([\\`*_[\]#|~])/g, "\\$1")
      // A mention starts a word (@org/team); an email's @ follows a name and mentions nobody.
      .replace(/(^|[^\w.%+-])@/g, "$1&#64;")
      .replace(/:\/\//g, "&#58;//")
      .replace(/\b(www)\./gi, "$1&#46;")
      .replace(/\r?\n/g, " ")
  );
}

/**
 * A value shown verbatim (an address, a phone number, a card id). GitHub parses Markdown inside inline
 * HTML, so the characters that make links and emphasis are written as entities, which render as themselves;
 * it makes no mentions or links inside `<code>`. A tilde stays (`HEAD~1`): at worst it strikes text through.
 */
export function code(text: string): string {
  return `<code>${text.replace(/[&<>|`*_[\]\\]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, " ")}</code>`;
}

/** Folds a block under a summary line when it is long (`when`): the comment stays readable at a glance. */
export function folded(summary: string, body: string, { when: fold }: { when: boolean }): string {
  return fold ? `<details><summary>${summary}</summary>\n\n${body}\n\n</details>` : body;
}

/** At most `limit` items, then one line saying how many more and where to find them all. */
export function capped<T>(items: readonly T[], limit: number, render: (item: T) => string, indent = ""): string[] {
  const lines = items.slice(0, limit).map(render);
  // Indented as the items are, so that in a nested list the line stays in it.
  if (items.length > limit) lines.push(`${indent}- … and ${items.length - limit} more (all of them: \`contacts review --format json\`)`);
  return lines;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
