/**
 * A snapshot of the synthesized template (asset hashes masked): any change to what the construct
 * deploys shows up in review as a diff of test/infra/__snapshots__/templateSnapshot.test.ts.snap.
 */
import { describe, expect, it } from 'vitest';
import { maskedTemplate } from './support/maskedTemplate.ts';
import { tunerStack } from './support/tunerStacks.ts';

describe('the synthesized template', () => {
  it('matches the snapshot: two targets, apply mode, dashboard and SLOs', () => {
    // Act
    const { template } = tunerStack(
      [{ name: 'ocr' }, { name: 'fraud', tune: ['provisionedConcurrency'] }],
      { mode: 'apply', dashboard: true, serviceLevelObjectives: true },
    );

    // Assess
    expect(maskedTemplate(template)).toMatchSnapshot();
  });
});
