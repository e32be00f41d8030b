import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/kitchen/sseParser.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the kitchen feed parser', () => {
  it('reads events with ids, types and several data lines, skipping comments', () => {
    const parser = new SseParser();
    const events = parser.push(bytes(': heartbeat\n\nid: 7\nevent: created\ndata: {"a":\ndata: 1}\n\n'));
    expect(events).toEqual([{ event: 'created', data: '{"a":\n1}', id: '7' }]);
  });

  it('puts an event back together from chunks split anywhere, even inside a character or a CRLF', () => {
    const text = 'id: 1\r\nevent: done\r\ndata: {"name":"Crème brûlée"}\r\n\r\nid: 2\ndata: x\n\n';
    const whole = new SseParser().push(bytes(text));
    const encoded = bytes(text);
    for (let cut = 1; cut < encoded.length; cut += 1) {
      const parser = new SseParser();
      const events = [...parser.push(encoded.slice(0, cut)), ...parser.push(encoded.slice(cut))];
      expect(events).toEqual(whole);
    }
    expect(whole).toEqual([
      { event: 'done', data: '{"name":"Crème brûlée"}', id: '1' },
      { event: 'message', data: 'x', id: '2' },
    ]);
  });

  it('sends nothing for a blank line with no data, and keeps the last id for later events', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('id: 3\n\n'))).toEqual([]);
    expect(parser.push(bytes('data: y\n\n'))).toEqual([{ event: 'message', data: 'y', id: '3' }]);
  });
});
