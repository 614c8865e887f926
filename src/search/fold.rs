//! The one normalisation shared by index and queries (case, diacritics, ligatures, quotes).
//! Must not know about documents or queries.

/// Folded text plus, for each folded char, the index of the original char it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub origin: Vec<usize>,
}

pub fn fold(s: &str) -> Folded {
    let _ = s;
    todo!("search helper")
}
