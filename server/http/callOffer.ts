/**
 * The body of `POST /v1/realtime/calls`, in both forms the service accepts: the bare SDP
 * offer (`application/sdp`), or a multipart form with the offer in `sdp` and the
 * session's configuration, as JSON, in `session`.
 */

import { HttpError } from './httpResponses.ts';

export interface CallOffer {
  sdp: string;
  /** The `session` part, parsed; undefined when the offer came alone. */
  session: unknown;
}

export async function parseCallOffer(contentType: string, body: string): Promise<CallOffer> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/sdp') return { sdp: body, session: undefined };
  if (mediaType !== 'multipart/form-data') {
    throw new HttpError(400, 'Content-Type must be application/sdp, or multipart/form-data with sdp and session parts.');
  }
  let form: FormData;
  try {
    // The platform's own multipart parser: boundaries, quoting and part headers as browsers write them.
    form = await new Request('http://local.invalid/', { method: 'POST', headers: { 'Content-Type': contentType }, body }).formData();
  } catch {
    throw new HttpError(400, 'The multipart body could not be read: check its boundary.');
  }
  const sdp = form.get('sdp');
  if (sdp === null) throw new HttpError(400, "The multipart body has no 'sdp' part.");
  const sessionPart = form.get('session');
  let session: unknown;
  if (sessionPart !== null) {
    const text = typeof sessionPart === 'string' ? sessionPart : await sessionPart.text();
    try {
      session = JSON.parse(text);
    } catch {
      throw new HttpError(400, "The 'session' part is not valid JSON.");
    }
  }
  return { sdp: typeof sdp === 'string' ? sdp : await sdp.text(), session };
}
