import { type Rng, Xoshiro128 } from '../../../tuner/sim/index.ts';

/** One dense layer: `y = x · weights + bias`, weights row-major `[inputs, outputs]`. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/**
 * A trained scorer: standardise (`(x − mean) × inverseStd`), dense + ReLU for every layer but the
 * last, dense + sigmoid for the last (one output: the fraud probability).
 */
export interface MlpModel {
  readonly mean: Float32Array;
  readonly inverseStd: Float32Array;
  readonly layers: readonly DenseLayer[];
}

/** How to train (every field has a default fit for a test run of a few seconds). */
export interface TrainingOptions {
  /** Hidden layer widths. Default [32, 16]. */
  readonly hidden?: readonly number[];
  readonly epochs?: number;
  readonly batchSize?: number;
  /** Adam's step size. */
  readonly learningRate?: number;
  /** Seed of the weight initialisation and the shuffles. */
  readonly seed?: number;
}

const DEFAULTS = { hidden: [32, 16], epochs: 8, batchSize: 64, learningRate: 0.003, seed: 7 };

type Gradient = { readonly weights: Float32Array; readonly bias: Float32Array };

/**
 * Trains the MLP on row-major features (`rows × features`) and 0/1 labels with mini-batch Adam
 * on binary cross-entropy. Deterministic for a given seed.
 *
 * @example
 * ```ts
 * const model = trainMlp(encodeTransactions(train.map((r) => r.transaction)), labels, 30);
 * predictMlp(model, features, 30); // Float32Array of probabilities
 * ```
 */
export function trainMlp(
  features: Float32Array,
  labels: Uint8Array,
  featureCount: number,
  options: TrainingOptions = {},
): MlpModel {
  const settings = { ...DEFAULTS, ...options };
  const rows = labels.length;
  const rng = new Xoshiro128(settings.seed);
  const { mean, inverseStd } = standardisation(features, rows, featureCount);
  const x = standardise(features, featureCount, mean, inverseStd);
  const sizes = [featureCount, ...settings.hidden, 1];
  const layers = sizes.slice(1).map((outputs, i) => initialLayer(sizes[i] as number, outputs, rng));
  const adam = new Adam(layers, settings.learningRate);
  const gradients: Gradient[] = layers.map((l) => ({
    weights: new Float32Array(l.weights.length),
    bias: new Float32Array(l.bias.length),
  }));
  const activations = sizes.map((size) => new Float32Array(size));
  const deltas = sizes.map((size) => new Float32Array(size));
  const input = activations[0] as Float32Array;
  const output = activations[sizes.length - 1] as Float32Array;
  const outputDelta = deltas[sizes.length - 1] as Float32Array;
  const order = Array.from({ length: rows }, (_, i) => i);

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, rng);
    for (let start = 0; start < rows; start += settings.batchSize) {
      const end = Math.min(rows, start + settings.batchSize);
      for (const g of gradients) {
        g.weights.fill(0);
        g.bias.fill(0);
      }
      for (let k = start; k < end; k++) {
        const row = order[k] as number;
        input.set(x.subarray(row * featureCount, (row + 1) * featureCount));
        forward(layers, activations);
        // d(BCE)/dz for a sigmoid output is p − y.
        outputDelta[0] = (output[0] as number) - (labels[row] as number);
        backward(layers, activations, deltas, gradients);
      }
      adam.step(gradients, end - start);
    }
  }
  return { mean, inverseStd, layers };
}

/**
 * Scores row-major features with the model in plain TypeScript (the reference the ONNX graphs are
 * checked against).
 *
 * @example
 * ```ts
 * const scores = predictMlp(model, encodeTransactions(transactions), FEATURE_COUNT);
 * ```
 */
export function predictMlp(
  model: MlpModel,
  features: Float32Array,
  featureCount: number,
): Float32Array {
  const rows = features.length / featureCount;
  const x = standardise(features, featureCount, model.mean, model.inverseStd);
  const sizes = [featureCount, ...model.layers.map((l) => l.outputs)];
  const activations = sizes.map((size) => new Float32Array(size));
  const input = activations[0] as Float32Array;
  const output = activations[sizes.length - 1] as Float32Array;
  const scores = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    input.set(x.subarray(row * featureCount, (row + 1) * featureCount));
    forward(model.layers, activations);
    scores[row] = output[0] as number;
  }
  return scores;
}

function forward(layers: readonly DenseLayer[], activations: readonly Float32Array[]): void {
  for (const [index, layer] of layers.entries()) {
    const input = activations[index] as Float32Array;
    const output = activations[index + 1] as Float32Array;
    const { inputs, outputs, weights } = layer;
    output.set(layer.bias);
    // Row by row of the weights (contiguous), skipping inactive ReLU units.
    for (let i = 0; i < inputs; i++) {
      const a = input[i] as number;
      if (a === 0) continue;
      const row = i * outputs;
      for (let o = 0; o < outputs; o++) {
        output[o] = (output[o] as number) + a * (weights[row + o] as number);
      }
    }
    const last = index === layers.length - 1;
    for (let o = 0; o < outputs; o++) {
      const z = output[o] as number;
      output[o] = last ? 1 / (1 + Math.exp(-z)) : Math.max(0, z);
    }
  }
}

function backward(
  layers: readonly DenseLayer[],
  activations: readonly Float32Array[],
  deltas: readonly Float32Array[],
  gradients: readonly Gradient[],
): void {
  for (let index = layers.length - 1; index >= 0; index--) {
    const { inputs, outputs, weights } = layers[index] as DenseLayer;
    const input = activations[index] as Float32Array;
    const delta = deltas[index + 1] as Float32Array;
    const gradient = gradients[index] as Gradient;
    const below = deltas[index] as Float32Array;
    for (let o = 0; o < outputs; o++) {
      gradient.bias[o] = (gradient.bias[o] as number) + (delta[o] as number);
    }
    for (let i = 0; i < inputs; i++) {
      const a = input[i] as number;
      below[i] = 0;
      // An inactive ReLU unit (or a zero input) adds nothing and passes nothing back.
      if (a === 0) continue;
      const row = i * outputs;
      let back = 0;
      for (let o = 0; o < outputs; o++) {
        const d = delta[o] as number;
        gradient.weights[row + o] = (gradient.weights[row + o] as number) + a * d;
        back += (weights[row + o] as number) * d;
      }
      if (index > 0) below[i] = back;
    }
  }
}

/** Adam (Kingma & Ba, 2015) over every layer's weights and biases. */
class Adam {
  readonly #parameters: Float32Array[];
  readonly #m: Float32Array[];
  readonly #v: Float32Array[];
  readonly #rate: number;
  #t = 0;

  constructor(layers: readonly DenseLayer[], rate: number) {
    this.#parameters = layers.flatMap((l) => [l.weights, l.bias]);
    this.#m = this.#parameters.map((p) => new Float32Array(p.length));
    this.#v = this.#parameters.map((p) => new Float32Array(p.length));
    this.#rate = rate;
  }

  step(gradients: readonly Gradient[], count: number): void {
    this.#t++;
    const correction1 = 1 - 0.9 ** this.#t;
    const correction2 = 1 - 0.999 ** this.#t;
    const flat = gradients.flatMap((g) => [g.weights, g.bias]);
    for (const [k, parameters] of this.#parameters.entries()) {
      const g = flat[k] as Float32Array;
      const m = this.#m[k] as Float32Array;
      const v = this.#v[k] as Float32Array;
      for (let j = 0; j < parameters.length; j++) {
        const grad = (g[j] as number) / count;
        const mj = 0.9 * (m[j] as number) + 0.1 * grad;
        const vj = 0.999 * (v[j] as number) + 0.001 * grad * grad;
        m[j] = mj;
        v[j] = vj;
        const step = (this.#rate * (mj / correction1)) / (Math.sqrt(vj / correction2) + 1e-8);
        parameters[j] = (parameters[j] as number) - step;
      }
    }
  }
}

function initialLayer(inputs: number, outputs: number, rng: Rng): DenseLayer {
  // He initialisation (uniform) for ReLU layers.
  const limit = Math.sqrt(6 / inputs);
  const weights = new Float32Array(inputs * outputs);
  for (let i = 0; i < weights.length; i++) weights[i] = (2 * rng.next() - 1) * limit;
  return { inputs, outputs, weights, bias: new Float32Array(outputs) };
}

function standardisation(
  features: Float32Array,
  rows: number,
  featureCount: number,
): { mean: Float32Array; inverseStd: Float32Array } {
  const mean = new Float32Array(featureCount);
  const inverseStd = new Float32Array(featureCount);
  for (let f = 0; f < featureCount; f++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += features[r * featureCount + f] as number;
    const mu = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++)
      squares += ((features[r * featureCount + f] as number) - mu) ** 2;
    const std = Math.sqrt(squares / rows);
    mean[f] = mu;
    inverseStd[f] = std > 1e-6 ? 1 / std : 1;
  }
  return { mean, inverseStd };
}

function standardise(
  features: Float32Array,
  featureCount: number,
  mean: Float32Array,
  inverseStd: Float32Array,
): Float32Array {
  const out = new Float32Array(features.length);
  for (let k = 0; k < features.length; k++) {
    const f = k % featureCount;
    out[k] = ((features[k] as number) - (mean[f] as number)) * (inverseStd[f] as number);
  }
  return out;
}

function shuffle(values: number[], rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [values[i], values[j]] = [values[j] as number, values[i] as number];
  }
}
