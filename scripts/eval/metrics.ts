/** Evaluation metrics, plain functions. */

/** Area under the ROC curve: the chance a random positive scores above a random negative (ties count half). */
export function auc(scores: number[], positive: boolean[]): number {
  const items = scores.map((s, i) => ({ s, p: positive[i]! })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j]!.s === items[i]!.s) j++;
    const avgRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (items[k]!.p) {
      rankSum += avgRank;
      pos++;
    }
    i = j;
  }
  const neg = items.length - pos;
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Share of positives found in the top `fraction` by score, over the base rate (1 = no better than chance). */
export function liftAt(scores: number[], positive: boolean[], fraction: number): number {
  const order = scores.map((s, i) => ({ s, p: positive[i]!, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  const top = order.slice(0, Math.round(order.length * fraction));
  const total = positive.filter(Boolean).length;
  return total ? top.filter((x) => x.p).length / total / fraction : NaN;
}

function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.x === order[i]!.x) j++;
    for (let k = i; k < j; k++) r[order[k]!.i] = (i + j + 1) / 2;
    i = j;
  }
  return r;
}

export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

export function spearman(a: number[], b: number[]): number {
  return pearson(ranks(a), ranks(b));
}

/** Logistic regression by batch gradient descent with L2, on standardised-free features (they are small). */
export function fitLogistic(x: number[][], y: number[], opts = { epochs: 3000, rate: 0.3, l2: 0.001 }) {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let e = 0; e < opts.epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      const z = b + x[i]!.reduce((s, v, k) => s + v * w[k]!, 0);
      const err = 1 / (1 + Math.exp(-z)) - y[i]!;
      gb += err;
      for (let k = 0; k < d; k++) gw[k]! += err * x[i]![k]!;
    }
    b -= (opts.rate * gb) / x.length;
    for (let k = 0; k < d; k++) w[k]! -= opts.rate * (gw[k]! / x.length + opts.l2 * w[k]!);
  }
  return { bias: b, weights: w };
}
