import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerProfileCommand } from '../../../tuner/commands/profile.ts';
import { type Profile, validateProfile } from '../../../tuner/sim/index.ts';
import { runThermostatCli } from '../../support/childProcess.ts';

/** Parses a profile command line in process; returns what commander wrote on stderr. */
async function parseError(args: string[]): Promise<string> {
  let stderr = '';
  const program = new Command('thermostat')
    .exitOverride()
    .configureOutput({ writeErr: (text) => (stderr += text), writeOut: () => {} });
  registerProfileCommand(program);
  await expect(program.parseAsync(['profile', ...args], { from: 'user' })).rejects.toThrow(
    CommanderError,
  );
  return stderr;
}

describe('thermostat profile: flags', () => {
  it.each([
    [
      ['--example', 'ocr-detector', '--cold', 'abc'],
      /option '--cold <count>' argument 'abc' is invalid/,
    ],
    [
      ['--example', 'ocr-detector', '--warm', '0'],
      /option '--warm <count>'.*must be an integer in 1\.\./,
    ],
    [['--example', 'ocr-detector', '--memory-mb', '99999'], /option '--memory-mb <mb>'.*10240/],
    [
      ['--example', 'resnet'],
      /option '--example <name>' argument 'resnet' is invalid.*ocr-detector/,
    ],
    [['--cold', '2'], /required option '--example <name>' not specified/],
  ])('rejects %j naming the flag', async (args, message) => {
    // Prepare / Act
    const stderr = await parseError(args);

    // Assess
    expect(stderr).toMatch(message);
  });
});

describe('thermostat profile: end to end', () => {
  it('writes a valid profile file with --out', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'thermostat-profile-'));
    const out = join(directory, 'nested', 'profile.json');

    try {
      // Act
      const run = await runThermostatCli([
        'profile',
        '--example',
        'ocr-detector',
        '--cold',
        '1',
        '--warm',
        '2',
        '--warmup',
        '1',
        '--out',
        out,
      ]);

      // Assess
      expect(run.code, run.stderr).toBe(0);
      const profile = JSON.parse(await readFile(out, 'utf8')) as Profile;
      expect(() => validateProfile(profile)).not.toThrow();
      expect(profile.initMs).toHaveLength(1);
      expect(profile.serviceMs).toHaveLength(2);
      expect(run.stderr).toMatch(/ocr-detector @ 1769 MB, 1 thread: init median/);
      expect(run.stdout).not.toContain('"serviceMs"');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 180_000);
});
