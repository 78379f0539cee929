//! Values grouped by a small integer key in one vector.
//!
//! Several tables are lists per key (targets per form, rules per word,
//! anchors per rule) with many keys and few values each. A vector per key
//! would be an allocation per key; sorting would lose the order given.
//! Instead a counting pass sizes each group, and a second pass puts each
//! value in its place.

/// `pairs` grouped by key: key `k`'s values are
/// `values[starts[k]..starts[k + 1]]`, in the order given. `starts` has
/// `keys + 1` entries; every key must be below `keys`.
pub(crate) fn group_by_key<V: Clone>(keys: usize, pairs: Vec<(u32, V)>) -> (Vec<u32>, Vec<V>) {
    let mut starts = vec![0u32; keys + 1];
    for &(k, _) in &pairs {
        starts[k as usize + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    // Every place is written below: any value will do to fill them first.
    let Some((_, any)) = pairs.first() else {
        return (starts, Vec::new());
    };
    let mut values = vec![any.clone(); pairs.len()];
    let mut next = starts.clone();
    for (k, v) in pairs {
        values[next[k as usize] as usize] = v;
        next[k as usize] += 1;
    }
    (starts, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_the_order_given() {
        let pairs = vec![(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd'), (3, 'e')];
        let (starts, values) = group_by_key(4, pairs);
        assert_eq!(starts, [0, 2, 2, 4, 5]);
        assert_eq!(values, ['b', 'd', 'a', 'c', 'e']);
        let (starts, values) = group_by_key::<u8>(2, Vec::new());
        assert_eq!((starts, values), (vec![0, 0, 0], vec![]));
    }
}
