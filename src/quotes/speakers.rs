//! Speakers: the person a quote's cue refers to, found with a small discourse state
//! kept as the document is read.
//!
//! The state holds the persons and organisations named so far: each with the span of
//! the first mention of the full name (`Irina Volk`), its key (the surname, so that
//! `Volk` later is the same person; an organisation's whole name), the roles written
//! next to the name (`spokeswoman` in `Russian Interior Ministry spokeswoman Irina Volk`,
//! `senator` in `Sen. Mark Dwyer`, `mayor` in `The mayor of Saint-Denis, Claire Duval,`,
//! `spokesman` in `Jonas Weil, the minister's spokesman,`), and the gender the name, a
//! title or a pronoun told ([`super::gender`]). Every later mention of a surname alone
//! counts as a mention of its person. A cue's speaker mention is resolved against it:
//!
//! * a name: the person whose surname (or organisation whose name) it ends with, as
//!   first named in full ([`Resolution::Named`]); the name part of a mention with an
//!   appositive (`the lawyer, Maxim Tarasov`);
//! * a pronoun (`he wrote`): the person named last whose gender fits; `it` the
//!   organisation named last ([`Resolution::Pronoun`]);
//! * a role (`the spokeswoman`, `the senator`): the person last named with that role or
//!   a kindred one (`the diplomat` for a deputy foreign minister), else the person named
//!   last it fits; `the official` the spokesperson named last, else the speaker quoted
//!   last; `the company`, `the regulator` the organisation of that kind, else the one
//!   mentioned most ([`Resolution::Role`]); `a spokesperson`, `an unnamed source` no one;
//! * no cue, a statement right after a quote of the same paragraph or continuing the
//!   quote of the paragraph before, or a partial quote in a sentence already quoted:
//!   that quote's speaker ([`Resolution::Continuation`]).
//!
//! Names are found without a model: runs of capitalised words outside quotes, cut after
//! a possessive (`Carnegie Center’s Alexei Malashenko`) and after titles and role words
//! (`President`, `Dr.`, `Analyst`); a run with an organisation's word (`Interior
//! Ministry`, `Hoshida Corp.`, `The Plain Dealer`) is an organisation, one with a place's
//! word (`United States`, `City Hall`) is left out, weekdays and months are not names.
//! With a gazetteer, the extractor then links the resolved speaker to its entity.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::cues::{
    is_determiner, is_pronoun, is_role_word, starts_upper, tokens_into, Cue, CuePattern, Token,
};
use super::gender::{self, Gender};
use super::keys::KeyMap;
use super::kinds::QuoteKind;
use super::roles::{is_org_role, role_noun};
use super::words::{ceil_boundary, class_of, with_lower, Class};
use super::QuotedSpan;
use crate::split::is_title_case_small_word;
use crate::text::block::{capitals, BLOCK};
use crate::text::Span;

/// How a quote's speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// The cue names the speaker.
    Named,
    /// The cue's pronoun, resolved to the person named last.
    Pronoun,
    /// The cue's role noun, resolved to the person with that role.
    Role,
    /// No cue: the quote continues the one before it.
    Continuation,
    /// Not found.
    None,
}

impl Resolution {
    /// The resolution's name: `named`, `pronoun`, `role`, `continuation` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Named => "named",
            Resolution::Pronoun => "pronoun",
            Resolution::Role => "role",
            Resolution::Continuation => "continuation",
            Resolution::None => "none",
        }
    }
}

/// Who said a quote: the mention in its cue as written, the mention it was resolved
/// to (the first mention of the person's full name), and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attribution {
    /// The speaker mention in the cue (`he`, `the spokeswoman`, `Volk`).
    pub mention: Option<Span>,
    /// The person's full name where it was first written (`Irina Volk`).
    pub speaker: Option<Span>,
    /// How the speaker was found.
    pub how: Resolution,
}

/// Title words that stand before a name and are not part of it.
pub(super) const TITLES: &[&str] = &[
    "President",
    "Minister",
    "Secretary",
    "Chancellor",
    "Premier",
    "Ambassador",
    "Chairman",
    "Chairwoman",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Mayor",
    "Governor",
    "Senator",
    "General",
    "Gen",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "King",
    "Queen",
    "Prince",
    "Pope",
    "Director",
    "Chief",
    "Deputy",
    "Head",
    "Leader",
    "Republican",
    "Democrat",
    "Democratic",
    "Conservative",
    "Labour",
    "Liberal",
    "Socialist",
    "Independent",
    // Nationalities written before a name (`Czech Tereza Novak`).
    "American",
    "British",
    "English",
    "Scottish",
    "Irish",
    "Welsh",
    "French",
    "German",
    "Italian",
    "Spanish",
    "Portuguese",
    "Dutch",
    "Belgian",
    "Swiss",
    "Austrian",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Polish",
    "Czech",
    "Slovak",
    "Hungarian",
    "Romanian",
    "Bulgarian",
    "Greek",
    "Turkish",
    "Russian",
    "Ukrainian",
    "Belarusian",
    "Serbian",
    "Croatian",
    "Bosnian",
    "Georgian",
    "Armenian",
    "Israeli",
    "Palestinian",
    "Lebanese",
    "Syrian",
    "Iraqi",
    "Iranian",
    "Saudi",
    "Egyptian",
    "Chinese",
    "Japanese",
    "Korean",
    "Indian",
    "Pakistani",
    "Afghan",
    "Australian",
    "Canadian",
    "Mexican",
    "Brazilian",
    "Argentine",
    "Chilean",
    "Colombian",
    "Venezuelan",
    "Cuban",
    "Nigerian",
    "Kenyan",
    "Ethiopian",
    "Lithuanian",
    "Latvian",
    "Estonian",
    "Slovenian",
    "Samoan",
    "Icelandic",
];

/// Words that make a run of capitals an organisation (or an event), not a person.
pub(super) const ORG_WORDS: &[&str] = &[
    "Ministry",
    "Embassy",
    "Council",
    "Committee",
    "Agency",
    "Center",
    "Centre",
    "Party",
    "Union",
    "State",
    "Kremlin",
    "Government",
    "Office",
    "Department",
    "Service",
    "Army",
    "Forces",
    "Parliament",
    "Assembly",
    "Nations",
    "Court",
    "Bank",
    "University",
    "Institute",
    "News",
    "Times",
    "Post",
    "Journal",
    "Press",
    "Church",
    "Summit",
    "Coalition",
    "Front",
    "Twitter",
    "Instagram",
    "Facebook",
    "Telegram",
    "YouTube",
    "Reuters",
    "Tass",
    "Interfax",
    "Corp.",
    "Inc.",
    "Ltd.",
    "Co.",
    "Securities",
    "Partners",
    "Capital",
    "Media",
    "Organization",
    "Organisation",
    "Association",
    "Foundation",
    "Fund",
    "Federation",
    "Network",
    "Channel",
    "Radio",
    "Television",
    "Dealer",
    "Commission",
    "Authority",
    "Board",
    "Police",
    "Guard",
    "Navy",
    "Club",
    "League",
    "Association",
    "Society",
    "Program",
    "Programme",
    "Council",
    "Senate",
    "Congress",
    "Cabinet",
    "Library",
    "Museum",
    "Theatre",
    "Theater",
    "Hospital",
    "School",
    "College",
    "Slam",
    "Cup",
    "Open",
    "Championship",
    "Championships",
    "Olympics",
    "Games",
    "Festival",
    "Prize",
    "Award",
    "Awards",
    "Stadium",
    "Arena",
    "Trust",
    "United",
    "Rovers",
    "FC",
    "Athletic",
    "Wanderers",
];

/// Words in a company's name (`Corp`, `Holdings`, `Airlines`): they make a run an
/// organisation, as [`ORG_WORDS`] do, and tell which one `the company` is.
pub(super) const COMPANY_WORDS: &[&str] = &[
    "Corp",
    "Inc",
    "Ltd",
    "Co",
    "Stores",
    "Holdings",
    "Group",
    "Motors",
    "Airlines",
    "Automotive",
    "Energy",
    "Technologies",
    "Systems",
    "Company",
    "Foods",
    "Industries",
    "Automobil",
    "Airways",
    "Pharmaceuticals",
    "Steel",
    "Oil",
    "Mining",
    "Telecom",
];

/// Words that make a run of capitals a place, never a speaker.
pub(super) const PLACE_WORDS: &[&str] = &[
    "States",
    "Kingdom",
    "Street",
    "Square",
    "Hall",
    "Road",
    "Avenue",
    // Their abbreviations (`First Ave.`, `Main St.`); the period is not part of the word.
    "Ave",
    "Rd",
    "Blvd",
    "Boulevard",
    "Plaza",
    "Lane",
    "Bridge",
    "River",
    "Island",
    "Islands",
    "Sea",
    "Ocean",
    "Mountains",
    "Valley",
    "City",
    "County",
    "Republic",
    "Europe",
    "Asia",
    "Africa",
    "America",
    "Syria",
    "Russia",
    "France",
    "Paris",
    "Moscow",
    "Washington",
    "Iraq",
    "West",
    "East",
    "North",
    "South",
    "Beijing",
    "London",
    "Berlin",
    "Brussels",
    "Ukraine",
    "China",
    "Germany",
    "Britain",
    "Hill",
    "Park",
    "Airport",
    "Station",
];

/// Most person mentions a role noun looks back over.
const LOOK_BACK: usize = 256;

/// Roles that another role's holder also has (`the diplomat` for a foreign minister or
/// an ambassador).
fn role_kin(role: &str) -> &'static [&'static str] {
    match role {
        "diplomat" => &["ambassador", "envoy", "consul", "minister", "secretary"],
        "lawmaker" | "legislator" | "politician" => &["senator", "representative", "deputy", "mp"],
        "executive" | "boss" => &["chief", "director", "chairman", "chairwoman", "president", "ceo"],
        "spokesperson" => &["spokesman", "spokeswoman"],
        "officer" => &["general", "colonel", "commander"],
        "economist" | "expert" => &["analyst", "economist", "researcher"],
        "researcher" | "scientist" => &["professor", "researcher", "scientist"],
        _ => &[],
    }
}

/// News agencies, named in datelines and `Tass reported`: sources, not speakers.
const NEWS_AGENCIES: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "Tass",
    "TASS",
    "Interfax",
    "Bloomberg",
    "RIA Novosti",
    "Xinhua",
    "UPI",
    "dpa",
    "ANSA",
    "EFE",
    "Kyodo",
    "Yonhap",
    "Sputnik",
];

/// Words in the names of the organisations a role noun stands for.
fn org_kin(role: &str) -> &'static [&'static str] {
    match role {
        "company" | "firm" | "group" | "retailer" | "chain" | "carmaker" | "maker" => COMPANY_WORDS,
        "regulator" | "bank" => &["Bank", "Commission", "Authority", "Board"],
        "ministry" | "government" | "department" | "office" | "administration" => &[
            "Ministry",
            "Government",
            "Department",
            "Office",
            "Kremlin",
            "Cabinet",
        ],
        "agency" => &["Agency", "Tass", "Reuters", "Interfax"],
        "newspaper" | "broadcaster" => &["Times", "Post", "News", "Journal", "Radio", "Television"],
        _ => &[],
    }
}

/// Roles of the people `the official` most often stands for.
const SPOKESPERSONS: &[&str] = &[
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "official",
    "representative",
    "source",
    "secretary",
];

/// Role nouns that name no particular office: resolved to the speaker quoted last.
const GENERIC_ROLES: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "representative",
    "person",
];

/// A person (or organisation) of the discourse state.
#[derive(Clone, Debug)]
struct Person {
    /// The first mention of the full name.
    name: Span,
    /// Role words written next to the name, lower-cased.
    roles: Vec<&'static str>,
    /// The gender the name, a title or a pronoun indicated.
    gender: Option<Gender>,
    /// An organisation, not a person: never `he` or `she`.
    org: bool,
}

/// A name found in the text: its span, its key (a person's surname, an
/// organisation's whole name, lower-cased), and what the words around it say.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Named<'k> {
    span: Span,
    key: &'k str,
    roles: &'k [&'static str],
    gender: Option<Gender>,
    org: bool,
    /// One capitalised word (`Volk`, `BrightLine`): a mention of a person or
    /// organisation named in full before, if there is one.
    single: bool,
}

/// Title abbreviations and the role each stands for.
pub(super) const TITLE_ROLES: &[(&str, &str)] = &[
    ("Sen", "senator"),
    ("Rep", "representative"),
    ("Gov", "governor"),
    ("Gen", "general"),
    ("Amb", "ambassador"),
    ("Prof", "professor"),
    ("Pres", "president"),
    ("Lt", "officer"),
    ("Col", "colonel"),
    ("Capt", "officer"),
    ("Sgt", "officer"),
    ("Maj", "officer"),
    ("Adm", "admiral"),
];

/// Weekdays and months: capitalised, never names.
pub(super) const TIME_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
];

/// Most words of an appositive that may hold a role (`, the ministry's spokeswoman,`).
const APPOSITIVE_WORDS: usize = 10;

/// The role a title or capitalised role word stands for, lower-cased (`Sen.` →
/// `senator`, `Spokeswoman` → `spokeswoman`), if it is one.
fn title_role(word: &str) -> Option<&'static str> {
    static LOWER_TITLES: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let bare = word.trim_end_matches('.');
    if let Some((_, role)) = TITLE_ROLES.iter().find(|(t, _)| *t == bare) {
        return Some(role);
    }
    if let Some(role) = role_noun_any_case(bare) {
        return Some(role);
    }
    // Titles that are no role noun (`Mr`, `Russian`), lower-cased once.
    let titles = LOWER_TITLES.get_or_init(|| {
        TITLES
            .iter()
            .map(|t| (*t, &*Box::leak(t.to_lowercase().into_boxed_str())))
            .collect()
    });
    titles.get(bare).copied()
}

/// The role nouns among `words`, appended to `roles`.
fn role_nouns_into(text: &str, words: &[Token], roles: &mut Vec<&'static str>) {
    let nouns = words.iter().filter(|t| t.word);
    roles.extend(nouns.filter_map(|t| role_noun_any_case(t.span.as_str(text))));
}

/// The role noun `word` is, in any case (no allocation for ASCII words).
fn role_noun_any_case(word: &str) -> Option<&'static str> {
    with_lower(word, role_noun)
}

/// The buffers [`names_in`] works in, kept from one call to the next so that reading a
/// document allocates them once.
#[derive(Default)]
struct Scratch {
    /// The tokens of a run of capitalised words (and the one after it).
    chunk: Vec<Token>,
    /// The tokens read around a name for its roles.
    context: Vec<Token>,
    /// The class of each word of the run.
    classes: Vec<Class>,
    /// The name's key, lower-cased.
    key: String,
    /// The name's roles.
    roles: Vec<&'static str>,
}

/// The persons and organisations named in `text[from..to]`, with their roles and
/// gender, given to `each` in order of their mentions.
fn names_in(text: &str, from: usize, to: usize, scratch: &mut Scratch, mut each: impl FnMut(&Named<'_>)) {
    let Scratch {
        chunk,
        context,
        classes,
        key,
        roles,
    } = scratch;
    let word = |t: &Token| t.span.as_str(text);
    // Only capitalised words can start a name: jump from one to the next, and read the
    // words around a run only when it is a person's name.
    let mut at = from;
    // The line last looked at and whether it is a headline (each line judged once).
    let mut line = (0, 0, false);
    while let Some(start) = next_capital(text, at, to) {
        if !(line.0..line.1).contains(&start) {
            let (first, end) = line_around(text, start);
            line = (first, end, is_headline(&text[first..end]));
        }
        if line.2 {
            // A headline's capitals name no one (`Coastal Shipping Leaders Meet on Sunday`).
            at = line.1.min(to).max(start + 1);
            continue;
        }
        // The run, a token at a time (each word's class looked up once), and the token
        // after it.
        chunk.clear();
        classes.clear();
        let mut next = start;
        // Whether the character after the run's last word (past one space) is a comma.
        let mut comma_after = false;
        while chunk.len() < MAX_RUN {
            let before = chunk.len();
            tokens_into(text, next, to, 1, chunk);
            let Some(t) = chunk.get(before) else { break };
            let w = word(t);
            if !(t.word && starts_upper(w)) {
                chunk.truncate(before);
                break;
            }
            next = t.span.end;
            // Does the run go on? Only if a capital (or a non-ASCII letter) follows.
            let rest = text.as_bytes()[next..to].trim_ascii_start();
            let goes_on = rest.first().is_some_and(|&b| b.is_ascii_uppercase() || b >= 0xC0);
            comma_after = rest.first() == Some(&b',');
            let class = class_of(w);
            if before == 0 && !goes_on && class.has(Class::FUNCTION) {
                break; // `The`, `He`, `In` opening a sentence
            }
            if class.has(Class::TIME) {
                chunk.truncate(before);
                break;
            }
            classes.push(class);
            if !goes_on {
                break;
            }
        }
        let run_len = classes.len();
        at = ceil_boundary(text, next.max(start + 1));
        if run_len == 0 {
            continue;
        }
        let run = &chunk[..run_len];
        // The name: after the last possessive and the last title word of the run.
        let cut = run
            .iter()
            .zip(classes.iter())
            .rposition(|(t, class)| {
                let w = word(t);
                w.ends_with("’s")
                    || w.ends_with("'s")
                    || class.has(Class::TITLE)
                    || (class.gender().is_some() && w.trim_end_matches('.').len() > 1)
            })
            .map_or(0, |p| p + 1);
        // A function word opening the run is not part of the name (`Then Sergei
        // Lavrov`); `The` may open an organisation's (`The Plain Dealer`).
        let cut = if cut == 0 && classes[0].has(Class::FUNCTION) && word(&run[0]) != "The" {
            1
        } else {
            cut
        };
        let (name, name_classes) = (&run[cut..], &classes[cut..run_len]);
        if name.is_empty() || name_classes.iter().any(|c| c.has(Class::PLACE)) {
            continue;
        }
        let org_word = name
            .iter()
            .zip(name_classes)
            .any(|(t, c)| c.has(Class::ORG) || is_acronym(word(t)));
        let the = cut == 0 && word(&name[0]) == "The" && name.len() > 1;
        let span = Span::new(name[0].span.start, name[name.len() - 1].span.end);
        // A surname after a title (`Dr. Ruiz`, `Mrs. Rivera`) introduces a person; a
        // capitalised word alone only mentions someone named before.
        let titled = classes[..cut]
            .iter()
            .any(|c| c.has(Class::TITLE) || c.gender().is_some());
        if name.len() < 2 && !org_word && !titled {
            lower_into(word(&name[0]), key);
            each(&Named {
                span,
                key,
                roles: &[],
                gender: None,
                org: false,
                single: true,
            });
            continue;
        }
        if org_word || the {
            // An organisation keeps the adjectives a person's name would not (`Russian
            // Interior Ministry`), not a function word or possessive before them.
            let first = run[..cut]
                .iter()
                .rposition(|t| {
                    let w = word(t);
                    w.ends_with("’s") || w.ends_with("'s") || (w != "The" && class_of(w).has(Class::FUNCTION))
                })
                .map_or(0, |p| p + 1);
            let span = Span::new(run[first].span.start, span.end);
            lower_into(span.as_str(text).trim_start_matches("The "), key);
            each(&Named {
                span,
                key,
                roles: &[],
                gender: None,
                org: true,
                single: false,
            });
            continue;
        }
        roles.clear();
        let titles = run[..cut].iter().zip(classes.iter());
        roles.extend(
            titles
                .filter(|(_, class)| class.has(Class::TITLE))
                .filter_map(|(t, _)| title_role(word(t))),
        );
        let mut gender = classes[..cut].iter().find_map(|c| c.gender());
        // The words before the run, read back a bounded stretch: a short one for a role
        // word right before it, a longer one for an appositive before its comma, none
        // after other punctuation.
        let previous = text[from..start].trim_end().chars().next_back();
        let back = match previous {
            Some(',') => BACK_BYTES,
            Some(c) if c.is_lowercase() => 48,
            _ => 0,
        };
        let back_from = ceil_boundary(text, start.saturating_sub(back).max(from));
        context.clear();
        if back > 0 {
            tokens_into(text, back_from, start, usize::MAX, context);
        }
        let words_before = &context[..];
        // Role words just before the run (`agency president Denise Carter`) …
        let before = &words_before[words_before.len().saturating_sub(3)..];
        let lower_roles = before
            .iter()
            .rev()
            .take_while(|t| t.word && !starts_upper(word(t)) && is_role_word(word(t)))
            .count();
        role_nouns_into(text, &before[before.len() - lower_roles..], roles);
        // … or in an appositive before it (`The mayor of Saint-Denis, Claire Duval,`) …
        if lower_roles == 0 && words_before.last().is_some_and(|t| word(t) == ",") {
            let end = words_before.len() - 1;
            let back = &words_before[end.saturating_sub(APPOSITIVE_WORDS)..end];
            let from = back.iter().rposition(|t| !t.word).map_or(0, |p| p + 1);
            role_nouns_into(text, &back[from..], roles);
        }
        // … or after it (`Irina Volk, the ministry's spokeswoman,`).
        if comma_after && run_len == classes.len() {
            let comma = text[span.end..to].find(',').map_or(to, |i| span.end + i + 1);
            let first = context.len();
            tokens_into(text, comma, to, APPOSITIVE_WORDS, context);
            let ahead = &context[first..];
            let to = ahead.iter().position(|t| !t.word).unwrap_or(ahead.len());
            let opener = ahead.first().map(word);
            if opener.is_some_and(|o| {
                is_determiner(o) || o.ends_with("’s") || o.ends_with("'s") || role_noun_any_case(o).is_some()
            }) {
                role_nouns_into(text, &ahead[..to], roles);
            }
        }
        gender = gender
            .or_else(|| roles.iter().find_map(|r| gender::of_title(r)))
            .or_else(|| gender::of_first_name(word(&name[0])))
            .or_else(|| gender::of_surname(word(&name[name.len() - 1])));
        lower_into(word(&name[name.len() - 1]), key);
        each(&Named {
            span,
            key,
            roles,
            gender,
            org: false,
            single: false,
        });
    }
}

/// The byte range of the line of `text` around byte `at` (without its line break).
fn line_around(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let first = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i);
    (first, end)
}

/// Whether `line` is a headline: short, not ended like a sentence, and in title case
/// (four words or more, nearly all capitalised but for small words).
fn is_headline(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 200 || line.ends_with(['.', ':', '"', '”', '’', ',', ';']) {
        return false;
    }
    let (mut words, mut capitalised) = (0, 0);
    for word in line.split_whitespace() {
        let Some(first) = word.chars().next().filter(|c| c.is_alphabetic()) else {
            continue;
        };
        if first.is_lowercase() && is_title_case_small_word(word) {
            continue;
        }
        words += 1;
        capitalised += usize::from(first.is_uppercase());
    }
    words >= 4 && capitalised * 10 >= words * 9
}

/// `word` in lower case, into `out` (cleared first).
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Most words of a run of capitals read as one name phrase.
const MAX_RUN: usize = 12;

/// Bytes read back from a name for the roles written before it.
const BACK_BYTES: usize = 160;

/// The start of the next word at or after `at` (before `to`) that begins with a
/// capital letter: a byte scan, decoding only non-ASCII characters.
fn next_capital(text: &str, mut at: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let is_start = |at: usize| {
        let c = if bytes[at].is_ascii() {
            bytes[at] as char
        } else {
            text[at..].chars().next().unwrap_or(' ')
        };
        c.is_uppercase()
            && text[..at]
                .chars()
                .next_back()
                .is_none_or(|p| !(p.is_alphanumeric() || matches!(p, '\'' | '’' | '-' | '.')))
    };
    // Sixty-four bytes at a time: a bitmask of capitals and lead bytes.
    while at + BLOCK <= to {
        let mut mask = capitals(bytes, at);
        while mask != 0 {
            let i = at + mask.trailing_zeros() as usize;
            if is_start(i) {
                return Some(i);
            }
            mask &= mask - 1;
        }
        at += BLOCK;
    }
    while at < to {
        let b = bytes[at];
        if (b.is_ascii_uppercase() || b >= 0xC0) && is_start(at) {
            return Some(at);
        }
        at += 1;
    }
    None
}

fn is_acronym(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2
            && !bytes.iter().any(u8::is_ascii_lowercase);
    }
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// The attributions of `quotes` (in document order, with their sentence windows, cues
/// and kinds), with the discourse state built from `text` as it goes.
pub fn attribute(
    text: &str,
    quotes: &[QuotedSpan],
    windows: &[Span],
    cues: &[Option<Cue>],
    kinds: &[QuoteKind],
) -> Vec<Attribution> {
    thread_local! {
        /// The state of the thread's last document, emptied for the next one: its room
        /// is kept, so a batch allocates it once per thread.
        static STATE: RefCell<State> = RefCell::default();
    }
    STATE.with_borrow_mut(|state| {
        state.clear();
        attribute_with(text, quotes, windows, cues, kinds, state)
    })
}

/// [`attribute`] with the discourse state given (empty).
fn attribute_with(
    text: &str,
    quotes: &[QuotedSpan],
    windows: &[Span],
    cues: &[Option<Cue>],
    kinds: &[QuoteKind],
    state: &mut State,
) -> Vec<Attribution> {
    let mut read_to = 0;
    // The first quote whose opening mark the state has not read up to.
    let mut unread = 0;
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    let mut last_speaker: Option<Said> = None;
    for (q, quote) in quotes.iter().enumerate() {
        // Read the text before the cue or quote into the state, skipping quotes (each
        // stretch of text once: linear).
        let cue = cues[q];
        let horizon = cue.map_or(quote.open.start, |c| c.speaker.end.max(quote.open.start));
        while let Some(other) = quotes.get(unread).filter(|o| o.open.start < horizon) {
            if other.open.start > read_to {
                state.read(text, read_to, other.open.start);
            }
            read_to = read_to.max(other.close.map_or(other.inner.end, |c| c.end));
            unread += 1;
        }
        if read_to < horizon {
            state.read(text, read_to, horizon);
            read_to = horizon;
        }
        let attribution = resolve(text, quote, windows[q], cue, kinds[q], state, last_speaker);
        if let Some(speaker) = attribution.speaker {
            last_speaker = Some(Said {
                paragraph: quote.paragraph,
                window: windows[q],
                speaker,
            });
        }
        out.push(attribution);
    }
    out
}

/// The discourse state: the persons (and organisations) named so far, by key, and
/// their mentions in order: (position, person index).
#[derive(Default)]
struct State {
    persons: Vec<Person>,
    /// Persons by surname, organisations by name and by the first word of their name
    /// (`brightline`).
    by_key: KeyMap,
    mentions: Vec<(usize, usize)>,
    scratch: Scratch,
}

impl State {
    /// Forgets every person, keeping the memory.
    fn clear(&mut self) {
        self.persons.clear();
        self.by_key.clear();
        self.mentions.clear();
    }

    /// Adds the persons named in `text[from..to]`.
    fn read(&mut self, text: &str, from: usize, to: usize) {
        let mut scratch = std::mem::take(&mut self.scratch);
        names_in(text, from, to, &mut scratch, |named| self.add(named));
        self.scratch = scratch;
    }

    /// Adds one name found in the text.
    fn add(&mut self, named: &Named<'_>) {
        if named.single {
            // `Volk said`, `BrightLine said`: a mention of someone named before.
            let known = self.by_key.get(named.key);
            if let Some(index) = known {
                self.mentions.push((named.span.start, index));
            }
            return;
        }
        let index = self.by_key.get_or_insert(named.key, self.persons.len());
        if index == self.persons.len() {
            self.persons.push(Person {
                name: named.span,
                roles: Vec::new(),
                gender: None,
                org: named.org,
            });
        }
        if named.org {
            // `BrightLine` alone later names `BrightLine Stores` (unless the word is
            // someone's surname).
            if let Some(first) = named.key.split_whitespace().next().filter(|f| *f != named.key) {
                self.by_key.get_or_insert(first, index);
            }
        }
        let person = &mut self.persons[index];
        for role in named.roles {
            if !person.roles.contains(role) {
                person.roles.push(role);
            }
        }
        person.gender = person.gender.or(named.gender);
        self.mentions.push((named.span.start, index));
    }

    /// The organisation `the ROLE` (`the company`, `the regulator`) stands for before
    /// byte `at`: one whose name has a word of the role's kind (`Corp`, `Bank`), else the
    /// one mentioned most (the latest of those).
    fn organisation(&self, text: &str, role: &str, at: usize) -> Option<&(usize, usize)> {
        let kinds = org_kin(role);
        // News agencies are sources, not subjects, unless the role says so.
        let agency = |p: usize| {
            let name = self.persons[p].name.as_str(text);
            NEWS_AGENCIES.iter().any(|a| name.eq_ignore_ascii_case(a))
        };
        let agency_role = matches!(role, "agency" | "newspaper" | "broadcaster");
        let orgs: Vec<&(usize, usize)> = self
            .before(at)
            .filter(|(_, p)| self.persons[*p].org && (agency_role || !agency(*p)))
            .collect();
        let of_kind = orgs.iter().find(|(_, p)| {
            self.persons[*p]
                .name
                .as_str(text)
                .split_whitespace()
                .any(|w| kinds.contains(&w.trim_end_matches('.')))
        });
        of_kind.copied().or_else(|| {
            let count = |p: usize| orgs.iter().filter(|(_, q)| *q == p).count();
            // `max_by_key` keeps the last of equals; the list is latest first.
            orgs.iter().rev().max_by_key(|(_, p)| count(*p)).copied()
        })
    }

    /// The mentions before byte `at`, latest first, at most [`LOOK_BACK`].
    fn before(&self, at: usize) -> impl Iterator<Item = &(usize, usize)> {
        let end = self.mentions.partition_point(|(p, _)| *p < at);
        self.mentions[..end].iter().rev().take(LOOK_BACK)
    }
}

/// The last quote with a speaker: where it was and who.
#[derive(Clone, Copy, Debug)]
struct Said {
    paragraph: usize,
    window: Span,
    speaker: Span,
}

/// The attribution of one quote.
#[allow(clippy::too_many_arguments)]
fn resolve(
    text: &str,
    quote: &QuotedSpan,
    window: Span,
    cue: Option<Cue>,
    kind: QuoteKind,
    state: &mut State,
    last_speaker: Option<Said>,
) -> Attribution {
    let none = Attribution {
        mention: cue.map(|c| c.speaker),
        speaker: None,
        how: Resolution::None,
    };
    if kind == QuoteKind::Title {
        return Attribution {
            mention: None,
            ..none
        };
    }
    let Some(cue) = cue else {
        // A statement with no cue goes on from the quote before it in its paragraph,
        // or from the paragraph before when it continues that one's quote; a partial
        // quote from a quote of its own sentence (`“…,” said Malashenko, pointing out
        // that it is perennial and “it will never disappear.”`).
        return match last_speaker {
            Some(said)
                if (kind == QuoteKind::Statement
                    && (said.paragraph == quote.paragraph
                        || (quote.continues && said.paragraph + 1 == quote.paragraph)))
                    || (kind == QuoteKind::Partial && said.window == window) =>
            {
                Attribution {
                    mention: None,
                    speaker: Some(said.speaker),
                    how: Resolution::Continuation,
                }
            }
            _ => none,
        };
    };
    // The attribution to the person of a mention found in the state, if one was.
    let to_person = |state: &State, mention: Option<usize>, how| match mention {
        Some(person) => Attribution {
            speaker: Some(state.persons[person].name),
            how,
            ..none
        },
        None => none,
    };
    // A mention with an appositive (`Luc Vandamme, a 52-year-old dairy farmer`, `the
    // lawyer, Maxim Tarasov`) is resolved by its name.
    let whole = cue.speaker.as_str(text);
    let mention = whole
        .split(',')
        .map(str::trim)
        .find(|part| part.split_whitespace().last().is_some_and(starts_upper))
        .unwrap_or(whole);
    // The part's span in the text (the parts are slices of the mention).
    let part_start = cue.speaker.start + (mention.as_ptr() as usize - whole.as_ptr() as usize);
    let part = Span::new(part_start, part_start + mention.len());
    let words: Vec<&str> = mention.split_whitespace().collect();
    let head = words.first().copied().unwrap_or_default();
    let last = words.last().copied().unwrap_or_default();
    if words.len() == 1 && is_pronoun(head) {
        let person = if head.eq_ignore_ascii_case("it") {
            state
                .before(cue.speaker.start)
                .find(|(_, p)| state.persons[*p].org)
                .map(|(_, p)| *p)
        } else if let Some(gender) = gender::of_pronoun(head) {
            // The person named last whose gender fits (known or not); the pronoun
            // then tells an unknown one.
            let found = state
                .before(cue.speaker.start)
                .find(|(_, p)| {
                    let person = &state.persons[*p];
                    !person.org && person.gender.is_none_or(|g| g == gender)
                })
                .map(|(_, p)| *p);
            if let Some(p) = found {
                state.persons[p].gender.get_or_insert(gender);
            }
            found
        } else {
            None
        };
        return to_person(state, person, Resolution::Pronoun);
    }
    if ["a", "an", "one"].iter().any(|d| head.eq_ignore_ascii_case(d)) && !starts_upper(last) {
        return none; // `an unnamed government source`: someone not named
    }
    if is_determiner(head) && !starts_upper(last) {
        let role = last.to_lowercase();
        let at = cue.speaker.start;
        let role_gender = gender::of_title(&role);
        let person_fits =
            |p: &Person| !p.org && (p.gender.is_none() || role_gender.is_none() || p.gender == role_gender);
        if GENERIC_ROLES.contains(&role.as_str()) {
            // `the official`: the spokesperson or official named last, else the speaker
            // quoted last, else the person named last.
            let spokesperson = state.before(at).find(|(_, p)| {
                let person = &state.persons[*p];
                person_fits(person) && person.roles.iter().any(|r| SPOKESPERSONS.contains(r))
            });
            if let Some(&(_, p)) = spokesperson {
                return to_person(state, Some(p), Resolution::Role);
            }
            if let Some(said) = last_speaker {
                return Attribution {
                    speaker: Some(said.speaker),
                    how: Resolution::Role,
                    ..none
                };
            }
            let anyone = state.before(at).find(|(_, p)| person_fits(&state.persons[*p]));
            return to_person(state, anyone.map(|(_, p)| *p), Resolution::Role);
        }
        let org_role = is_org_role(&role);
        let kin = role_kin(&role);
        let with_role = state
            .before(at)
            .find(|(_, p)| {
                state.persons[*p]
                    .roles
                    .iter()
                    .any(|r| *r == role || kin.contains(r))
            })
            .or_else(|| org_role.then(|| state.organisation(text, &role, at)).flatten())
            // No one was named with the role: the person named last it fits.
            .or_else(|| {
                (!org_role)
                    .then(|| state.before(at).find(|(_, p)| person_fits(&state.persons[*p])))
                    .flatten()
            });
        return to_person(state, with_role.map(|(_, p)| *p), Resolution::Role);
    }
    if !starts_upper(last) {
        return none; // `Pro-government bloggers`
    }
    let key = last.to_lowercase();
    if words.len() == 2 && is_determiner(head) && !state.by_key.contains_key(&key) {
        // `the Serb`, `the Frenchman`: a description, not a name: the person named last.
        let person = state
            .before(cue.speaker.start)
            .find(|(_, p)| !state.persons[*p].org)
            .map(|(_, p)| *p);
        if person.is_some() {
            return to_person(state, person, Resolution::Role);
        }
    }
    // A name: the person whose surname (or the organisation whose name) it ends with,
    // as named first.
    let org_key = mention
        .trim_start_matches("The ")
        .trim_start_matches("the ")
        .to_lowercase();
    let known = state.by_key.get(&key).or_else(|| state.by_key.get(&org_key));
    if cue.pattern == CuePattern::Setup && known.is_none_or(|p| state.persons[p].org) {
        // A sentence's subject before a quote speaks only if it is a person named before.
        return Attribution {
            mention: None,
            ..none
        };
    }
    let speaker = known.map_or(part, |p| state.persons[p].name);
    Attribution {
        speaker: Some(speaker),
        how: Resolution::Named,
        ..none
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_titles_possessives_roles_and_gender() {
        let text =
            "Russian Interior Ministry spokeswoman Irina Volk said. U.S. President Barack Obama agreed \
                    with Moscow Carnegie Center’s Alexei Malashenko and the Islamic State. The mayor of \
                    Saint-Denis, Claire Duval, spoke on Monday with Sen. Mark Dwyer, a Republican from Ohio, \
                    and Jonas Weil, the minister's spokesman. The Plain Dealer reported it.";
        type Row<'t> = (&'t str, String, Vec<&'static str>, Option<Gender>, bool);
        let mut found: Vec<Row<'_>> = Vec::new();
        names_in(text, 0, text.len(), &mut Scratch::default(), |n| {
            if !n.single {
                found.push((
                    n.span.as_str(text),
                    n.key.to_string(),
                    n.roles.to_vec(),
                    n.gender,
                    n.org,
                ));
            }
        });
        let person = |name, key: &str, roles: &[&'static str], gender| {
            (name, key.to_string(), roles.to_vec(), gender, false)
        };
        let org = |name, key: &str| (name, key.to_string(), Vec::new(), None, true);
        use Gender::*;
        assert_eq!(
            found,
            [
                org("Russian Interior Ministry", "russian interior ministry"),
                person("Irina Volk", "volk", &["spokeswoman"], Some(Female)),
                person("Barack Obama", "obama", &["president"], Some(Male)),
                person("Alexei Malashenko", "malashenko", &[], Some(Male)),
                org("Islamic State", "islamic state"),
                person("Claire Duval", "duval", &["mayor"], Some(Female)),
                person("Mark Dwyer", "dwyer", &["senator"], Some(Male)),
                person("Jonas Weil", "weil", &["spokesman"], Some(Male)),
                org("The Plain Dealer", "plain dealer"),
            ]
        );
    }
}
