import { featuresOf } from './features';

/**
 * Multinomial naive Bayes over character n-grams: small, explainable, deterministic, and trained in
 * a second from a labelled list of residents' phrasings. The trained model is plain counts (so it is
 * reproducible byte for byte and easy to diff), kept as one compact string; scoring adds up the log
 * probabilities of the text's pieces the model knows.
 */

export interface NaiveBayes<L extends string> {
  labels: readonly L[];
  /** Phrasings seen per label (the prior). */
  docs: number[];
  /** Pieces seen per label (the denominator of each piece's probability). */
  totals: number[];
  /** Distinct pieces kept. */
  vocabulary: number;
  /** Laplace smoothing. */
  alpha: number;
  /**
   * Piece → its counts per label, as stored: `label:count,label:count` (labels by index, `:1` left
   * out, labels never seen with it absent). Read when a text has the piece, so loading is one split.
   */
  counts: Map<string, string>;
}

/** The stored form: `piece=label:count,label:count|piece=…`, labels by index. */
export interface StoredNaiveBayes {
  labels: string[];
  docs: number[];
  totals: number[];
  vocabulary: number;
  alpha: number;
  counts: string;
}

export interface TrainOptions {
  alpha: number;
  /** Pieces seen fewer times than this in the whole set are dropped (typos seen once, names). */
  minCount: number;
}

export function train<L extends string>(labels: readonly L[], rows: ReadonlyArray<{ text: string; label: L }>, options: TrainOptions): NaiveBayes<L> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = labels.map(() => 0);
  const raw = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const i = index.get(row.label);
    if (i === undefined) throw new Error(`unknown label ${row.label}`);
    docs[i]! += 1;
    for (const f of featuresOf(row.text)) {
      const per = raw.get(f) ?? new Map<number, number>();
      per.set(i, (per.get(i) ?? 0) + 1);
      raw.set(f, per);
    }
  }
  const counts = new Map<string, string>();
  const totals = labels.map(() => 0);
  for (const f of [...raw.keys()].sort()) {
    const per = raw.get(f)!;
    let sum = 0;
    for (const n of per.values()) sum += n;
    if (sum < options.minCount) continue;
    const cells = [...per.entries()].sort((a, b) => a[0] - b[0]);
    counts.set(f, cells.map(([i, c]) => (c === 1 ? `${i}` : `${i}:${c}`)).join(','));
    for (const [i, n] of cells) totals[i]! += n;
  }
  return { labels, docs, totals, vocabulary: counts.size, alpha: options.alpha, counts };
}

/** Log score per label of a text, and how many of its pieces the model knew. */
export function logScores<L extends string>(model: NaiveBayes<L>, text: string): { scores: number[]; known: number; pieces: number } {
  const n = model.labels.length;
  const allDocs = model.docs.reduce((a, b) => a + b, 0);
  const scores = model.docs.map((d) => Math.log((d + 1) / (allDocs + n)));
  const denominators = model.totals.map((t) => Math.log(t + model.alpha * model.vocabulary));
  const pieces = featuresOf(text);
  let known = 0;
  for (const f of pieces) {
    const cells = model.counts.get(f);
    if (cells === undefined) continue;
    known += 1;
    const per = labelCounts(cells, n);
    for (let i = 0; i < n; i++) scores[i]! += Math.log(per[i]! + model.alpha) - denominators[i]!;
  }
  return { scores, known, pieces: pieces.length };
}

/**
 * Probabilities from log scores, tempered: naive Bayes counts every overlapping piece as fresh
 * evidence and so is far too sure of itself; dividing by the number of known pieces (its square root)
 * keeps the ranking and gives scores a person can read as "how sure".
 */
export function probabilities(scores: readonly number[], known: number): number[] {
  const t = Math.max(1, Math.sqrt(known));
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - top) / t));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** `0:12,3,5:2` → counts per label index. */
function labelCounts(cells: string, labels: number): number[] {
  const per = new Array<number>(labels).fill(0);
  for (const cell of cells.split(',')) {
    const colon = cell.indexOf(':');
    if (colon < 0) per[Number(cell)] = 1;
    else per[Number(cell.slice(0, colon))] = Number(cell.slice(colon + 1));
  }
  return per;
}

export function store<L extends string>(model: NaiveBayes<L>): StoredNaiveBayes {
  const parts: string[] = [];
  for (const [f, cells] of model.counts) parts.push(`${f}=${cells}`);
  return { labels: [...model.labels], docs: model.docs, totals: model.totals, vocabulary: model.vocabulary, alpha: model.alpha, counts: parts.join('|') };
}

export function load<L extends string>(stored: StoredNaiveBayes): NaiveBayes<L> {
  const counts = new Map<string, string>();
  if (stored.counts) {
    for (const part of stored.counts.split('|')) {
      const eq = part.indexOf('=');
      counts.set(part.slice(0, eq), part.slice(eq + 1));
    }
  }
  return { labels: stored.labels as L[], docs: stored.docs, totals: stored.totals, vocabulary: stored.vocabulary, alpha: stored.alpha, counts };
}
