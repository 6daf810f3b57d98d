// Public API of the marketplace pallet.
export { Marketplace, HOLD_ACCESS, HOLD_DEPOSIT, HOLD_NODE, type MarketplaceEnv } from './pallet.js';
export { marketplaceSection, marketplaceFromScenario, quotaFor, assertTiersIncrease, type MarketplaceConfig,
         type MarketplaceSection, type AccessTier } from './config.js';
export { MARKETPLACE_ERRORS, type MarketplaceError } from './errors.js';
export { MARKETPLACE_EVENTS, marketplaceEvents } from './events.js';
export { dispatchMarketplace, MARKETPLACE_CALL_WEIGHTS, type MarketplaceCall } from './calls.js';
export { marketplaceOnEraEnd } from './hooks.js';
export { marketplaceTypes, marketplaceStorageTypes } from './types.js';
export { balancesFeePort, paymentFeePort, splitOneFee, type NetworkFeePort, type FeeParts, type FeeSplitParts } from './fees.js';
export { cidOf, cidString, cidV1Bytes, cidV1Text, isValidCid, parseCid, dagJsonEncode, type CidCodec, type CidHash, type DagJsonValue } from './cid.js';
export { callRecordData, batchRecordData, recordHash, recordCid, chainRecord, type CallRecord, type BatchRecord,
         type BatchItem } from './record.js';
export { MarketplaceStorage, type ModelInfo, type ModelKind } from './storage.js';
