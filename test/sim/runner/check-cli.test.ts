// `bai-lab check` through the CLI entry: exit codes and printed replay commands.
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import { bufferIO } from '../../../cli/io.js';

describe('bai-lab check (CLI)', () => {
  it('exit 0 when every oracle holds', async () => {
    const io = bufferIO();
    expect(await main(['check', '--seeds', '2', '--faults'], io)).toBe(0);
    expect(io.stdout).toContain('check: 2 runs, 0 failed');
  });
  it('exit 2 on bad flags and malformed cases', async () => {
    for (const argv of [['check', '--seeds', 'x'], ['check', '--first-seed', '-1'], ['check', '--case', '{'], ['check', '--case', '{"seed":1}']]) {
      const io = bufferIO();
      expect(await main(argv, io)).toBe(2);
      expect(io.stderr).toMatch(/^error: /);
    }
  });
  it('exit 1 with the replay command when a case violates an oracle (broken threshold, half/half partition)', async () => {
    const c = {
      seed: 1, validators: 8, slotMs: 12_000, slots: 80,
      consensus: { fidelity: 'message', testOnlyBrokenVariant: 'lowThreshold' },
      faults: { healAtSlot: 50, finalityResumeWithinSlots: 30, events: [{ kind: 'partition', fraction: 0.5, fromSlot: 10, toSlot: 50 }] },
    };
    const io = bufferIO();
    expect(await main(['check', '--case', JSON.stringify(c)], io)).toBe(1);
    expect(io.stderr).toContain('conflictingFinality');
    expect(io.stderr).toContain("replay: bai-lab check --case '");
  });
});
