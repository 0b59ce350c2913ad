/**
 * Binary search over a sorted list: where a keyset cursor resumes, in O(log n), so emulators
 * never scan their dataset per request.
 */

/** The first index in `[0, length)` where `isAfter` holds, given that it is false and then true. */
export function partitionPoint(length: number, isAfter: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
