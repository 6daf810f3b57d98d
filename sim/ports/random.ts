// Randomness port: named, seeded streams. Simulated: engine.rng (hash(rootSeed, name, agentId) -> xor128). A
// production node would use a cryptographic source where it needs one; protocol code takes randomness only as input.

export interface RandomStream {
  /** Uniform in (0, 1). */
  float(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  bernoulli(p: number): boolean;
}

export interface RandomSource {
  /** The stream (name, agentId): the same sequence for the same root seed, independent of every other stream. */
  stream(name: string, agentId?: number): RandomStream;
}
