import { MODEL_INPUT, MODEL_OUTPUT, ModelPrecision } from '../modelContract.ts';
import type { DenseLayer, MlpModel } from './mlp.ts';
import {
  byteTensor,
  ElementType,
  encodeModel,
  floatTensor,
  type GraphNode,
  type Initializer,
  node,
} from './onnxGraph.ts';

/**
 * The float model as ONNX bytes: `Sub(mean) → Mul(1/std)`, then per layer `Gemm(W, b)` and `Relu`
 * (the last layer `Sigmoid`).
 *
 * @example
 * ```ts
 * writeFileSync('fraud-mlp.fp32.onnx', fp32OnnxModel(model, { auc: '0.99' }));
 * ```
 */
export function fp32OnnxModel(
  model: MlpModel,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const nodes: GraphNode[] = [];
  const initializers: Initializer[] = [];
  let x = standardised(model, nodes, initializers);
  for (const [index, layer] of model.layers.entries()) {
    const weights = `layer${index}.weights`;
    const bias = `layer${index}.bias`;
    initializers.push(
      floatTensor(weights, [layer.inputs, layer.outputs], layer.weights),
      floatTensor(bias, [layer.outputs], layer.bias),
    );
    nodes.push(node('Gemm', [x, weights, bias], [`layer${index}.linear`]));
    x = activation(model, index, `layer${index}.linear`, nodes);
  }
  return encodeModel({
    graphName: 'fraud_mlp_fp32',
    doc: 'Fraud scorer MLP, float32 weights (examples/fraud-scorer).',
    input: { name: MODEL_INPUT, width: model.mean.length },
    output: { name: MODEL_OUTPUT, width: 1 },
    nodes,
    initializers,
    metadata: { precision: ModelPrecision.fp32, ...metadata },
  });
}

/**
 * The int8 model as ONNX bytes, quantized the way ONNX Runtime's dynamic quantization does it:
 * weights stored as int8, symmetric per output column (`scale = max|w| / 127`, zero point 0);
 * activations quantized at run time to uint8 (`DynamicQuantizeLinear`); the product computed in
 * integers (`MatMulInteger`, int32 accumulators), then `Cast` to float and `Mul` by
 * `activation scale × column scale`, plus the float bias. Standardisation and the sigmoid stay in
 * float.
 *
 * @example
 * ```ts
 * writeFileSync('fraud-mlp.int8.onnx', int8OnnxModel(model));
 * ```
 */
export function int8OnnxModel(
  model: MlpModel,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const nodes: GraphNode[] = [];
  const initializers: Initializer[] = [
    byteTensor('weights_zero_point', [], ElementType.int8, new Int8Array(1)),
  ];
  let x = standardised(model, nodes, initializers);
  for (const [index, layer] of model.layers.entries()) {
    const p = `layer${index}`;
    const { quantized, scales } = quantizeColumns(layer);
    initializers.push(
      byteTensor(`${p}.weights_q`, [layer.inputs, layer.outputs], ElementType.int8, quantized),
      floatTensor(`${p}.weights_scale`, [layer.outputs], scales),
      floatTensor(`${p}.bias`, [layer.outputs], layer.bias),
    );
    nodes.push(
      node('DynamicQuantizeLinear', [x], [`${p}.x_q`, `${p}.x_scale`, `${p}.x_zero_point`]),
      node(
        'MatMulInteger',
        [`${p}.x_q`, `${p}.weights_q`, `${p}.x_zero_point`, 'weights_zero_point'],
        [`${p}.accumulator`],
      ),
      node('Cast', [`${p}.accumulator`], [`${p}.accumulator_f`], { to: ElementType.float }),
      node('Mul', [`${p}.x_scale`, `${p}.weights_scale`], [`${p}.scale`]),
      node('Mul', [`${p}.accumulator_f`, `${p}.scale`], [`${p}.product`]),
      node('Add', [`${p}.product`, `${p}.bias`], [`${p}.linear`]),
    );
    x = activation(model, index, `${p}.linear`, nodes);
  }
  return encodeModel({
    graphName: 'fraud_mlp_int8',
    doc: 'Fraud scorer MLP, int8 weights, dynamic uint8 activations (examples/fraud-scorer).',
    input: { name: MODEL_INPUT, width: model.mean.length },
    output: { name: MODEL_OUTPUT, width: 1 },
    nodes,
    initializers,
    metadata: { precision: ModelPrecision.int8, ...metadata },
  });
}

/**
 * Symmetric per-column int8 quantization of a layer's weights: `q = round(w / scale)`,
 * `scale = max|w| / 127` per output column (1 for an all-zero column).
 *
 * @example
 * ```ts
 * const { quantized, scales } = quantizeColumns(model.layers[0]);
 * ```
 */
export function quantizeColumns(layer: DenseLayer): { quantized: Int8Array; scales: Float32Array } {
  const { inputs, outputs, weights } = layer;
  const scales = new Float32Array(outputs);
  for (let o = 0; o < outputs; o++) {
    let largest = 0;
    for (let i = 0; i < inputs; i++) {
      largest = Math.max(largest, Math.abs(weights[i * outputs + o] as number));
    }
    scales[o] = largest > 0 ? largest / 127 : 1;
  }
  const quantized = new Int8Array(inputs * outputs);
  for (let i = 0; i < inputs; i++) {
    for (let o = 0; o < outputs; o++) {
      const k = i * outputs + o;
      quantized[k] = Math.max(
        -127,
        Math.min(127, Math.round((weights[k] as number) / (scales[o] as number))),
      );
    }
  }
  return { quantized, scales };
}

function standardised(model: MlpModel, nodes: GraphNode[], initializers: Initializer[]): string {
  const width = model.mean.length;
  initializers.push(
    floatTensor('feature_mean', [width], model.mean),
    floatTensor('feature_inverse_std', [width], model.inverseStd),
  );
  nodes.push(
    node('Sub', [MODEL_INPUT, 'feature_mean'], ['centred']),
    node('Mul', ['centred', 'feature_inverse_std'], ['standardised']),
  );
  return 'standardised';
}

function activation(model: MlpModel, index: number, input: string, nodes: GraphNode[]): string {
  const last = index === model.layers.length - 1;
  const output = last ? MODEL_OUTPUT : `layer${index}.activation`;
  nodes.push(node(last ? 'Sigmoid' : 'Relu', [input], [output]));
  return output;
}
