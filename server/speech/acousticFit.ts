/**
 * How well the recognised words fit the sound, against the best any phone sequence fits it:
 * a likelihood ratio per frame. The word decoder is bound to the language model, so talk
 * it has no words for ("I don't know yet") comes out as the nearest ordering words ("I
 * don't nugget"), often with a high posterior; a free phone loop over the same audio is
 * bound to nothing. Where the words fit far worse than the phones, they were forced.
 *
 * Both decodes must compute every senone (`-compallsen yes`): pocketsphinx scores each
 * frame against its best active senone, and only with all of them active do two searches
 * share that reference. The word decoder's lattice scores carry 10 more bits than the
 * phone loop's (SENSCR_SHIFT).
 */

const WORD_SCORE_SHIFT = 1024;
/** Markers, not words: sentence edges, silences and noises of both decoders, and the grammar's (NULL). */
export const NOT_WORDS = new Set(['<s>', '</s>', '<sil>', '[NOISE]', '[SPEECH]', '(NULL)', 'SIL']);

export interface ScoredSegment {
  word: string;
  /** First and last frame, inclusive (10 ms frames). */
  start: number;
  end: number;
  /** Acoustic log-likelihood, in the phone loop's units. */
  acoustic: number;
}

/**
 * The backtrace table pocketsphinx writes to its log with `-backtrace yes`
 * ("word start end pprob ascr lscr lback"), the last one in the log.
 * `shift` divides the scores into the phone loop's units.
 */
export function parseBacktrace(log: string, shift = 1): ScoredSegment[] {
  const lines = log.split('\n');
  const header = lines.findLastIndex((line) => /^word\s+start\s+end\s+pprob\s+ascr/.test(line));
  if (header < 0) return [];
  const segments: ScoredSegment[] = [];
  for (const line of lines.slice(header + 1)) {
    if (line.startsWith('INFO:')) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || !/^\d+$/.test(fields[1]!) || !/^\d+$/.test(fields[2]!)) break;
    segments.push({ word: fields[0]!.replace(/\(\d+\)$/, ''), start: Number(fields[1]), end: Number(fields[2]), acoustic: Number(fields[4]) / shift });
  }
  return segments;
}

export function parseWordBacktrace(log: string): ScoredSegment[] {
  return parseBacktrace(log, WORD_SCORE_SHIFT);
}

const isWord = (segment: ScoredSegment) => !NOT_WORDS.has(segment.word) && !segment.word.startsWith('++');

/** The phone loop's score over frames [start, end], sharing out segments that straddle an edge. */
function loopScore(loop: readonly ScoredSegment[], start: number, end: number): number {
  let score = 0;
  for (const segment of loop) {
    const overlap = Math.min(end, segment.end) - Math.max(start, segment.start) + 1;
    if (overlap > 0) score += (segment.acoustic * overlap) / (segment.end - segment.start + 1);
  }
  return score;
}

export interface AcousticFit {
  /**
   * Mean log-likelihood ratio per frame of the words against the phone loop: near 0 or above
   * when the words fit (context-dependent word models can beat context-free phones), well
   * below when they were forced.
   */
  perFrame: number;
  /** The same for the word that fits worst. */
  worstWord: number;
}

/** null when no word was heard. */
export function acousticFit(words: readonly ScoredSegment[], loop: readonly ScoredSegment[]): AcousticFit | null {
  const heard = words.filter(isWord);
  if (!heard.length || !loop.length) return null;
  let ratio = 0;
  let frames = 0;
  let worstWord = Number.POSITIVE_INFINITY;
  for (const word of heard) {
    const length = word.end - word.start + 1;
    const difference = word.acoustic - loopScore(loop, word.start, word.end);
    ratio += difference;
    frames += length;
    worstWord = Math.min(worstWord, difference / length);
  }
  return { perFrame: ratio / frames, worstWord };
}
