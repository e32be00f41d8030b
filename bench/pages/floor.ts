/**
 * The floor: the least a page can do to reach a ready realtime session. Token, microphone,
 * peer, data channel with `onmessage`, offer, POST, answer, the kiosk's own session.update;
 * nothing else. With `?ptt=naive` it is also the naive push-to-talk design the kiosk is
 * measured beside: no microphone at connect, `getUserMedia` on every press, the track
 * stopped on every release.
 */

import { buildSessionUpdate } from '../../src/protocol/realtimeEvents.ts';
import { kioskSessionConfig } from '../../src/voice/sessionConfig.ts';

const naive = new URLSearchParams(location.search).get('ptt') === 'naive';

async function connect(): Promise<void> {
  const tokenResponse = await fetch('/api/session', { method: 'POST', headers: { Accept: 'application/json' } });
  const token = (await tokenResponse.json()) as { value: string; calls_url: string };
  const peer = new RTCPeerConnection();
  const channel = peer.createDataChannel('oai-events');
  channel.onmessage = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as { type: string };
    if (event.type === 'session.updated') document.body.dataset.ready = 'true';
  };
  channel.onopen = () => channel.send(JSON.stringify(buildSessionUpdate(kioskSessionConfig())));
  if (naive) {
    const transceiver = peer.addTransceiver('audio', { direction: 'sendrecv' });
    wireNaiveButton(transceiver.sender, channel);
  } else {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getAudioTracks()) peer.addTrack(track, stream);
  }
  const offer = await peer.createOffer();
  await peer.setLocalDescription(offer);
  const answer = await fetch(token.calls_url, {
    method: 'POST',
    body: offer.sdp,
    headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${token.value}` },
  });
  await peer.setRemoteDescription({ type: 'answer', sdp: await answer.text() });
}

/** The design the kiosk avoids: a fresh microphone per press. */
function wireNaiveButton(sender: RTCRtpSender, channel: RTCDataChannel): void {
  const button = document.getElementById('talk') as HTMLButtonElement;
  let track: MediaStreamTrack | null = null;
  let pressed = false;
  button.addEventListener('pointerdown', () => {
    pressed = true;
    void navigator.mediaDevices.getUserMedia({ audio: true }).then(async (stream) => {
      const [fresh] = stream.getAudioTracks();
      if (!fresh) return;
      if (!pressed) {
        fresh.stop();
        return;
      }
      track = fresh;
      await sender.replaceTrack(fresh);
      document.body.dataset.live = 'true';
      window.dispatchEvent(new CustomEvent('bench:mic-live'));
    });
  });
  button.addEventListener('pointerup', () => {
    pressed = false;
    track?.stop();
    track = null;
    delete document.body.dataset.live;
    void sender.replaceTrack(null);
    channel.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
  });
}

void connect();
