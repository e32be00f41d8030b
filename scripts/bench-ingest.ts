/**
 * What the event handler costs per message, against the floor of JSON.parse on the same
 * strings: a turn recorded from the local server (test/fixtures/realistic-turn.json,
 * `npm run record:turn`), repeated with fresh event ids so none is a duplicate.
 * Reports medians over repeats and their ratio. Usage: npm run bench:ingest [-- repeats]
 */

import { readFileSync } from 'node:fs';
import { EventLog } from '../src/voice/eventLog.ts';
import { RealtimeEventHandler } from '../src/voice/realtimeEventHandler.ts';
import { median } from '../src/voice/turnMetrics.ts';

const repeats = Number(process.argv[2] ?? 15);
const turn = JSON.parse(readFileSync('test/fixtures/realistic-turn.json', 'utf8')) as string[];
const TURNS_PER_REPEAT = 400;
const quiet = { warn: () => undefined, debug: () => undefined };

/** The recorded turn again and again, each copy with its own event ids. */
function traffic(copy: number): string[] {
  const messages: string[] = [];
  for (let index = 0; index < TURNS_PER_REPEAT; index += 1) {
    for (const raw of turn) messages.push(raw.replace(/"event_id":"([^"]*)"/, `"event_id":"$1_${copy}_${index}"`));
  }
  return messages;
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const parseTimes: number[] = [];
const handlerTimes: number[] = [];
const withLogTimes: number[] = [];
let sink = 0;
for (let repeat = 0; repeat < repeats + 2; repeat += 1) {
  const messages = traffic(repeat);
  const parse = time(() => {
    for (const raw of messages) sink += (JSON.parse(raw) as { type: string }).type.length;
  });
  const handler = new RealtimeEventHandler(quiet);
  handler.beginConnection(1);
  const handle = time(() => {
    for (const raw of messages) sink += handler.handleRawMessage(raw, 1).events.length;
  });
  const logged = new RealtimeEventHandler(quiet);
  logged.beginConnection(1);
  const log = new EventLog(200);
  const withLog = time(() => {
    for (const raw of messages) log.add('in', logged.handleRawMessage(raw, 1).type ?? '(unparsed)', raw);
  });
  // The first two repeats warm the JIT up and are not counted.
  if (repeat < 2) continue;
  parseTimes.push(parse);
  handlerTimes.push(handle);
  withLogTimes.push(withLog);
}
const messages = turn.length * TURNS_PER_REPEAT;
const parseMedian = median(parseTimes) ?? NaN;
const handlerMedian = median(handlerTimes) ?? NaN;
const withLogMedian = median(withLogTimes) ?? NaN;
const perMessage = (ms: number) => `${((ms * 1000) / messages).toFixed(2)} µs/message`;
console.log(`${repeats} repeats of ${messages} messages (${turn.length}-message turn × ${TURNS_PER_REPEAT}); sink ${sink % 10}`);
console.log(`JSON.parse:           median ${perMessage(parseMedian)}`);
console.log(`handler:              median ${perMessage(handlerMedian)}  ratio ${(handlerMedian / parseMedian).toFixed(2)}`);
console.log(`handler + event log:  median ${perMessage(withLogMedian)}  ratio ${(withLogMedian / parseMedian).toFixed(2)}`);
