//! Block heights for a long story: estimated from text length at first, replaced by the
//! real height when a block is laid out, and kept in a Fenwick tree so that the offset of
//! any block, and the block at any offset, take O(log n) even for 500,000 blocks.

/// Heights of the blocks of a story, in points.
#[derive(Debug, Clone, Default)]
pub struct Heights {
    /// Fenwick tree over the heights (1-based internally).
    tree: Vec<f64>,
    /// The heights themselves.
    values: Vec<f32>,
    /// Which heights are measured rather than estimated.
    measured: Vec<bool>,
}

impl Heights {
    /// Builds from estimated heights in O(n).
    pub fn new(estimates: Vec<f32>) -> Heights {
        let n = estimates.len();
        let mut tree = vec![0.0; n + 1];
        for (i, &h) in estimates.iter().enumerate() {
            tree[i + 1] += f64::from(h);
            let parent = (i + 1) + ((i + 1) & (i + 1).wrapping_neg());
            if parent <= n {
                tree[parent] += tree[i + 1];
            }
        }
        Heights {
            tree,
            measured: vec![false; n],
            values: estimates,
        }
    }

    /// How many blocks.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The height of block `i`.
    pub fn get(&self, i: usize) -> f32 {
        self.values.get(i).copied().unwrap_or(0.0)
    }

    /// True when block `i` has been measured.
    pub fn is_measured(&self, i: usize) -> bool {
        self.measured.get(i).copied().unwrap_or(false)
    }

    /// Records the measured height of block `i`; returns the change.
    pub fn measure(&mut self, i: usize, height: f32) -> f32 {
        let Some(old) = self.values.get(i).copied() else {
            return 0.0;
        };
        self.measured[i] = true;
        let delta = height - old;
        if delta != 0.0 {
            self.values[i] = height;
            let mut k = i + 1;
            while k < self.tree.len() {
                self.tree[k] += f64::from(delta);
                k += k & k.wrapping_neg();
            }
        }
        delta
    }

    /// Marks block `i` as not measured: its height is measured again when it comes near
    /// (a picture came in, a note was folded).
    pub fn unmeasure(&mut self, i: usize) {
        if let Some(m) = self.measured.get_mut(i) {
            *m = false;
        }
    }

    /// The offset of the top of block `i` (the sum of the heights before it).
    pub fn top(&self, i: usize) -> f64 {
        let mut k = i.min(self.values.len());
        let mut sum = 0.0;
        while k > 0 {
            sum += self.tree[k];
            k -= k & k.wrapping_neg();
        }
        sum
    }

    /// The height of everything.
    pub fn total(&self) -> f64 {
        self.top(self.values.len())
    }

    /// The block that contains offset `y` (the last block for offsets past the end).
    pub fn block_at(&self, y: f64) -> usize {
        let n = self.values.len();
        if n == 0 {
            return 0;
        }
        let (mut pos, mut remaining) = (0usize, y);
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= remaining {
                pos = next;
                remaining -= self.tree[next];
            }
            step /= 2;
        }
        pos.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_lookup_agree_with_a_plain_sum() {
        let values: Vec<f32> = (0..1000).map(|i| (i % 7 + 1) as f32 * 3.0).collect();
        let mut h = Heights::new(values.clone());
        let plain = |v: &[f32], i: usize| v[..i].iter().map(|&x| f64::from(x)).sum::<f64>();
        for i in [0, 1, 2, 500, 999, 1000] {
            assert_eq!(h.top(i), plain(&values, i), "top({i})");
        }
        let mut values = values;
        assert_eq!(h.measure(10, 100.0), 100.0 - values[10]);
        values[10] = 100.0;
        assert_eq!(h.top(11), plain(&values, 11));
        assert_eq!(h.total(), plain(&values, 1000));
        for i in [0, 10, 11, 999] {
            let top = h.top(i);
            assert_eq!(h.block_at(top), i, "block at the top of {i}");
            assert_eq!(
                h.block_at(top + f64::from(values[i]) - 0.5),
                i,
                "block at the bottom of {i}"
            );
        }
        assert_eq!(h.block_at(1e12), 999);
        assert!(h.is_measured(10) && !h.is_measured(11));
    }

    #[test]
    fn empty() {
        let h = Heights::new(Vec::new());
        assert_eq!((h.total(), h.block_at(5.0), h.len()), (0.0, 0, 0));
    }
}
