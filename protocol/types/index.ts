// Types: the @polkadot/types registry and the fast SCALE codecs proven equal to it.
export { createRegistry, registry, PALLET_TYPES, STORAGE_TYPES } from './registry.js';
export * from './codecs.js';
export { eventCodec, encodeEvent } from './event-codec.js';
