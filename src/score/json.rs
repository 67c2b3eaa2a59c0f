//! The result's JSON written straight from the numbers, without building
//! the document: what a batch of JSON Lines is made of.

use super::{Meta, Scorer, Scores, severity};
use crate::result::{Previous, SCHEMA};
use crate::rubric::GapBands;

impl Scorer<'_> {
    /// The result's JSON text, exactly as `serde_json::to_writer` writes
    /// [`Scorer::doc`] (with `previous` set), appended to `out`; a proptest
    /// holds the two to the byte.
    ///
    /// A second writer of the format, kept for speed: every text and key
    /// that the results of a batch share is escaped once, in
    /// [`Scorer::new`]. A borrowed `Serialize` view written by serde_json
    /// was measured in its place (benches/README.md): it took 79 % more
    /// instructions and 44 % more time to score 10k respondents to JSON
    /// Lines, most of it escaping the same keys and titles again.
    pub fn write_json(
        &self,
        out: &mut Vec<u8>,
        s: &Scores,
        meta: &Meta<'_>,
        values: &[Option<i64>],
        id: &str,
        previous: Option<&Previous>,
    ) {
        let bands = &self.rubric().gap;
        out.extend_from_slice(b"{\"schema\":\"");
        out.extend_from_slice(SCHEMA.as_bytes());
        out.extend_from_slice(b"\",\"id\":");
        put(out, id);
        out.extend_from_slice(b",\"fingerprint\":\"");
        out.extend_from_slice(self.fingerprint(meta, values).as_bytes());
        out.push(b'"');
        out.extend_from_slice(self.json_rubric.as_bytes());
        out.extend_from_slice(b"{\"name\":");
        put(out, &meta.subject.name);
        out.extend_from_slice(b",\"department\":");
        put(out, &meta.subject.department);
        if !meta.subject.attributes.is_empty() {
            out.extend_from_slice(b",\"attributes\":");
            put(out, &meta.subject.attributes);
        }
        out.extend_from_slice(b"},\"rater\":{\"role\":");
        put(out, &meta.rater.role);
        out.extend_from_slice(b",\"name\":");
        put(out, &meta.rater.name);
        out.extend_from_slice(b"},\"session\":");
        put(out, &meta.session);
        out.extend_from_slice(b",\"taken_at\":");
        put(out, meta.taken_at);
        out.extend_from_slice(self.json_lang.as_bytes());
        num(out, s.overall);
        standing_tail(out, bands, s.overall, self.overall_target, None);
        out.extend_from_slice(b"},\"sections\":[");
        self.json_sections(out, s, bands);
        self.json_lists(out, s, values);
        out.extend_from_slice(b"]},\"previous\":");
        put(out, &previous);
        out.push(b'}');
    }

    /// The elements of `"sections":[…]`, each with its dimensions.
    fn json_sections(&self, out: &mut Vec<u8>, s: &Scores, bands: &GapBands) {
        for (n, (sec, score)) in self.sections.iter().zip(&s.sections).enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(sec.json_head.as_bytes());
            num(out, *score);
            standing_tail(out, bands, *score, sec.target, Some(&sec.json_target));
            out.extend_from_slice(b",\"dimensions\":[");
            for k in sec.dims.clone() {
                if k > sec.dims.start {
                    out.push(b',');
                }
                let dim = &self.dims[k];
                let (score, answered, reflect) = s.dims[k];
                out.extend_from_slice(dim.json_head.as_bytes());
                num(out, score);
                standing_tail(out, bands, score, dim.target, Some(&dim.json_target));
                out.extend_from_slice(b",\"answered\":");
                put(out, &answered);
                out.extend_from_slice(b",\"items\":");
                put(out, &dim.items.len());
                if reflect {
                    out.extend_from_slice(b",\"reflect\":true");
                }
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
    }

    /// `],"priorities":[…],"strengths":[…],"answers":{…},"quality":{…` up to
    /// the end of the quality's flags.
    fn json_lists(&self, out: &mut Vec<u8>, s: &Scores, values: &[Option<i64>]) {
        out.extend_from_slice(b"],\"priorities\":[");
        for (n, &(wg, g, k)) in s.priorities.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            let dim = &self.dims[k];
            out.extend_from_slice(dim.json_ref.as_bytes());
            out.extend_from_slice(b",\"gap\":");
            num(out, Some(g));
            out.extend_from_slice(b",\"weighted_gap\":");
            num(out, Some(wg));
            out.extend_from_slice(dim.json_suggestions.as_bytes());
        }
        out.extend_from_slice(b"],\"strengths\":[");
        for (n, &(score, k)) in s.strengths.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(self.dims[k].json_ref.as_bytes());
            out.extend_from_slice(b",\"score\":");
            num(out, Some(score));
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"answers\":{");
        for (n, (key, v)) in self.json_keys.iter().zip(values).enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(key.as_bytes());
            match v {
                Some(v) => put(out, v),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.extend_from_slice(b"},\"quality\":{\"seconds\":");
        put(out, &s.seconds);
        out.extend_from_slice(b",\"straight_line\":");
        put(out, &s.flags.straight_line);
        out.extend_from_slice(b",\"reverse_inconsistent\":");
        put(out, &s.flags.reverse_inconsistent);
        out.extend_from_slice(b",\"longstring\":");
        put(out, &s.flags.longstring);
        out.extend_from_slice(b",\"irv\":");
        num(out, s.flags.irv);
        out.extend_from_slice(b",\"flags\":[");
        for (n, name) in s.flags.on().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.push(b'"');
            out.extend_from_slice(name.as_bytes());
            out.push(b'"');
        }
    }
}

/// The rest of a standing after its score: `target` (its JSON given, or
/// written here), `gap`, `severity`.
fn standing_tail(out: &mut Vec<u8>, bands: &GapBands, score: Option<f64>, target: f64, target_json: Option<&str>) {
    let gap = score.map(|s| target - s);
    match target_json {
        Some(t) => out.extend_from_slice(t.as_bytes()),
        None => {
            out.extend_from_slice(b",\"target\":");
            put(out, &target);
        }
    }
    out.extend_from_slice(b",\"gap\":");
    num(out, gap);
    out.extend_from_slice(b",\"severity\":");
    put(out, &severity(gap, bands));
}

thread_local! {
    /// Numbers as serde_json writes them, by their bits: the scores of a
    /// batch take few distinct values, and finding one costs less than
    /// formatting it again.
    static NUMBERS: std::cell::RefCell<rustc_hash::FxHashMap<u64, ([u8; 24], u8)>> = Default::default();
}

/// A number (or null) as serde_json writes it.
fn num(out: &mut Vec<u8>, v: Option<f64>) {
    let Some(v) = v else {
        out.extend_from_slice(b"null");
        return;
    };
    NUMBERS.with_borrow_mut(|known| {
        if let Some((text, len)) = known.get(&v.to_bits()) {
            out.extend_from_slice(&text[..usize::from(*len)]);
            return;
        }
        let start = out.len();
        put(out, &v);
        let written = &out[start..];
        if known.len() < 1 << 14 && written.len() <= 24 {
            let mut text = [0u8; 24];
            text[..written.len()].copy_from_slice(written);
            known.insert(v.to_bits(), (text, written.len() as u8));
        }
    });
}

/// One value as serde_json writes it (strings escaped, numbers formatted,
/// non-finite numbers as null).
fn put<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing to a Vec cannot fail, and these values always serialize.
    let _ = serde_json::to_writer(&mut *out, v);
}
