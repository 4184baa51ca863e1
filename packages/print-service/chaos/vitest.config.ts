import { defineConfig } from 'vitest/config';

// The chaos suite and the soak: the real service in a process of its own, hurt on purpose (its
// database process killed and stopped, its disk filled, PostgreSQL restarted). One file at a time,
// after the other tests (`pnpm test:chaos`), so that their faults and load meet no other test.
export default defineConfig({
  test: {
    name: 'chaos',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
