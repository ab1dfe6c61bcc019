import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every relative link of README.md and docs/ points to a file that exists, and every `#anchor` to a heading of its
 * page, so moving a section cannot leave a link behind. Anchors are GitHub's: the heading in lower case, without
 * punctuation, spaces as hyphens, a repeated one numbered. And the README's layout map names only folders that exist.
 */
const ROOT = path.join(__dirname, '..', '..', '..');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

const PAGES = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];

/** The page without its fenced code blocks and code spans, where a `#` or `](` is not Markdown. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with a page's links: each broken one as `page: target`. */
function brokenLinks(file: string, read = (f: string) => fs.readFileSync(f, 'utf8')): string[] {
  const broken: string[] = [];
  for (const link of linksOf(read(file))) {
    const [target, anchor] = link.split('#') as [string, string | undefined];
    const resolved = target === '' ? file : path.resolve(path.dirname(file), decodeURI(target));
    const where = `${path.relative(ROOT, file)}: ${link}`;
    if (!fs.existsSync(resolved)) broken.push(where);
    else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor))
      broken.push(where);
  }
  return broken;
}

describe('the links of README.md and docs/', () => {
  test('every relative link points to a file that exists, and every anchor to a heading of it', () => {
    expect(PAGES.flatMap((file) => brokenLinks(file))).toEqual([]);
  });

  test('anchors are GitHub’s', () => {
    expect([
      ...anchorsOf("# The game's rules\n## Proofs: OpenAPI and fuzzing\n## Events\n## Events\n"),
    ]).toEqual(['the-games-rules', 'proofs-openapi-and-fuzzing', 'events', 'events-1']);
    expect([...anchorsOf('```bash\n# a comment, not a heading\n```\n')]).toEqual([]);
  });

  test('finds a link to a missing file and one to a missing heading', () => {
    const page = path.join(ROOT, 'README.md');
    const read = (f: string) =>
      f === page
        ? '# Here\n[a](docs/nowhere.md) [b](#here) [c](#not-here) [d](docs/api.md#nothing)'
        : '# Api\n';
    expect(brokenLinks(page, read)).toEqual([
      'README.md: docs/nowhere.md',
      'README.md: #not-here',
      'README.md: docs/api.md#nothing',
    ]);
  });

  test('every folder the README’s layout map names exists', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const map = /^## Layout\n+```\n([\s\S]*?)^```/m.exec(readme)?.[1] ?? '';
    const folders = map
      .split('\n')
      .map((line) => /^(\S+\/\S*)/.exec(line)?.[1])
      .filter((folder): folder is string => folder !== undefined && !folder.includes('<'));
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !fs.existsSync(path.join(ROOT, folder)))).toEqual([]);
  });
});
