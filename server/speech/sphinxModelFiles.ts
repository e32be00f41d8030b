/**
 * Reading and writing the binary parameter files of a Sphinx acoustic model, as far as
 * adapting pocketsphinx's en-us model needs. That model ships its mixture weights only
 * compressed (`sendump`), and SphinxTrain's `bw` and `map_adapt` read them uncompressed
 * (`mixture_weights`); this is the conversion SphinxTrain's own sendump.py does.
 */

/** The mixture weights, [senone][feature stream][density], as probabilities. */
export interface MixtureWeights {
  senones: number;
  streams: number;
  densities: number;
  weights: Float32Array;
}

/** Decodes a `sendump` file: 8-bit quantised log weights, one byte per density. */
export function readSendump(file: Buffer): MixtureWeights {
  let offset = 0;
  let bigEndian = false;
  const readCount = () => {
    let value = file.readUInt32LE(offset);
    // The file's own byte order shows in its first length: no header string is that long.
    if (offset === 0 && value > 65_536) bigEndian = true;
    if (bigEndian) value = file.readUInt32BE(offset);
    offset += 4;
    return value;
  };
  const readString = (): string | null => {
    const length = readCount();
    if (length === 0) return null;
    const text = file.toString('latin1', offset, offset + length - 1);
    offset += length;
    return text;
  };
  readString();
  const header = new Map<string, number>();
  for (let line = readString(); line !== null; line = readString()) {
    const [key, value] = line.split(/\s+/);
    if (key && value && /^\d+$/.test(value)) header.set(key, Number(value));
  }
  if ((header.get('cluster_count') ?? 0) !== 0) throw new Error('a clustered sendump is not supported');
  const shift = header.get('mixw_shift') ?? 10;
  const streams = header.get('feature_count');
  if (!streams) throw new Error('the sendump has no feature_count');
  const densities = readCount();
  const senones = readCount();
  if (offset + streams * densities * senones > file.length) throw new Error('the sendump is shorter than its header says');
  const weights = new Float32Array(senones * streams * densities);
  for (let stream = 0; stream < streams; stream += 1) {
    for (let density = 0; density < densities; density += 1) {
      for (let senone = 0; senone < senones; senone += 1) {
        weights[(senone * streams + stream) * densities + density] = 1.0001 ** -(file[offset + senone]! << shift);
      }
      offset += senones;
    }
  }
  return { senones, streams, densities, weights };
}

/** Encodes mixture weights as a Sphinx-3 `mixture_weights` file (little-endian). */
export function writeMixtureWeights({ senones, streams, densities, weights }: MixtureWeights): Buffer {
  let header = 's3\nversion 1.0\n';
  // The data starts on a four-byte boundary.
  const misalignment = (header.length + 'endhdr\n'.length) % 4;
  header += `${' '.repeat(misalignment ? 4 - misalignment : 0)}endhdr\n`;
  const data = Buffer.alloc(4 + 16 + weights.length * 4);
  data.writeInt32LE(0x11223344, 0);
  data.writeUInt32LE(senones, 4);
  data.writeUInt32LE(streams, 8);
  data.writeUInt32LE(densities, 12);
  data.writeUInt32LE(weights.length, 16);
  Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).copy(data, 20);
  return Buffer.concat([Buffer.from(header, 'latin1'), data]);
}

/**
 * Reads a Sphinx feature file (sphinx_fe's `.mfc`): a count of the floats that follow,
 * then the cepstra, frame by frame. Its byte order shows in whether the count matches the
 * file's length, as Sphinx itself decides.
 */
export function readCepstra(file: Buffer, coefficients = 13): Float32Array[] {
  if (file.length < 4) throw new Error('a feature file has at least its count');
  const floats = (file.length - 4) / 4;
  const bigEndian = file.readUInt32BE(0) === floats;
  if (!bigEndian && file.readUInt32LE(0) !== floats) throw new Error('the feature file is not as long as its count says');
  if (floats % coefficients !== 0) throw new Error(`the feature file does not hold whole frames of ${coefficients}`);
  const frames: Float32Array[] = [];
  for (let frame = 0; frame < floats / coefficients; frame += 1) {
    const values = new Float32Array(coefficients);
    for (let c = 0; c < coefficients; c += 1) {
      const at = 4 + (frame * coefficients + c) * 4;
      values[c] = bigEndian ? file.readFloatBE(at) : file.readFloatLE(at);
    }
    frames.push(values);
  }
  return frames;
}

/** The mean cepstrum over every frame of these files: a decoder's `-cmninit`. */
export function meanCepstrum(files: readonly Buffer[], coefficients = 13): number[] {
  const sum = new Float64Array(coefficients);
  let count = 0;
  for (const file of files) {
    for (const frame of readCepstra(file, coefficients)) {
      frame.forEach((value, c) => (sum[c]! += value));
      count += 1;
    }
  }
  if (!count) throw new Error('no frames to average');
  return [...sum].map((value) => value / count);
}

/**
 * The live decoder normalises each turn by a running cepstral mean that starts from
 * `-cmninit`. The stock value is human speech's mean, far from espeak-ng's (c3 about 21
 * against 5): the first words of a turn were decoded with the wrong normalisation and lost.
 * Starting from the adaptation audio's own mean fixes the start of each turn.
 */
export function withCmnInit(featParams: string, mean: readonly number[]): string {
  const line = `-cmninit ${mean.map((value) => value.toFixed(2)).join(',')}`;
  const kept = featParams.split('\n').filter((entry) => entry.trim() !== '' && !entry.startsWith('-cmninit'));
  return `${[...kept, line].join('\n')}\n`;
}
