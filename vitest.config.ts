import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The realtime tests each drive a real server with hundreds of WebRTC peers; run side
    // by side on two cores, their connect deadlines measured the machine, not the server.
    fileParallelism: false,
    // Many tests start a real server and connect over WebRTC: on a loaded machine that alone
    // can pass the 5 s default. A test with more to do sets its own.
    testTimeout: 30_000,
  },
});
