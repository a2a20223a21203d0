//! The tables of one run of documents: what one rayon task fills, row by row, as it
//! analyses its documents. A run's buffers are kept from one chunk of documents to the
//! next (cleared, not freed), so their pages are faulted in once per analysis.

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::super::int_column::Part;
use super::super::quotes::{quote_offsets, quote_row, COLUMN_NAMES as QUOTE_COLUMNS};
use super::super::utf8_columns::Utf8Column;
use super::rows::Rows;
use crate::pipeline::{Analysis, Boilerplate, Pipeline};
use crate::text::code_point_offsets;

pub(super) const DOCUMENT_COLUMNS: [&str; 10] = [
    "document",
    "length",
    "paragraphs",
    "sentences",
    "mentions",
    "quotes",
    "counted_quotes",
    "repeated_paragraphs",
    "boilerplate_paragraphs",
    "failed",
];
pub(super) const PARAGRAPH_COLUMNS: [&str; 6] = [
    "document",
    "paragraph",
    "start",
    "end",
    "repeat_of",
    "boilerplate",
];
/// The sentences' columns; `counted`: 1 unless the sentence's paragraph repeats an earlier
/// one or is boilerplate.
pub(super) const SENTENCE_COLUMNS: [&str; 6] =
    ["document", "paragraph", "sentence", "start", "end", "counted"];
/// The mentions' columns; `candidates`: how many entities the mention may be (its rows of
/// the mention-candidate table).
pub(super) const MENTION_COLUMNS: [&str; 10] = [
    "document",
    "paragraph",
    "sentence",
    "start",
    "end",
    "pattern",
    "entity",
    "quote",
    "counted",
    "candidates",
];
/// `quote_columns`' columns, then whether the quote counts, its number among its
/// document's quotes, and how many distinct entities are mentioned inside it (its rows
/// of the quote-entity table).
pub(super) const QUOTE_EXTRA_COLUMNS: [&str; 3] = ["counted", "quote", "entity_count"];
pub(super) const QUOTE_ENTITY_COLUMNS: [&str; 1] = ["entity"];
/// Each mention's candidate entities, mention after mention.
pub(super) const CANDIDATE_COLUMNS: [&str; 1] = ["entity"];
/// The tables `_tables` returns, in the order of a run's fields.
pub(super) const TABLE_NAMES: [&str; 7] = [
    "documents",
    "paragraphs",
    "sentences",
    "mentions",
    "quotes",
    "quote_entities",
    "mention_candidates",
];

/// The string columns, by table: the text of each span (the quote's speaker, mention
/// and verb as written, missing where there is none).
pub(super) const STRING_COLUMNS: [(&str, &str); 7] = [
    ("paragraphs", "text"),
    ("sentences", "text"),
    ("mentions", "text"),
    ("quotes", "text"),
    ("quotes", "speaker"),
    ("quotes", "mention"),
    ("quotes", "verb"),
];
const PARAGRAPH_TEXT: usize = 0;
const SENTENCE_TEXT: usize = 1;
const MENTION_TEXT: usize = 2;
const QUOTE_TEXT: usize = 3;

/// Bytes of news text per sentence and per mention, to reserve rows by (see [`Room`]).
const BYTES_PER_SENTENCE: usize = 100;
const BYTES_PER_MENTION: usize = 64;

/// The rows and bytes that `bytes` of news text needs, by table: news has a sentence
/// per ~120 bytes, a gazetteer mention per ~70 bytes with a gazetteer of 10k entities
/// (some 10 bytes of text each), and a quote per two or three sentences. Reserved pages
/// that stay unused cost no memory, while a column that outgrows its room is moved
/// (`mremap`), which with two threads or more interrupts every other core at work.
pub(super) struct Room {
    /// Rows per table of [`TABLE_NAMES`] (documents aside: their number is known).
    pub(super) rows: [usize; TABLE_NAMES.len()],
    /// Rows and bytes per string column of [`STRING_COLUMNS`].
    pub(super) strings: [(usize, usize); STRING_COLUMNS.len()],
}

impl Room {
    pub(super) fn of(bytes: usize) -> Room {
        let sentences = bytes / BYTES_PER_SENTENCE + 16;
        let mentions = bytes / BYTES_PER_MENTION + 16;
        let quotes = sentences / 2;
        Room {
            rows: [0, sentences / 2, sentences, mentions, quotes, quotes, mentions],
            strings: std::array::from_fn(|column| match column {
                PARAGRAPH_TEXT => (sentences / 2, bytes),
                SENTENCE_TEXT => (sentences, bytes),
                MENTION_TEXT => (mentions, bytes / 4),
                QUOTE_TEXT => (quotes, bytes / 4),
                _ => (quotes, bytes / 32),
            }),
        }
    }
}

/// Which string columns a run fills.
#[derive(Clone, Copy, Debug)]
pub(super) struct Strings {
    /// Any: without them (no pyarrow), Python slices the texts instead.
    pub(super) any: bool,
    /// The paragraphs' text: a second copy of nearly the whole corpus, so only on request.
    pub(super) paragraphs: bool,
}

/// The tables of one run of documents.
pub(super) struct RunTables {
    pub(super) documents: Rows<10>,
    pub(super) paragraphs: Rows<6>,
    pub(super) sentences: Rows<{ SENTENCE_COLUMNS.len() }>,
    pub(super) mentions: Rows<{ MENTION_COLUMNS.len() }>,
    pub(super) quotes: Rows<{ QUOTE_TABLE_COLUMNS.len() }>,
    /// The distinct entities mentioned inside each quote, quote after quote (each
    /// quote's count is its `entity_count`).
    pub(super) quote_entities: Rows<1>,
    /// The candidate entities of each mention: (entity).
    pub(super) mention_candidates: Rows<1>,
    /// The string columns, in the order of [`STRING_COLUMNS`].
    pub(super) strings: [Utf8Column; STRING_COLUMNS.len()],
    /// Documents that failed: (index, reason).
    pub(super) errors: Vec<(usize, String)>,
    /// Which string columns are filled.
    wanted: Strings,
}

/// The working memory of the analyses one thread runs, reused from document to document
/// (and from run to run: a thread needs one, whatever the number of runs).
#[derive(Default)]
pub(super) struct Scratch {
    /// The analysis buffers.
    analysis: Analysis,
    /// Byte offsets being converted to code points.
    offsets: Vec<usize>,
    /// Per mention of the document: its entity, and the quote it is inside.
    mention_entities: Vec<i64>,
    mention_quotes: Vec<i64>,
    /// Per quote of the document: the distinct entities mentioned inside it.
    quote_entity_counts: Vec<i64>,
}

/// The quotes table's columns: `quote_columns`' and [`QUOTE_EXTRA_COLUMNS`].
const QUOTE_TABLE_COLUMNS: [&str; QUOTE_COLUMNS.len() + QUOTE_EXTRA_COLUMNS.len()] = {
    let mut names = [""; QUOTE_COLUMNS.len() + QUOTE_EXTRA_COLUMNS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = if i < QUOTE_COLUMNS.len() {
            QUOTE_COLUMNS[i]
        } else {
            QUOTE_EXTRA_COLUMNS[i - QUOTE_COLUMNS.len()]
        };
        i += 1;
    }
    names
};

impl Strings {
    /// Whether string column `column` (an index into [`STRING_COLUMNS`]) is filled.
    pub(super) fn fills(self, column: usize) -> bool {
        self.any && (column != PARAGRAPH_TEXT || self.paragraphs)
    }
}

impl RunTables {
    /// Empty tables that fill the string columns `wanted`.
    pub(super) fn new(wanted: Strings) -> RunTables {
        RunTables {
            documents: Rows::default(),
            paragraphs: Rows::default(),
            sentences: Rows::default(),
            mentions: Rows::default(),
            quotes: Rows::default(),
            quote_entities: Rows::default(),
            mention_candidates: Rows::default(),
            strings: std::array::from_fn(|_| Utf8Column::default()),
            errors: Vec::new(),
            wanted,
        }
    }

    /// Removes every row and makes room for what `bytes` of news text needs, so the
    /// columns rarely grow (each growth copies the column into pages the kernel must
    /// clear first). Room kept from an earlier run is reused. The rows are `i32` unless
    /// `wide` (see [`Rows`]).
    pub(super) fn clear_for(&mut self, bytes: usize, wide: bool) {
        let room = Room::of(bytes);
        let rows = room.rows;
        self.documents.clear(wide);
        self.paragraphs.clear(wide);
        self.sentences.clear(wide);
        self.mentions.clear(wide);
        self.quotes.clear(wide);
        self.quote_entities.clear(wide);
        self.mention_candidates.clear(wide);
        self.documents.reserve(16);
        self.paragraphs.reserve(rows[1]);
        self.sentences.reserve(rows[2]);
        self.mentions.reserve(rows[3]);
        self.quotes.reserve(rows[4]);
        self.quote_entities.reserve(rows[5]);
        self.mention_candidates.reserve(rows[6]);
        for (column, strings) in self.strings.iter_mut().enumerate() {
            strings.clear();
            if self.wanted.fills(column) {
                let (rows, bytes) = room.strings[column];
                strings.reserve(rows, bytes);
            }
        }
        self.errors.clear();
    }

    /// Whether string column `column` (an index into [`STRING_COLUMNS`]) is filled.
    pub(super) fn fills(&self, column: usize) -> bool {
        self.wanted.fills(column)
    }

    /// The columns' names of each table of [`TABLE_NAMES`].
    pub(super) fn names() -> [&'static [&'static str]; TABLE_NAMES.len()] {
        [
            &DOCUMENT_COLUMNS,
            &PARAGRAPH_COLUMNS,
            &SENTENCE_COLUMNS,
            &MENTION_COLUMNS,
            &QUOTE_TABLE_COLUMNS,
            &QUOTE_ENTITY_COLUMNS,
            &CANDIDATE_COLUMNS,
        ]
    }

    /// The values of column `column` of table `table` (an index into [`TABLE_NAMES`]).
    pub(super) fn column(&self, table: usize, column: usize) -> Part<'_> {
        match table {
            0 => self.documents.column(column),
            1 => self.paragraphs.column(column),
            2 => self.sentences.column(column),
            3 => self.mentions.column(column),
            4 => self.quotes.column(column),
            5 => self.quote_entities.column(column),
            _ => self.mention_candidates.column(column),
        }
    }

    /// Adds the rows of document `document`, analysed from `text` with `scratch`.
    pub(super) fn add(&mut self, pipeline: &Pipeline, scratch: &mut Scratch, document: usize, text: &str) {
        let analysis = &mut scratch.analysis;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| pipeline.analyze_into(text, analysis))) {
            let reason = panic_reason(panic.as_ref());
            scratch.analysis = Analysis::default();
            self.failed(document, format!("internal error in presswork: {reason}"));
            return;
        }
        let doc = document as i64;
        let (paragraph_text, any_text) = (self.fills(PARAGRAPH_TEXT), self.wanted.any);
        let a = &scratch.analysis;
        // Every span's byte offsets, converted to code points in one pass.
        let offsets = &mut scratch.offsets;
        offsets.clear();
        offsets.extend(a.split.paragraphs.iter().flat_map(|p| [p.start, p.end]));
        let paragraphs_end = offsets.len();
        offsets.extend(a.split.sentences.iter().flat_map(|s| [s.span.start, s.span.end]));
        let sentences_end = offsets.len();
        offsets.extend(a.mentions.iter().flat_map(|m| [m.span.start, m.span.end]));
        // The document's length, last.
        offsets.push(text.len());
        // Each group is in document order: one forward pass each, no sort.
        for group in [
            0..paragraphs_end,
            paragraphs_end..sentences_end,
            sentences_end..offsets.len(),
        ] {
            code_point_offsets(text, &mut offsets[group]);
        }
        let mut at = offsets
            .chunks_exact(2)
            .map(|pair| (pair[0] as i64, pair[1] as i64));
        let strings = &mut self.strings;
        for (index, flags) in a.paragraphs.iter().enumerate() {
            if paragraph_text {
                strings[PARAGRAPH_TEXT].push(Some(a.split.paragraphs[index].as_str(text)));
            }
            let (start, end) = at.next().unwrap_or_default();
            self.paragraphs.push([
                doc,
                index as i64,
                start,
                end,
                flags.repeat_of.map_or(-1, |p| p as i64),
                flags.boilerplate.map_or(-1, boilerplate_code),
            ]);
        }
        for (index, sentence) in a.split.sentences.iter().enumerate() {
            if any_text {
                strings[SENTENCE_TEXT].push(Some(sentence.span.as_str(text)));
            }
            let (start, end) = at.next().unwrap_or_default();
            let counted = i64::from(a.flags(sentence.paragraph).counts());
            self.sentences
                .push([doc, sentence.paragraph as i64, index as i64, start, end, counted]);
        }
        // Each mention's entity (-1: ambiguous) and the innermost quote around it (nested
        // quotes come after theirs), in buffers kept from one document to the next.
        let matcher = pipeline.matcher();
        let (entities, quote_of) = (&mut scratch.mention_entities, &mut scratch.mention_quotes);
        entities.clear();
        entities.extend(a.mentions.iter().map(
            |mention| match matcher.map(|m| m.candidates(mention.pattern)) {
                Some([one]) => i64::from(*one),
                _ => -1,
            },
        ));
        quote_of.clear();
        quote_of.resize(a.mentions.len(), -1);
        let entity_counts = &mut scratch.quote_entity_counts;
        entity_counts.clear();
        for (q, range) in a.quote_mentions.iter().enumerate() {
            quote_of[range.clone()].fill(q as i64);
            // Each entity once, in the order of its first mention.
            let first = self.quote_entities.len();
            for &entity in &entities[range.clone()] {
                let known = self.quote_entities.holds_since(first, entity);
                if entity >= 0 && !known {
                    self.quote_entities.push([entity]);
                }
            }
            entity_counts.push((self.quote_entities.len() - first) as i64);
        }
        for (index, mention) in a.mentions.iter().enumerate() {
            if any_text {
                strings[MENTION_TEXT].push(Some(mention.span.as_str(text)));
            }
            let (start, end) = at.next().unwrap_or_default();
            let paragraph = a.mention_paragraph(index);
            let candidates = matcher.map_or(&[][..], |m| m.candidates(mention.pattern));
            for &candidate in candidates {
                self.mention_candidates.push([i64::from(candidate)]);
            }
            self.mentions.push([
                doc,
                paragraph as i64,
                a.mention_sentences[index] as i64,
                start,
                end,
                i64::from(mention.pattern),
                entities[index],
                quote_of[index],
                i64::from(a.flags(paragraph).counts()),
                candidates.len() as i64,
            ]);
        }
        for (number, (quote, at)) in a.quotes.iter().zip(quote_offsets(text, &a.quotes)).enumerate() {
            let row = quote_row(doc, quote, &at);
            if any_text {
                let spans = [Some(quote.content), quote.speaker, quote.mention, quote.verb];
                for (column, span) in strings[QUOTE_TEXT..].iter_mut().zip(spans) {
                    column.push(span.map(|s| s.as_str(text)));
                }
            }
            let extra = [
                i64::from(a.flags(quote.paragraph).counts()),
                number as i64,
                entity_counts.get(number).copied().unwrap_or_default(),
            ];
            self.quotes.push(std::array::from_fn(|i| {
                row.get(i).copied().unwrap_or_else(|| extra[i - row.len()])
            }));
        }
        let count = |flag: fn(&crate::pipeline::ParagraphFlags) -> bool| {
            a.paragraphs.iter().filter(|f| flag(f)).count() as i64
        };
        self.documents.push([
            doc,
            scratch.offsets.last().copied().unwrap_or_default() as i64,
            a.split.paragraphs.len() as i64,
            a.split.sentences.len() as i64,
            a.mentions.len() as i64,
            a.quotes.len() as i64,
            a.counted_quotes().count() as i64,
            count(|f| f.repeat_of.is_some()),
            count(|f| f.boilerplate.is_some()),
            0,
        ]);
    }

    /// A row for a document that could not be analysed, and its reason.
    pub(super) fn failed(&mut self, document: usize, reason: String) {
        let mut row = [0i64; 10];
        row[0] = document as i64;
        row[9] = 1;
        self.documents.push(row);
        self.errors.push((document, reason));
    }
}

/// What a panic said, if it said it with a string.
pub(super) fn panic_reason(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

fn boilerplate_code(kind: Boilerplate) -> i64 {
    Boilerplate::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or_default() as i64
}
