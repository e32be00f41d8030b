// Installed before any page script (Playwright addInitScript), the same on every page the
// bench loads, so the floor, the kiosk and the SDK are timed by one instrument: when the
// token was asked for, when each data-channel message arrived and was sent, how long the
// page's own onmessage handler took, and when the pointer went down and up.
// The bench runs under tsx, whose transform wraps named functions in a `__name` helper;
// functions the bench hands to page.evaluate carry that call into the page.
globalThis.__name ??= (target) => target;
(() => {
  const marks = [];
  const handling = [];
  const now = () => performance.now();
  const typeOf = (data) => {
    const match = typeof data === 'string' ? /"type"\s*:\s*"([^"]+)"/.exec(data.slice(0, 200)) : null;
    return match ? match[1] : '(unknown)';
  };
  const mark = (name, at) => marks.push({ name, at: at ?? now() });
  window.__bench = { marks, handling, mark, timeOrigin: performance.timeOrigin };

  const originalFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/api/session')) mark('token_request');
    if (url.includes('/v1/realtime/calls')) mark('sdp_post');
    return originalFetch.call(this, input, init);
  };

  const originalCreate = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (...args) {
    const channel = originalCreate.apply(this, args);
    channel.addEventListener('message', (event) => mark(`in:${typeOf(event.data)}`));
    const originalSend = channel.send;
    channel.send = function (data) {
      mark(`out:${typeOf(data)}`);
      return originalSend.call(this, data);
    };
    // The page's own handler, timed: what the client spends on each message it receives.
    let handler = null;
    Object.defineProperty(channel, 'onmessage', {
      configurable: true,
      get: () => handler,
      set: (fn) => {
        handler = fn;
        const timed = fn
          ? (event) => {
              const started = now();
              try {
                fn.call(channel, event);
              } finally {
                handling.push({ type: typeOf(event.data), at: started, ms: now() - started });
              }
            }
          : null;
        Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage').set.call(channel, timed);
      },
    });
    return channel;
  };

  window.addEventListener('pointerdown', (event) => mark('pointerdown', event.timeStamp), true);
  window.addEventListener('pointerup', (event) => mark('pointerup', event.timeStamp), true);
})();
