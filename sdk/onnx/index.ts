export type { InstrumentSessionOptions } from './instrumentSession.ts';
export { instrumentSession } from './instrumentSession.ts';
export type { LoadModelOptions } from './loadModel.ts';
export { loadModel, ModelRuntimeMissingError } from './loadModel.ts';
