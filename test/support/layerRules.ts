/**
 * The project's layers (docs/architecture.md) as data, and a checker over an import graph.
 * A file imports only from its own layer or lower ones; AWS SDK packages only above the cycle.
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
  /** A repository path for a relative import, else the package specifier. */
  readonly to: string;
  readonly relativeImport: boolean;
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
    if (edge.relativeImport) {
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
  const edges: ImportEdge[] = [];
  for (const root of roots)
    for (const file of typeScriptFiles(join(repoRoot, root))) {
      const from = relative(repoRoot, file);
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const imported of info.importedFiles) {
        const spec = imported.fileName;
        const relativeImport = spec.startsWith('.');
        const to = relativeImport ? relative(repoRoot, resolve(dirname(file), spec)) : spec;
        edges.push({ from, to, relativeImport });
      }
    }
  return edges;
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
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
