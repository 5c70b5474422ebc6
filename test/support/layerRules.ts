/**
 * The project's layers (docs/architecture.md) as data, and a checker over an import graph.
 * A file imports only from its own layer or lower ones; AWS SDK packages only above the cycle;
 * another of the project's packages only by its name, never by a relative path
 * (docs/decisions/0060-one-package-per-concern.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Folders (or files) of product code, lowest layer first; siblings share a rank. */
export const LAYERS: readonly { readonly rank: number; readonly paths: readonly string[] }[] = [
  { rank: 0, paths: ['sdk'] },
  { rank: 1, paths: ['tuner/sim'] },
  { rank: 2, paths: ['tuner/core'] },
  { rank: 3, paths: ['tuner/cycle'] },
  { rank: 4, paths: ['tuner/aws', 'tuner/local', 'tuner/backtest', 'tuner/report', 'tuner/demo'] },
  { rank: 5, paths: ['tuner/commands', 'tuner/cli.ts'] },
  { rank: 6, paths: ['infra'] },
];

/** Layers below this rank may not import an AWS SDK package (they run with no AWS at all). */
export const FIRST_RANK_WITH_AWS_SDK = 4;

/** One import of one product file, paths relative to the repository root. */
export interface ImportEdge {
  readonly from: string;
  /**
   * A repository path for a relative import or an import of one of the project's packages
   * (resolved through its exports' `source` condition), else the package specifier.
   */
  readonly to: string;
  readonly relativeImport: boolean;
  /** The specifier names one of the project's own packages (`@lambda-thermostat/...`). */
  readonly packageImport?: boolean;
}

/** The project's package folders (the root package.json's workspaces). */
export const PACKAGE_FOLDERS: readonly string[] = ['sdk', 'tuner', 'infra'];

function packageFolder(path: string): string | undefined {
  return PACKAGE_FOLDERS.find((folder) => path === folder || path.startsWith(`${folder}/`));
}

/** The layer rank of a repository path, or undefined outside every layer. */
export function layerRank(path: string): number | undefined {
  for (const layer of LAYERS)
    for (const p of layer.paths) if (path === p || path.startsWith(`${p}/`)) return layer.rank;
  return undefined;
}

/** Broken rules, one sentence each (empty when the graph keeps the layering). */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const fromRank = layerRank(edge.from);
    if (fromRank === undefined) {
      problems.push(`${edge.from} is in no layer`);
      continue;
    }
    if (edge.relativeImport && packageFolder(edge.from) !== packageFolder(edge.to)) {
      problems.push(
        `${edge.from} imports ${edge.to} by a relative path into another package: import it by the package's name`,
      );
    }
    if (edge.relativeImport || edge.packageImport) {
      const toRank = layerRank(edge.to);
      if (toRank === undefined)
        problems.push(`${edge.from} imports ${edge.to}, which is in no layer`);
      else if (toRank > fromRank)
        problems.push(
          `${edge.from} (layer ${fromRank}) imports upward: ${edge.to} (layer ${toRank})`,
        );
    } else if (edge.to.startsWith('@aws-sdk/') && fromRank < FIRST_RANK_WITH_AWS_SDK) {
      problems.push(`${edge.from} (layer ${fromRank}) imports the AWS SDK package ${edge.to}`);
    }
  }
  return problems;
}

/** Every import (static, dynamic, re-export) of the `.ts` files under `roots`. */
export function importGraph(repoRoot: string, roots: readonly string[]): ImportEdge[] {
  const packages = projectPackages(repoRoot);
  const edges: ImportEdge[] = [];
  for (const root of roots)
    for (const file of typeScriptFiles(join(repoRoot, root))) {
      const from = relative(repoRoot, file);
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const imported of info.importedFiles) {
        const spec = imported.fileName;
        if (spec.startsWith('.')) {
          edges.push({
            from,
            to: relative(repoRoot, resolve(dirname(file), spec)),
            relativeImport: true,
          });
          continue;
        }
        const packageName = packages.find(
          (candidate) => spec === candidate.name || spec.startsWith(`${candidate.name}/`),
        );
        if (packageName === undefined) {
          edges.push({ from, to: spec, relativeImport: false });
          continue;
        }
        const subpath = `.${spec.slice(packageName.name.length)}`;
        const source = packageName.sources.get(subpath);
        edges.push({
          from,
          to: source === undefined ? spec : join(packageName.folder, source),
          relativeImport: false,
          packageImport: true,
        });
      }
    }
  return edges;
}

interface ProjectPackage {
  readonly name: string;
  readonly folder: string;
  /** Export subpath (`.`, `./cost`) → source file, relative to the package folder. */
  readonly sources: ReadonlyMap<string, string>;
}

/** The project's packages with the source file of each export (the `source` condition). */
function projectPackages(repoRoot: string): ProjectPackage[] {
  return PACKAGE_FOLDERS.map((folder) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, folder, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, { source?: string }>;
    };
    const sources = new Map<string, string>();
    for (const [subpath, conditions] of Object.entries(manifest.exports ?? {}))
      if (conditions.source !== undefined) sources.set(subpath, conditions.source);
    return { name: manifest.name, folder, sources };
  });
}

function typeScriptFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return dir.endsWith('.ts') ? [dir] : [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    // dist/ holds the compiled packages (their .d.ts files), not sources.
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
