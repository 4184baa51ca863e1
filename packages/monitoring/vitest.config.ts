import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'monitoring',
    include: ['src/**/*.test.ts'],
  },
});
