import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AFTER_FIRST_RENDER,
  AREA_LOADERS,
  AREAS,
  VIEW_AREAS,
  WORKSPACE_LATER,
  type Area,
  type AreaView,
} from '../../client/src/lib/i18n/areas';
import { en } from '../../client/src/lib/i18n/en';
import { fr } from '../../client/src/lib/i18n/fr';

// A page fetches only the dictionary areas its view shows (client/src/lib/i18n/areas.ts). What a
// user would see if one were missing: a blank where a label belongs, until the fallback has fetched
// every area. So every message key a view's code can use is held to the areas listed for that view:
// each key written out ('ws.tab.brief'), and every key a template starts (`error.${code}`) could make.
// The workspace's later parts (later-panels.ts) are held to the areas fetched with them.

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'client/src');
const view = (name: string) => join(src, 'views', name);
const laterPanels = join(src, 'components/workspace/later-panels.ts');

/** The files each view's code starts from; the walk stops at any other view, and at the workspace's later parts. */
const VIEW_FILES: Record<AreaView, string[]> = {
  shell: [join(src, 'main.ts'), join(src, 'App.svelte'), view('JoinView.svelte'), view('NotFoundView.svelte')],
  session: [view('SessionView.svelte')],
  candidate: [view('SessionView.svelte'), view('CandidateView.svelte')],
  observer: [view('SessionView.svelte'), view('ObserverView.svelte')],
  replay: [view('SessionView.svelte'), view('ReplayView.svelte')],
  admin: [view('AdminView.svelte')],
  me: [view('MyInterviewsView.svelte')],
};

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('$shared/')
    ? join(root, 'shared', spec.slice('$shared/'.length))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null;
  if (!base) return null; // a package
  return (
    [base, `${base}.ts`, `${base}.svelte.ts`, `${base}/index.ts`].find((file) => /\.(ts|svelte)$/.test(file) && existsSync(file)) ?? null
  );
}

/** The source files a view runs: its starts and what they import, statically or by `import()`, types left out. */
function viewSources(starts: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(
      /(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?from\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      if (m[1]) continue;
      const target = resolveImport(file, (m[2] ?? m[3])!);
      if (!target) continue;
      const otherView = (/client\/src\/views\/[^/]+\.svelte$/.test(target) || target === laterPanels) && !starts.includes(target);
      const dictionary = /client\/src\/lib\/i18n\/(?!i18n\.svelte|context|areas)/.test(target);
      if (!otherView && !dictionary) visit(target);
    }
  };
  starts.forEach(visit);
  return [...seen];
}

const KEYS = Object.keys(en);

/** Every message key the files name, or build from a template's start. */
function keysUsed(files: string[]): Set<string> {
  const used = new Set<string>();
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    // A quoted dotted name, wherever it stands (an apostrophe in a comment must not pair quotes off).
    for (const m of code.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)) if (m[1]! in en) used.add(m[1]!);
    for (const m of code.matchAll(/`([a-zA-Z][\w.]*\.)\$\{/g)) for (const key of KEYS) if (key.startsWith(m[1]!)) used.add(key);
  }
  return used;
}

async function areaKeys(locale: 'en' | 'fr', area: Area): Promise<string[]> {
  return Object.keys(await AREA_LOADERS[locale][area]()).sort();
}

describe('dictionary areas', () => {
  it('split the dictionary: every key in exactly one area, the same keys in both languages', async () => {
    const seen = new Map<string, Area>();
    for (const area of AREAS) {
      const keys = await areaKeys('en', area);
      expect(keys.length).toBeGreaterThan(0);
      expect(await areaKeys('fr', area), area).toEqual(keys);
      for (const key of keys) {
        expect(seen.get(key), `${key} is in ${seen.get(key)} and ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
    expect([...seen.keys()].sort()).toEqual(KEYS.sort());
    expect(Object.keys(fr).sort()).toEqual(KEYS.sort());
  });

  it("hold every key a view's code uses, in the areas that view awaits", () => {
    const areaOf = new Map<string, Area>();
    return Promise.all(AREAS.map(async (area) => (await areaKeys('en', area)).forEach((key) => areaOf.set(key, area)))).then(() => {
      const checked: [string, string[], readonly Area[]][] = [
        ...(Object.entries(VIEW_FILES) as [AreaView, string[]][]).map(([name, starts]): [string, string[], readonly Area[]] => [
          name,
          starts,
          VIEW_AREAS[name],
        ]),
        // Shown in the workspace of all three session views, once they have rendered.
        [
          'workspace later',
          [laterPanels],
          [...VIEW_AREAS.candidate.filter((area) => VIEW_AREAS.observer.includes(area)), ...WORKSPACE_LATER],
        ],
      ];
      for (const [name, starts, areas] of checked) {
        const loaded = new Set<Area>([...areas, ...AFTER_FIRST_RENDER]);
        const files = viewSources(starts);
        expect(files.length, name).toBeGreaterThan(starts.length);
        const used = keysUsed(files);
        expect(used.size, name).toBeGreaterThan(0);
        const missing = [...used].filter((key) => !loaded.has(areaOf.get(key)!)).map((key) => `${key} (${areaOf.get(key)})`);
        expect(missing, `${name} uses keys outside its areas`).toEqual([]);
      }
    });
  });

  it('give every view the frame it renders in', () => {
    for (const areas of Object.values(VIEW_AREAS)) expect(areas).toContain('core');
    for (const name of ['candidate', 'observer', 'replay'] as const)
      expect(VIEW_AREAS[name]).toEqual(expect.arrayContaining([...VIEW_AREAS.session]));
  });
});
