// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the samples are lines of source code, as text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The scope kit is the only place that says "in this subtree" or "on the active roster" in SQL. A condition
 * written by hand elsewhere is how a module silently filters wrong after an org move or a rule change, so the
 * server's sources are read and every hand-written one is named.
 */
const SERVER = path.resolve(__dirname, '..');
const KIT = path.join(SERVER, 'scope');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === KIT ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** A `like` (SQL or drizzle's operator, not `ilike`) on a path column, or a prefix built from a column. */
const HAND_SUBTREE =
  /(?<![i\w])like\s*(\$\{|\(|')[^\n]*path|path[^\n]*(?<![i\w])like\s*(\$\{|\(|')|\|\|\s*'%'/i;
/** The active-roster statuses typed out, in either order. */
const HAND_ACTIVE = /'正式党员',\s*'预备党员'|'预备党员',\s*'正式党员'/;

const COMMENT = /^\s*(\*|\/\/|\/\*)/;

function offences(pattern: RegExp): string[] {
  return sources(SERVER).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        pattern.test(line) && !COMMENT.test(line)
          ? [`${path.relative(SERVER, file)}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
}

describe('scope kit', () => {
  it('recognises the hand-written conditions it forbids, and not the searches it allows', () => {
    for (const line of [
      'where org_path like ${`${orgPath}%`}',
      'sql`${members.orgPath} like ${`${path}%`}`',
      'c.push(like(members.orgPath, `${f.orgPath}%`));',
      "sql`${orgPath} like ${duesClosings.orgPath} || '%'`",
    ])
      expect(HAND_SUBTREE.test(line), line).toBe(true);
    for (const line of [
      'ilike(members.name, `%${q}%`)',
      'alternatives.push(like(members.phone, `${q}%`));',
      'where ${inSubtree(sql`org_path`, orgPath)}',
    ])
      expect(HAND_SUBTREE.test(line), line).toBe(false);
    expect(HAND_ACTIVE.test("status in ('正式党员', '预备党员')")).toBe(true);
    expect(HAND_ACTIVE.test("status = '正式党员'")).toBe(false);
  });

  it('is the only place in the server that writes a subtree condition', () => {
    expect(offences(HAND_SUBTREE)).toEqual([]);
  });

  it('is the only place in the server that spells out the active roster', () => {
    expect(offences(HAND_ACTIVE)).toEqual([]);
  });
});
