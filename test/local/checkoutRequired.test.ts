import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CheckoutRequiredError,
  importCheckoutModule,
  requireCheckoutFiles,
} from '../../tuner/local/checkoutRequired.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

describe('commands that need a checkout', () => {
  it('pass when every file is there', () => {
    // Prepare
    const files = [THIS_FILE];

    // Act
    const check = () => requireCheckoutFiles('the demo', files);

    // Assess
    expect(check).not.toThrow();
  });

  it('name the work and the missing file, and say a checkout is needed', () => {
    // Prepare
    const files = [THIS_FILE, '/nonexistent/examples/traces/azure2019/100_inv.csv'];

    // Act
    const check = () => requireCheckoutFiles('the demo', files);

    // Assess
    expect(check).toThrow(CheckoutRequiredError);
    expect(check).toThrow(
      /^the demo: \/nonexistent\/examples\/traces\/azure2019\/100_inv\.csv is missing: it runs only in a checkout of the lambda-thermostat repository/,
    );
  });

  it('turn a missing development package into the same error, and pass other errors through', async () => {
    // Prepare
    const missingPackage = () => import('thermostat-no-such-package' as string);
    const brokenModule = () => Promise.reject(new TypeError('x is not a function'));

    // Act
    const [missing, broken] = await Promise.allSettled([
      importCheckoutModule('profiling the ocr-detector example', missingPackage),
      importCheckoutModule('profiling the ocr-detector example', brokenModule),
    ]);

    // Assess
    expect(missing.status === 'rejected' && missing.reason).toBeInstanceOf(CheckoutRequiredError);
    expect(missing.status === 'rejected' && (missing.reason as Error).message).toMatch(
      /^profiling the ocr-detector example: .*thermostat-no-such-package.*: it runs only in a checkout/,
    );
    expect(broken.status === 'rejected' && broken.reason).toBeInstanceOf(TypeError);
  });
});
