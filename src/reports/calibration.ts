/** Calibration pairs summed per day, reviewer and agent reviewed: what the rollup stores. Pure. */
import type { CalibrationPair } from '../sampling/calibration';

export interface DatedPair extends CalibrationPair {
  date: string;
  agentId: string;
}

export interface CalibrationSums {
  date: string;
  reviewerId: string;
  agentId: string;
  pairs: number;
  scoreDiffSum: number;
  itemsSame: number;
  itemsTotal: number;
}

/** Each pair counts for both of its reviewers: their score gap, and how many items they judged alike. */
export function calibrationSums(pairs: DatedPair[]): CalibrationSums[] {
  const acc = new Map<string, CalibrationSums>();
  for (const p of pairs) {
    const ids = new Set([...Object.keys(p.itemsA), ...Object.keys(p.itemsB)]);
    let same = 0;
    for (const id of ids) if (p.itemsA[id] === p.itemsB[id]) same++;
    for (const reviewerId of [p.reviewerA, p.reviewerB]) {
      const key = `${p.date}|${reviewerId}|${p.agentId}`;
      const row = acc.get(key) ?? { date: p.date, reviewerId, agentId: p.agentId, pairs: 0, scoreDiffSum: 0, itemsSame: 0, itemsTotal: 0 };
      row.pairs++;
      row.scoreDiffSum += Math.abs(p.scoreA - p.scoreB);
      row.itemsSame += same;
      row.itemsTotal += ids.size;
      acc.set(key, row);
    }
  }
  return [...acc.values()].sort((a, b) => (a.date + a.reviewerId + a.agentId < b.date + b.reviewerId + b.agentId ? -1 : 1));
}
