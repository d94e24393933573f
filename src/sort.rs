//! Sorting without the standard library's sorts: each type those sort
//! brings kilobytes of code into the wasm the page loads, for lists that are
//! short (table rows, a report's findings). Both sorts here are stable.

/// `a` before `b` (IEEE total order): the one comparison of numbers every sort of them shares,
/// so that their sorts are one copy of the code.
pub fn f64_less(a: &f64, b: &f64) -> bool {
    a.total_cmp(b).is_lt()
}

/// Sorts a short list in place by `less` (insertion sort: quadratic, for a
/// few dozen elements at most).
pub fn insertion_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sorts `v` by `less`, stably, in O(n log n) (a bottom-up merge sort of
/// the indices, then the elements moved once into their places): for lists
/// that may be long (every finding of a hostile text).
pub fn merge_sort<T>(v: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    let n = v.len();
    let mut a: Vec<usize> = (0..n).collect();
    let mut b: Vec<usize> = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            // Runs already in order (offsets listed in text order, the usual case) are copied.
            if mid < hi && !less(&v[a[mid]], &v[a[mid - 1]]) {
                b[lo..hi].copy_from_slice(&a[lo..hi]);
                lo = hi;
                continue;
            }
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                // The left run's element first on a tie: stable.
                let left = j >= hi || (i < mid && !less(&v[a[j]], &v[a[i]]));
                *slot = if left { a[i] } else { a[j] };
                if left {
                    i += 1;
                } else {
                    j += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(a.into_iter().filter_map(|k| slots.get_mut(k).and_then(Option::take)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sorts_order_stably() {
        // (key, original position): equal keys keep their order.
        let items: Vec<(u32, usize)> = [5, 3, 5, 1, 3, 9, 0, 5, 2, 2, 7, 1]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut want = items.clone();
        want.sort_by_key(|x| x.0); // the standard library's stable sort, as the reference
        let mut merged = items.clone();
        merge_sort(&mut merged, |a, b| a.0 < b.0);
        assert_eq!(merged, want);
        let mut inserted = items.clone();
        insertion_sort(&mut inserted, |a, b| a.0 < b.0);
        assert_eq!(inserted, want);
        for n in 0..40 {
            let mut v: Vec<u32> = (0..n).map(|i| (i * 7919 + 13) % 17).collect();
            let mut w = v.clone();
            w.sort();
            merge_sort(&mut v, |a, b| a < b);
            assert_eq!(v, w, "length {n}");
        }
    }
}
