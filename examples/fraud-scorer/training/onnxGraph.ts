/**
 * Small builders over `onnx-proto` (the ONNX protobuf schema for JavaScript): tensors, nodes and a
 * model with one float input and one float output, encoded to the bytes of an `.onnx` file.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types used here (`TensorProto.DataType`). */
export const ElementType = {
  float: onnx.TensorProto.DataType.FLOAT,
  uint8: onnx.TensorProto.DataType.UINT8,
  int8: onnx.TensorProto.DataType.INT8,
  int32: onnx.TensorProto.DataType.INT32,
} as const;
export type ElementType = (typeof ElementType)[keyof typeof ElementType];

/** An initializer (a constant of the graph). */
export type Initializer = ReturnType<typeof onnx.TensorProto.create>;
/** A node of the graph. */
export type GraphNode = ReturnType<typeof onnx.NodeProto.create>;

/**
 * A float tensor constant, stored as little-endian raw bytes.
 *
 * @example
 * ```ts
 * floatTensor('layer0.bias', [32], layer.bias);
 * ```
 */
export function floatTensor(
  name: string,
  dims: readonly number[],
  values: Float32Array,
): Initializer {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, value] of values.entries()) view.setFloat32(i * 4, value, true);
  return onnx.TensorProto.create({
    name,
    dims: [...dims],
    dataType: ElementType.float,
    rawData: bytes,
  });
}

/**
 * An 8-bit integer tensor constant (`int8` or `uint8`).
 *
 * @example
 * ```ts
 * byteTensor('layer0.weights_q', [30, 32], ElementType.int8, Int8Array.from(q));
 * ```
 */
export function byteTensor(
  name: string,
  dims: readonly number[],
  type: typeof ElementType.int8 | typeof ElementType.uint8,
  values: Int8Array | Uint8Array,
): Initializer {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: type, rawData: bytes });
}

/**
 * A node: `op(inputs) → outputs`, with integer attributes (all this model needs).
 *
 * @example
 * ```ts
 * node('Relu', ['h0'], ['a0']);
 * node('Cast', ['acc0'], ['acc0_f'], { to: ElementType.float });
 * ```
 */
export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Readonly<Record<string, number>> = {},
): GraphNode {
  return onnx.NodeProto.create({
    opType,
    name: outputs[0] ?? opType,
    input: [...inputs],
    output: [...outputs],
    attribute: Object.entries(attributes).map(([name, i]) =>
      onnx.AttributeProto.create({ name, i, type: onnx.AttributeProto.AttributeType.INT }),
    ),
  });
}

/** A whole model: one float input `[batch, inputWidth]`, one float output `[batch, outputWidth]`. */
export interface ModelSpec {
  readonly graphName: string;
  readonly doc: string;
  readonly input: { readonly name: string; readonly width: number };
  readonly output: { readonly name: string; readonly width: number };
  readonly nodes: readonly GraphNode[];
  readonly initializers: readonly Initializer[];
  /** Key/value metadata written into the model (training figures, the rule's version, ...). */
  readonly metadata: Readonly<Record<string, string>>;
}

/** The ONNX operator set the graphs use (Gemm 13, DynamicQuantizeLinear 11, MatMulInteger 10). */
export const OPSET_VERSION = 13;

/**
 * Encodes a model as the bytes of an `.onnx` file (IR version 8, default domain, opset 13).
 *
 * @example
 * ```ts
 * writeFileSync('model.onnx', encodeModel(spec));
 * ```
 */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const valueInfo = (name: string, width: number) =>
    onnx.ValueInfoProto.create({
      name,
      type: onnx.TypeProto.create({
        tensorType: onnx.TypeProto.Tensor.create({
          elemType: ElementType.float,
          shape: onnx.TensorShapeProto.create({
            dim: [
              onnx.TensorShapeProto.Dimension.create({ dimParam: 'batch' }),
              onnx.TensorShapeProto.Dimension.create({ dimValue: width }),
            ],
          }),
        }),
      }),
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'lambda-thermostat examples/fraud-scorer',
    producerVersion: '1',
    docString: spec.doc,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET_VERSION })],
    metadataProps: Object.entries(spec.metadata).map(([key, value]) =>
      onnx.StringStringEntryProto.create({ key, value }),
    ),
    graph: onnx.GraphProto.create({
      name: spec.graphName,
      node: [...spec.nodes],
      initializer: [...spec.initializers],
      input: [valueInfo(spec.input.name, spec.input.width)],
      output: [valueInfo(spec.output.name, spec.output.width)],
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}
