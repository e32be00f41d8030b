/**
 * The machine's `realtimeConnection` actor: one WebRTCConnection for as long as the
 * machine stays in the connected states. Stopping the actor closes the connection,
 * so leaving those states releases the microphone, channel and peer by construction.
 */

import { fromCallback } from 'xstate';
import type { ClientLogger } from './logger.ts';
import type {
  ConnectionActorInput,
  ConnectionCommand,
  ConnectionEvent,
  VoiceEvent,
} from '../../machines/voiceMachine.types.ts';
import { ServerEventType } from '../protocol/realtimeEvents.ts';
import type { HandledMessage, RealtimeEventHandler } from './realtimeEventHandler.ts';
import { ConnectionError, WebRTCConnection } from './webrtcConnection.ts';

export interface ConnectionActorDeps {
  handler: RealtimeEventHandler;
  logger: ClientLogger;
  onConnectionStarted: (connection: WebRTCConnection) => void;
  onConnectionClosed: (connection: WebRTCConnection) => void;
  onIncoming: (raw: unknown, handled: HandledMessage) => void;
  onOutgoing: (event: Record<string, unknown>) => void;
  onMicrophoneAcquired: () => void;
}

export function createConnectionActor(deps: ConnectionActorDeps) {
  return fromCallback<ConnectionCommand, ConnectionActorInput, ConnectionEvent>(({ input, sendBack, receive }) => {
    const { generation, credentials } = input;
    deps.handler.beginConnection(generation);
    // Server events go straight to the parent machine; the callback actor's sendBack
    // is typed for transport events, the machine accepts both.
    const sendToMachine = sendBack as (event: VoiceEvent) => void;

    const connection = new WebRTCConnection({
      generation,
      callsUrl: credentials.callsUrl,
      token: credentials.token,
      logger: deps.logger,
      onRawMessage: (raw, fromGeneration) => {
        const handled = deps.handler.handleRawMessage(raw, fromGeneration);
        if (handled.type === ServerEventType.outputAudioBufferStarted) connection.markReplyAudioStart();
        deps.onIncoming(raw, handled);
        for (const event of handled.events) sendToMachine(event);
      },
      onOpen: (openedGeneration) => sendBack({ type: 'connection.channel_open', generation: openedGeneration }),
      onLost: (lostGeneration, message) => sendBack({ type: 'connection.lost', generation: lostGeneration, message }),
      onOutgoing: deps.onOutgoing,
      onMicrophoneAcquired: deps.onMicrophoneAcquired,
    });
    deps.onConnectionStarted(connection);

    connection.connect().catch((error: unknown) => {
      if (connection.isClosed) return;
      const reason = error instanceof ConnectionError ? error.reason : 'connect_failed';
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.error({ reason, message, generation }, 'connection failed');
      sendBack({ type: 'connection.failed', generation, reason, message });
    });

    // A throw out of here would end this actor without its cleanup (the peer and the
    // microphone would stay open), so a command that fails is reported as a lost link.
    receive((command) => {
      try {
        if (command.type === 'send') connection.send(command.event);
        else if (command.type === 'truncate_reply') void connection.truncateReply(command.itemId);
        else connection.setMicrophoneEnabled(command.enabled);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.error({ command: command.type, message, generation }, 'connection command failed');
        sendBack({ type: 'connection.lost', generation, message });
      }
    });

    return () => {
      connection.close();
      deps.onConnectionClosed(connection);
    };
  });
}
