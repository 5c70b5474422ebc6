/**
 * Nearest-rank percentiles, the definition CloudWatch-style p99 checks use: the p-th percentile of
 * n values is the value of rank ⌈p/100 × n⌉ in ascending order (rank 1 = smallest).
 */

/**
 * The 0-based index, in ascending order, of the nearest-rank p-th percentile of n values.
 *
 * @example
 * ```ts
 * nearestRankIndex(100, 99); // 98 (the 99th smallest of 100)
 * nearestRankIndex(10, 50);  // 4
 * ```
 */
export function nearestRankIndex(n: number, p: number): number {
  const rank = Math.ceil((p * n) / 100);
  return Math.min(Math.max(rank, 1), n) - 1;
}

/**
 * The nearest-rank p-th percentile (0 < p ≤ 100) of `values`, without changing them; `null` when
 * there are none.
 *
 * @example
 * ```ts
 * nearestRankPercentile([5, 1, 4, 2, 3], 50); // 3
 * nearestRankPercentile([], 99); // null
 * ```
 */
export function nearestRankPercentile(values: ArrayLike<number>, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const copy = Float64Array.from(values);
  return selectInPlace(copy, 0, n - 1, nearestRankIndex(n, p));
}

/**
 * Reorders `a[lo..hi]` (inclusive) so that `a[k]` holds the value that would be there if the range
 * were sorted, everything before it is ≤ and everything after it ≥ (Hoare's quickselect,
 * median-of-three pivot; linear on average, and equal values do not degrade it). Returns `a[k]`.
 *
 * @example
 * ```ts
 * const a = Float64Array.of(9, 1, 8, 2, 7);
 * selectInPlace(a, 0, 4, 2); // 7
 * ```
 */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): number {
  let left = lo;
  let right = hi;
  while (right > left) {
    const x = a[left] as number;
    const y = a[(left + right) >>> 1] as number;
    const z = a[right] as number;
    // The median of three: the pivot is always one of the range's values.
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const tmp = a[i] as number;
        a[i] = a[j] as number;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k] as number;
}
