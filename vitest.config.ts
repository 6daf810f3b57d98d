// Vitest configuration for the whole suite (`npm test` = typecheck + `vitest run`).
// Two cores are shared by many processes: keep workers bounded; tests must stay fast (seconds per file).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'runs/**', 'dist/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
