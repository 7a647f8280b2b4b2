//! The world's states as a brief names them: each with its key, its usual English name, the other names it goes by (short forms, acronyms, and capitals used for governments, as "Pyongyang" for North Korea) and the adjectives made from it.
//!
//! Policy texts name states far more often than anything else, and by many
//! names; a state found here is a `state` actor under one key, whatever the
//! text calls it. Capitals are listed only for the states whose capital
//! commonly stands for the government.

/// One state.
pub struct State {
    pub key: &'static str,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub demonyms: &'static [&'static str],
}

macro_rules! states {
    ($(($key:literal, $name:literal, [$($alias:literal),*], [$($demonym:literal),*])),* $(,)?) => {
        &[$(State { key: $key, name: $name, aliases: &[$($alias),*], demonyms: &[$($demonym),*] }),*]
    };
}

/// The states, by their usual English names.
pub const STATES: &[State] = states![
    ("afghanistan", "Afghanistan", ["Kabul"], ["Afghan"]),
    ("albania", "Albania", [], ["Albanian"]),
    ("algeria", "Algeria", ["Algiers"], ["Algerian"]),
    ("angola", "Angola", [], ["Angolan"]),
    (
        "argentina",
        "Argentina",
        ["Buenos Aires"],
        ["Argentine", "Argentinian"]
    ),
    ("armenia", "Armenia", ["Yerevan"], ["Armenian"]),
    ("australia", "Australia", ["Canberra"], ["Australian"]),
    ("austria", "Austria", ["Vienna"], ["Austrian"]),
    ("azerbaijan", "Azerbaijan", ["Baku"], ["Azerbaijani"]),
    ("bahrain", "Bahrain", [], ["Bahraini"]),
    ("bangladesh", "Bangladesh", ["Dhaka"], ["Bangladeshi"]),
    ("belarus", "Belarus", ["Minsk"], ["Belarusian"]),
    ("belgium", "Belgium", [], ["Belgian"]),
    ("bolivia", "Bolivia", [], ["Bolivian"]),
    (
        "bosnia-and-herzegovina",
        "Bosnia and Herzegovina",
        ["Bosnia"],
        ["Bosnian"]
    ),
    ("brazil", "Brazil", ["Brasilia", "Brasília"], ["Brazilian"]),
    ("bulgaria", "Bulgaria", ["Sofia"], ["Bulgarian"]),
    ("cambodia", "Cambodia", ["Phnom Penh"], ["Cambodian"]),
    ("cameroon", "Cameroon", [], ["Cameroonian"]),
    ("canada", "Canada", ["Ottawa"], ["Canadian"]),
    ("chile", "Chile", ["Santiago"], ["Chilean"]),
    (
        "china",
        "China",
        ["Beijing", "People's Republic of China", "PRC"],
        ["Chinese"]
    ),
    ("colombia", "Colombia", ["Bogotá", "Bogota"], ["Colombian"]),
    ("croatia", "Croatia", ["Zagreb"], ["Croatian"]),
    ("cuba", "Cuba", ["Havana"], ["Cuban"]),
    ("cyprus", "Cyprus", ["Nicosia"], ["Cypriot"]),
    (
        "czechia",
        "Czechia",
        ["Czech Republic", "Prague"],
        ["Czech"]
    ),
    ("denmark", "Denmark", ["Copenhagen"], ["Danish"]),
    ("ecuador", "Ecuador", ["Quito"], ["Ecuadorian"]),
    ("egypt", "Egypt", ["Cairo"], ["Egyptian"]),
    ("eritrea", "Eritrea", [], ["Eritrean"]),
    ("estonia", "Estonia", ["Tallinn"], ["Estonian"]),
    ("ethiopia", "Ethiopia", ["Addis Ababa"], ["Ethiopian"]),
    ("finland", "Finland", ["Helsinki"], ["Finnish"]),
    ("france", "France", ["Paris", "French Republic"], ["French"]),
    ("georgia", "Georgia", ["Tbilisi"], ["Georgian"]),
    (
        "germany",
        "Germany",
        ["Berlin", "Federal Republic of Germany"],
        ["German"]
    ),
    ("ghana", "Ghana", ["Accra"], ["Ghanaian"]),
    ("greece", "Greece", ["Athens"], ["Greek"]),
    ("hungary", "Hungary", ["Budapest"], ["Hungarian"]),
    ("iceland", "Iceland", ["Reykjavik"], ["Icelandic"]),
    ("india", "India", ["New Delhi"], ["Indian"]),
    ("indonesia", "Indonesia", ["Jakarta"], ["Indonesian"]),
    (
        "iran",
        "Iran",
        ["Tehran", "Islamic Republic of Iran"],
        ["Iranian"]
    ),
    ("iraq", "Iraq", ["Baghdad"], ["Iraqi"]),
    ("ireland", "Ireland", ["Dublin"], ["Irish"]),
    ("israel", "Israel", ["Jerusalem"], ["Israeli"]),
    ("italy", "Italy", ["Rome"], ["Italian"]),
    ("japan", "Japan", ["Tokyo"], ["Japanese"]),
    ("jordan", "Jordan", ["Amman"], ["Jordanian"]),
    ("kazakhstan", "Kazakhstan", ["Astana"], ["Kazakh"]),
    ("kenya", "Kenya", ["Nairobi"], ["Kenyan"]),
    ("kuwait", "Kuwait", [], ["Kuwaiti"]),
    ("kyrgyzstan", "Kyrgyzstan", ["Bishkek"], ["Kyrgyz"]),
    ("laos", "Laos", ["Vientiane"], ["Lao", "Laotian"]),
    ("latvia", "Latvia", ["Riga"], ["Latvian"]),
    ("lebanon", "Lebanon", ["Beirut"], ["Lebanese"]),
    ("libya", "Libya", ["Tripoli"], ["Libyan"]),
    ("lithuania", "Lithuania", ["Vilnius"], ["Lithuanian"]),
    ("malaysia", "Malaysia", ["Kuala Lumpur"], ["Malaysian"]),
    ("mali", "Mali", ["Bamako"], ["Malian"]),
    ("mexico", "Mexico", ["Mexico City"], ["Mexican"]),
    ("moldova", "Moldova", ["Chisinau"], ["Moldovan"]),
    ("mongolia", "Mongolia", ["Ulaanbaatar"], ["Mongolian"]),
    ("morocco", "Morocco", ["Rabat"], ["Moroccan"]),
    ("myanmar", "Myanmar", ["Burma", "Naypyidaw"], ["Burmese"]),
    ("nepal", "Nepal", ["Kathmandu"], ["Nepali", "Nepalese"]),
    (
        "netherlands",
        "Netherlands",
        ["The Hague", "Holland"],
        ["Dutch"]
    ),
    ("new-zealand", "New Zealand", ["Wellington"], []),
    ("nigeria", "Nigeria", ["Abuja"], ["Nigerian"]),
    (
        "north-korea",
        "North Korea",
        ["DPRK", "Democratic People's Republic of Korea", "Pyongyang"],
        ["North Korean"]
    ),
    ("norway", "Norway", ["Oslo"], ["Norwegian"]),
    ("oman", "Oman", ["Muscat"], ["Omani"]),
    ("pakistan", "Pakistan", ["Islamabad"], ["Pakistani"]),
    (
        "palestine",
        "Palestine",
        ["State of Palestine"],
        ["Palestinian"]
    ),
    ("peru", "Peru", ["Lima"], ["Peruvian"]),
    (
        "philippines",
        "Philippines",
        ["Manila"],
        ["Filipino", "Philippine"]
    ),
    ("poland", "Poland", ["Warsaw"], ["Polish"]),
    ("portugal", "Portugal", ["Lisbon"], ["Portuguese"]),
    ("qatar", "Qatar", ["Doha"], ["Qatari"]),
    ("romania", "Romania", ["Bucharest"], ["Romanian"]),
    (
        "russia",
        "Russia",
        ["Moscow", "Kremlin", "Russian Federation"],
        ["Russian"]
    ),
    ("saudi-arabia", "Saudi Arabia", ["Riyadh"], ["Saudi"]),
    ("serbia", "Serbia", ["Belgrade"], ["Serbian"]),
    ("singapore", "Singapore", [], ["Singaporean"]),
    ("slovakia", "Slovakia", ["Bratislava"], ["Slovak"]),
    ("slovenia", "Slovenia", ["Ljubljana"], ["Slovenian"]),
    ("somalia", "Somalia", ["Mogadishu"], ["Somali"]),
    (
        "south-africa",
        "South Africa",
        ["Pretoria"],
        ["South African"]
    ),
    (
        "south-korea",
        "South Korea",
        ["Republic of Korea", "ROK", "Seoul"],
        ["South Korean"]
    ),
    ("south-sudan", "South Sudan", ["Juba"], ["South Sudanese"]),
    ("spain", "Spain", ["Madrid"], ["Spanish"]),
    ("sri-lanka", "Sri Lanka", ["Colombo"], ["Sri Lankan"]),
    ("sudan", "Sudan", ["Khartoum"], ["Sudanese"]),
    ("sweden", "Sweden", ["Stockholm"], ["Swedish"]),
    ("switzerland", "Switzerland", ["Bern"], ["Swiss"]),
    ("syria", "Syria", ["Damascus"], ["Syrian"]),
    (
        "taiwan",
        "Taiwan",
        ["Taipei", "Republic of China", "ROC"],
        ["Taiwanese"]
    ),
    ("tajikistan", "Tajikistan", ["Dushanbe"], ["Tajik"]),
    ("thailand", "Thailand", ["Bangkok"], ["Thai"]),
    ("tunisia", "Tunisia", ["Tunis"], ["Tunisian"]),
    ("turkey", "Turkey", ["Türkiye", "Ankara"], ["Turkish"]),
    ("turkmenistan", "Turkmenistan", ["Ashgabat"], ["Turkmen"]),
    ("uganda", "Uganda", ["Kampala"], ["Ugandan"]),
    ("ukraine", "Ukraine", ["Kyiv", "Kiev"], ["Ukrainian"]),
    (
        "united-arab-emirates",
        "United Arab Emirates",
        ["UAE", "Abu Dhabi"],
        ["Emirati"]
    ),
    (
        "uk",
        "United Kingdom",
        ["UK", "U.K.", "Britain", "Great Britain", "London"],
        ["British"]
    ),
    (
        "us",
        "United States",
        [
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "United States of America",
            "America",
            "Washington"
        ],
        ["American"]
    ),
    ("uruguay", "Uruguay", ["Montevideo"], ["Uruguayan"]),
    ("uzbekistan", "Uzbekistan", ["Tashkent"], ["Uzbek"]),
    ("venezuela", "Venezuela", ["Caracas"], ["Venezuelan"]),
    ("vietnam", "Vietnam", ["Viet Nam", "Hanoi"], ["Vietnamese"]),
    ("yemen", "Yemen", ["Sanaa"], ["Yemeni"]),
    ("zimbabwe", "Zimbabwe", ["Harare"], ["Zimbabwean"]),
];

/// The state a name or alias (exactly as written, or with "the" before it) stands for.
pub fn state_named(name: &str) -> Option<&'static State> {
    let name = name.strip_prefix("the ").unwrap_or(name);
    STATES
        .iter()
        .find(|s| s.name == name || s.aliases.contains(&name))
}

/// The state an adjective ("North Korean", "Chinese") is made from.
pub fn state_of_demonym(word: &str) -> Option<&'static State> {
    STATES.iter().find(|s| s.demonyms.contains(&word))
}

/// The longest number of words, at the start of `words`, that name a state
/// or are an adjective of one, with the state and whether it was an adjective.
pub fn state_prefix(words: &[&str]) -> Option<(usize, &'static State, bool)> {
    (1..=words.len().min(6)).rev().find_map(|n| {
        let name = words[..n].join(" ");
        if let Some(s) = state_named(&name) {
            return Some((n, s, false));
        }
        state_of_demonym(&name).map(|s| (n, s, true))
    })
}
