import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The realtime tests each drive a real server with hundreds of WebRTC peers; run side
    // by side on two cores, their connect deadlines measured the machine, not the server.
    fileParallelism: false,
  },
});
