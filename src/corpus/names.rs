//! Names in running text: people, organisations and places, from the gazetteer first, then
//! from capitalisation rules that know French particles and sentence starts. Must not guess:
//! a capitalised word with nothing to say what it is stays out of the card.
//!
//! Rules, in order, for a run of capitalised words (joined by particles: `Van Der`, `de`,
//! `al-`) that no gazetteer entry covers:
//! 1. leading function words are dropped (`Les`, `En`, `La Première` → `Première`);
//! 2. a lone word at a sentence start, or in `not-names.txt`, is nothing;
//! 3. after a title (`M.`, `Mme`, `le président`) it is a person;
//! 4. with an organisation word (`Police`, `Unit`, `Centre`) it is an organisation;
//! 5. two words or more starting with a known given name is a person;
//! 6. a lone acronym (`IRU`, `DCPJ`) is an organisation;
//! 7. a lone word after `à`/`in` is a place; otherwise it is left out.

use super::gazetteer::{Kind, LISTS, known_at};
use super::words::{Tok, Word, is_all_caps, is_capitalised, is_elision, tokens, with_folded};
use crate::search::fold::fold_str;

/// Names found in one document, in order of first appearance, deduplicated after folding.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Names {
    pub people: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
}

impl Names {
    fn push(&mut self, kind: Kind, name: String) {
        let list = match kind {
            Kind::Person => &mut self.people,
            Kind::Organization => &mut self.organizations,
            Kind::Place => &mut self.places,
        };
        let key = fold_str(&name);
        if !list.iter().any(|n| fold_str(n) == key) {
            list.push(name);
        }
    }

    /// `Van Der Sypt` after `Eric Van Der Sypt`: the same person, named again shorter.
    fn merge_short_forms(&mut self) {
        let full: Vec<String> = self.people.iter().map(|p| fold_str(p)).collect();
        self.people.retain(|p| {
            let f = fold_str(p);
            !full
                .iter()
                .any(|other| other.len() > f.len() && other.ends_with(&format!(" {f}")))
        });
    }
}

/// Particles that may join the words of one name: `Charles de Gaulle`, `Giscard d'Estaing`.
const PARTICLES: [&str; 16] = [
    "de", "du", "des", "d'", "d’", "van", "von", "der", "den", "da", "di", "dos", "del", "bin",
    "ben", "ibn",
];

/// Names in a set of texts (title, then paragraphs), each tokenised separately.
pub fn names<'a>(texts: impl IntoIterator<Item = &'a str>) -> Names {
    let mut found = Names::default();
    for text in texts {
        scan(text, &tokens(text), &mut found);
    }
    found.merge_short_forms();
    found
}

/// [`names`] of texts already tokenised by [`tokens`], each given with its tokens.
pub fn names_tokenised<'t, 'a: 't>(
    texts: impl IntoIterator<Item = (&'a str, &'t [Tok<'a>])>,
) -> Names {
    let mut found = Names::default();
    for (text, toks) in texts {
        scan(text, toks, &mut found);
    }
    found.merge_short_forms();
    found
}

fn word<'t, 'a>(toks: &'t [Tok<'a>], i: usize) -> Option<&'t Word<'a>> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn is_title(w: &Word<'_>) -> bool {
    with_folded(w.text, |f| LISTS.titles.contains(f))
}

/// A word that can be part of a name: capitalised, not an elided article, not a title.
fn name_word(w: &Word<'_>) -> bool {
    is_capitalised(w.text)
        && !is_elision(w.text)
        && !is_title(w)
        && !w.text.starts_with(|c: char| c.is_numeric())
}

fn scan(text: &str, toks: &[Tok<'_>], found: &mut Names) {
    let mut i = 0;
    while i < toks.len() {
        let known = known_at(toks, i);
        // `European Union Internet Referral Unit`, `Université de Liège`: a capitalised run
        // with an organisation word is one organisation, even if it starts with a known name.
        if word(toks, i).is_some_and(name_word) {
            let end = run_end(toks, i, false);
            let longer = end > i + known.map_or(1, |(_, len)| len);
            if longer && has_org_word(toks, i, end) {
                if let Some((kind, name)) = classify(text, toks, i, end) {
                    found.push(kind, name);
                    i = end;
                    continue;
                }
            }
        }
        if let Some((kind, len)) = known {
            let (Some(a), Some(b)) = (word(toks, i), word(toks, i + len - 1)) else {
                i += 1;
                continue;
            };
            found.push(kind, text[a.start..b.end()].to_string());
            i += len;
            continue;
        }
        let Some(w) = word(toks, i) else {
            i += 1;
            continue;
        };
        if !name_word(w) {
            i += 1;
            continue;
        }
        let end = run_end(toks, i, true);
        if let Some((kind, name)) = classify(text, toks, i, end) {
            found.push(kind, name);
        }
        i = end;
    }
}

/// One past the last token of the run of name words starting at `i`. With `stop_at_known`,
/// a known name ends it, so `Eurojust Europol` stays two names.
fn run_end(toks: &[Tok<'_>], i: usize, stop_at_known: bool) -> usize {
    let known = |k: usize| stop_at_known && known_at(toks, k).is_some();
    let mut end = i + 1;
    while let Some(w) = word(toks, end) {
        if known(end) {
            break;
        }
        if name_word(w) {
            end += 1;
            continue;
        }
        let particle = PARTICLES.contains(&w.text);
        let next_is_name = word(toks, end + 1).is_some_and(|n| name_word(n) && !known(end + 1));
        if particle && next_is_name {
            end += 2;
            continue;
        }
        break;
    }
    end
}

fn has_org_word(toks: &[Tok<'_>], from: usize, end: usize) -> bool {
    (from..end)
        .filter_map(|k| word(toks, k))
        .any(|w| with_folded(w.text, |f| LISTS.org_words.contains(f)))
}

fn classify(text: &str, toks: &[Tok<'_>], from: usize, end: usize) -> Option<(Kind, String)> {
    let mut from = from;
    let mut sentence_start = word(toks, from)?.sentence_start;
    // Function words written with a capital because they start a sentence or a name.
    while from < end
        && word(toks, from).is_some_and(|w| with_folded(w.text, |f| LISTS.stopwords.contains(f)))
    {
        from += 1;
        sentence_start = false;
    }
    if from >= end {
        return None;
    }
    let run: Vec<&Word<'_>> = (from..end).filter_map(|k| word(toks, k)).collect();
    let (first, last) = (run.first()?, run.last()?);
    let name = &text[first.start..last.end()];
    let folded: Vec<String> = run.iter().map(|w| fold_str(w.text)).collect();
    let lone = run.len() == 1;
    if lone && LISTS.not_names.contains(&folded[0]) {
        return None;
    }
    let before = word(toks, from.wrapping_sub(1)).filter(|_| from > 0);
    let before2 = word(toks, from.wrapping_sub(2)).filter(|_| from > 1 && before.is_some());
    let after_title = before.is_some_and(is_title)
        || (before.is_some_and(|b| matches!(b.text, "le" | "la" | "Le" | "La" | "the"))
            && before2.is_some_and(is_title));
    let has_org_word = folded.iter().any(|f| LISTS.org_words.contains(f));
    if after_title && !has_org_word {
        return Some((Kind::Person, person_name(&run, name)));
    }
    let acronym = lone && is_all_caps(first.text) && first.text.chars().count() <= 8;
    if acronym && (!sentence_start || first.text.chars().count() <= 5) {
        return Some((Kind::Organization, name.to_string()));
    }
    if lone && sentence_start {
        return None;
    }
    if has_org_word {
        return Some((Kind::Organization, name.to_string()));
    }
    let given = folded[0].split('-').next().unwrap_or("");
    if !lone && (LISTS.first_names.contains(&folded[0]) || LISTS.first_names.contains(given)) {
        return Some((Kind::Person, name.to_string()));
    }
    let place_cue = before.is_some_and(|b| matches!(b.text, "à" | "in" | "at" | "near"));
    if lone && place_cue {
        return Some((Kind::Place, name.to_string()));
    }
    None
}

/// `CAMBON Christian` (the Senate's order) → `Christian Cambon`, so it meets the body's form.
fn person_name(run: &[&Word<'_>], written: &str) -> String {
    if let [surname, given] = run {
        if is_all_caps(surname.text) && !is_all_caps(given.text) {
            return format!("{} {}", given.text, title_case(surname.text));
        }
    }
    written.to_string()
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper_next = true;
    for c in s.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper_next = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let n = names([
            "Question de M. CAMBON Christian (Val-de-Marne - Les Républicains)",
            "Les polices de l'Union européenne. Dans le cadre. Plus précisément, l'IRU (European Union Internet Referral Unit) à Trèbes. L'unité. M. Christian Cambon et Rob Wainwright, et M. Van Der Sypt puis Eric Van Der Sypt. A Damas, le président Bachar al-Assad.",
        ]);
        assert_eq!(
            n.people,
            [
                "Christian Cambon",
                "Rob Wainwright",
                "Eric Van Der Sypt",
                "Bachar al-Assad"
            ]
        );
        assert_eq!(
            n.organizations,
            [
                "Les Républicains",
                "Union européenne",
                "IRU",
                "European Union Internet Referral Unit"
            ]
        );
        assert_eq!(n.places, ["Val-de-Marne", "Trèbes", "Damas"]);
    }

    #[test]
    fn unknown_words_are_left_out() {
        let n = names([
            "Radicalisation des Européens",
            "Le Gouvernement et des Etats membres, à Zorglub.",
        ]);
        assert_eq!(n.people, Vec::<String>::new());
        assert_eq!(n.organizations, Vec::<String>::new());
        assert_eq!(n.places, ["Zorglub"]);
    }
}
