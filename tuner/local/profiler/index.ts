/**
 * The profiler (`tuner/local/profiler`): measures an example handler for real (cold starts in
 * fresh processes, warm invocations) and produces the `Profile` the simulator reads.
 */
// bundleExample.ts is not re-exported: it imports esbuild, a development dependency, and is
// loaded lazily by profileExample.ts.
export type { BundledExample } from './bundleExample.ts';
export type { EmfInvocation } from './emfInvocation.ts';
export {
  exampleCatalog,
  findExample,
  type ProfiledExample,
  UnknownExampleError,
} from './exampleCatalog.ts';
export { memoryMbForThreads } from './memoryRule.ts';
export { profileExample } from './profileExample.ts';
export {
  defaultProfileOptions,
  type ProfileExampleOptions,
  ProfileOptionError,
  type ResolvedProfileOptions,
  resolveProfileOptions,
} from './profileOptions.ts';
export { ProfilerChildError } from './profilerChild.ts';
export { summarizeProfile } from './profileSummary.ts';
