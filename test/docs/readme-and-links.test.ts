import * as fs from "fs";
import * as path from "path";
import { COMMANDS } from "../../src/cli/main";
import { REPO_ROOT } from "../support/workspace";

const DOCS = path.join(REPO_ROOT, "docs");
const PAGES = [
  "README.md",
  ...fs
    .readdirSync(DOCS)
    .filter((file) => file.endsWith(".md"))
    .map((file) => `docs/${file}`),
];
const read = (page: string) => fs.readFileSync(path.join(REPO_ROOT, page), "utf8");
/** What a person scrolls through before the documentation takes over: one screen, give or take. */
const README_MAX_LINES = 100;

/** The page's lines outside fenced code blocks, with their line numbers. */
function prose(text: string): Array<{ line: string; number: number }> {
  let fenced = false;
  return text.split("\n").flatMap((line, index) => {
    if (line.startsWith("```")) fenced = !fenced;
    return fenced || line.startsWith("```") ? [] : [{ line, number: index + 1 }];
  });
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const { line } of prose(text)) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count ? `${slug}-${count}` : slug);
  }
  return result;
}

describe("README and docs/: a one-screen README, and every link lands", () => {
  test("every relative link of README.md and docs/ names a file that exists, and a heading there when it has an #anchor", () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const { line, number } of prose(read(page))) {
        for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
          if (/^[a-z]+:/.test(target)) continue;
          const [file, anchor] = target.split("#");
          const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), file)) : page;
          if (!fs.existsSync(path.join(REPO_ROOT, resolved))) broken.push(`${page}:${number} links to ${target}: no file ${resolved}`);
          else if (anchor && resolved.endsWith(".md") && !anchors(read(resolved)).has(anchor))
            broken.push(`${page}:${number} links to ${target}: ${resolved} has no heading with the anchor #${anchor}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test(`the README fits one screen (at most ${README_MAX_LINES} lines) and links every page of docs/`, () => {
    const readme = read("README.md");
    expect(readme.split("\n").length).toBeLessThanOrEqual(README_MAX_LINES);
    const unlinked = PAGES.filter((page) => page !== "README.md" && !readme.includes(`](${page})`) && !readme.includes(`](${page}#`));
    expect(unlinked).toEqual([]);
  });

  test("the README's first sh block is the two commands: synthesize the example, run the tests", () => {
    const block = /```sh\n([^]*?)```/.exec(read("README.md"));
    expect(block?.[1]).toBe("npm ci && CHECKPOINT_DISABLE=1 npx cdktf synth\nnpm test\n");
  });

  test("the README's command table lists exactly the contacts commands", () => {
    const listed = prose(read("README.md")).flatMap(({ line }) => /^\| `npx contacts ([a-z-]+)[ `]/.exec(line)?.[1] ?? []);
    expect(listed).toEqual(Object.keys(COMMANDS));
  });
});
