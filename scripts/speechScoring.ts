/** What the speech benches share: the voices, word accuracy by edit distance, and medians. */

export const SPOKEN_VOICES = [
  { voice: 'en-us', wordsPerMinute: 160 },
  { voice: 'en-us+f3', wordsPerMinute: 160 },
  { voice: 'en-gb', wordsPerMinute: 160 },
];

export function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z' ]+/g, ' ').split(' ').filter(Boolean);
}

/** Word errors (substitutions, deletions, insertions) by edit distance. */
export function wordErrors(expected: string[], heard: string[]): number {
  const row = Array.from({ length: heard.length + 1 }, (_, index) => index);
  for (let i = 1; i <= expected.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= heard.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (expected[i - 1] === heard[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[heard.length]!;
}

/** Adds one phrase's words and errors (capped at its length) to the tally. */
export function wordAccuracy(tally: { total: number; errors: number }, said: string, heard: string): void {
  const expected = words(said);
  tally.total += expected.length;
  tally.errors += Math.min(expected.length, wordErrors(expected, words(heard)));
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
