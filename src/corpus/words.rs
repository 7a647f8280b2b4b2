//! The words generated briefs are made of: names of states, organisations and people, roles, kinds, events, and the parts of sentences.

pub const STATES: &[&str] = &[
    "Arvenia",
    "Belmora",
    "Caldessa",
    "Dunmark",
    "Estrovia",
    "Farland",
    "Galvany",
    "Hesperia",
    "Istrana",
    "Jorvik",
    "Kestrel Republic",
    "Lunaria",
];
pub const ORGANISATION_KINDS: &[&str] = &[
    "Council",
    "Institute",
    "Agency",
    "Committee",
    "Ministry",
    "Commission",
    "Bureau",
    "Forum",
];
pub const ORGANISATION_TOPICS: &[&str] = &[
    "Maritime Security",
    "Trade Policy",
    "Energy Affairs",
    "Strategic Studies",
    "Humanitarian Relief",
    "Arms Control",
    "Foreign Affairs",
    "Regional Dialogue",
];
pub const GIVEN: &[&str] = &[
    "Amal", "Boris", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
    "Kemal", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tove",
];
pub const FAMILY: &[&str] = &[
    "Adler", "Brandt", "Castell", "Dorn", "Ekberg", "Falk", "Grieve", "Holm", "Ivers", "Jansen",
    "Kovac", "Lind", "Moreau", "Novak", "Ortega", "Pauls", "Quist", "Reyes", "Sato", "Tamm",
];
pub const ROLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Special Envoy",
    "Senior Analyst",
    "Ambassador",
    "Spokesperson",
    "Director",
];
pub const SOURCE_KINDS: &[&str] = &[
    "report",
    "interview",
    "statement",
    "speech",
    "media",
    "briefing",
    "document",
];
pub const EVENT_NOUNS: &[&str] = &[
    "summit",
    "naval exercise",
    "trade agreement",
    "missile test",
    "border incident",
    "envoy visit",
    "sanctions vote",
    "ceasefire talks",
];
pub const SUBJECTS: &[&str] = &[
    "the coastal fleet",
    "the trade delegation",
    "the border garrison",
    "the energy ministry",
    "the central bank",
    "the ruling council",
    "the opposition bloc",
    "the customs service",
    "the relief mission",
    "the research reactor",
];
pub const VERBS: &[&str] = &[
    "moved",
    "expanded",
    "suspended",
    "resumed",
    "doubled",
    "withdrew",
    "announced",
    "reviewed",
    "restricted",
    "financed",
];
pub const OBJECTS: &[&str] = &[
    "its patrols near the strait",
    "grain shipments to the north",
    "talks with the neighbouring envoys",
    "the pipeline construction",
    "inspections at the harbour",
    "funding for the new port",
    "military drills in the region",
    "contacts with the monitoring mission",
    "imports of dual-use equipment",
    "the exchange of prisoners",
];
pub const MOTIVES: &[&str] = &[
    "to gain leverage before the next round of negotiations",
    "to split the coalition that imposed the sanctions",
    "to test the resolve of its neighbours",
    "to secure hard currency for its budget",
    "to win time for its weapons programme",
    "to present itself as a responsible partner",
    "to deflect attention from domestic unrest",
    "to open a channel that bypasses its patrons",
];
pub const HEDGES: &[&str] = &[
    "could be",
    "may",
    "might",
    "would probably",
    "likely",
    "unlikely",
    "very likely",
    "almost certainly",
    "can",
    "roughly even chance",
];
pub const CONFIDENCE: &[&str] = &["low", "moderate", "high"];
pub const CLAIM_HEDGES: &[&str] = &["may", "could", "probably", "likely"];

// The roster (`--actors`): names made of a family name and two syllables,
// every combination different, and decoys whose last syllable is none of
// `ROSTER_LAST`, so that a decoy is never the name of another actor.
pub const ROSTER_FAMILY: &[&str] = &[
    "Kim", "Ri", "Pak", "Choe", "Jang", "Han", "Ryu", "O", "Jo", "Kang", "Song", "Hwang", "Jon",
    "Mun", "Yun", "Sin", "An", "Ho", "Paek", "Chon",
];
pub const ROSTER_FIRST: &[&str] = &[
    "yong", "jong", "chol", "song", "myong", "hyok", "sun", "gwang", "il", "nam", "su", "chun",
    "ho", "hui", "jin", "dok", "man", "sok", "ung", "bom", "tae", "yon", "ok", "gil", "hak",
    "pyong", "rim", "sam", "jae", "gun",
];
pub const ROSTER_LAST: &[&str] = &[
    "ho", "un", "il", "chol", "nam", "su", "jin", "ae", "gyu", "sik", "hwan", "ryong", "bok",
    "hun", "ik", "mo", "sang", "dal", "byol", "gon", "hyon", "ju", "po", "ran",
];
pub const DECOY_LAST: &[&str] = &["xa", "xo", "xu", "xe"];
