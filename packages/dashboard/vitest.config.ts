import { defineProject } from 'vitest/config';

// The page's own tests: unit tests of its router, state, client and formatting (node), and a
// browser test of the built page against a stub of the API (test/). The tests of the page with
// the real service and store live with the service that serves it (print-service/test).
export default defineProject({
  test: {
    name: 'dashboard',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
