// A u64 bigint's 32-bit halves read through a 64-bit typed-array cell. Number(x), x >> 32n and x & mask are generic
// BigInt operations (~30 ns, allocating); a cell write and two typed reads are a few ns. Callers check the range
// (the cell keeps only the low 64 bits of what is written).

const cell64 = new BigUint64Array(1);
const cell32 = new Uint32Array(cell64.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1, HI = LITTLE_ENDIAN ? 1 : 0;

/** Writes 0 <= x < 2^64 into the cell; then read cellHigh32 / cellLow32. */
export function loadU64(x: bigint): void { cell64[0] = x; }
export function cellHigh32(): number { return cell32[HI]!; }
export function cellLow32(): number { return cell32[LO]!; }

/** Number(x) for an integer 0 <= x < 2^53 (exact). */
export function smallToNumber(x: bigint): number { cell64[0] = x; return cell32[HI]! * 4294967296 + cell32[LO]!; }
