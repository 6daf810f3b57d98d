// Marketplace storage. Values are immutable plain data (replace, never mutate), all on the runtime's Journal.

import { bytesToHex as nobleBytesToHex, hexToBytes as nobleHexToBytes } from '@noble/hashes/utils';
import { Journal, StorageMap, StorageValue } from '../../primitives/storage.js';
import { assert } from '../../primitives/dispatch.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { accountIdCodec, accountId32, u128Codec, u32Codec, codec, concat, encodeU32, encodeU64, encodeText,
         encodeU128 } from '../../types/codecs.js';

export type ModelKind = 'model' | 'agent';
export interface ModelInfo {
  readonly owner: AccountId;
  readonly kind: ModelKind;
  readonly metadataCid: string;
  readonly pricePlanck: Planck;
  readonly registeredEra: number;
}
export interface CallsUsed { readonly era: number; readonly calls: number }
/** accumulator: 0x-hex H256 (hex, not bytes, so checkpoints stay plain JSON data). */
export interface CallLog { readonly count: bigint; readonly accumulator: string }
export const ZERO_HASH = '0x' + '00'.repeat(32);
export const EMPTY_LOG: CallLog = Object.freeze({ count: 0n, accumulator: ZERO_HASH });

// 0x-hex <-> bytes for record hashes and the accumulator (two of each per call): written into one buffer and decoded
// once, instead of a string concatenation per byte; same text as @noble/hashes' (tested).
const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
const asciiDecoder = new TextDecoder();
export function bytesToHex(b: Uint8Array): string {
  if (b.length > 64) return '0x' + nobleBytesToHex(b); // only short digests take the buffer path
  const out = new Uint8Array(2 + 2 * b.length);
  out[0] = 0x30; out[1] = 0x78; // "0x"
  for (let i = 0; i < b.length; i++) { const x = b[i]!; out[2 + 2 * i] = HEX_DIGITS[x >> 4]!; out[3 + 2 * i] = HEX_DIGITS[x & 15]!; }
  return asciiDecoder.decode(out);
}
export function hexToBytes(h: string): Uint8Array { return nobleHexToBytes(h.slice(2)); }

/** BaiModelInfo { owner: AccountId32, kind: enum u8, metadataCid: Text, price: u128, registeredEra: u32 } */
export function encodeModelInfo(m: ModelInfo): Uint8Array {
  return concat([accountId32(m.owner), Uint8Array.of(m.kind === 'model' ? 0 : 1), encodeText(m.metadataCid),
                 encodeU128(m.pricePlanck), encodeU32(m.registeredEra)]);
}
/** BaiCallsUsed { era: u32, calls: u64 } */
export function encodeCallsUsed(c: CallsUsed): Uint8Array { return concat([encodeU32(c.era), encodeU64(BigInt(c.calls))]); }
/** BaiCallLog { count: u64, accumulator: H256 } */
export function encodeCallLog(l: CallLog): Uint8Array { return concat([encodeU64(l.count), hexToBytes(l.accumulator)]); }

/** EraPayments key "<modelId>/<consumer>" encoded as (u32 modelId ‖ AccountId32 consumer). */
export function paymentKey(modelId: number, consumer: AccountId): string { return `${modelId}/${consumer}`; }
export function splitPaymentKey(k: string): { modelId: number; consumer: AccountId } {
  const i = k.indexOf('/');
  return { modelId: Number(k.slice(0, i)), consumer: k.slice(i + 1) };
}
/** (u32 LE modelId ‖ AccountId32 consumer), written into one 36-byte array (a new key per (model, consumer) per era). */
const paymentKeyCodec = codec<string>((k) => {
  const p = splitPaymentKey(k);
  assert(Number.isInteger(p.modelId) && p.modelId >= 0 && p.modelId <= 0xffffffff, 'marketplace: payment key model id out of range');
  const out = new Uint8Array(36);
  out[0] = p.modelId & 0xff; out[1] = (p.modelId >>> 8) & 0xff; out[2] = (p.modelId >>> 16) & 0xff; out[3] = (p.modelId >>> 24) & 0xff;
  out.set(accountId32(p.consumer), 4);
  return out;
});
const hashCodec = codec<string>(hexToBytes);
const u32KeyCodec = u32Codec;

export class MarketplaceStorage {
  readonly models: StorageMap<number, ModelInfo>;
  readonly nextModelId: StorageValue<number>;
  readonly providerModels: StorageMap<AccountId, number>;
  readonly nodeBond: StorageMap<AccountId, Planck>;
  readonly accessStake: StorageMap<AccountId, Planck>;
  readonly callsUsed: StorageMap<AccountId, CallsUsed>;
  /** Cumulative provider revenue (prices received), planck. */
  readonly revenue: StorageMap<AccountId, Planck>;
  /** This era's payments per (model, consumer): the contributions quadratic funding reads; cleared each era. */
  readonly eraPayments: StorageMap<string, Planck>;
  /** Count of every call ever made and a hash chain over their record hashes (acc' = blake2(acc ‖ recordHash)). */
  readonly callLog: StorageValue<CallLog>;
  /** The last recordRingSize record hashes, slot = record index mod ring size. */
  readonly recentRecords: StorageMap<number, string>;

  constructor(journal: Journal) {
    this.models = new StorageMap('marketplace.Models', journal, u32KeyCodec, codec(encodeModelInfo));
    this.nextModelId = new StorageValue('marketplace.NextModelId', journal, 0, u32Codec);
    this.providerModels = new StorageMap('marketplace.ProviderModels', journal, accountIdCodec, u32Codec);
    this.nodeBond = new StorageMap('marketplace.NodeBond', journal, accountIdCodec, u128Codec);
    this.accessStake = new StorageMap('marketplace.AccessStake', journal, accountIdCodec, u128Codec);
    this.callsUsed = new StorageMap('marketplace.CallsUsed', journal, accountIdCodec, codec(encodeCallsUsed));
    this.revenue = new StorageMap('marketplace.Revenue', journal, accountIdCodec, u128Codec);
    this.eraPayments = new StorageMap('marketplace.EraPayments', journal, paymentKeyCodec, u128Codec);
    this.callLog = new StorageValue('marketplace.CallLog', journal, EMPTY_LOG, codec(encodeCallLog));
    this.recentRecords = new StorageMap('marketplace.RecentRecords', journal, u32KeyCodec, hashCodec);
  }

  rootItems() {
    return [this.models, this.nextModelId, this.providerModels, this.nodeBond, this.accessStake, this.callsUsed,
            this.revenue, this.eraPayments, this.callLog, this.recentRecords];
  }
  snapshotItems() { return this.rootItems(); }
}
