/**
 * The `$filter` forms the stand-in understands: clauses joined by ` or `, each `mail eq '<literal>'` or
 * `proxyAddresses/any(p:p eq '<literal>')`, with OData string literals (a quote inside doubled). Anything else is
 * Graph's 400 "Invalid filter clause", so a query the reader builds wrong fails here as it would there.
 */
export type FilterClause = { property: "mail"; value: string } | { property: "proxyAddresses"; value: string };

export function parseFilter(text: string): FilterClause[] | undefined {
  const clauses: FilterClause[] = [];
  let rest = text.trim();
  for (;;) {
    let property: FilterClause["property"];
    let suffix = "";
    if (rest.startsWith("mail eq '")) {
      property = "mail";
      rest = rest.slice("mail eq ".length);
    } else if (rest.startsWith("proxyAddresses/any(p:p eq '")) {
      property = "proxyAddresses";
      rest = rest.slice("proxyAddresses/any(p:p eq ".length);
      suffix = ")";
    } else return undefined;
    const literal = readLiteral(rest);
    if (!literal) return undefined;
    clauses.push({ property, value: literal.value });
    rest = rest.slice(literal.length);
    if (!rest.startsWith(suffix)) return undefined;
    rest = rest.slice(suffix.length);
    if (rest === "") return clauses;
    if (!rest.startsWith(" or ")) return undefined;
    rest = rest.slice(" or ".length);
  }
}

function readLiteral(text: string): { value: string; length: number } | undefined {
  if (text[0] !== "'") return undefined;
  let value = "";
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") value += text[i];
    else if (text[i + 1] === "'") {
      value += "'";
      i++;
    } else return { value, length: i + 1 };
  }
  return undefined;
}

/** Graph compares these strings case-insensitively. */
export function matches(clauses: readonly FilterClause[], object: { mail?: string; proxyAddresses: readonly string[] }): boolean {
  return clauses.some((c) =>
    c.property === "mail" ? object.mail?.toLowerCase() === c.value.toLowerCase() : object.proxyAddresses.some((p) => p.toLowerCase() === c.value.toLowerCase()),
  );
}
