/**
 * The shape of a language phrase set: conversations, each a fresh order, in which every
 * step says what the cart must hold afterwards. Shared by the text tier (vitest) and the
 * spoken bench (scripts/bench-asr.ts).
 */

export type ExpectedLine = [itemId: string, size: string | null, quantity: number, modifiers?: string[]];

export interface PhraseStep {
  /** The words the customer says; for a `sound` step, a label only. */
  say: string;
  cart: ExpectedLine[];
  confirmed?: boolean;
  /** Out of scope: talk or sound that is not ordering; the cart must not change. */
  outOfScope?: boolean;
  /** A non-speech sound for the spoken bench instead of words; the text tier skips it. */
  sound?: 'cough' | 'noise';
  /** Words the reply must contain (lower case), for questions and ask-backs. */
  reply?: string;
}

export type PhraseScript = PhraseStep[];

export interface PhraseSet {
  name: string;
  scripts: PhraseScript[];
}
