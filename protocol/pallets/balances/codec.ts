// Fast SCALE encoders of the balances storage values; registry type names in ./types.ts.
import { writeUintLE, encodeVec, encodeText, concat, encodeU128, putBytes, putCompactNumber, putUintLE } from '../../types/codecs.js';
import type { ByteSink } from '../../primitives/storage.js';
import type { AccountData, IdAmount } from './storage.js';

/** BaiAccountData { free: u128, reserved: u128, frozen: u128 } */
export function encodeAccountData(a: AccountData): Uint8Array {
  const out = new Uint8Array(48);
  writeUintLE(out, 0, a.free, 16);
  writeUintLE(out, 16, a.reserved, 16);
  writeUintLE(out, 32, a.frozen, 16);
  return out;
}
/** Vec<BaiIdAmount> with BaiIdAmount { id: Text, amount: u128 } */
export function encodeIdAmount(x: IdAmount): Uint8Array { return concat([encodeText(x.id), encodeU128(x.amount)]); }
export const encodeHolds = (v: readonly IdAmount[]): Uint8Array => encodeVec(v, encodeIdAmount);
export const encodeFreezes = encodeHolds;

// Writers of the same bytes straight into a ByteSink (the daily state root re-encodes every changed account).
export function encodeAccountDataTo(sink: ByteSink, a: AccountData): void {
  const o = sink.reserve(48);
  const b = sink.buf;
  writeUintLE(b, o, a.free, 16);
  writeUintLE(b, o + 16, a.reserved, 16);
  writeUintLE(b, o + 32, a.frozen, 16);
}
export function encodeIdAmountsTo(sink: ByteSink, v: readonly IdAmount[]): void {
  putCompactNumber(sink, v.length);
  for (const x of v) { putBytes(sink, encodeText(x.id)); putUintLE(sink, x.amount, 16); }
}
