//! Named cases of what the default extractor finds in a sentence.

use newsgraph::{DefaultGazetteers, EntityKind, Extractor, MentionKind};

/// `(name, text, expected (surface, kind, canonical name) in text order)`.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, EntityKind, &'static str)],
);

const PERSON: EntityKind = EntityKind::Person;
const PLACE: EntityKind = EntityKind::Place;
const ORG: EntityKind = EntityKind::Organisation;

const CASES: &[Case] = &[
    (
        "given name that is a common word, inside a sentence",
        "The veteran defender Tony Adams scored twice, and Mike Lincoln did not.",
        &[
            ("Tony Adams", PERSON, "Tony Adams"),
            ("Mike Lincoln", PERSON, "Mike Lincoln"),
        ],
    ),
    (
        "clubs named by their towns in a results line",
        "Results of South Korean league matches on Saturday:\nPohang 3 Ulsan 2\nCincinnati 18 COLORADO 7",
        &[
            ("Pohang", ORG, "Pohang"),
            ("Ulsan", ORG, "Ulsan"),
            ("Cincinnati", ORG, "Cincinnati"),
            ("COLORADO", ORG, "Colorado"),
        ],
    ),
    (
        "a surname that is also a place, repeated after the full name",
        "Kevin Washington, the team's new striker, scored twice. Washington said the win mattered.",
        &[
            ("Kevin Washington", PERSON, "Kevin Washington"),
            ("Washington", PERSON, "Kevin Washington"),
        ],
    ),
    (
        "the same in CoNLL's space-joined tokens",
        "Kevin Washington , the team 's new striker , scored twice . Washington said the win mattered .",
        &[
            ("Kevin Washington", PERSON, "Kevin Washington"),
            ("Washington", PERSON, "Kevin Washington"),
        ],
    ),
    (
        "the surname's place where the text says place",
        "Kevin Washington flew to Washington on Monday.",
        &[
            ("Kevin Washington", PERSON, "Kevin Washington"),
            ("Washington", PLACE, "Washington, D.C."),
        ],
    ),
    (
        "clubs in a standings table on a sports page",
        "Soccer - third division standings after Saturday's matches (played, won, drawn, lost, goals for, against, points):\nHartlepool 5 3 1 1 9 4 10\nGillingham 5 2 2 1 7 6 8",
        &[
            ("Hartlepool", ORG, "Hartlepool"),
            ("Gillingham", ORG, "Gillingham"),
        ],
    ),
    (
        "the same in CoNLL's space-joined tokens",
        "Soccer - third division standings after Saturday 's matches ( played , won , drawn , lost , goals for , against , points ) :\nHartlepool 5 3 1 1 9 4 10\nGillingham 5 2 2 1 7 6 8",
        &[
            ("Hartlepool", ORG, "Hartlepool"),
            ("Gillingham", ORG, "Gillingham"),
        ],
    ),
    (
        "a baseball standings table in capitals",
        "Baseball - major league standings after Sunday's games:\nEASTERN DIVISION W L PCT GB\nBOSTON 70 62 .530 -\nDETROIT 61 71 .462 9",
        &[("BOSTON", ORG, "Boston"), ("DETROIT", ORG, "Detroit")],
    ),
    (
        "a weather table is no sports page: its cities stay places",
        "World weather on Tuesday (high and low in Celsius, then Fahrenheit):\nTokyo 25 18 77 64\nParis 21 12 70 54",
        &[("Tokyo", PLACE, "Tokyo"), ("Paris", PLACE, "Paris")],
    ),
    (
        "clubs named by club words on a sports page",
        "The midfielder joined Newcastle last season, and the Southampton manager wants him back for the league run-in.",
        &[
            ("Newcastle", ORG, "Newcastle"),
            ("Southampton", ORG, "Southampton"),
        ],
    ),
    (
        "the same words away from sport leave places",
        "The mayor joined Boston officials at the ceremony, and the Chicago team of planners left.",
        &[("Boston", PLACE, "Boston"), ("Chicago", PLACE, "Chicago")],
    ),
    (
        "clubs no list knows, in a results line",
        "Rugby union - Scottish league results on Saturday:\nDunmore Harps 17 Ballinamore 54",
        &[
            ("Dunmore Harps", ORG, "Dunmore Harps"),
            ("Ballinamore", ORG, "Ballinamore"),
        ],
    ),
    (
        "clubs no list knows, in a standings table",
        "Soccer - Irish league standings (played, won, drawn, lost, goals for, against, points):\nDunmore Harps 4 3 0 1 9 4 9\nStenhouse 4 1 2 1 5 5 5",
        &[
            ("Dunmore Harps", ORG, "Dunmore Harps"),
            ("Stenhouse", ORG, "Stenhouse"),
        ],
    ),
    (
        "athletes before their countries in a finishing order",
        "Athletics - women's pole vault final at the grand prix meeting:\n1. Tatyana Grigorieva (Russia) 4.45 metres\n2. Marian Olesko (Ukraine) 4.40",
        &[
            ("Tatyana Grigorieva", PERSON, "Tatyana Grigorieva"),
            ("Russia", PLACE, "Russia"),
            ("Marian Olesko", PERSON, "Marian Olesko"),
            ("Ukraine", PLACE, "Ukraine"),
        ],
    ),
    (
        "the same in CoNLL's space-joined tokens",
        "Athletics - women 's pole vault final at the grand prix meeting :\n1. Tatyana Grigorieva ( Russia ) 4.45 metres",
        &[
            ("Tatyana Grigorieva", PERSON, "Tatyana Grigorieva"),
            ("Russia", PLACE, "Russia"),
        ],
    ),
    (
        "a cricket scorecard: the side, initials and surnames, dismissals",
        "Cricket - county championship scores on the second day:\nKelwick 312 (R. Dunmore 104, T. Abernathy 61)\nS. Arbuthnot c Lowe b Pilkington 44",
        &[
            ("Kelwick", ORG, "Kelwick"),
            ("R. Dunmore", PERSON, "R. Dunmore"),
            ("T. Abernathy", PERSON, "T. Abernathy"),
            ("S. Arbuthnot", PERSON, "S. Arbuthnot"),
            ("Lowe", PERSON, "Lowe"),
            ("Pilkington", PERSON, "Pilkington"),
        ],
    ),
    (
        "the same in CoNLL's space-joined tokens",
        "Cricket - county championship scores on the second day :\nKelwick 312 ( R. Dunmore 104 , T. Abernathy 61 )\nS. Arbuthnot c Lowe b Pilkington 44",
        &[
            ("Kelwick", ORG, "Kelwick"),
            ("R. Dunmore", PERSON, "R. Dunmore"),
            ("T. Abernathy", PERSON, "T. Abernathy"),
            ("S. Arbuthnot", PERSON, "S. Arbuthnot"),
            ("Lowe", PERSON, "Lowe"),
            ("Pilkington", PERSON, "Pilkington"),
        ],
    ),
    (
        "a market table is no sports page",
        "Markets - closing prices on Friday:\nDunmore Holdings 4.45 4.50 4.40\nKelwick Mining 12.10 12.25 12.00",
        // A company by its last word; no club by its row.
        &[("Dunmore Holdings", ORG, "Dunmore Holdings")],
    ),
    (
        "organisations and clubs by the last word of their names",
        "Shares fell on the Tokyo Stock Exchange, and Cambridge United lost at home.",
        &[
            ("Tokyo Stock Exchange", ORG, "Tokyo Stock Exchange"),
            ("Cambridge United", ORG, "Cambridge United"),
        ],
    ),
    (
        "an athlete whose surname is a town, before a country in brackets",
        "Athletics - results of the season's last grand prix:\n2. Bob Kennedy (U.S.) 13:06.12",
        &[("Bob Kennedy", PERSON, "Bob Kennedy"), ("U.S.", PLACE, "United States")],
    ),
    (
        "the same in CoNLL's space-joined tokens",
        "Athletics - results of the season 's last grand prix :\n2. Bob Kennedy ( U.S. ) 13:06.12",
        &[("Bob Kennedy", PERSON, "Bob Kennedy"), ("U.S.", PLACE, "United States")],
    ),
    (
        "an acronym in brackets after a name no list knows",
        "The National Bank of Romania (BNR) lifted its rate. The BNR meets again in May.",
        &[
            ("Romania", PLACE, "Romania"),
            ("BNR", ORG, "BNR"),
            ("BNR", ORG, "BNR"),
        ],
    ),
    (
        "the same in CoNLL's space-joined tokens, the name free",
        "Supporters of the Kelwick Workers Federation ( KWF ) marched . The KWF said so .",
        &[
            ("Kelwick Workers Federation", ORG, "Kelwick Workers Federation"),
            ("KWF", ORG, "Kelwick Workers Federation"),
            ("KWF", ORG, "Kelwick Workers Federation"),
        ],
    ),
    (
        "an acronym after words in small letters names nothing",
        "Figures for gross domestic product (GDP) rose.",
        &[],
    ),
    (
        "a fixture: the visiting club, then the city it plays in",
        "Baseball - major league games on Tuesday:\nATLANTA AT CHICAGO\nBOSTON AT SEATTLE",
        &[
            ("ATLANTA", ORG, "Atlanta"),
            ("CHICAGO", PLACE, "Chicago"),
            ("BOSTON", ORG, "Boston"),
            ("SEATTLE", PLACE, "Seattle"),
        ],
    ),
    (
        "places and organisations inside the names of events are no mentions",
        "Edberg's stay at the U.S. Open ended, a year after the UEFA Cup final in Hong Kong.",
        &[("Hong Kong", PLACE, "Hong Kong")],
    ),
    (
        "the same in CoNLL's tokens and capitals",
        "TENNIS - RESULTS FROM THE U.S. OPEN .\nQuarter-final results in the Hong Kong Open on Friday :",
        &[],
    ),
    (
        "numbers in prose are no scores",
        "Envoys went from Paris 3 times and to London 2 times last year.",
        &[("Paris", PLACE, "Paris"), ("London", PLACE, "London")],
    ),
    (
        "a city and its state",
        "Microsoft, based in Redmond, Washington, said on Monday it would cut jobs.",
        &[
            ("Microsoft", ORG, "Microsoft"),
            ("Redmond", PLACE, "Redmond"),
            ("Washington", PLACE, "Washington"),
        ],
    ),
    (
        "a city and its state in CoNLL's tokens",
        "REDMOND , Washington 1996-08-22",
        &[
            ("REDMOND", PLACE, "Redmond"),
            ("Washington", PLACE, "Washington"),
        ],
    ),
    (
        "the same in CoNLL's space-joined tokens",
        "England defender Tony Adams 's second goal came late .",
        &[
            ("England", PLACE, "England"),
            ("Tony Adams", PERSON, "Tony Adams"),
        ],
    ),
    (
        "a surname that is only a town's alternate name",
        "Tony Adams scored twice on Saturday.",
        &[("Tony Adams", PERSON, "Tony Adams")],
    ),
    (
        "a common word starting a sentence before a city",
        "Will Berlin agree to the plan? Mark Berlin on the map.",
        &[("Berlin", PLACE, "Berlin"), ("Berlin", PLACE, "Berlin")],
    ),
    (
        "possessive curly",
        "Russia\u{2019}s intervention helped Lavrov\u{2019}s rival.",
        &[
            ("Russia", PLACE, "Russia"),
            ("Lavrov", PERSON, "Sergei Lavrov"),
        ],
    ),
    (
        "possessive straight",
        "It was Lavrov's plan.",
        &[("Lavrov", PERSON, "Sergei Lavrov")],
    ),
    (
        "allcaps dateline",
        "MUNICH (Reuters) \u{2013} Major powers met.",
        &[("MUNICH", PLACE, "Munich"), ("Reuters", ORG, "Reuters")],
    ),
    (
        "double-dash dateline",
        "GENEVA -- Talks began.",
        &[("GENEVA", PLACE, "Geneva")],
    ),
    (
        "guessed person and surname",
        "said Ivan Konovalov, a military analyst. Konovalov added more.",
        &[
            ("Ivan Konovalov", PERSON, "Ivan Konovalov"),
            ("Konovalov", PERSON, "Ivan Konovalov"),
        ],
    ),
    (
        "particle surname",
        "U.N. envoy Staffan de Mistura spoke. De Mistura left.",
        &[
            ("U.N.", ORG, "United Nations"),
            ("Staffan de Mistura", PERSON, "Staffan de Mistura"),
            ("De Mistura", PERSON, "Staffan de Mistura"),
        ],
    ),
    (
        "title guess",
        "said Maj. Gen. Igor Konashenkov, a spokesman.",
        &[("Igor Konashenkov", PERSON, "Igor Konashenkov")],
    ),
    (
        "org by start word",
        "director of the Center for Strategic Trend Studies in Moscow",
        &[
            (
                "Center for Strategic Trend Studies",
                ORG,
                "Center for Strategic Trend Studies",
            ),
            ("Moscow", PLACE, "Moscow"),
        ],
    ),
    (
        "acronym and expansion",
        "The International Syria Support Group met. The ISSG agreed.",
        &[
            (
                "International Syria Support Group",
                ORG,
                "International Syria Support Group",
            ),
            ("ISSG", ORG, "International Syria Support Group"),
        ],
    ),
    (
        "lower-case common word is not a name",
        "the state said the front moved",
        &[],
    ),
    ("weak surname without its full name", "Kerry said so.", &[]),
    (
        "weak surname with its full name",
        "John Kerry arrived. Kerry said so.",
        &[
            ("John Kerry", PERSON, "John Kerry"),
            ("Kerry", PERSON, "John Kerry"),
        ],
    ),
    ("month is not a place", "They met in March.", &[]),
    (
        "cities as sports teams",
        "Chicago beat Houston on Sunday in Chicago.",
        &[
            ("Chicago", ORG, "Chicago"),
            ("Houston", ORG, "Houston"),
            ("Chicago", PLACE, "Chicago"),
        ],
    ),
    (
        "surname over a small town",
        "Clinton said Clinton would sign.",
        &[
            ("Clinton", PERSON, "Bill Clinton"),
            ("Clinton", PERSON, "Bill Clinton"),
        ],
    ),
];

#[test]
fn extraction_table() {
    let x = Extractor::default();
    let mut failures = Vec::new();
    for (name, text, want) in CASES {
        let doc = x.extract(name, text);
        let got: Vec<(String, EntityKind, String)> = doc
            .mentions()
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .map(|m| {
                let e = &doc.entities()[m.entity];
                (doc.mention_text(m).to_string(), e.kind, e.name.clone())
            })
            .collect();
        let want: Vec<(String, EntityKind, String)> = want
            .iter()
            .map(|(s, k, n)| (s.to_string(), *k, n.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "case {name:?}\n  text: {text}\n  want: {want:?}\n   got: {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn demonyms_are_mentions_of_their_country() {
    let doc = Extractor::default().extract("d", "Russian jets struck.");
    let m = &doc.mentions()[0];
    assert_eq!(m.kind, MentionKind::Demonym);
    assert_eq!(doc.entities()[m.entity].name, "Russia");
}

#[test]
fn empty_and_blank_text() {
    let x = Extractor::default();
    for text in ["", "   \n\n\t", "\u{feff}"] {
        let doc = x.extract("e", text);
        assert!(doc.entities().is_empty(), "{text:?}");
    }
}

#[test]
fn spans_index_the_original_text() {
    let text = "\u{201C}We need a breakthrough,\u{201D} said German Foreign Minister Frank\u{2011}Walter Steinmeier\u{00A0}in M\u{00FC}nchen.";
    let doc = Extractor::default().extract("s", text);
    assert!(!doc.mentions().is_empty());
    for m in doc.mentions() {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert_eq!(&text[m.span.range()], doc.mention_text(m));
    }
    for t in doc.tokens() {
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
    }
}

#[test]
fn dateline_is_on_the_document() {
    let doc = Extractor::default().extract(
        "d",
        "Kerry meets Lavrov\n\nBy Karen DeYoung\n\nGENEVA \u{2014} They met here Friday.",
    );
    let d = doc.dateline().expect("a dateline");
    assert_eq!(doc.span_text(d.place), "GENEVA");
    assert_eq!(doc.entities()[d.entity.unwrap()].name, "Geneva");
}

#[test]
fn user_gazetteer_beside_defaults() {
    let mine = "id\tkind\tname\taliases\tattributes\norg:ctsc\torg/edu\tCenter for Strategic Trend Studies\tCSTS\tcountry=RU\n";
    let x = Extractor::builder()
        .gazetteer_str("mine.tsv", mine)
        .build()
        .unwrap();
    let doc = x.extract("u", "The CSTS in Moscow said so.");
    let names: Vec<&str> = doc.entities().iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Center for Strategic Trend Studies", "Moscow"]);
}

#[test]
fn user_gazetteer_clashing_with_defaults_is_an_error() {
    let mine = "id\tkind\tname\taliases\tattributes\ncountry:RU\torg\tRussia Inc\t\t\n";
    let err = Extractor::builder()
        .gazetteer_str("mine.tsv", mine)
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("mine.tsv:2: duplicate id country:RU"),
        "{err}"
    );
}

#[test]
fn default_gazetteer_sizes() {
    let g = Extractor::default();
    let g = g.gazetteer();
    let count = |k: EntityKind| g.entries().iter().filter(|e| e.kind() == k).count();
    assert!(count(PLACE) >= 25_000, "places: {}", count(PLACE));
    assert!(count(PERSON) >= 1_500, "people: {}", count(PERSON));
    assert!(count(ORG) >= 1_500, "organisations: {}", count(ORG));
}

#[test]
fn send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Extractor>();
    check::<newsgraph::Gazetteer>();
    check::<newsgraph::Document>();
}

/// Names in other scripts and with marks, beside emoji, found by a user
/// gazetteer: each mention is the whole name, and its span quotes the text.
#[test]
fn names_in_any_script_are_whole_mentions() {
    let mine = "id\tkind\tname\taliases\tattributes\n\
        person:djokovic\tperson\tNovak Đoković\tĐoković\t\n\
        person:steinmeier\tperson\tFrank-Walter Steinmeier\tSteinmeier\t\n\
        person:lavrov\tperson\tСергей Лавров\tЛавров\t\n\
        person:abbas\tperson\tمحمود عباس\tعباس\t\n\
        place:sao-paulo\tplace/city\tSão Paulo\t\t\n\
        place:beijing\tplace/city\tBeijing\t北京\t\n";
    let x = Extractor::builder()
        .default_gazetteers(DefaultGazetteers::Exclude)
        .gazetteer_str("scripts.tsv", mine)
        .build()
        .unwrap();
    let text = "Đoković\u{2019}s coach 👍🏽 flew to São Paulo. Frank\u{2011}Walter Steinmeier \
        met Сергей Лавров in 北京 🇺🇸, then Лавров and عباس left. São Paulo🎉";
    let doc = x.extract("s", text);
    let got: Vec<(&str, &str)> = doc
        .mentions()
        .iter()
        .map(|m| (doc.mention_text(m), doc.entities()[m.entity].name.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Đoković", "Novak Đoković"),
            ("São Paulo", "São Paulo"),
            ("Frank\u{2011}Walter Steinmeier", "Frank-Walter Steinmeier"),
            ("Сергей Лавров", "Сергей Лавров"),
            ("北京", "Beijing"),
            ("Лавров", "Сергей Лавров"),
            ("عباس", "محمود عباس"),
            ("São Paulo", "São Paulo"),
        ]
    );
    for m in doc.mentions() {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert_eq!(&text[m.span.range()], doc.mention_text(m));
    }
}

/// "Paris, Texas" is the Paris in Texas; "Paris, France" and a later
/// "Paris" alone are the capital.
#[test]
fn a_city_before_its_state_or_country_is_the_one_there() {
    let x = Extractor::default();
    let ids = |text: &str| -> Vec<String> {
        let doc = x.extract("p", text);
        doc.entities().iter().map(|e| e.id.to_string()).collect()
    };
    let texas = ids("He grew up in Paris, Texas, and later moved to Dallas.");
    let france = ids("The talks in Paris, France, ended on Monday.");
    assert_ne!(texas[0], france[0]);
    assert!(texas.contains(&"iso3166-2:US-TX".to_string()), "{texas:?}");
    assert_eq!(france, ["geonames:2988507", "country:FR"]);
    let springfield = ids("The mayor of Springfield, Illinois, said so.");
    assert_eq!(springfield[1], "iso3166-2:US-IL");
    let gaz = x.gazetteer();
    let city = gaz.get(&springfield[0]).unwrap();
    assert_eq!(city.attribute("admin1"), Some("IL"));
}
