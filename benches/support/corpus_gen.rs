//! Deterministic French-like article generator shared by `examples/gen_corpus.rs` and the
//! benchmarks (included with `#[path]`, so it never ships in the library). Must not read or
//! write files, nor depend on anything but std: the same seed must give the same bytes on
//! every machine and every run.
// Included by two targets that each use a different part of it.
#![allow(dead_code)]

use std::fmt::Write as _;

/// splitmix64: tiny, fast, good enough for test data, and fully specified, so a seed means
/// the same corpus forever (a `rand` upgrade could silently change every benchmark input).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant for test text.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The most frequent words of French, most frequent first: they take the top Zipf ranks.
const FUNCTION_WORDS: &[&str] = &[
    "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui",
    "dans", "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "il", "sont", "avec", "ont",
    "son", "aux", "été", "elle", "mais", "nous", "comme", "ou", "si", "leur", "y", "dont", "où",
    "cette", "a", "entre", "après", "sans", "sous", "très", "depuis", "avant", "contre", "ainsi",
    "déjà", "être", "fait", "selon", "aussi", "tout", "deux", "encore", "même", "lors", "années",
];

/// Real content words, spread over the upper-middle ranks so the benchmark queries
/// (`radical…`, `propagande`, `europol amaq`, `"parquet fédéral"`) hit realistic numbers of
/// documents.
const CONTENT_WORDS: &[&str] = &[
    "gouvernement",
    "ministre",
    "police",
    "enquête",
    "justice",
    "sécurité",
    "terroriste",
    "terrorisme",
    "attentat",
    "propagande",
    "radical",
    "radicale",
    "radicaux",
    "radicalisation",
    "radicalisé",
    "radicalisés",
    "radicalement",
    "radio",
    "rapport",
    "rapide",
    "raison",
    "réseau",
    "réseaux",
    "europol",
    "eurojust",
    "amaq",
    "parquet",
    "fédéral",
    "fédérale",
    "juge",
    "tribunal",
    "procès",
    "prison",
    "djihadiste",
    "djihadistes",
    "jihadiste",
    "État",
    "islamique",
    "opération",
    "organisation",
    "agence",
    "presse",
    "serveurs",
    "internet",
    "ligne",
    "vidéo",
    "message",
    "groupe",
    "membres",
    "autorités",
    "européenne",
    "européens",
    "française",
    "français",
    "belge",
    "belges",
    "frontière",
    "coopération",
    "renseignement",
    "menace",
    "victimes",
    "témoins",
    "avocat",
    "défense",
    "accusé",
    "condamné",
    "peine",
    "années",
    "mois",
    "semaine",
    "jour",
    "région",
    "ville",
    "capitale",
    "commune",
    "quartier",
    "école",
    "université",
    "hôpital",
    "économie",
    "entreprise",
    "marché",
    "société",
    "œuvre",
    "cœur",
    "façon",
    "reçu",
    "déçu",
    "être",
    "hôtel",
    "forêt",
    "île",
    "naïf",
    "Noël",
];

const NAMES: &[&str] = &[
    "Rob Wainwright",
    "Marie Dupont",
    "Jean-Luc Lefèvre",
    "Éric Moreau",
    "Hélène Côté",
    "François Besnard",
    "Zoé Mercier",
    "Paris",
    "Bruxelles",
    "La Haye",
    "Trèbes",
    "Lyon",
    "Marseille",
    "Liège",
    "Anvers",
    "Genève",
    "Strasbourg",
    "Pays-Bas",
    "Sénat",
    "AFP",
    "Belga",
];

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "gr", "pr", "tr",
    "br", "cl", "fl", "pl", "qu", "",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "é", "è", "ou", "ai", "au", "eu", "on", "an", "in", "ê", "â", "ô",
    "oi",
];
const CODAS: &[&str] = &["", "", "", "r", "s", "l", "n", "t", "x", "c"];
const ENDINGS: &[&str] = &[
    "", "", "", "", "", "", "tion", "ment", "ique", "eur", "ée", "ise", "age", "ance", "ité",
    "isme", "eux", "ère", "çon",
];

/// Zipf exponent: close to what natural-language vocabularies show.
const ZIPF_S: f64 = 1.07;
/// Synthetic words after the real ones: more than 100 000 distinct words overall.
pub const SYNTHETIC_WORDS: usize = 110_000;
/// Words per article body, on average.
pub const ARTICLE_WORDS: usize = 700;

/// A vocabulary with its Zipf distribution, built once per seed.
pub struct Generator {
    seed: u64,
    words: Vec<String>,
    /// Cumulative weights, parallel to `words`, for sampling by binary search.
    cdf: Vec<f64>,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let mut rng = Rng::new(seed ^ 0x5EED_0FC0_4B05);
        let mut words: Vec<String> = FUNCTION_WORDS.iter().map(|w| w.to_string()).collect();
        let mut synthetic = std::collections::HashSet::new();
        let mut pending: Vec<String> = Vec::with_capacity(SYNTHETIC_WORDS);
        while pending.len() < SYNTHETIC_WORDS {
            let w = synthetic_word(&mut rng);
            if synthetic.insert(w.clone()) {
                pending.push(w);
            }
        }
        // Real words every few ranks from rank ~100: frequent enough to be found in many
        // articles, rare enough for ranking to matter.
        let mut content = CONTENT_WORDS.iter();
        for (i, w) in pending.into_iter().enumerate() {
            if i >= 40 && i % 23 == 0 {
                if let Some(c) = content.next() {
                    words.push(c.to_string());
                }
            }
            words.push(w);
        }
        let mut cdf = Vec::with_capacity(words.len());
        let mut total = 0.0;
        for rank in 1..=words.len() {
            total += 1.0 / (rank as f64).powf(ZIPF_S);
            cdf.push(total);
        }
        Generator { seed, words, cdf }
    }

    /// Distinct words the generator can emit (names excluded).
    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cdf.last().copied().unwrap_or(1.0);
        let x = rng.unit() * total;
        let i = self
            .cdf
            .partition_point(|&c| c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    /// Article `i`: a headline, a blank line, paragraphs; about `ARTICLE_WORDS` words. Some
    /// start with a ` date YYYY-MM` marker line. The same `(seed, i)` gives the same text.
    pub fn article(&self, i: u64) -> String {
        self.article_with(i, ARTICLE_WORDS)
    }

    /// Like [`Generator::article`] with about `words` words of body.
    pub fn article_with(&self, i: u64, words: usize) -> String {
        let mut rng = Rng::new(self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i);
        let mut out = String::with_capacity(words * 7 + 200);
        if rng.chance(0.3) {
            let _ = writeln!(
                out,
                " date {}-{:02}",
                2010 + rng.below(15),
                1 + rng.below(12)
            );
        }
        let headline = 5 + rng.below(8);
        self.sentence(&mut rng, headline, false, &mut out);
        out.push_str("\n\n");
        let body_words = words.max(1) / 2 + rng.below(words.max(1));
        let mut written = 0;
        while written < body_words {
            let sentences = 2 + rng.below(5);
            for s in 0..sentences {
                if s > 0 {
                    out.push(' ');
                }
                let n = 8 + rng.below(18);
                self.sentence(&mut rng, n, true, &mut out);
                written += n;
            }
            out.push_str("\n\n");
        }
        out
    }

    /// `n` words, capitalised first word; with `stop`, ends with a full stop.
    fn sentence(&self, rng: &mut Rng, n: usize, stop: bool, out: &mut String) {
        for k in 0..n {
            let start = out.len();
            if k > 0 {
                out.push(if rng.chance(0.06) { ',' } else { ' ' });
                if out.ends_with(',') {
                    out.push(' ');
                }
            }
            let roll = rng.unit();
            let word_start = out.len();
            if roll < 0.01 {
                out.push_str(rng.pick(NAMES));
            } else if roll < 0.012 {
                out.push_str("parquet fédéral");
            } else {
                let w = self.word(rng);
                // Elision before a vowel, as French writes it.
                if rng.chance(0.04) && w.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) {
                    out.push_str(if rng.chance(0.5) { "l'" } else { "d’" });
                }
                out.push_str(w);
            }
            if k == 0 {
                capitalise_at(out, word_start.max(start));
            }
        }
        if stop {
            out.push('.');
        }
    }

    /// Relative path of article `i`: at most 1000 files per folder.
    pub fn path(i: u64) -> String {
        format!("{:04}/{:07}.txt", i / 1000, i)
    }
}

fn capitalise_at(s: &mut String, at: usize) {
    let Some(c) = s[at..].chars().next() else {
        return;
    };
    if c.is_lowercase() {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(at..at + c.len_utf8(), &upper);
    }
}

fn synthetic_word(rng: &mut Rng) -> String {
    let syllables = 1 + rng.below(2) + usize::from(rng.chance(0.25));
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(VOWELS));
        w.push_str(rng.pick(CODAS));
    }
    w.push_str(rng.pick(ENDINGS));
    w
}
