// Consensus pure logic: BABE lottery and fork choice, GRANDPA rules, equivocation slashing, scenario config.
export * from './babe.js';
export * from './iroot.js';
export * from './fork-choice.js';
export * from './grandpa.js';
export * from './equivocation.js';
export * from './config.js';
