//! Test harness: a model driven by key strings through the real keymap, with search effects
//! run synchronously, and screens rendered to text with ratatui's TestBackend.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::Arc;
use veille::app::model::Loading;
use veille::app::snippets::first_screen;
use veille::app::{Action, Effect, Key, Keymap, Model};
use veille::corpus::{Block, Corpus, Document, PartialDate};
use veille::search::{self, Index};

pub struct Harness {
    pub model: Model,
    index: Arc<Index>,
    pub effects: Vec<Effect>,
    /// The last search asked for before the index was ready: the worker answers it then.
    waiting: Option<(u64, String, usize)>,
}

impl Harness {
    pub fn new(corpus: Corpus, width: u16, height: u16) -> Harness {
        let index = Arc::new(Index::build(&corpus));
        let mut model = Model::new(
            Arc::new(corpus),
            Arc::new(Keymap::default_keymap()),
            Rect::new(0, 0, width, height),
        );
        model.update(Action::IndexReady(Arc::clone(&index)));
        Harness {
            model,
            index,
            effects: Vec::new(),
            waiting: None,
        }
    }

    /// A reader painted before anything is read, as `veille DIR` starts: `Action::Arrived`
    /// and `Action::Loaded` bring the documents, `Action::IndexReady` the index of `corpus`.
    /// As the worker does, searches asked for before then are answered then (the last one).
    pub fn loading(corpus: &Corpus, width: u16, height: u16) -> Harness {
        Harness {
            model: Model::loading(
                Arc::new(Keymap::default_keymap()),
                Rect::new(0, 0, width, height),
            ),
            index: Arc::new(Index::build(corpus)),
            effects: Vec::new(),
            waiting: None,
        }
    }

    /// The bundled corpus, as `veille` with no argument shows it.
    pub fn seeds(width: u16, height: u16) -> Harness {
        Harness::new(veille::corpus::source::embedded(), width, height)
    }

    /// Type keys as a user would: `"/etat<enter>j"`.
    pub fn keys(&mut self, seq: &str) -> &mut Self {
        let keys = Key::parse_sequence(seq).unwrap_or_else(|| panic!("bad key sequence {seq}"));
        for key in keys {
            if let Some(action) = self.model.action_for_key(key) {
                self.act(action);
            }
        }
        self
    }

    /// Apply an action, running any search it asks for at once, as the worker would (or,
    /// before the index is ready, once it is).
    pub fn act(&mut self, action: Action) -> &mut Self {
        let ready = matches!(action, Action::IndexReady(_));
        let mut next = Some(action);
        while let Some(action) = next.take() {
            if let Some(effect) = self.model.update(action) {
                if let Effect::Search {
                    generation,
                    query,
                    rows,
                } = &effect
                {
                    if self.model.loading == Loading::Ready {
                        next = self.answer(*generation, query, *rows);
                    } else {
                        self.waiting = Some((*generation, query.clone(), *rows));
                    }
                }
                self.effects.push(effect);
            }
        }
        if let Some((generation, query, rows)) = self.waiting.take_if(|_| ready) {
            if let Some(found) = self.answer(generation, &query, rows) {
                self.act(found);
            }
        }
        self
    }

    /// The worker's index is built: searches asked for until now run.
    pub fn index_ready(&mut self) -> &mut Self {
        self.act(Action::IndexReady(Arc::clone(&self.index)))
    }

    /// As the worker answers: ranked, snippets for the first screen only.
    fn answer(&self, generation: u64, query: &str, rows: usize) -> Option<Action> {
        let never = std::sync::atomic::AtomicBool::new(false);
        let ranked = search::rank(&self.index, &self.model.corpus, query, &never)?;
        let (hits, snippets) = first_screen(ranked, &self.model.corpus, rows, &never)?;
        Some(Action::SearchDone {
            generation,
            hits,
            snippets: Some(snippets),
            partial: None,
        })
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.act(Action::Resize(width, height))
    }

    /// The screen as the terminal would show it.
    pub fn buffer(&self) -> Buffer {
        let size = self.model.size;
        let mut terminal =
            Terminal::new(TestBackend::new(size.width, size.height)).expect("test backend");
        terminal
            .draw(|f| veille::tui::view::view(&self.model, f))
            .expect("draw");
        terminal.backend().buffer().clone()
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    pub fn screen(&self) -> String {
        buffer_text(&self.buffer())
    }

    /// Titles in the list, in order.
    pub fn listed_titles(&self) -> Vec<String> {
        self.model
            .results
            .iter()
            .map(|h| self.model.corpus.docs[h.doc].title.clone())
            .collect()
    }
}

pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn doc(
    title: &str,
    date: Option<(i32, u8)>,
    source: Option<&str>,
    paragraphs: &[&str],
) -> Document {
    let blocks: Vec<Block> = paragraphs
        .iter()
        .map(|p| match p.strip_prefix("# ") {
            Some(h) => Block::Heading(h.to_string()),
            None => Block::Paragraph(p.to_string()),
        })
        .collect();
    let words = std::iter::once(title)
        .chain(paragraphs.iter().copied())
        .map(|t| t.split_whitespace().count())
        .sum();
    Document {
        path: format!("fixture/{}.txt", title.to_lowercase().replace(' ', "-")),
        title: title.to_string(),
        date: date.map(|(year, month)| PartialDate {
            year,
            month: Some(month),
            ..Default::default()
        }),
        source: source.map(str::to_string),
        blocks: blocks.into(),
        encoding: "UTF-8",
        warnings: Vec::new(),
        words,
        language: Some("fr"),
        meta: Default::default(),
        card_pending: false,
    }
}

/// The fixture with the card filled in by hand, as the metadata extractor would.
pub fn fixture_with_meta() -> Corpus {
    let mut corpus = fixture();
    let meta = &mut corpus.docs[0].meta;
    meta.people = vec!["Rob Wainwright".into()];
    meta.keywords = vec!["amaq".into(), "propagande".into()];
    corpus.docs[5].meta.keywords = vec!["amaq".into(), "serveurs".into()];
    corpus
}

/// Six short articles, one long enough to scroll: independent of the seed parser, so update
/// tests fail only for the behaviour they test.
pub fn fixture() -> Corpus {
    let long: Vec<String> = (1..=40)
        .map(|i| format!("Paragraphe {i} du long article sur la propagande en ligne."))
        .collect();
    let long: Vec<&str> = long.iter().map(String::as_str).collect();
    Corpus {
        docs: vec![
            doc(
                "État islamique et propagande",
                Some((2019, 11)),
                Some("AFP"),
                &[
                    "Europol a annoncé une opération contre Amaq, dit Rob Wainwright.",
                    "# Une partie",
                    "La suite du texte.",
                ],
            ),
            doc(
                "Europol à La Haye",
                Some((2018, 4)),
                None,
                &["Le siège d'Europol."],
            ),
            doc("Un long article", None, Some("Belga"), &long),
            doc(
                "Trèbes, un an après",
                Some((2019, 3)),
                None,
                &["Le supermarché de Trèbes."],
            ),
            doc(
                "Radicalisation des Européens",
                None,
                None,
                &["Un texte court."],
            ),
            doc(
                "Cyberattaque sur Amaq",
                Some((2018, 4)),
                Some("Reuters"),
                &["Les serveurs."],
            ),
        ],
        warnings: Vec::new(),
    }
}

/// Documents as they arrive while a corpus loads: keywords need the whole corpus, so the
/// copies the list gets have none.
pub fn without_keywords(docs: &[Document]) -> Vec<Document> {
    docs.iter()
        .map(|d| {
            let mut d = d.clone();
            d.meta.keywords.clear();
            d
        })
        .collect()
}
