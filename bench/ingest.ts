/**
 * What the event handler costs per message, against the floor of JSON.parse on the same
 * strings: a turn recorded from the local server (test/fixtures/realistic-turn.json,
 * `npm run record:turn`), repeated with fresh event ids so none is a duplicate.
 * Medians over repeats, interleaved (parse, handler, handler + log in each repeat).
 */

import { readFileSync } from 'node:fs';
import { EventLog } from '../src/voice/eventLog.ts';
import { RealtimeEventHandler } from '../src/voice/realtimeEventHandler.ts';
import { spread, type Spread } from './stats.ts';

const TURNS_PER_REPEAT = 400;
const WARM_UP_REPEATS = 2;
const quiet = { warn: () => undefined, debug: () => undefined };

export interface IngestResult {
  messages: number;
  /** Microseconds per message. */
  parse: Spread;
  handler: Spread;
  handlerWithLog: Spread;
}

/** The recorded turn again and again, each copy with its own event ids. */
function traffic(turn: string[], copy: number): string[] {
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

export function measureIngest(repeats: number): IngestResult {
  const turn = JSON.parse(readFileSync('test/fixtures/realistic-turn.json', 'utf8')) as string[];
  const perMessage = (total: number) => (total * 1000) / (turn.length * TURNS_PER_REPEAT);
  const parseTimes: number[] = [];
  const handlerTimes: number[] = [];
  const withLogTimes: number[] = [];
  let sink = 0;
  for (let repeat = 0; repeat < repeats + WARM_UP_REPEATS; repeat += 1) {
    const messages = traffic(turn, repeat);
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
    // The first repeats warm the JIT up and are not counted.
    if (repeat < WARM_UP_REPEATS) continue;
    parseTimes.push(perMessage(parse));
    handlerTimes.push(perMessage(handle));
    withLogTimes.push(perMessage(withLog));
  }
  if (sink < 0) throw new Error('unreachable: keeps the work observable');
  return {
    messages: turn.length * TURNS_PER_REPEAT,
    parse: spread(parseTimes),
    handler: spread(handlerTimes),
    handlerWithLog: spread(withLogTimes),
  };
}
