// The fault scenario files: each starts with the question it answers, its consensus/network/faults sections are
// valid for the baseline's 30 validators, and the oracles hold over the whole run (aggregated fidelity, fast).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromScenario, withDefaults } from '../../../protocol/pallets/consensus/index.js';
import { linkFromScenario, networkWithDefaults, simulateConsensus, validateFaults } from '../../../sim/node/index.js';

const FILES = ['partition-recovery', 'validator-cartel', 'crash-restart', 'clock-skew'];
const N = 30; const SLOT_MS = 12_000;

describe('consensus fault scenarios', () => {
  for (const name of FILES) {
    it(`${name}.yaml: states its question, validates, passes the oracles with a fault phase then a healed phase`, () => {
      const text = readFileSync(`scenarios/${name}.yaml`, 'utf8');
      expect(text.startsWith('# Question:')).toBe(true);
      const doc = parse(text) as { consensus: object; network?: object; faults: Parameters<typeof validateFaults>[0]; days: number };
      const cfg = fromScenario(withDefaults({ ...doc.consensus, fidelity: 'aggregated' }), N, SLOT_MS);
      const faults = validateFaults(doc.faults, N, SLOT_MS);
      expect(faults.healAtSlot).toBeGreaterThan(0);
      expect(faults.events.length).toBeGreaterThan(0);
      const slots = doc.days * 7200;
      expect(slots).toBeGreaterThan(faults.healAtSlot + faults.finalityResumeWithinSlots);
      const out = simulateConsensus({ cfg, faults, link: linkFromScenario(networkWithDefaults(doc.network ?? {})), seed: 1n, slots });
      expect(out.stats.violations).toEqual([]);
    });
  }
});
