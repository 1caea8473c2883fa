/** Reviewer agreement from calibration pairs: the same conversation reviewed blind by two reviewers. */
export interface CalibrationPair {
  reviewerA: string;
  reviewerB: string;
  scoreA: number;
  scoreB: number;
  itemsA: Record<string, string>;
  itemsB: Record<string, string>;
}

export interface ReviewerAgreement {
  reviewerId: string;
  pairs: number;
  /** Mean absolute difference of the two scores, in points. */
  meanScoreDiff: number;
  /** Share of items both reviewers judged the same. */
  itemAgreement: number;
}

export function calibrationAgreement(pairs: CalibrationPair[]): ReviewerAgreement[] {
  const acc = new Map<string, { pairs: number; diff: number; same: number; items: number }>();
  for (const p of pairs) {
    const ids = new Set([...Object.keys(p.itemsA), ...Object.keys(p.itemsB)]);
    let same = 0;
    for (const id of ids) if (p.itemsA[id] === p.itemsB[id]) same++;
    for (const r of [p.reviewerA, p.reviewerB]) {
      const a = acc.get(r) ?? { pairs: 0, diff: 0, same: 0, items: 0 };
      a.pairs++;
      a.diff += Math.abs(p.scoreA - p.scoreB);
      a.same += same;
      a.items += ids.size;
      acc.set(r, a);
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reviewerId, a]) => ({ reviewerId, pairs: a.pairs, meanScoreDiff: Math.round((a.diff / a.pairs) * 10) / 10, itemAgreement: a.items ? Math.round((a.same / a.items) * 1000) / 1000 : 1 }));
}
