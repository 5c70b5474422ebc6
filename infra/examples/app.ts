/**
 * The example CDK app (`npx cdk synth` at the repository root, see cdk.json): the OCR stack,
 * checked by cdk-nag's AwsSolutions rules at synth; prints the layer's size on stderr.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OcrInferenceStack } from './ocrInferenceStack.ts';

const app = new App();
const stack = new OcrInferenceStack(app, 'OcrInference');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
// stderr: stdout carries the template when `cdk synth` prints it.
console.error(
  `onnxruntime layer (linux/arm64, unzipped): ${(stack.layerBytes / 1024 / 1024).toFixed(1)} MB`,
);
app.synth();
