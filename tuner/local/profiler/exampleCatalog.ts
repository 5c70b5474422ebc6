import { fileURLToPath } from 'node:url';

/** An example handler the profiler knows how to run. */
export interface ProfiledExample {
  readonly name: string;
  /** Absolute path of the module that exports `handler` (its top level is the init). */
  readonly handlerModule: string;
  /** Absolute path of the module that exports `createSampleEvent()`. */
  readonly sampleEventModule: string;
  /** Environment variable that sets the model's onnxruntime intra-op thread count. */
  readonly threadsVariable: string;
}

const examplesDirectory = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Every example the profiler can measure, by name. */
export const exampleCatalog = {
  'ocr-detector': {
    name: 'ocr-detector',
    handlerModule: `${examplesDirectory}ocr-detector/handler.ts`,
    sampleEventModule: `${examplesDirectory}ocr-detector/sampleEvent.ts`,
    threadsVariable: 'OCR_THREADS',
  },
} as const satisfies Record<string, ProfiledExample>;

/** The profiler was asked for an example it does not know. */
export class UnknownExampleError extends Error {
  override readonly name = 'UnknownExampleError';
}

/**
 * Looks an example up by name.
 *
 * @example
 * ```ts
 * findExample('ocr-detector').handlerModule; // '/…/examples/ocr-detector/handler.ts'
 * findExample('resnet'); // throws UnknownExampleError: --example: unknown example 'resnet' (known: ocr-detector)
 * ```
 */
export function findExample(name: string): ProfiledExample {
  if (Object.hasOwn(exampleCatalog, name)) {
    return exampleCatalog[name as keyof typeof exampleCatalog];
  }
  throw new UnknownExampleError(
    `--example: unknown example '${name}' (known: ${Object.keys(exampleCatalog).join(', ')})`,
  );
}
