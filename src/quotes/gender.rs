//! Grammatical gender of persons, for resolving `he` and `she` without a model: from
//! titles and role nouns (`Mrs`, `spokeswoman`, `King`), from a list of common first
//! names (`data/first_names.txt`, compiled in), and from Russian surname endings
//! (`Zakharova`, `Peskov`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::words::with_lower;

/// The gender a pronoun or a name indicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// `she`, `Mrs`, `Irina`.
    Female,
    /// `he`, `Mr`, `Sergei`.
    Male,
}

/// The list's text.
const FIRST_NAMES: &str = include_str!("data/first_names.txt");

/// The gender of a first name (any case), if the list gives it one (and only one).
pub fn of_first_name(name: &str) -> Option<Gender> {
    static NAMES: OnceLock<FxHashMap<&'static str, Option<Gender>>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names: FxHashMap<&'static str, Option<Gender>> = FxHashMap::default();
        for line in FIRST_NAMES.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let mut words = line.split_whitespace();
            let gender = match words.next() {
                Some("f") => Gender::Female,
                Some("m") => Gender::Male,
                _ => continue,
            };
            for word in words {
                let entry = names.entry(word).or_insert(Some(gender));
                if *entry != Some(gender) {
                    *entry = None; // listed as both: unknown
                }
            }
        }
        names
    });
    with_lower(name, |lower| names.get(lower).copied().flatten())
}

/// Titles and role words of women, lower case.
const FEMALE_TITLES: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "madame",
    "mme",
    "queen",
    "princess",
    "lady",
    "dame",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
    "countess",
    "duchess",
    "empress",
    "actress",
    "baroness",
    "sister",
    "mother",
    "wife",
    "daughter",
    "woman",
    "policewoman",
];

/// Titles and role words of men, lower case.
const MALE_TITLES: &[&str] = &[
    "mr",
    "monsieur",
    "m",
    "king",
    "prince",
    "lord",
    "sir",
    "spokesman",
    "chairman",
    "congressman",
    "businessman",
    "count",
    "duke",
    "emperor",
    "baron",
    "brother",
    "father",
    "husband",
    "son",
    "man",
    "pope",
    "sheikh",
    "policeman",
];

/// Every gendered title, lower case.
pub(super) fn titles() -> impl Iterator<Item = (&'static str, Gender)> {
    let female = FEMALE_TITLES.iter().map(|&w| (w, Gender::Female));
    female.chain(MALE_TITLES.iter().map(|&w| (w, Gender::Male)))
}

/// The gender a title or role word (any case, without its period) indicates.
pub fn of_title(word: &str) -> Option<Gender> {
    static TITLES: OnceLock<FxHashMap<&'static str, Gender>> = OnceLock::new();
    let titles = TITLES.get_or_init(|| titles().collect());
    with_lower(word, |lower| titles.get(lower).copied())
}

/// The gender a Russian-style surname indicates (`Zakharova`, `Peskov`, `Volkova`,
/// `Matviyenko` none).
pub fn of_surname(surname: &str) -> Option<Gender> {
    with_lower(surname, surname_gender)
}

fn surname_gender(s: &str) -> Option<Gender> {
    if ["ova", "eva", "yova", "ina", "skaya", "tskaya"]
        .iter()
        .any(|e| s.ends_with(e))
        && s.chars().count() > 4
    {
        Some(Gender::Female)
    } else if ["ov", "ev", "yov", "in", "sky", "skiy", "skii"]
        .iter()
        .any(|e| s.ends_with(e))
        && s.chars().count() > 3
    {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender of a pronoun (`he`, `she`; any case).
pub fn of_pronoun(word: &str) -> Option<Gender> {
    if word.eq_ignore_ascii_case("she") || word.eq_ignore_ascii_case("her") {
        Some(Gender::Female)
    } else if word.eq_ignore_ascii_case("he")
        || word.eq_ignore_ascii_case("his")
        || word.eq_ignore_ascii_case("him")
    {
        Some(Gender::Male)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_titles_and_surnames() {
        assert_eq!(of_first_name("Irina"), Some(Gender::Female));
        assert_eq!(of_first_name("SERGEI"), Some(Gender::Male));
        assert_eq!(of_first_name("Jean"), None); // listed as both
        assert_eq!(of_first_name("Zorblax"), None);
        assert_eq!(of_title("Spokeswoman"), Some(Gender::Female));
        assert_eq!(of_title("minister"), None);
        assert_eq!(of_surname("Zakharova"), Some(Gender::Female));
        assert_eq!(of_surname("Peskov"), Some(Gender::Male));
        assert_eq!(of_surname("Volk"), None);
        assert_eq!(of_pronoun("She"), Some(Gender::Female));
        assert_eq!(of_pronoun("they"), None);
    }
}
