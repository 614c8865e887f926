//! Links, social handles and quotations in running text. Must not fetch, shorten or
//! rewrite a link: what is listed is what the text says.

/// Web addresses (`https://t.co/…`, `www.…`, `pic.twitter.com/…`), trailing punctuation off.
pub fn links(text: &str) -> Vec<String> {
    // Every prefix below holds `/` or `www.`: most paragraphs have neither.
    if !text.contains('/') && !text.contains("www.") {
        return Vec::new();
    }
    text.split_whitespace()
        .filter_map(|chunk| {
            // Every prefix below holds `:` or `.`, and `/` or `www.`: a word ending a
            // sentence has a `.` only, and is ruled out before four substring searches.
            let b = chunk.as_bytes();
            if !b.iter().any(|&b| b == b':' || b == b'.')
                || !(b.contains(&b'/') || b.windows(4).any(|w| w == b"www."))
            {
                return None;
            }
            let at = ["https://", "http://", "www.", "pic.twitter.com/"]
                .iter()
                .filter_map(|p| chunk.find(p))
                .min()?;
            let link = trim_link(&chunk[at..]);
            let host = link.split("://").last().unwrap_or("");
            host.contains('.').then(|| link.to_string())
        })
        .collect()
}

/// `https://x.org/a).` → `https://x.org/a`, but `https://x.org/wiki/A_(b)` keeps its `)`.
fn trim_link(s: &str) -> &str {
    let mut s = s;
    loop {
        let Some(last) = s.chars().last() else {
            return s;
        };
        let unbalanced_paren = last == ')' && s.matches('(').count() < s.matches(')').count();
        if ".,;:!?»”\"'’]".contains(last) || unbalanced_paren {
            s = &s[..s.len() - last.len_utf8()];
        } else {
            return s;
        }
    }
}

/// `@europol`: an `@` not preceded by a letter or digit (that is an e-mail address), then
/// 1 to 30 letters, digits or underscores.
pub fn handles(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !text.contains('@') {
        return out;
    }
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == '@' && !prev.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '.') {
            let rest = &text[i + 1..];
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            if (1..=30).contains(&len) {
                out.push(format!("@{}", &rest[..len]));
            }
        }
        prev = Some(c);
    }
    out
}

/// Quoted passages: « … », “ … ” and "…" pairs within the text, trimmed, in order.
/// An opening mark without its closing one quotes nothing.
pub fn quotations(text: &str) -> Vec<String> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (open, close) in [('«', '»'), ('“', '”')] {
        let mut from = 0;
        while let Some(o) = text[from..].find(open).map(|o| from + o) {
            let inner_start = o + open.len_utf8();
            let Some(c) = text[inner_start..].find(close).map(|c| inner_start + c) else {
                break;
            };
            push_quote(&mut out, o, &text[inner_start..c]);
            from = c + close.len_utf8();
        }
    }
    let mut open: Option<usize> = None;
    // `"` is one byte that no other char's UTF-8 holds: no need to decode the others.
    for (i, b) in text.bytes().enumerate() {
        if b == b'"' {
            match open.take() {
                Some(o) => push_quote(&mut out, o, &text[o + 1..i]),
                None => open = Some(i),
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, q)| q).collect()
}

fn push_quote(out: &mut Vec<(usize, String)>, at: usize, inner: &str) {
    let q = inner.trim_matches(|c: char| c.is_whitespace());
    if q.chars().any(char::is_alphanumeric) {
        out.push((at, q.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_handles() {
        let t = "( @europol & @eurojust ).Plus https://t.co/TGLzDjQjyv pic.twitter.com/HAyJwQA6xU — Police (@policefederale) a.b@mail.com (voir https://x.org/A_(b)).";
        assert_eq!(
            links(t),
            [
                "https://t.co/TGLzDjQjyv",
                "pic.twitter.com/HAyJwQA6xU",
                "https://x.org/A_(b)"
            ]
        );
        assert_eq!(handles(t), ["@europol", "@eurojust", "@policefederale"]);
        assert_eq!(handles("@ seul, @"), Vec::<String>::new());
        assert_eq!(links("Voir www.europol.eu. Fin."), ["www.europol.eu"]);
        assert_eq!(links("Fin. Deux: trois."), Vec::<String>::new());
    }

    #[test]
    fn quotes() {
        assert_eq!(
            quotations(r#"«On verra», dit-il. Le "démantèlement" et “ceci” puis « non"#),
            ["On verra", "démantèlement", "ceci"]
        );
        assert_eq!(quotations(r#"un " seul"#), Vec::<String>::new());
    }
}
