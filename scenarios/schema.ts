// The scenario schema: one TypeBox object composed of the sections each pallet/subsystem owner exports.
// Every object is `additionalProperties: false`, so an unknown field is an error naming its path.
// The JSON Schema in scenarios/schema.json is generated from this (`npm run schema`); a test keeps it current.
//
// ADDING A SECTION: export `<name>Section` (a TypeBox object with defaults + descriptions) from your config.ts,
// import it here, and add it to SECTIONS. Sections that do not exist yet are simply absent (no placeholders).

import { Type, type Static, type TSchema, type TObject, type TOptional } from '@sinclair/typebox';
import { chainSection, chainFromScenario } from '../protocol/chain-config.js';
import { balancesSection } from '../protocol/pallets/balances/config.js';
import { feesSection } from '../protocol/pallets/payment/config.js';
import { emissionsSection } from '../protocol/pallets/emissions/config.js';
import { treasurySection } from '../protocol/pallets/treasury/config.js';
import { stakingSection } from '../protocol/pallets/staking/config.js';
import { runtimeConfigFromScenario } from '../protocol/runtime.js';
import { workloadSection, workloadFromScenario } from '../sim/runner/workload-config.js';
import { oraclesSection } from '../sim/runner/oracles-config.js';
import { engineSection } from '../sim/engine/config.js';
import { marketplaceSection } from '../protocol/pallets/marketplace/config.js';
import { curationSection } from '../protocol/pallets/curation/config.js';
import { grantsSection } from '../protocol/pallets/grants/config.js';
import { consensusSection } from '../protocol/pallets/consensus/config.js';
import { networkSection } from '../sim/node/network-config.js';
import { faultsSection } from '../sim/node/faults.js';
import { checkConsensusSections, type ConsensusScenarioParts } from '../sim/node/scenario-check.js';
import { agentsSection, agentsFromScenario } from '../sim/agents/config.js';

/** Sections contributed by subsystem owners, keyed by their top-level scenario name. */
export const SECTIONS = {
  chain: chainSection,
  balances: balancesSection,
  fees: feesSection,
  emissions: emissionsSection,
  staking: stakingSection,
  treasury: treasurySection,
  marketplace: marketplaceSection,
  curation: curationSection,
  grants: grantsSection,
  workload: workloadSection,
  oracles: oraclesSection,
  engine: engineSection,
  agents: agentsSection,
} as const satisfies Record<string, TObject>;

/**
 * Sections present only when the scenario writes them: their presence switches a subsystem on (e.g. `consensus:`
 * replaces the runner's rotation authorship with BABE/GRANDPA), so no default object is filled in.
 */
export const OPTIONAL_SECTIONS = {
  consensus: consensusSection,
  network: networkSection,
  faults: faultsSection,
} as const satisfies Record<string, TObject>;

/**
 * Semantic checks run after schema validation (cross-field rules, exact amount parsing): each section's
 * fromScenario, which throws ConfigError(path, reason, allowed); the loader turns that into file:line errors.
 */
export const SECTION_CHECKS: ReadonlyArray<(s: ScenarioDoc) => void> = [
  (s) => { runtimeConfigFromScenario(s); },
  (s) => { workloadFromScenario(s.workload, chainFromScenario(s.chain).tokenDecimals); },
  (s) => { agentsFromScenario(s.agents, chainFromScenario(s.chain).tokenDecimals); },
  // consensus/network/faults against the validator set and slot length (byzantine counts, latencies, schedules)
  (s) => { checkConsensusSections(s as unknown as ConsensusScenarioParts); },
];

/** A 64-bit root seed: a decimal string/integer, or 0x-prefixed hex. */
export const SeedSchema = Type.Union([
  Type.String({ pattern: '^(0x[0-9a-fA-F]{1,16}|[0-9]{1,20})$' }),
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
], { description: 'Root seed (64-bit): every random draw of the run derives from it. Overridden by --seed.' });

function withDefaultObject<T extends TObject>(s: T): T {
  // A missing section is filled from its field defaults.
  return { ...s, default: {} } as T;
}

function composeSections(): { [K in keyof typeof SECTIONS]: (typeof SECTIONS)[K] } {
  const out: Record<string, TSchema> = {};
  for (const [k, s] of Object.entries(SECTIONS)) out[k] = withDefaultObject(s);
  return out as { [K in keyof typeof SECTIONS]: (typeof SECTIONS)[K] };
}

function composeOptionalSections(): { [K in keyof typeof OPTIONAL_SECTIONS]: TOptional<(typeof OPTIONAL_SECTIONS)[K]> } {
  const out: Record<string, TSchema> = {};
  for (const [k, s] of Object.entries(OPTIONAL_SECTIONS)) {
    const { default: _absentMeansOff, ...rest } = s as TObject & { default?: unknown };
    out[k] = Type.Optional(rest as TObject);
  }
  return out as { [K in keyof typeof OPTIONAL_SECTIONS]: TOptional<(typeof OPTIONAL_SECTIONS)[K]> };
}

export const ScenarioSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, default: 'unnamed', description: 'Scenario name, shown in reports.' }),
  description: Type.String({ maxLength: 10_000, default: '', description: 'Which question this scenario answers.' }),
  extends: Type.Optional(Type.String({
    minLength: 1,
    description: 'A library scenario name (e.g. "baseline") or a path relative to this file; this file overrides it.',
  })),
  seed: Type.Optional(SeedSchema),
  days: Type.Integer({
    minimum: 1, maximum: 36_525, default: 30,
    description: 'Simulated horizon in days (of virtual time). Overridden by --days.',
  }),
  ...composeSections(),
  ...composeOptionalSections(),
}, { additionalProperties: false, $id: 'https://balanceai.lab/scenario.schema.json', title: 'BalanceAI Lab scenario' });

export type ScenarioDoc = Static<typeof ScenarioSchema>;
/** The validated, defaults-filled, deeply frozen scenario. */
export type Scenario = DeepReadonly<ScenarioDoc>;

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[]
  : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The JSON Schema document written to scenarios/schema.json (stable key order, trailing newline). */
export function scenarioJsonSchemaText(): string {
  const doc = { $schema: 'http://json-schema.org/draft-07/schema#', ...ScenarioSchema };
  return JSON.stringify(doc, (_k, v: unknown) => relaxRequired(v), 2) + '\n';
}

/** Fields with a default may be omitted in YAML: drop them from `required` so editors do not flag them. */
function relaxRequired(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const o = v as { required?: string[]; properties?: Record<string, { default?: unknown }> };
  if (!o.required || !o.properties) return v;
  const required = o.required.filter((k) => o.properties![k]?.default === undefined);
  const { required: _drop, ...rest } = o;
  return required.length > 0 ? { ...rest, required } : rest;
}
