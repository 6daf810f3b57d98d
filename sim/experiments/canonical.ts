// Canonical JSON (object keys sorted at every level) and its blake2b-256 hash: identifies a resolved scenario.
import { blake2b } from '@noble/hashes/blake2b';

export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return x.toString();
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return x;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) sorted[k] = (x as Record<string, unknown>)[k];
    return sorted;
  });
}

export function hashJson(v: unknown): string {
  const d = blake2b(new TextEncoder().encode(canonicalJson(v)), { dkLen: 32 });
  return '0x' + Buffer.from(d).toString('hex');
}
