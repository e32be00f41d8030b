/**
 * `npm run test:mutations`: proves the tests bite. Each seed bug this project once had
 * (or that its shape exists to prevent) is put back, one at a time, as a text patch on
 * the working tree; the tests meant to catch it run; the file is restored in a finally.
 * Prints a table: bug → the test files run → whether they turned red. Exit code 1 when
 * some bug turned nothing red.
 *
 * Runs browser suites one after another (never two at once); on a shared machine run it
 * under the browser lock. `--only a,c` picks bugs; `--skip-baseline` skips the check that
 * the chosen tests pass on the unmutated tree first.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Mutation {
  id: string;
  bug: string;
  file: string;
  find: string;
  replace: string;
  vitest?: string[];
  playwright?: { files: string[]; grep?: string };
}

const MUTATIONS: Mutation[] = [
  {
    id: 'a',
    bug: 'onmessage attached 50 ms after the data channel opens',
    file: 'src/voice/webrtcConnection.ts',
    find: `    channel.onmessage = (event: MessageEvent) => this.options.onRawMessage(event.data, this.generation);
    channel.onopen = () => {`,
    replace: `    channel.onopen = () => {
      setTimeout(() => {
        channel.onmessage = (event: MessageEvent) => this.options.onRawMessage(event.data, this.generation);
      }, 50);`,
    playwright: { files: ['e2e/connection.spec.ts'], grep: 'burst_on_open' },
  },
  {
    id: 'b',
    bug: 'no transcript timeout in waiting_user_final',
    file: 'machines/voiceMachine.ts',
    find: `                  after: {
                    transcriptTimeout: {
                      target: 'idle',
                      actions: ['interruptAssistant', 'giveUpOnResponse', { type: 'noteTurn', params: { code: 'no_transcript' } }],
                    },
                  },
`,
    replace: '',
    vitest: ['test/voiceMachine.test.ts', 'test/voiceMachine.model.test.ts'],
  },
  {
    id: 'c',
    bug: 'an effect depending on an unstable callback reconnects on every render',
    file: 'src/ui/App.tsx',
    find: `  useWakeLock();
`,
    replace: `  useWakeLock();
  const voiceClient = useVoiceClient();
  const onReady = () => kiosk.send({ type: 'activity' });
  useEffect(() => {
    voiceClient.connect();
    return () => voiceClient.disconnect();
  }, [voiceClient, onReady]);
`,
    // The import the patch needs rides along with the first line of the file's imports.
    playwright: { files: ['e2e/connection.spec.ts'], grep: 'StrictMode' },
  },
  {
    id: 'd',
    bug: "the debug panel's refresh interval is never cleared",
    file: 'src/ui/DebugPanel.tsx',
    find: `    return () => stop();
  }, [client]);`,
    replace: `    void stop;
  }, [client]);`,
    playwright: { files: ['e2e/kiosk-button.spec.ts'], grep: 're-renders 100 times' },
  },
  {
    id: 'e',
    bug: 'no connect guard: connect() while connecting or connected opens another connection',
    file: 'machines/voiceMachine.ts',
    find: `    online: {
      initial: 'fetching_token',
      on: {
`,
    replace: `    online: {
      initial: 'fetching_token',
      on: {
        connect: { target: 'online', reenter: true },
`,
    // The soak (e2e/soak.spec.ts) also connects twice per forced reconnect and counts connections.
    vitest: ['test/voiceMachine.test.ts'],
  },
  {
    id: 'f',
    bug: 'reconnect gives up after one failure (continues only after a lost link or ended session)',
    file: 'machines/voiceMachine.ts',
    find: `        reconnectDelay: { guard: 'isReconnectScheduled', target: 'online', actions: 'countReconnectAttempt' },`,
    replace: `        reconnectDelay: {
          guard: ({ context }) =>
            context.reconnectSchedule !== null &&
            ['connection_lost', 'session_expired'].includes(context.disconnectReason?.code ?? ''),
          target: 'online',
          actions: 'countReconnectAttempt',
        },`,
    vitest: ['test/voiceMachine.reconnect.test.ts'],
    playwright: { files: ['e2e/kiosk-button.spec.ts'], grep: 'unreachable server' },
  },
];

/** Extra text a patch needs elsewhere in its file (an import), applied with it. */
const COMPANIONS: Record<string, { find: string; replace: string }> = {
  c: {
    find: `import { useEffect, useState } from 'react';
`,
    replace: `import { useEffect, useState } from 'react';
import { useVoiceClient } from './voiceClientContext.tsx';
`,
  },
};

interface Outcome {
  command: string;
  /** Some named test failed. A run that failed without one (a busy port, a crash) is an error, not a catch. */
  red: boolean;
  error: string | null;
  failed: string[];
}

function run(command: string, args: string[]): Outcome {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  // eslint-disable-next-line no-control-regex -- colour codes, whatever the runner's idea of a terminal
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  // Failing tests as each runner names them: vitest's "FAIL file > suite > test", Playwright's "1) file:line › test".
  const failed = [
    ...new Set(
      output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^FAIL\s+\S+ > /.test(line) || /^\d+\) \S+ › /.test(line))
        .map((line) => line.replace(/^(FAIL|\d+\))\s+/, '')),
    ),
  ];
  const error = result.status !== 0 && failed.length === 0 ? output.trim().split('\n').slice(-5).join(' / ') : null;
  return { command: [command, ...args].join(' '), red: failed.length > 0, error, failed };
}

function suites(mutation: Mutation): [string, string[]][] {
  const commands: [string, string[]][] = [];
  if (mutation.vitest) commands.push(['npx', ['vitest', 'run', ...mutation.vitest]]);
  if (mutation.playwright) {
    const grep = mutation.playwright.grep ? ['-g', mutation.playwright.grep] : [];
    commands.push(['npx', ['playwright', 'test', ...mutation.playwright.files, ...grep, '--reporter=list']]);
  }
  return commands;
}

function patch(text: string, find: string, replace: string, where: string): string {
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) throw new Error(`${where}: the text to mutate is not there exactly once; update scripts/mutations.ts`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

const { values } = parseArgs({ options: { only: { type: 'string' }, 'skip-baseline': { type: 'boolean', default: false } } });
const chosen = values.only ? MUTATIONS.filter((mutation) => values.only?.split(',').includes(mutation.id)) : MUTATIONS;

const dirty = spawnSync('git', ['status', '--porcelain', ...new Set(chosen.map((mutation) => mutation.file))], { encoding: 'utf8' }).stdout.trim();
if (dirty) {
  console.error(`uncommitted changes in files this script mutates; commit or stash them first:\n${dirty}`);
  process.exit(2);
}

if (!values['skip-baseline']) {
  const seen = new Set<string>();
  for (const mutation of chosen) {
    for (const [command, args] of suites(mutation)) {
      const key = args.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const outcome = run(command, args);
      if (outcome.red || outcome.error) {
        console.error(`baseline is red, so no mutation can be judged: ${outcome.command}\n${outcome.failed.join('\n') || outcome.error}`);
        process.exit(2);
      }
    }
  }
  console.log('baseline: every chosen suite passes on the unmutated tree');
}

const rows: { mutation: Mutation; outcomes: Outcome[] }[] = [];
let restore: (() => void) | null = null;
process.on('SIGINT', () => {
  restore?.();
  process.exit(130);
});
for (const mutation of chosen) {
  const original = readFileSync(mutation.file, 'utf8');
  restore = () => writeFileSync(mutation.file, original);
  try {
    let mutated = patch(original, mutation.find, mutation.replace, `${mutation.id} (${mutation.file})`);
    const companion = COMPANIONS[mutation.id];
    if (companion) mutated = patch(mutated, companion.find, companion.replace, `${mutation.id} companion`);
    writeFileSync(mutation.file, mutated);
    console.log(`(${mutation.id}) ${mutation.bug}: running ${suites(mutation).length} suite(s)…`);
    rows.push({ mutation, outcomes: suites(mutation).map(([command, args]) => run(command, args)) });
  } finally {
    restore();
    restore = null;
  }
}

console.log('\n| bug | suite | red? | failing tests |\n| --- | --- | --- | --- |');
for (const { mutation, outcomes } of rows) {
  for (const outcome of outcomes) {
    const suite = outcome.command.replace(/^npx /, '').replace(/ --reporter=list$/, '');
    console.log(`| (${mutation.id}) ${mutation.bug} | \`${suite}\` | ${outcome.red ? 'RED' : outcome.error ? 'ERROR' : 'green'} | ${outcome.failed.join('; ') || outcome.error || '—'} |`);
  }
}
const survivors = rows.filter((row) => !row.outcomes.some((outcome) => outcome.red));
if (survivors.length > 0) {
  console.log(`\nnot caught: ${survivors.map((row) => row.mutation.id).join(', ')}`);
  process.exit(1);
}
console.log('\nevery bug turned at least one test red');
