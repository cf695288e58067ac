import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { VIEW_AREAS, type AreaView } from '../client/src/lib/i18n/areas';

// Row 8: client weight. Builds the client with the project's vite.config.ts into a temporary
// directory (so a build another engineer is running in dist/ is left alone), then for each view
// sums the gzip size of the JavaScript a first load fetches: the entry script in index.html and
// every chunk it imports statically (dynamic imports are loaded later, on demand), plus the
// dictionary areas main.ts awaits for that view before the first render (client/src/lib/i18n/
// areas.ts), English for the target and French beside it. A plugin records each source module's
// rendered size per chunk, to say which modules weigh most in the candidate's first load.

export interface ClientWeightResult {
  views: {
    view: string;
    /** The view's JavaScript: entry closure and view chunk. */
    chunks: string[];
    gzipKb: number;
    rawKb: number;
    /** The dictionary chunks the view awaits, per language (not in `chunks`). */
    dictionary: Record<'en' | 'fr', { chunks: string[]; gzipKb: number; rawKb: number }>;
  }[];
  /** The candidate's first load, heaviest modules first. */
  heaviest: { module: string; rawKb: number; gzipKb: number }[];
  /** What the candidate's first load is made of, by package or client folder. */
  byPackage: { name: string; rawKb: number; gzipKb: number }[];
}

/** Each view measured, with the areas its page awaits (JoinView is the shell's: App renders it). */
const VIEWS: Record<string, AreaView> = { CandidateView: 'candidate', ObserverView: 'observer', AdminView: 'admin', JoinView: 'shell' };

/** The page's entry script in a client build (`dir`), from its index.html. */
export function entryScript(dir: string): string {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = /<script[^>]*type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module script in index.html');
  return entry;
}

/**
 * `start` and every script it imports statically, transitively (paths relative to `dir`, a
 * client build): what a browser fetches with it. Dynamic `import()`s are left out.
 */
export function staticClosure(dir: string, start: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static imports only: `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(relative(dir, join(dir, dirname(file), m[1]!)));
    }
  };
  visit(start);
  return [...seen];
}

export async function benchClientWeight(): Promise<ClientWeightResult> {
  const root = process.cwd();
  const outDir = mkdtempSync(join(tmpdir(), 'atelier-client-weight-'));
  const modules = new Map<string, { chunk: string; raw: number; code: string }>();
  const record: Plugin = {
    name: 'bench-module-sizes',
    generateBundle(_options, bundle) {
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, m] of Object.entries(output.modules)) {
          const code = (m as { code?: string | null }).code ?? '';
          modules.set(id, { chunk: file, raw: m.renderedLength, code });
        }
      }
    },
  };
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false },
      plugins: [record],
    });
    const entry = entryScript(outDir);
    const closure = (start: string) => staticClosure(outDir, start);
    const size = (files: string[]) => {
      let raw = 0;
      let gz = 0;
      for (const f of files) {
        const b = readFileSync(join(outDir, f));
        raw += b.length;
        gz += gzipSync(b, { level: 9 }).length;
      }
      return { raw: raw / 1024, gz: gz / 1024 };
    };
    const initial = closure(entry);
    const chunkOf = (suffix: string) => [...modules.entries()].find(([id]) => id.endsWith(suffix))?.[1]?.chunk;
    const views = Object.entries(VIEWS).map(([view, areas]) => {
      // A view loads the entry's closure, plus its own chunk's if the view is split out.
      const own = [...modules.entries()].find(([id, m]) => id.endsWith(`/${view}.svelte`) && !initial.includes(m.chunk))?.[1]?.chunk;
      const files = own ? [...new Set([...initial, ...closure(own)])] : initial;
      const s = size(files);
      const dictionary = (locale: 'en' | 'fr') => {
        const chunks = VIEW_AREAS[areas].map((area) => {
          const chunk = chunkOf(`/client/src/lib/i18n/${area}.${locale}.ts`);
          if (!chunk) throw new Error(`no chunk holds the ${area} area in ${locale}`);
          return chunk;
        });
        const dictionaryFiles = [...new Set(chunks.flatMap(closure))].filter((f) => !files.includes(f));
        const d = size(dictionaryFiles);
        return { chunks: dictionaryFiles, gzipKb: d.gz, rawKb: d.raw };
      };
      return { view, chunks: files, gzipKb: s.gz, rawKb: s.raw, dictionary: { en: dictionary('en'), fr: dictionary('fr') } };
    });
    const candidateFiles = new Set(views.find((v) => v.view === 'CandidateView')?.chunks ?? initial);
    const heaviest = [...modules.entries()]
      .filter(([, m]) => candidateFiles.has(m.chunk))
      .map(([id, m]) => ({
        module: id.replace(`${root}/`, '').replace(/^.*node_modules\//, 'node_modules/'),
        rawKb: m.raw / 1024,
        gzipKb: m.code ? gzipSync(m.code).length / 1024 : NaN,
      }))
      .sort((a, b) => b.rawKb - a.rawKb);
    const packages = new Map<string, { raw: number; gz: number }>();
    for (const m of heaviest) {
      const name = m.module.startsWith('node_modules/')
        ? m.module
            .split('/')
            .slice(1, m.module.split('/')[1]!.startsWith('@') ? 3 : 2)
            .join('/')
        : m.module
            .split('/')
            .slice(0, m.module.startsWith('client/src/') ? 4 : 1)
            .join('/');
      const p = packages.get(name) ?? { raw: 0, gz: 0 };
      p.raw += m.rawKb;
      p.gz += Number.isFinite(m.gzipKb) ? m.gzipKb : 0;
      packages.set(name, p);
    }
    return {
      views,
      heaviest: heaviest.slice(0, 15),
      byPackage: [...packages.entries()]
        .map(([name, p]) => ({ name, rawKb: p.raw, gzipKb: p.gz }))
        .sort((a, b) => b.rawKb - a.rawKb)
        .slice(0, 12),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
