//! Statistics: mean, sample standard deviation, median and Cronbach's
//! alpha (kept as sums, so that respondents need not be).

pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// The standard error of measurement (SPEC §13): sd·√(1 − α) where α ≥ 0;
/// None without either, or where α < 0.
pub fn sem(sd: Option<f64>, alpha: Option<f64>) -> Option<f64> {
    let (sd, a) = (sd?, alpha?);
    (a >= 0.0 && sd.is_finite()).then(|| sd * (1.0 - a).max(0.0).sqrt())
}

/// Sample standard deviation (n − 1); None below 2 values.
pub fn sample_sd(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / (xs.len() - 1) as f64).sqrt())
}

/// The median of values sorted ascending: the mean of the middle two for an
/// even count.
pub fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Cronbach's alpha, kept as sums so that respondents need not be: for each
/// item Σx and Σx², and for the total Σt and Σt². With integers these are
/// exact, and so are the variances: n·Σx² − (Σx)² = n(n − 1)·var.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlphaAcc {
    n: i128,
    item_sum: Vec<i128>,
    item_sq: Vec<i128>,
    total_sum: i128,
    total_sq: i128,
}

impl AlphaAcc {
    pub fn new(items: usize) -> Self {
        AlphaAcc { item_sum: vec![0; items], item_sq: vec![0; items], ..AlphaAcc::default() }
    }

    /// One respondent's values, one per item, in item order.
    pub fn add(&mut self, values: &[i64]) {
        self.add_all(values.iter().map(|&v| i128::from(v)), values.len());
    }

    /// One respondent's values as offsets from any fixed value (alpha does
    /// not change with a shift).
    pub fn add_offsets(&mut self, values: &[u8]) {
        self.add_all(values.iter().map(|&v| i128::from(v)), values.len());
    }

    fn add_all(&mut self, values: impl Iterator<Item = i128>, len: usize) {
        if len != self.item_sum.len() {
            return;
        }
        let mut total: i128 = 0;
        for (i, v) in values.enumerate() {
            self.item_sum[i] += v;
            self.item_sq[i] += v * v;
            total += v;
        }
        self.total_sum += total;
        self.total_sq += total * total;
        self.n += 1;
    }

    /// Respondents added.
    pub fn n(&self) -> usize {
        usize::try_from(self.n).unwrap_or(usize::MAX)
    }

    /// α = k/(k−1) · (1 − Σ var(itemᵢ) / var(total)); None with fewer than 2
    /// items or respondents, or zero total variance.
    pub fn alpha(&self) -> Option<f64> {
        let k = self.item_sum.len();
        if k < 2 || self.n < 2 {
            return None;
        }
        let spread = |sum: i128, sq: i128| self.n * sq - sum * sum;
        let total = spread(self.total_sum, self.total_sq);
        if total <= 0 {
            return None;
        }
        let items: i128 = self.item_sum.iter().zip(&self.item_sq).map(|(s, q)| spread(*s, *q)).sum();
        let k = k as f64;
        Some(k / (k - 1.0) * (1.0 - items as f64 / total as f64))
    }
}

/// Alpha of a table of respondents (rows) by items (columns).
pub fn cronbach_alpha(rows: &[Vec<i64>]) -> Option<f64> {
    let k = rows.first()?.len();
    let mut acc = AlphaAcc::new(k);
    for r in rows {
        acc.add(r);
    }
    acc.alpha()
}
