// Public API of the curation pallet.
export { Curation, HOLD_CURATOR, type ModelView, type EpochOutcome } from './pallet.js';
export { curationSection, curationFromScenario, CURATION_RULES, type CurationRule, type CurationConfig,
         type CurationSection } from './config.js';
export { CURATION_ERRORS, type CurationError } from './errors.js';
export { CURATION_EVENTS, curationEvents } from './events.js';
export { curationOnEraEnd } from './hooks.js';
export { dispatchCuration, CURATION_CALL_WEIGHTS, type CurationCall } from './calls.js';
export { curationTypes, curationStorageTypes } from './types.js';
export { CurationStorage, NEVER, type CuratorInfo, type Score, type Bond, type ModelValue, type ScoreRow, type BondRow } from './storage.js';
export { yumaEpoch, weightedMedianAtKappa, stakeWeightedMean, dividends, type YumaInput, type YumaResult } from './yuma.js';
export { qfMatchWeight, qfMatchWeights } from './qf.js';
export { Q, idiv, mulQ, normalizeQ, sharesOf, isqrt } from './fixed-math.js';
