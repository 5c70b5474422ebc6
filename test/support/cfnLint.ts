/**
 * cfn-lint for the synthesized templates: found on the PATH; when absent the tests are skipped
 * with a printed reason, unless THERMOSTAT_REQUIRE_CFN_LINT=1 (CI), which makes it a failure.
 */
import { execFile } from 'node:child_process';
import { findExecutable } from './moto.ts';

/** The variable that makes a missing cfn-lint fail the tests instead of skipping them. */
export const REQUIRE_CFN_LINT_VARIABLE = 'THERMOSTAT_REQUIRE_CFN_LINT';

/** Whether the cfn-lint tests run here; prints why not when they do not. */
export function cfnLintAvailability(): { readonly skipped: boolean } {
  const required = process.env[REQUIRE_CFN_LINT_VARIABLE] === '1';
  const skipped = findExecutable('cfn-lint') === undefined && !required;
  if (skipped)
    console.warn(
      `[cfn-lint] skipping template lint: cfn-lint is not on the PATH (set ${REQUIRE_CFN_LINT_VARIABLE}=1 to make this a failure)`,
    );
  return { skipped };
}

/**
 * Rules not applied, each with why. W3005 (a DependsOn that a GetAtt already implies): every
 * `lambda.Function` of aws-cdk-lib adds DependsOn its role, redundant but harmless, and not ours.
 */
export const IGNORED_CFN_LINT_RULES: Readonly<Record<string, string>> = {
  W3005: 'aws-cdk-lib adds DependsOn the role a Lambda function already references by GetAtt',
};

/** What cfn-lint said about some templates. */
export interface CfnLintResult {
  readonly exitCode: number;
  /** One finding per line (`parseable` format): file:line:col:...:rule:message. */
  readonly findings: string[];
}

/**
 * Runs cfn-lint on template files.
 *
 * @example
 * ```ts
 * const { findings } = await runCfnLint(['/tmp/stack.template.json']);
 * ```
 */
export function runCfnLint(files: readonly string[]): Promise<CfnLintResult> {
  return new Promise((resolve, reject) => {
    const ignored = Object.keys(IGNORED_CFN_LINT_RULES).join(',');
    const args = ['--format', 'parseable', '--ignore-checks', ignored, '--', ...files];
    execFile('cfn-lint', args, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (code === -1) {
        reject(new Error(`cfn-lint could not run: ${error?.message ?? ''} ${stderr}`));
        return;
      }
      resolve({
        exitCode: code,
        findings: stdout.split('\n').filter((line) => line.trim() !== ''),
      });
    });
  });
}
