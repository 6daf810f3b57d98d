// Per-run seeds derived from the sweep's root seed.
//
// seed(root, index) = the first 8 bytes, read little-endian as an unsigned 64-bit integer, of
//   blake2b-256( UTF-8 "bai-lab/sweep-seed/v1/" + decimal(root) + "/" + decimal(index) )
//
// The index is the run index (scheme "run": every run has its own seed) or the replicate index (scheme
// "replicate": replicate m of every grid point shares one seed, i.e. common random numbers, which is what
// Morris/Sobol and paired comparisons want). A hash, not a PRNG sequence, so seed i never depends on how many
// runs precede it and the seed of any run can be recomputed from the manifest alone.
import { blake2b } from '@noble/hashes/blake2b';

export type SeedScheme = 'run' | 'replicate';
export const SEED_SCHEMES: readonly SeedScheme[] = ['run', 'replicate'];

const DOMAIN = 'bai-lab/sweep-seed/v1/';

export function deriveSeed(rootSeed: bigint, index: number): bigint {
  if (rootSeed < 0n) throw new RangeError(`root seed must be >= 0: ${rootSeed}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`seed index must be a non-negative integer: ${index}`);
  const digest = blake2b(new TextEncoder().encode(`${DOMAIN}${rootSeed}/${index}`), { dkLen: 32 });
  let seed = 0n;
  for (let i = 7; i >= 0; i--) seed = (seed << 8n) | BigInt(digest[i]!);
  return seed;
}

export function runSeed(rootSeed: bigint, scheme: SeedScheme, runIndex: number, replicate: number): bigint {
  return deriveSeed(rootSeed, scheme === 'run' ? runIndex : replicate);
}

/** Parse a root seed given on the command line or in a manifest (decimal or 0x hex, u64). */
export function parseRootSeed(text: string): bigint {
  const t = text.trim();
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(t)) throw new RangeError(`seed must be a decimal or 0x-hex integer: ${JSON.stringify(text)}`);
  const v = BigInt(t);
  if (v >= 1n << 64n) throw new RangeError(`seed must fit in 64 bits: ${text}`);
  return v;
}
