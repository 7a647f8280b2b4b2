//! The author's hedges as likelihood bands: ICD 203's terms, the survey bands for may/might/could, and the map's own entries.
//!
//! A hedge is matched by the longest table term that occurs in it as whole
//! words: "would probably" is "probably", "may have wanted" is "may". The
//! map's `[hedges]` entries are searched first, so a map can override any row.

/// One row of the hedge table.
#[derive(Debug, Clone, PartialEq)]
pub struct HedgeEntry {
    /// The term, in lower case (`"probably"`, `"roughly even chance"`).
    pub term: String,
    /// The band in percent, when the term states a likelihood at all.
    pub band: Option<(u8, u8)>,
    /// Where the band comes from.
    pub scale: String,
}

/// ICD 203 (2015), section D.6.e: seven likelihood terms, each with a synonym.
pub const ICD_203: &[(&str, u8, u8)] = &[
    ("almost no chance", 1, 5),
    ("remote", 1, 5),
    ("very unlikely", 5, 20),
    ("highly improbable", 5, 20),
    ("unlikely", 20, 45),
    ("improbable", 20, 45),
    ("roughly even chance", 45, 55),
    ("roughly even odds", 45, 55),
    ("likely", 55, 80),
    ("probable", 55, 80),
    ("probably", 55, 80),
    ("very likely", 80, 95),
    ("highly probable", 80, 95),
    ("almost certain", 95, 99),
    ("almost certainly", 95, 99),
    ("nearly certain", 95, 99),
];

/// Words outside every official scale, with the interquartile band that
/// surveys of readers give them (CAPphrase, n = 5,174; Mauboussin &
/// Mauboussin 2018): about 40 %, from 25 to 50 %.
pub const SURVEY: &[(&str, u8, u8)] = &[("may", 25, 50), ("might", 25, 50), ("could", 25, 50)];

/// Words of capability: recorded, with no likelihood.
pub const CAPABILITY: &[&str] = &["can"];

/// The scale name written for ICD 203 rows.
pub const ICD_203_SCALE: &str = "ICD 203";
/// The scale name written for survey rows.
pub const SURVEY_SCALE: &str = "survey";
/// The scale name written for words of capability.
pub const CAPABILITY_SCALE: &str = "capability";

/// The built-in table.
pub fn builtin_table() -> Vec<HedgeEntry> {
    let mut table = Vec::new();
    for (term, low, high) in ICD_203 {
        table.push(HedgeEntry {
            term: term.to_string(),
            band: Some((*low, *high)),
            scale: ICD_203_SCALE.into(),
        });
    }
    for (term, low, high) in SURVEY {
        table.push(HedgeEntry {
            term: term.to_string(),
            band: Some((*low, *high)),
            scale: SURVEY_SCALE.into(),
        });
    }
    for term in CAPABILITY {
        table.push(HedgeEntry {
            term: term.to_string(),
            band: None,
            scale: CAPABILITY_SCALE.into(),
        });
    }
    table
}

/// Finds the entry for `hedge`: the map's own entries first, then the
/// built-in table; within each, the longest term found as whole words.
pub fn lookup<'a>(
    hedge: &str,
    map_entries: &'a [HedgeEntry],
    builtin: &'a [HedgeEntry],
) -> Option<&'a HedgeEntry> {
    let words = normalise(hedge);
    [map_entries, builtin].into_iter().find_map(|table| {
        table
            .iter()
            .filter(|entry| contains_words(&words, &normalise(&entry.term)))
            .max_by_key(|entry| entry.term.len())
    })
}

/// The words of `text`, lower-cased, for whole-word matching.
pub fn normalise(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the words `needle` occur in order, side by side, in `haystack`.
pub fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_term_wins() {
        let table = builtin_table();
        assert_eq!(
            lookup("would probably", &[], &table).unwrap().band,
            Some((55, 80))
        );
        assert_eq!(
            lookup("is very likely", &[], &table).unwrap().band,
            Some((80, 95))
        );
        assert_eq!(lookup("could be", &[], &table).unwrap().scale, "survey");
        assert_eq!(lookup("can", &[], &table).unwrap().band, None);
        assert!(lookup("seems", &[], &table).is_none());
        // "unlikely" is a word of its own, not "likely".
        assert_eq!(
            lookup("unlikely", &[], &table).unwrap().band,
            Some((20, 45))
        );
    }

    #[test]
    fn the_map_overrides() {
        let table = builtin_table();
        let mine = vec![HedgeEntry {
            term: "could".into(),
            band: Some((10, 30)),
            scale: "map".into(),
        }];
        assert_eq!(
            lookup("could be", &mine, &table).unwrap().band,
            Some((10, 30))
        );
    }
}
