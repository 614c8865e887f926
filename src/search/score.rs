//! How much one term occurrence is worth in one document (BM25 per field).
//! Must not decide which documents match.

use super::index::{FieldLens, Index, Posting};

/// BM25 per field, title (with source) and body, each saturated on its own and summed with the
/// title weighted: unlike classic BM25F, a body repeating a word ten times cannot outrank a
/// title that names it once.
pub struct Bm25 {
    docs: f32,
    avg: (f32, f32),
}

const K1: f32 = 1.2;
/// Length normalisation per field: titles vary little in length and a long one is no less
/// about its words, so it is normalised less than the body.
const B_TITLE: f32 = 0.3;
const B_BODY: f32 = 0.75;
/// A word in the title says more about what an article is than the same word in the body;
/// above `K1 + 1` (the most a body can score), so a title hit outweighs any body hit.
const TITLE_BOOST: f32 = 3.0;

impl Bm25 {
    pub fn new(index: &Index) -> Bm25 {
        Bm25 {
            docs: index.doc_count() as f32,
            avg: index.average_lens(),
        }
    }

    /// Rarer terms weigh more; always positive, so a match never scores zero.
    pub fn idf(&self, doc_freq: usize) -> f32 {
        let df = doc_freq as f32;
        (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln()
    }

    pub fn score(&self, idf: f32, p: &Posting, lens: FieldLens) -> f32 {
        idf * self.tf_part(p, self.norms(lens))
    }

    /// The (title, body) length normalisations of a document with these field lengths, each
    /// times `K1`: the form [`Bm25::tf_part`] takes them in.
    pub fn norms(&self, lens: FieldLens) -> (f32, f32) {
        let norm = |len: u32, avg: f32, b: f32| {
            if avg > 0.0 {
                1.0 - b + b * len as f32 / avg
            } else {
                1.0
            }
        };
        (
            K1 * norm(lens.title, self.avg.0, B_TITLE),
            K1 * norm(lens.body, self.avg.1, B_BODY),
        )
    }

    /// What one posting is worth before its word's rarity multiplies it, given the
    /// document's [`Bm25::norms`]: [`Bm25::score`] is `idf` times this.
    pub fn tf_part(&self, p: &Posting, (title_norm, body_norm): (f32, f32)) -> f32 {
        // `tf/n (K1+1) / (K1 + tf/n)` as `tf (K1+1) / (K1 n + tf)`: one division per field
        // instead of two, on the millions of postings a short prefix walks. A field
        // without the word adds exactly 0 and skips its division.
        let saturate = |tf: u16, k1_norm: f32| {
            let tf = f32::from(tf);
            tf * (K1 + 1.0) / (k1_norm + tf)
        };
        let title = if p.title_tf == 0 {
            0.0
        } else {
            TITLE_BOOST * saturate(p.title_tf, title_norm)
        };
        let body = if p.body_tf == 0 {
            0.0
        } else {
            saturate(p.body_tf, body_norm)
        };
        title + body
    }
}

/// Every document's [`Bm25::norms`], computed once per index (see [`Index::norms`]) instead
/// of once per posting: a short prefix walks hundreds of thousands of postings.
#[derive(Debug)]
pub struct Norms(Vec<(f32, f32)>);

impl Norms {
    /// Norms of the first `n` documents of `index`.
    pub fn new(index: &Index, n: usize) -> Norms {
        let bm25 = Bm25::new(index);
        Norms((0..n).map(|d| bm25.norms(index.lens(d))).collect())
    }

    /// Norms of `doc`; those of an empty document past the end.
    pub fn of(&self, doc: usize) -> (f32, f32) {
        self.0.get(doc).copied().unwrap_or((K1, K1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bm25() -> Bm25 {
        Bm25 {
            docs: 100.0,
            avg: (8.0, 400.0),
        }
    }

    fn posting(title_tf: u16, body_tf: u16) -> Posting {
        Posting {
            doc: 0,
            title_tf,
            body_tf,
        }
    }

    #[test]
    fn rare_terms_weigh_more() {
        let b = bm25();
        assert!(b.idf(1) > b.idf(50));
        assert!(b.idf(100) > 0.0);
    }

    #[test]
    fn one_title_mention_beats_many_body_mentions() {
        let b = bm25();
        let lens = FieldLens {
            title: 8,
            body: 400,
        };
        assert!(b.score(1.0, &posting(1, 0), lens) > b.score(1.0, &posting(0, 50), lens));
        assert!(b.score(1.0, &posting(0, 5), lens) > b.score(1.0, &posting(0, 1), lens));
    }

    #[test]
    fn shorter_bodies_score_higher_for_the_same_count() {
        let b = bm25();
        let short = FieldLens {
            title: 8,
            body: 100,
        };
        let long = FieldLens {
            title: 8,
            body: 2000,
        };
        assert!(b.score(1.0, &posting(0, 2), short) > b.score(1.0, &posting(0, 2), long));
    }

    #[test]
    fn empty_corpus_averages_do_not_divide_by_zero() {
        let b = Bm25 {
            docs: 0.0,
            avg: (0.0, 0.0),
        };
        assert!(
            b.score(b.idf(0), &posting(1, 1), FieldLens::default())
                .is_finite()
        );
    }
}
