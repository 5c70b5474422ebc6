/**
 * `thermostat report`'s progress while it reads many objects: a bar on a terminal, nothing in a
 * log (or for a handful of objects).
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ReadProgressBar } from '../../../tuner/commands/readProgressBar.ts';

function stream(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    stream: Object.assign(out, {
      isTTY,
      columns: 80,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    }) as unknown as NodeJS.WriteStream,
    written: () => text,
  };
}

describe('ReadProgressBar', () => {
  it('draws a bar of objects read on a terminal', async () => {
    // Prepare
    const terminal = stream(true);
    const bar = new ReadProgressBar(terminal.stream);

    // Act
    for (let done = 1; done <= 288; done++) bar.update(done, 288);
    await new Promise((resolve) => setTimeout(resolve, 150));
    bar.update(288, 288);
    bar.stop();

    // Assess
    expect(terminal.written()).toMatch(/reading reports \[.*\] \d+\/288/);
  });

  it('writes nothing in a log, or for fewer than 20 objects', () => {
    // Prepare
    const log = stream(false);
    const terminal = stream(true);

    // Act
    const inLog = new ReadProgressBar(log.stream);
    for (let done = 1; done <= 288; done++) inLog.update(done, 288);
    inLog.stop();
    const few = new ReadProgressBar(terminal.stream);
    for (let done = 1; done <= 5; done++) few.update(done, 5);
    few.stop();

    // Assess
    expect(log.written()).toBe('');
    expect(terminal.written()).toBe('');
  });
});
