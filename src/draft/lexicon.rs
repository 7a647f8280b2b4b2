//! The word lists the drafter reads English with: abbreviations, function words, cues of attribution, inference and contrast, titles, and the words that mark organisations, places and events.
//!
//! Every list is lower case and matched against whole words; the drafter
//! never guesses from a word it does not find here or in the text itself.

/// Abbreviations whose full stop does not end a sentence ("Dr. Kim",
/// "No. 10", "Dec. 13"), without the stop. Letters with inner stops
/// ("U.S.", "e.g.") are recognised by their shape instead.
#[rustfmt::skip]
pub const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "approx", "art", "assn", "aug", "capt", "cf", "ch", "cmdr", "co", "col", "corp",
    "dec", "dept", "dr", "est", "etc", "feb", "fig", "gen", "gov", "hon", "inc", "jan", "jr", "jul",
    "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct",
    "op", "para", "pp", "prof", "rep", "rev", "sec", "sen", "sep", "sept", "sgt", "sr", "st",
    "univ", "vol", "vols", "vs",
];

/// Function words and discourse markers: never a name, never a key word.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "afterwards", "again", "against", "all",
    "almost", "along", "already", "also", "although", "always", "among", "amongst", "an", "and",
    "another", "any", "anyway", "are", "around", "as", "at", "be", "became", "because", "become",
    "been", "before", "being", "below", "besides", "between", "beyond", "both", "but", "by", "can",
    "cannot", "could", "currently", "did", "do", "does", "doing", "done", "down", "due", "during",
    "each", "either", "else", "even", "ever", "every", "except", "few", "finally", "first",
    "firstly", "for", "fourth", "from", "further", "furthermore", "had", "has", "have", "having",
    "he", "hence", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i",
    "if", "in", "indeed", "instead", "into", "is", "it", "its", "itself", "just", "last", "lastly",
    "least", "less", "many", "may", "me", "meanwhile", "might", "more", "moreover", "most", "much",
    "must", "my", "namely", "neither", "never", "nevertheless", "next", "no", "nonetheless", "nor",
    "not", "now", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other",
    "others", "otherwise", "our", "ours", "out", "over", "own", "per", "perhaps", "rather",
    "recently", "regarding", "same", "second", "secondly", "seems", "several", "shall", "she",
    "should", "similarly", "since", "so", "some", "still", "such", "than", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "thereby", "therefore", "these", "they",
    "third", "thirdly", "this", "those", "though", "through", "throughout", "thus", "to",
    "together", "too", "toward", "towards", "under", "unless", "until", "up", "upon", "us", "very",
    "via", "was", "we", "were", "what", "whatever", "when", "whenever", "where", "whereas",
    "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
    "would", "yet", "you", "your",
];

/// Words that open a sentence without naming anything: a capitalised one of
/// these at a sentence's start is not the start of a name.
#[rustfmt::skip]
pub const SENTENCE_OPENERS: &[&str] = &[
    "accordingly", "additionally", "admittedly", "again", "altogether", "among", "amid",
    "attention", "besides", "consequently", "conversely", "currently", "despite", "earlier",
    "eventually", "fifth", "following", "given", "here", "historically", "ideally", "importantly",
    "initially", "instead", "interestingly", "later", "likewise", "many", "meanwhile", "more",
    "most", "notably", "overall", "particularly", "presumably", "previously", "regarding",
    "separately", "significantly", "sixth", "specifically", "subsequently", "today",
    "traditionally", "ultimately", "unlike", "yesterday",
];

/// Month names, and their abbreviations, with their numbers.
pub const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Days of the week, Monday first.
#[rustfmt::skip]
pub const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Verbs and phrases that attribute what follows to a speaker: the mark of
/// a reported item. Each is a sequence of lower-case words.
#[rustfmt::skip]
pub const ATTRIBUTION: &[&str] = &[
    "according to", "acknowledged", "added", "affirmed", "announced", "announces", "argued",
    "argues", "asserted", "asserting", "asserts", "briefed", "claimed", "claims", "confirmed",
    "declared", "denied", "emphasised", "emphasized", "explained", "in a statement",
    "in an interview", "insisted", "mentioned", "noted", "reiterated", "reported", "reports",
    "said", "saying", "says", "a statement that", "stated", "states that", "stressed", "stresses",
    "told", "warned", "wrote",
];

/// Evidential and hedging words that mark the author's own inference.
#[rustfmt::skip]
pub const INFERENCE: &[&str] = &[
    "apparently", "appear to", "appears", "appeared", "clearly", "consequently", "could",
    "evidently", "hence", "implied", "implies", "imply", "implying", "indicate", "indicated",
    "indicates", "indicating", "likely", "may", "might", "must have", "must be", "perhaps",
    "possibly", "presumably", "probable", "probably", "seem", "seemed", "seems", "show that",
    "showed that", "shown that", "shows that", "suggest", "suggested", "suggesting", "suggests",
    "therefore", "thus", "unlikely",
];

/// Words that set a sentence against the one before it, when they come
/// in its first few words.
#[rustfmt::skip]
pub const CONTRAST: &[&str] = &[
    "but", "conversely", "however", "in contrast", "nevertheless", "nonetheless",
    "on the other hand", "still", "yet",
];

/// Words that open a concessive clause: "Although A, B" sets A against B.
pub const CONCESSIVE: &[&str] = &["although", "even though", "though", "whereas"];

/// Words that join a reason to a claim: "A since B" gives B as support for A.
pub const REASONS: &[&str] = &["because", "given that", "since"];

/// Words that say the readings of a question are rivals.
#[rustfmt::skip]
pub const RIVALRY: &[&str] = &[
    "alternative", "alternatively", "competing", "either", "instead", "mutually exclusive",
    "or rather", "rival", "rivals",
];

/// Words that say the readings of a question add up.
#[rustfmt::skip]
pub const COMPLEMENT: &[&str] = &[
    "additionally", "also", "as well as", "both", "furthermore", "in addition", "moreover",
];

/// Ordinals that open an item of an enumeration, with their place ("finally"
/// and "lastly" take the place after the one before them).
pub const ORDINALS: &[(&str, usize)] = &[
    ("first", 1),
    ("firstly", 1),
    ("first of all", 1),
    ("in the first place", 1),
    ("second", 2),
    ("secondly", 2),
    ("in the second place", 2),
    ("third", 3),
    ("thirdly", 3),
    ("fourth", 4),
    ("fourthly", 4),
    ("fifth", 5),
    ("fifthly", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("finally", 0),
    ("lastly", 0),
];

/// Nouns for the readings of a question: what "the following four ways" or
/// "possible motivations include" count.
#[rustfmt::skip]
pub const READING_NOUNS: &[&str] = &[
    "accounts", "aims", "answers", "causes", "components", "explanations", "factors", "goals",
    "hypotheses", "interpretations", "intentions", "methods", "motivations", "motives",
    "objectives", "options", "possibilities", "purposes", "readings", "reasons", "scenarios",
    "theories", "ways",
];

/// Number words, for "four ways" and "two methods".
pub const NUMBERS: &[(&str, usize)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("several", 0),
    ("various", 0),
    ("following", 0),
];

/// Words of a title or office: a name made only of these (and of places and
/// organisations) is a role, and one just before a name marks a person.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "admiral", "advisor", "adviser", "affairs", "ambassador", "assistant", "attorney", "cabinet",
    "captain", "chair", "chairman", "chairperson", "chairwoman", "chancellor", "chief", "colonel",
    "commander", "commissioner", "counsel", "counsellor", "deputy", "director", "dr", "economist",
    "emperor", "envoy", "executive", "fellow", "foreign", "general", "governor", "head",
    "high-ranking", "judge", "justice", "king", "leader", "lieutenant", "mayor", "minister", "mr",
    "mrs", "ms", "officer", "official", "political", "pope", "premier", "president", "prime",
    "prince", "princess", "prof", "professor", "queen", "representative", "researcher", "secretary",
    "secretary-general", "senator", "senior", "speaker", "special", "spokesman", "spokesperson",
    "spokeswoman", "state", "under-secretary", "under-secretary-general", "vice",
];

/// Words that make a name an organisation's.
#[rustfmt::skip]
pub const ORGANISATION_WORDS: &[&str] = &[
    "academy", "administration", "agency", "alliance", "army", "assembly", "association",
    "authority", "bank", "board", "broadcasting", "bureau", "cabinet", "center", "centre",
    "coalition", "college", "command", "commission", "committee", "company", "conference",
    "congress", "corporation", "council", "court", "courier", "daily", "department", "division",
    "federation", "forces", "foundation", "front", "fund", "gazette", "government", "group",
    "guard", "herald", "inc", "institute", "institution", "journal", "league", "ltd", "media",
    "ministry", "movement", "navy", "network", "news", "office", "organisation", "organization",
    "parliament", "party", "police", "post", "press", "program", "programme", "radio", "regime",
    "reserve", "secretariat", "senate", "service", "society", "system", "television", "times",
    "tribunal", "tribune", "union", "university",
];

/// Words that make an organisation a news medium, whose reports are media sources.
#[rustfmt::skip]
pub const MEDIA_WORDS: &[&str] = &[
    "broadcasting", "courier", "daily", "gazette", "herald", "journal", "media", "news", "post",
    "press", "radio", "television", "times", "tribune",
];

/// Lower-case words that continue a name before them into an organisation:
/// "the Trump administration".
pub const ORGANISATION_TAILS: &[&str] = &["administration", "government", "regime"];

/// Words that make a name a place's.
#[rustfmt::skip]
pub const PLACE_WORDS: &[&str] = &[
    "bay", "border", "city", "coast", "county", "desert", "gulf", "island", "islands", "lake",
    "mountains", "ocean", "peninsula", "province", "region", "river", "sea", "strait", "valley",
];

/// Lower-case words that may sit inside a name: "Minister of Foreign
/// Affairs", "Board of Governors of the Federal Reserve System".
#[rustfmt::skip]
pub const NAME_JOINERS: &[&str] = &[
    "al", "bin", "da", "de", "del", "di", "du", "for", "la", "le", "of", "the", "van", "von",
];

/// Nouns that name what happened, for an event's key: "visit", "launch".
#[rustfmt::skip]
pub const EVENT_NOUNS: &[&str] = &[
    "accession", "address", "agreement", "announcement", "appointment", "attack", "ballot",
    "bombing", "briefing", "ceasefire", "conference", "crisis", "debate", "decision", "election",
    "elections", "exercise", "hearing", "incident", "interview", "invasion", "launch", "meeting",
    "meetings", "negotiations", "offer", "operation", "protest", "referendum", "release", "report",
    "resolution", "review", "sanctions", "session", "shortages", "speech", "statement", "strike",
    "summit", "talks", "test", "treaty", "trip", "visit", "vote", "war",
];

/// Words that say two things happened at about the same time.
#[rustfmt::skip]
pub const COINCIDENCE: &[&str] = &[
    "around the time of", "at the same time as", "coincided with", "coinciding with",
];

/// Whether `word` (lower case) is in `list`, which is small enough to scan.
pub fn is(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Where the phrase `phrase` (lower-case words) starts in `words` (lower case), at or after `from`.
pub fn find_phrase(words: &[String], phrase: &str, from: usize) -> Option<usize> {
    let parts: Vec<&str> = phrase.split(' ').collect();
    if parts.is_empty() || words.len() < parts.len() {
        return None;
    }
    (from..=words.len() - parts.len())
        .find(|&i| parts.iter().enumerate().all(|(k, p)| words[i + k] == *p))
}

/// The first phrase of `list` found in `words`, with where it starts, by position in the words.
pub fn first_of<'a>(words: &[String], list: &[&'a str]) -> Option<(usize, &'a str)> {
    list.iter()
        .filter_map(|p| Some((find_phrase(words, p, 0)?, *p)))
        .min_by_key(|(at, p)| (*at, std::cmp::Reverse(p.len())))
}

/// The number a month name stands for.
pub fn month(word: &str) -> Option<u8> {
    MONTHS.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)
}
