// Call records. The chain keeps blake2b-256 of each record's canonical DAG-JSON bytes; that digest is exactly the
// multihash digest of the record's CIDv1 (dag-json, blake2b-256), so the body the simulator stores through the Storage
// port under that CID can be checked against the chain. Request/response bodies are referenced by their own CIDs.

import { blake2_256 } from '../../primitives/hash.js';
import { assert } from '../../primitives/dispatch.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { cidOf, dagJsonEncode, type DagJsonValue } from './cid.js';
import type { CID } from 'multiformats/cid';

export interface CallRecord {
  readonly consumer: AccountId;
  readonly modelId: number;
  readonly requestCid: string;
  readonly responseCid: string;
  readonly pricePlanck: Planck;
  readonly feePlanck: Planck;
  readonly era: number;
  /** Global record index (CallLog.count before this call). */
  readonly index: bigint;
}

export interface BatchItem { readonly modelId: number; readonly count: number }

export interface BatchRecord {
  readonly consumer: AccountId;
  readonly items: readonly BatchItem[];
  /** CID of the aggregated request/response bodies document of the batch. */
  readonly bodiesCid: string;
  readonly pricePlanck: Planck;
  readonly feePlanck: Planck;
  readonly era: number;
  readonly firstIndex: bigint;
}

export function callRecordData(r: CallRecord): DagJsonValue {
  return { kind: 'call', consumer: r.consumer, modelId: r.modelId, requestCid: r.requestCid, responseCid: r.responseCid,
           pricePlanck: r.pricePlanck, feePlanck: r.feePlanck, era: r.era, index: r.index };
}

export function batchRecordData(r: BatchRecord): DagJsonValue {
  return { kind: 'batch', consumer: r.consumer, items: r.items.map((i) => ({ modelId: i.modelId, count: i.count })),
           bodiesCid: r.bodiesCid, pricePlanck: r.pricePlanck, feePlanck: r.feePlanck, era: r.era, firstIndex: r.firstIndex };
}

const utf8 = new TextEncoder();

/** As the generic encoder: integers only (same check, same message). */
function safeInt(v: number): string {
  if (!Number.isSafeInteger(v)) assert(false, `dag-json: only integers are encoded, got ${v}`);
  return String(v);
}

/**
 * dagJsonEncode(callRecordData(r)) written directly (the hot path: one per call): the same canonical text, keys in
 * their fixed UTF-8 order, no intermediate object or key sort. Proven byte-equal to the generic encoder in tests.
 */
export function callRecordBytes(r: CallRecord): Uint8Array {
  return utf8.encode(`{"consumer":${JSON.stringify(r.consumer)},"era":${safeInt(r.era)},"feePlanck":${r.feePlanck},` +
    `"index":${r.index},"kind":"call","modelId":${safeInt(r.modelId)},"pricePlanck":${r.pricePlanck},` +
    `"requestCid":${JSON.stringify(r.requestCid)},"responseCid":${JSON.stringify(r.responseCid)}}`);
}

/** dagJsonEncode(batchRecordData(r)) written directly (one per calls_batch); proven byte-equal in tests. */
export function batchRecordBytes(r: BatchRecord): Uint8Array {
  let items = '';
  for (let i = 0; i < r.items.length; i++) {
    const it = r.items[i]!;
    items += `${i === 0 ? '' : ','}{"count":${safeInt(it.count)},"modelId":${safeInt(it.modelId)}}`;
  }
  return utf8.encode(`{"bodiesCid":${JSON.stringify(r.bodiesCid)},"consumer":${JSON.stringify(r.consumer)},` +
    `"era":${safeInt(r.era)},"feePlanck":${r.feePlanck},"firstIndex":${r.firstIndex},"items":[${items}],` +
    `"kind":"batch","pricePlanck":${r.pricePlanck}}`);
}

/** blake2b-256 of the record's DAG-JSON bytes: what the chain stores. */
export function recordHash(data: DagJsonValue): Uint8Array { return blake2_256(dagJsonEncode(data)); }

/** The record's CIDv1 (dag-json, blake2b-256): the key the simulator stores the record body under. */
export function recordCid(data: DagJsonValue): CID { return cidOf(dagJsonEncode(data), 'dag-json', 'blake2b-256'); }

/** Next value of the on-chain hash chain over record hashes. */
export function chainRecord(accumulator: Uint8Array, hash: Uint8Array): Uint8Array {
  const b = new Uint8Array(64);
  b.set(accumulator, 0); b.set(hash, 32);
  return blake2_256(b);
}
