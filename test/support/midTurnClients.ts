/**
 * Run as its own process by the leak test, then killed with SIGKILL: opens `count`
 * sessions against the server at `url`, puts each mid-turn (audio sent, committed,
 * response requested) and prints "mid-turn <count>". Killed, it closes nothing: the
 * server must find out for itself, as with a kiosk whose power is cut.
 */

import { RealtimeTestClient } from './realtimeTestClient.ts';

const [url = '', countArgument = '10', batchArgument = '10'] = process.argv.slice(2);
const count = Number(countArgument);
const batch = Number(batchArgument);
const clients: RealtimeTestClient[] = [];

async function midTurn(): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.connect(url);
  await client.sendNoise(400);
  client.send({ type: 'input_audio_buffer.commit' });
  client.send({ type: 'response.create' });
  return client;
}

for (let started = 0; started < count; started += batch) {
  const size = Math.min(batch, count - started);
  clients.push(...(await Promise.all(Array.from({ length: size }, midTurn))));
}
console.log(`mid-turn ${clients.length}`);
// Held open until killed.
setInterval(() => undefined, 60_000);
