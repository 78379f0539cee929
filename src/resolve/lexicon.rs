//! Word lists of the guesser: titles, heads of organisation and place names,
//! name particles, and capitalised words that are never part of a name.
//!
//! Kept apart from the rules so they read as data.

use once_cell::sync::Lazy;

use crate::word_map::WordMap;

/// Titles before a person's name ("Foreign Minister Frank-Walter Steinmeier").
pub(crate) static PERSON_TITLES: &[&str] = &[
    "Adm.",
    "Admiral",
    "Ambassador",
    "Archbishop",
    "Ayatollah",
    "Bishop",
    "Brig.",
    "Brigadier",
    "Capt.",
    "Captain",
    "Cardinal",
    "Chancellor",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Col.",
    "Colonel",
    "Commander",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Cpl.",
    "Dame",
    "Deputy",
    "Director",
    "Dr.",
    "Emir",
    "Envoy",
    "Gen.",
    "General",
    "Gov.",
    "Governor",
    "Imam",
    "Judge",
    "Justice",
    "King",
    "Lady",
    "Lord",
    "Lt.",
    "Maj.",
    "Major",
    "Mayor",
    "Minister",
    "Monsignor",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Mullah",
    "PM",
    "Pope",
    "Premier",
    "President",
    "Prince",
    "Princess",
    "Prof.",
    "Professor",
    "Queen",
    "Rabbi",
    "Rep.",
    "Representative",
    "Rev.",
    "Secretary",
    "Sen.",
    "Senator",
    "Sergeant",
    "Sgt.",
    "Sheikh",
    "Sir",
    "Speaker",
    "Sultan",
    "analyst",
    "commander",
    "correspondent",
    "daughter",
    "director",
    "envoy",
    "husband",
    "lawmaker",
    "leader",
    "minister",
    "president",
    "professor",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "widow",
    "wife",
];

/// Words that may sit inside a title phrase ("Secretary of State", "Deputy
/// Foreign Minister", "Chief of Staff").
pub(crate) static TITLE_FILLERS: &[&str] = &[
    "Affairs",
    "Attorney",
    "Chief",
    "Defence",
    "Defense",
    "Deputy",
    "Economy",
    "Energy",
    "Finance",
    "First",
    "Foreign",
    "General",
    "Health",
    "Home",
    "Interior",
    "Justice",
    "Lt.",
    "Maj.",
    "Gen.",
    "National",
    "Prime",
    "Security",
    "Staff",
    "State",
    "Trade",
    "Vice",
    "of",
    "the",
    "Treasury",
    "Commerce",
    "Education",
    "Environment",
    "Transport",
    "Labour",
    "Labor",
];

/// Last words of organisation names.
pub(crate) static ORG_HEADS: &[&str] = &[
    "Agency",
    "Airlines",
    "Airways",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Brigade",
    "Brigades",
    "Bureau",
    "Cabinet",
    "Center",
    "Centre",
    "Chamber",
    "Church",
    "Club",
    "College",
    "Command",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Co.",
    "Corp",
    "Corp.",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Directorate",
    "FC",
    "Federation",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Group",
    "Guard",
    "Guards",
    "Inc",
    "Inc.",
    "Institute",
    "Institution",
    "League",
    "Ltd",
    "Ltd.",
    "Ministry",
    "Movement",
    "Network",
    "News",
    "Observatory",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Partners",
    "Party",
    "Police",
    "Press",
    "Programme",
    "Program",
    "School",
    "Service",
    "Services",
    "Society",
    "Tribunal",
    "Trust",
    "Union",
    "University",
];

/// First words (with their preposition) of organisation names.
pub(crate) const ORG_STARTS: &[(&str, &str)] = &[
    ("Bank", "of"),
    ("Center", "for"),
    ("Centre", "for"),
    ("Council", "on"),
    ("Council", "of"),
    ("Council", "for"),
    ("Department", "of"),
    ("Federation", "of"),
    ("Front", "for"),
    ("Institute", "of"),
    ("Institute", "for"),
    ("League", "of"),
    ("Ministry", "of"),
    ("Office", "of"),
    ("Organization", "for"),
    ("Organization", "of"),
    ("Organisation", "for"),
    ("Organisation", "of"),
    ("Party", "of"),
    ("Union", "of"),
    ("University", "of"),
    ("Committee", "for"),
    ("Committee", "of"),
    ("Commission", "for"),
    ("Commission", "on"),
];

/// Last words of place names.
pub(crate) static PLACE_HEADS: &[&str] = &[
    "Airport",
    "Arena",
    "Avenue",
    "Base",
    "Bay",
    "Boulevard",
    "Bridge",
    "Camp",
    "Canal",
    "Cathedral",
    "Crossing",
    "Dam",
    "Desert",
    "Gate",
    "Heights",
    "Highway",
    "Hills",
    "Hospital",
    "Hotel",
    "Island",
    "Islands",
    "Lake",
    "Mosque",
    "Mountain",
    "Mountains",
    "Ocean",
    "Palace",
    "Park",
    "Peninsula",
    "Plaza",
    "Port",
    "Province",
    "Region",
    "River",
    "Road",
    "Sea",
    "Square",
    "Stadium",
    "Station",
    "Strait",
    "Street",
    "Valley",
    "Zoo",
];

/// First words (with their preposition) of place names.
pub(crate) const PLACE_STARTS: &[(&str, &str)] = &[
    ("Bay", "of"),
    ("Gulf", "of"),
    ("Sea", "of"),
    ("Strait", "of"),
    ("Straits", "of"),
    ("Isle", "of"),
    ("Cape", "of"),
];

/// Nouns after "X, a …" that make X a place.
pub(crate) static PLACE_NOUNS: &[&str] = &[
    "city",
    "district",
    "neighborhood",
    "neighbourhood",
    "port",
    "province",
    "region",
    "suburb",
    "town",
    "village",
];

/// Particles inside personal names ("Bashar al-Assad", "Staffan de Mistura").
pub(crate) static NAME_PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le",
    "van", "von", "y",
];

/// Connectors inside organisation and place names.
pub(crate) static NAME_CONNECTORS: &[&str] = &["of", "for", "and", "the", "on", "in", "&", "de"];

/// Capitalised words that are never part of a name.
pub(crate) static NOT_NAMES: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "April",
    "As",
    "At",
    "August",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "December",
    "Despite",
    "During",
    "Each",
    "Even",
    "Every",
    "February",
    "For",
    "Friday",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "Last",
    "March",
    "May",
    "Meanwhile",
    "Monday",
    "More",
    "Most",
    "My",
    "New",
    "Next",
    "No",
    "Not",
    "November",
    "Now",
    "October",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Our",
    "Over",
    "Saturday",
    "September",
    "She",
    "Since",
    "So",
    "Some",
    "Sunday",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thursday",
    "To",
    "Today",
    "Tuesday",
    "Under",
    "Until",
    "We",
    "Wednesday",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "Yesterday",
    "Tomorrow",
];

/// Words that introduce bylines and credits ("Reporting by", "Editing by").
pub(crate) static CREDIT_WORDS: &[&str] = &[
    "Reporting",
    "reporting",
    "Writing",
    "writing",
    "Editing",
    "editing",
    "Compiled",
    "compiled",
    "Additional",
    "Photographs",
    "photographs",
    "Photo",
    "Video",
    "Produced",
    "produced",
];

/// Words of sport, lower case: a document with two different ones is read
/// as a sports page (`resolve::tables`).
pub(crate) const SPORTS_WORDS: &[&str] = &[
    "athletics",
    "baseball",
    "basketball",
    "batsman",
    "bowler",
    "championship",
    "coach",
    "cricket",
    "cup",
    "cycling",
    "defender",
    "division",
    "drawn",
    "football",
    "goal",
    "goals",
    "goalkeeper",
    "golf",
    "hockey",
    "homer",
    "inning",
    "innings",
    "league",
    "match",
    "matches",
    "midfielder",
    "pitcher",
    "played",
    "premier",
    "rugby",
    "season",
    "soccer",
    "standings",
    "striker",
    "tennis",
    "tournament",
    "wicket",
    "wickets",
];

/// The lists a word may be in, as bits of [`lists_of`].
pub(crate) mod list {
    pub const NAME_PARTICLES: u16 = 1;
    pub const NOT_NAMES: u16 = 1 << 1;
    pub const ORG_HEADS: u16 = 1 << 2;
    pub const PLACE_HEADS: u16 = 1 << 3;
    pub const PERSON_TITLES: u16 = 1 << 4;
    pub const TITLE_FILLERS: u16 = 1 << 5;
    pub const NAME_CONNECTORS: u16 = 1 << 6;
    pub const CREDIT_WORDS: u16 = 1 << 7;
    pub const PLACE_NOUNS: u16 = 1 << 8;
    /// [`SPORTS_WORDS`](super::SPORTS_WORDS), also capitalised and in
    /// capitals ("Soccer", "SOCCER").
    pub const SPORTS: u16 = 1 << 9;
}

/// Every word of the lists the guesser asks about, with its lists' bits.
static LISTS_OF: Lazy<WordMap<u16>> = Lazy::new(|| {
    let mut map = WordMap::default();
    for (words, bit) in [
        (NAME_PARTICLES, list::NAME_PARTICLES),
        (NOT_NAMES, list::NOT_NAMES),
        (ORG_HEADS, list::ORG_HEADS),
        (PLACE_HEADS, list::PLACE_HEADS),
        (PERSON_TITLES, list::PERSON_TITLES),
        (TITLE_FILLERS, list::TITLE_FILLERS),
        (NAME_CONNECTORS, list::NAME_CONNECTORS),
        (CREDIT_WORDS, list::CREDIT_WORDS),
        (PLACE_NOUNS, list::PLACE_NOUNS),
    ] {
        for &w in words {
            *map.get_or_insert_with(w.as_bytes(), || 0) |= bit;
        }
    }
    for &w in SPORTS_WORDS {
        let capitalised = format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
        for form in [w.to_string(), capitalised, w.to_ascii_uppercase()] {
            *map.get_or_insert_with(form.as_bytes(), || 0) |= list::SPORTS;
        }
    }
    map
});

/// The lists `word` is in, as bits of [`list`]: one lookup for all of them.
pub(crate) fn lists_of(word: &str) -> u16 {
    LISTS_OF.get(word.as_bytes()).unwrap_or(0)
}

/// Whether `word` is in `list`, by a scan: for the short lists, and for
/// words that are not one token (the guesser asks [`lists_of`] per token).
pub(crate) fn contains(list: &'static [&'static str], word: &str) -> bool {
    list.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_agree_with_lists() {
        for list in [PERSON_TITLES, NOT_NAMES, ORG_HEADS, NAME_CONNECTORS] {
            for w in list.iter() {
                assert!(contains(list, w), "{w}");
            }
            assert!(!contains(list, "Zzyzx"));
        }
        assert!(contains(PERSON_TITLES, "Secretary"));
        assert!(!contains(PERSON_TITLES, "secretaryy"));
    }
}
