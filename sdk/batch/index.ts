export {
  BatchInferenceOptionError,
  type BatchInferenceOptions,
  type BatchItemResult,
  BatchOutputMismatchError,
  inferBatch,
} from './inferBatch.ts';
