import {
  ConfigError,
  formatConfigIssue,
  parseConfig,
} from '../../../../tuner/core/config/index.ts';

/**
 * The one-line problems a config text produces (empty when it is valid); any other error
 * propagates.
 */
export function configProblems(text: string, fileName: string): string[] {
  try {
    parseConfig(text, { fileName });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map(formatConfigIssue);
  }
}
