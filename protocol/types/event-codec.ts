// SCALE-encode a runtime event through the registry: { pallet, name, data } -> BaiRuntimeEvent (or BaiSystemEvent).
// AccountId fields (lab string ids) become AccountId32 by their registered field type. The data's field names must
// match the registered variant exactly (polkadot's Struct would silently default a missing field), so a drift between
// a pallet's events.ts and types.ts fails loudly here (and in the tests that use it).
import type { TypeRegistry } from '@polkadot/types';
import type { RuntimeEvent } from '../primitives/events.js';
import { accountId32 } from './codecs.js';
import { PALLET_TYPES, SYSTEM_TYPES } from './registry.js';

type VariantDefs = Record<string, Record<string, string> | null>;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function eventVariants(typeName: string): VariantDefs | undefined {
  for (const d of [...PALLET_TYPES, SYSTEM_TYPES]) {
    const t = (d as Record<string, { _enum?: VariantDefs }>)[typeName];
    if (t?._enum) return t._enum;
  }
  return undefined;
}

function convert(type: string, v: unknown): unknown {
  if (type === 'AccountId32') return accountId32(v as string);
  if (type === 'Vec<AccountId32>') return (v as string[]).map((x) => accountId32(x));
  if (type === 'Option<AccountId32>') return v === null || v === undefined ? null : accountId32(v as string);
  return v;
}

/** The registry codec of one runtime event (throws on an unregistered event or a field-name mismatch). */
export function eventCodec(reg: TypeRegistry, ev: RuntimeEvent) {
  const isSystem = ev.pallet === 'system';
  const typeName = isSystem ? 'BaiSystemEvent' : `Bai${capital(ev.pallet)}Event`;
  const variants = eventVariants(typeName);
  if (!variants || !(ev.name in variants)) throw new Error(`types: event ${ev.pallet}.${ev.name} is not registered (${typeName})`);
  const fields = variants[ev.name] ?? {};
  const want = Object.keys(fields).sort().join(','), got = Object.keys(ev.data).sort().join(',');
  if (want !== got) throw new Error(`types: event ${ev.pallet}.${ev.name} fields {${got}} != registered {${want}}`);
  const value: Record<string, unknown> = {};
  for (const [f, t] of Object.entries(fields)) value[f] = convert(t, ev.data[f]);
  return isSystem
    ? reg.createType('BaiSystemEvent', { [ev.name]: value })
    : reg.createType('BaiRuntimeEvent', { [capital(ev.pallet)]: { [ev.name]: value } });
}

export function encodeEvent(reg: TypeRegistry, ev: RuntimeEvent): Uint8Array { return eventCodec(reg, ev).toU8a(); }
