/**
 * `POST /api/telemetry`: kiosks' beacons, checked (origin, size, schema, rate per kiosk)
 * and folded into the fleet's metrics. Answers 202 with how many events were counted;
 * a refusal says why, and only 429 asks the kiosk to send the batch again.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { TELEMETRY_LIMITS } from '../../src/protocol/telemetry.ts';
import { HttpError, sendJson } from '../http/httpResponses.ts';
import type { OriginPolicy } from '../http/originPolicy.ts';
import type { ClientRateLimiter } from '../http/rateLimit.ts';
import type { FleetMetrics } from './fleetMetrics.ts';
import { checkTelemetryBatch } from './telemetryBatch.ts';

export interface TelemetryRouteOptions {
  fleet: FleetMetrics;
  originPolicy: OriginPolicy;
  /** Batches per kiosk id. */
  rateLimiter: ClientRateLimiter;
}

export function createTelemetryRoute(options: TelemetryRouteOptions) {
  const { fleet } = options;
  const refuse = (result: string, error: HttpError): never => {
    fleet.batches.inc({ result });
    throw error;
  };
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const refusal = options.originPolicy.refusal(request);
    if (refusal) refuse('forbidden', new HttpError(403, refusal));
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > TELEMETRY_LIMITS.maxBodyBytes) refuse('too_large', tooLarge());
    const body = await readLimitedBody(request).catch((error: unknown) => refuse(error instanceof HttpError && error.status === 413 ? 'too_large' : 'invalid', error as HttpError));
    const check = checkTelemetryBatch(body);
    if (!check.ok) return refuse('invalid', new HttpError(400, check.problem));
    const decision = options.rateLimiter.take(check.batch.kiosk);
    if (!decision.allowed) {
      refuse('rate_limited', new HttpError(429, 'Too many telemetry batches from this kiosk: wait and send again.', { 'Retry-After': String(decision.retryAfterSeconds) }));
    }
    fleet.fold(check.batch);
    fleet.batches.inc({ result: 'accepted' });
    sendJson(response, 202, { accepted: check.batch.events.length });
  };
}

function tooLarge(): HttpError {
  return new HttpError(413, `A telemetry batch may be at most ${TELEMETRY_LIMITS.maxBodyBytes} bytes.`);
}

/** Reads at most the batch limit; a larger body is refused as soon as it passes it. */
async function readLimitedBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > TELEMETRY_LIMITS.maxBodyBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw error instanceof HttpError ? error : new HttpError(400, 'The request body did not arrive whole.');
  }
  return Buffer.concat(chunks).toString('utf8');
}
