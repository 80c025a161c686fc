//! Topics and quotes (issue 4): the seed, the same events in six languages, the CLI filters
//! and commands against brute-force counts from `extract`.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use serde_json::Value;

use crate::util::{repo, run, run_ix, shared, tempdir};

fn extract_json(args: &[&str]) -> Vec<Value> {
    let r = run(&repo(), &[&["extract"], args].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn topic_ids(rec: &Value) -> BTreeSet<String> {
    rec["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn seed_file() -> Option<PathBuf> {
    let dir = shared()?.join("seed");
    let f = std::fs::read_dir(&dir).ok()?.next()?.ok()?.path();
    Some(f)
}

#[test]
fn seed_topics_and_quote_speakers() {
    let Some(seed) = seed_file() else {
        eprintln!("skipping: ../shared/seed not found");
        return;
    };
    let rec = &extract_json(&[seed.to_str().unwrap()])[0];
    let topics = topic_ids(rec);
    for t in [
        "security-guarantee",
        "ceasefire",
        "sanctions",
        "peace-talks",
    ] {
        assert!(topics.contains(t), "seed tagged {t}: {topics:?}");
    }
    // Every full quote of the seed, by its opening words, with who said it.
    let expected = [
        (
            "We were able to win the following concession",
            "steve-witkoff",
        ),
        ("go after any other European countries", "steve-witkoff"),
        ("We welcome President Trump", "volodymyr-zelensky"),
        (
            "It is important that the US agrees to work with Europe",
            "volodymyr-zelensky",
        ),
        ("We covered almost all other issues", "steve-witkoff"),
        ("We start looking at some moderation", "steve-witkoff"),
        ("If he does this now", "marco-rubio"),
        ("We want to air with a peace deal", "marco-rubio"),
        ("This is not an improper request", "marco-rubio"),
        (
            "I am not saying that we are on the verge of a peace deal",
            "marco-rubio",
        ),
    ];
    let quotes = rec["quotes"].as_array().unwrap();
    for (opening, speaker) in expected {
        let q = quotes
            .iter()
            .find(|q| {
                q["text"]
                    .as_str()
                    .unwrap()
                    .trim_start()
                    .starts_with(opening)
            })
            .unwrap_or_else(|| panic!("quote {opening:?} found: {quotes:#?}"));
        assert_eq!(q["speaker_id"], speaker, "{opening:?}: {q}");
    }
    // Offsets are characters of the body.
    let body = std::fs::read_to_string(&seed).unwrap();
    let chars: Vec<char> = body.trim().chars().collect();
    for q in quotes {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let text: String = chars[s..e].iter().collect();
        assert_eq!(text, q["text"].as_str().unwrap());
    }
}

#[test]
fn the_same_events_get_the_same_topics_in_six_languages() {
    let mut seen: HashMap<String, BTreeSet<String>> = HashMap::new();
    for lang in ["en", "de", "fr", "es", "ru", "uk"] {
        let p = repo().join(format!("tests/fixtures/entities/{lang}.txt"));
        let rec = &extract_json(&[p.to_str().unwrap()])[0];
        seen.insert(lang.into(), topic_ids(rec));
    }
    let en = seen["en"].clone();
    for t in [
        "ceasefire",
        "security-guarantee",
        "sanctions",
        "peace-talks",
    ] {
        assert!(en.contains(t), "en tagged {t}: {en:?}");
    }
    for (lang, topics) in &seen {
        assert_eq!(topics, &en, "{lang} has the same topics as en");
    }
}

#[test]
fn quotes_in_other_languages_and_scare_quotes() {
    let cases = [
        (
            "„Wir brauchen Sicherheitsgarantien, die wirklich funktionieren“, sagte Selenskyj in Brüssel.",
            "volodymyr-zelensky",
        ),
        (
            "« Nous ne laisserons pas l'Ukraine seule face à la Russie », a déclaré Emmanuel Macron.",
            "emmanuel-macron",
        ),
        (
            "«Никаких иностранных войск на Украине быть не должно», — заявил Сергей Лавров.",
            "sergei-lavrov",
        ),
        (
            "Marco Rubio dijo: «No vamos a levantar las sanciones por ahora».",
            "marco-rubio",
        ),
        (
            "«Ми готові до переговорів, але не до капітуляції», — заявив Володимир Зеленський.",
            "volodymyr-zelensky",
        ),
    ];
    for (text, speaker) in cases {
        let rec = &extract_json(&["--text", text])[0];
        let q = rec["quotes"].as_array().unwrap();
        assert_eq!(q.len(), 1, "{text}: {q:#?}");
        assert_eq!(
            q[0]["speaker_id"], speaker,
            "{text}: {:#?} {:#?}",
            q, rec["entities"]
        );
    }
    let rec = &extract_json(&["--text", "Trump called the summit “great” and left."])[0];
    assert!(
        rec["quotes"].as_array().unwrap().is_empty(),
        "a one-word scare quote is not a quote"
    );
}

/// The items under `key` of a JSON output, as strings in a fixed order.
fn sorted_items(v: &Value, key: &str) -> Vec<String> {
    let mut items: Vec<String> = v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.to_string())
        .collect();
    items.sort();
    items
}

/// A person the built-in gazetteer lacks, for the retag tests.
const MIRIAM_OSEI: &str = "[[entity]]\nid = \"miriam-osei\"\ntype = \"person\"\nname = \"Miriam Osei\"\nsurnames = [\"Osei\"]\nfirst_names = [\"Miriam\"]\n";

/// `attache --index IDX ARGS…` from the repository root; exit 0 or 1 (no hits) expected.
fn ix(idx: &std::path::Path, args: &[&str]) -> crate::util::Run {
    let r = run(
        &repo(),
        &[&["--index", idx.to_str().unwrap()], args].concat(),
    );
    assert!(r.code <= 1, "{args:?}: {}", r.stderr);
    r
}

/// Each text has the quote, attributed to the speaker id ("": to nobody).
fn assert_speakers(cases: &[(&str, &str, &str)]) {
    assert_quote_field(cases, "speaker_id");
}

/// Each text has the quote, whose `key` ("speaker_id", "speaker") is the one given ("": none).
/// Every quote found in each text has no speaker.
fn assert_no_speaker(texts: &[&str]) {
    for text in texts {
        let rec = &extract_json(&["--text", text])[0];
        assert!(
            rec["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|q| q["speaker"].is_null()),
            "{rec}"
        );
    }
}

fn assert_quote_field(cases: &[(&str, &str, &str)], key: &str) {
    for (text, quote, speaker) in cases {
        let (text, quote, speaker) = (*text, *quote, *speaker);
        let rec = &extract_json(&["--text", text])[0];
        let q = rec["quotes"].as_array().unwrap();
        let found = q
            .iter()
            .find(|x| x["text"] == quote)
            .unwrap_or_else(|| panic!("{text}: no quote {quote:?} in {q:#?}"));
        let got = found[key].as_str().unwrap_or("");
        assert_eq!(got, speaker, "{text}: {q:#?} {:#?}", rec["entities"]);
    }
}

/// (text, quote text, speaker id or "" for no speaker): session 4's attribution rules.
#[test]
fn pronoun_gender_fragments_and_speaker_phrases() {
    let cases = [
        // "she" skips the man named last and finds the woman before him; "he" the reverse.
        (
            "Angela Merkel spoke after Emmanuel Macron arrived in Berlin. \"We will not let Ukraine stand alone in this war,\" she said.",
            "We will not let Ukraine stand alone in this war,",
            "angela-merkel",
        ),
        (
            "Emmanuel Macron spoke after Angela Merkel arrived in Berlin. \"We will not let Ukraine stand alone in this war,\" he said.",
            "We will not let Ukraine stand alone in this war,",
            "emmanuel-macron",
        ),
        // No woman named: "she" stays unattributed rather than go to a man.
        (
            "Vladimir Putin met Donald Trump in Alaska. \"The talks were long and very difficult for everyone,\" she said.",
            "The talks were long and very difficult for everyone,",
            "",
        ),
        // A short quote whose sentence names its speaker is a quote.
        (
            "Donald Trump called the inquiry a \"witch hunt\" on Monday.",
            "witch hunt",
            "donald-trump",
        ),
        // The person of a speaker phrase, not the body named first.
        (
            "\"We support the legitimate authorities of the country,\" Federation Council Speaker Valentina Matviyenko said.",
            "We support the legitimate authorities of the country,",
            "valentina-matviyenko",
        ),
    ];
    assert_speakers(&cases);
    // Short quotes without a named speaker, or in title case, are titles or scare quotes.
    for text in [
        "Marco Rubio told \"Meet the Press\" on Sunday that the talks would go on.",
        "The so-called \"peace plan\" was discussed again.",
        "Trump said it was a \"great success\" before he left; \"very good talks\" followed, he added.",
    ] {
        let rec = &extract_json(&["--text", text])[0];
        let texts: Vec<&str> = rec["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap())
            .collect();
        for bad in ["Meet the Press", "peace plan", "very good talks"] {
            assert!(!texts.contains(&bad), "{text}: {texts:?}");
        }
    }
}

#[test]
fn subjects_continuations_appositions_and_listeners() {
    let cases = [
        // A pronoun is the subject named before, not a name in the same sentence's object.
        (
            "After meeting the Baltic leaders, Mike Pence said that the message of Donald Trump was clear.\n\n\"The United States stands firmly behind its pledge of mutual defence,\" he said.",
            "The United States stands firmly behind its pledge of mutual defence,",
            "mike-pence",
        ),
        // Names inside a quote do not speak.
        (
            "Mike Pence arrived in Tallinn.\n\n\"Under Donald Trump the alliance is stronger than ever before,\" he said.",
            "Under Donald Trump the alliance is stronger than ever before,",
            "mike-pence",
        ),
        // The speaker phrase before its apposition; the quote after the attribution continues.
        (
            "\"The sanctions will stay until Russia withdraws,\" Kaja Kallas, the EU's top diplomat, said. \"We will not lift them for a promise.\"",
            "We will not lift them for a promise.",
            "kaja-kallas",
        ),
        (
            "\"The sanctions will stay until Russia withdraws,\" Kaja Kallas, the EU's top diplomat, said.",
            "The sanctions will stay until Russia withdraws,",
            "kaja-kallas",
        ),
        // A quote paragraph right after an attributed one is the same speaker's.
        (
            "\"Nobody wants this war to go on,\" Emmanuel Macron said.\n\n\"Europe is ready to provide guarantees for a ceasefire.\"",
            "Europe is ready to provide guarantees for a ceasefire.",
            "emmanuel-macron",
        ),
        // A reporting sentence without the usual pattern: its subject.
        (
            "Kaja Kallas on Monday denounced the strikes as \"a deliberate attack on civilians\".",
            "a deliberate attack on civilians",
            "kaja-kallas",
        ),
        // After "telling" comes the listener.
        (
            "Volodymyr Zelensky called it a turning point, telling the NATO allies: \"An attack on one of us is an attack on all of us.\"",
            "An attack on one of us is an attack on all of us.",
            "volodymyr-zelensky",
        ),
        // A speaker phrase that swallowed a verb ("Marco Rubio said Sergei Lavrov, who …,
        // said") is rejected, and the name before the first "said" speaks (a pattern that took
        // the long apposition and rejected it afterwards found nobody).
        (
            "\"We will keep talking to Moscow about the prisoners,\" Marco Rubio said Sergei Lavrov, who had spent the whole afternoon in the same room without one word to the press, said.",
            "We will keep talking to Moscow about the prisoners,",
            "marco-rubio",
        ),
        // "who" is the name right before it.
        (
            "Reporters later met Antonio Guterres, who that day said the plan was \"a first step towards a lasting peace\".",
            "a first step towards a lasting peace",
            "antonio-guterres",
        ),
    ];
    assert_speakers(&cases);
}

/// (text, quote text, speaker name or "" for none): session 7's rules for speaker phrases.
#[test]
fn pronouns_inside_phrases_bodies_and_plural_verbs() {
    let ids = [
        // A pronoun at the end of a longer phrase is the speaker ("a caveat he", "what he").
        (
            "Emmanuel Macron spoke for an hour. As a caveat he added:\n\n\"Europe will not send troops before a ceasefire is signed.\"",
            "Europe will not send troops before a ceasefire is signed.",
            "emmanuel-macron",
        ),
        (
            "Emmanuel Macron made the case for what he called a \"robust and credible\" guarantee.",
            "robust and credible",
            "emmanuel-macron",
        ),
        // A rejected phrase ("Speaking in Estonia") does not hide the subject after it.
        (
            "Mike Pence arrived in Tallinn. Speaking in Estonia, he called Russia the main threat, telling the allies: \"An attack on one of us is an attack on us all.\"",
            "An attack on one of us is an attack on us all.",
            "mike-pence",
        ),
        // Sentence-initial "The" + title: the person named before.
        (
            "Emmanuel Macron met the press in Paris.\n\nThe president said: \"Europe is ready to guarantee the peace.\"",
            "Europe is ready to guarantee the peace.",
            "emmanuel-macron",
        ),
        // Someone an apposition talks about is not the speaker.
        (
            "The magazine, in a report about Emmanuel Macron, says \"the guarantees remain vague and unfunded\".",
            "the guarantees remain vague and unfunded",
            "",
        ),
        // More verbs of saying; a pronoun subject after an opening phrase.
        (
            "\"Nothing bad is going to come out of it,\" Donald Trump promised.",
            "Nothing bad is going to come out of it,",
            "donald-trump",
        ),
        (
            "Donald Trump met Jean-Claude Juncker on Wednesday. Right before the meeting, he repeated the offer, tweeting, \"Both sides should drop all tariffs and barriers!\"",
            "Both sides should drop all tariffs and barriers!",
            "donald-trump",
        ),
        // A short fragment right after an attributed one continues it.
        (
            "Hillary Clinton called the massacre an \"act of terror\" and an \"act of hate\" on Sunday.",
            "act of hate",
            "hillary-clinton",
        ),
        // A participle of a stance verb after the subject.
        (
            "Donald Trump launched an attack on Germany, claiming the country was \"totally controlled\" by Russia.",
            "totally controlled",
            "donald-trump",
        ),
        // An article is a word: the "a" ending "Korea" does not open a speaker phrase.
        (
            "Rex Tillerson said nations should cut ties with North Korea and said the U.S. would \"not hesitate to sanction third countries.\"",
            "not hesitate to sanction third countries.",
            "rex-tillerson",
        ),
        // "According to X," opening a sentence with no speaker of its own.
        (
            "According to Kim Jong Un, the United States mainland is now \"within range of our nuclear strike\".",
            "within range of our nuclear strike",
            "kim-jong-un",
        ),
        // From the review of session 7's rules: a no-break space inside the speaker phrase
        // (it panicked); a person in apposition to "spokesman"; "él" (the ASCII word boundary
        // never matched before "é"); an abbreviation ending the quote ends no sentence; an
        // unnamed source in a later clause is not the attribution.
        (
            "Vladimir Putin arrived. \"We will talk about it at length,\" Mr.\u{a0}Trump said.",
            "We will talk about it at length,",
            "donald-trump",
        ),
        (
            "\"The talks will go on for a long time,\" the Kremlin spokesman, Dmitry Peskov, said.",
            "The talks will go on for a long time,",
            "dmitry-peskov",
        ),
        (
            "Pedro Sánchez llegó a Bruselas. \"Vamos a negociar con Rusia muy pronto\", dijo él.",
            "Vamos a negociar con Rusia muy pronto",
            "pedro-sanchez",
        ),
        (
            "\"We will not negotiate over the future with the U.S.\" said Boris Johnson.",
            "We will not negotiate over the future with the U.S.",
            "boris-johnson",
        ),
        (
            "\"The talks will go on for a long time,\" Donald Trump said, but officials said the talks would stall.",
            "The talks will go on for a long time,",
            "donald-trump",
        ),
        (
            "\"The talks will go on for a long time,\" said an aide to Barack Obama.",
            "The talks will go on for a long time,",
            "",
        ),
        (
            "Vladimir Putin arrived. \"The talks will go on for a long time,\" said her spokesman.",
            "The talks will go on for a long time,",
            "",
        ),
        // A quote that ends its sentence inside the marks: the next sentence is not its attribution.
        (
            "John Kerry said he looks forward to \"growing shared prosperity.\" US State Department officials told CNN that a visa would follow.",
            "growing shared prosperity.",
            "john-kerry",
        ),
    ];
    assert_speakers(&ids);
    let names = [
        // A body whose name starts with a person: the body, as written.
        (
            "Barack Obama left early.\n\nThe Obama administration answers, \"We know better than our partners do.\"",
            "We know better than our partners do.",
            "Obama administration",
        ),
        (
            "The Trump transition team said: \"The two men discussed trade and security.\"",
            "The two men discussed trade and security.",
            "Trump transition team",
        ),
        // A plural subject with a base-form verb is a source, not the outlet before it.
        (
            "Reuters adds that opposition sources claim that the town suffered \"heavy damage and many casualties.\"",
            "heavy damage and many casualties.",
            "",
        ),
        // After the quote, the one who asks is the speaker. (This text has no entity at all:
        // such an article used to get no quote pass.)
        (
            "\"Did the administration choke when it knew about the interference?\" asked Fareed Zakaria.",
            "Did the administration choke when it knew about the interference?",
            "Fareed Zakaria",
        ),
        // A name the gazetteer lacks after the body it works for; an article before a known name.
        (
            "\"The aim of the airstrikes is to terrorize civilians,\" Human Rights Watch researcher Ole Solvang told reporters.",
            "The aim of the airstrikes is to terrorize civilians,",
            "Ole Solvang",
        ),
        (
            "\"Can we say that we are truly doing enough for the children?\" an emotional Barack Obama said.",
            "Can we say that we are truly doing enough for the children?",
            "Barack Obama",
        ),
        // A name's body speaks as itself; a name's spokesman is unnamed.
        (
            "Donald Trump spoke on Sunday. Trump's campaign said he would be delivering a \"major speech\" in New Hampshire.",
            "major speech",
            "Trump's campaign",
        ),
        (
            "Vladimir Putin met the press. Putin's spokesman said \"the talks were useful but very difficult for everyone\".",
            "the talks were useful but very difficult for everyone",
            "",
        ),
        // Officials of a body are unnamed sources, not the body.
        (
            "\"The visa will follow within weeks,\" US State Department officials told CNN.",
            "The visa will follow within weeks,",
            "",
        ),
    ];
    // "she" again stands for whom "she" stood for in the quote before, even when the woman was
    // named too far back for "she" alone (the second text shows she is).
    let filler = " The crowd waited in the rain for a long time before the event began.".repeat(35);
    let after = "The speech went on about jobs and schools. And she said the country needs to \"keep guns out of the hands of terrorists.\"";
    let chained = format!(
        "Hillary Clinton spoke in Cleveland on Monday.{filler}\n\n\"We will defeat terror groups wherever they are,\" she said. {after}"
    );
    let alone = format!(
        "Hillary Clinton spoke in Cleveland on Monday.{filler}\n\nThe talk was about terror groups and where they are, she said. {after}"
    );
    let guns = "keep guns out of the hands of terrorists.";
    assert_speakers(&[(&chained, guns, "hillary-clinton"), (&alone, guns, "")]);
    // A fragment after someone else is named is not the first speaker's continuation.
    let text = "Donald Trump called the deal a \"total disaster,\" but Nancy Pelosi praised \"the hard work\" of the team.";
    let rec = &extract_json(&["--text", text])[0];
    let q = rec["quotes"].as_array().unwrap();
    assert!(
        !q.iter()
            .any(|x| x["text"] == "the hard work" && x["speaker_id"] == "donald-trump"),
        "{q:#?}"
    );
    assert_quote_field(&names, "speaker");
}

/// (text, quote, speaker): session 8's rules, written from the errors of the retired held-out
/// sample (in invented wording).
#[test]
fn appositions_titled_names_unnamed_fragments_and_unknown_referents() {
    let cases = [
        // A title, then the name between commas before the verb.
        (
            "Her chief negotiator, Anna Kowalczyk, told reporters that Warsaw wants \"the toughest possible sanctions\" on Moscow.",
            "the toughest possible sanctions",
            "Anna Kowalczyk",
        ),
        // A name the gazetteer lacks after a body and a title; a phrase before ", saying" is
        // not a speaker.
        (
            "State Department spokeswoman Lena Marsh declined to discuss the talks, saying the envoy was abroad and \"we will not comment before he returns.\"",
            "we will not comment before he returns.",
            "Lena Marsh",
        ),
        // An unknown name in apposition after "said a … spokesman".
        (
            "\"The deadline will not move,\" said a White House spokesman, Tom Reyes. He left soon after.",
            "The deadline will not move,",
            "Tom Reyes",
        ),
        // The name before an article apposition.
        (
            "Late on Friday, Peter Lindqvist, a senior mediation adviser, sent his first note, saying, \"We must keep the ceasefire talks alive.\"",
            "We must keep the ceasefire talks alive.",
            "Peter Lindqvist",
        ),
        // Unnamed sources: "Residents", a fragment kept without a speaker, "close to".
        (
            "Residents told the paper that \"the shelling went on through the whole night.\"",
            "the shelling went on through the whole night.",
            "",
        ),
        (
            "US officials told reporters it was \"highly likely\" that the drone came from the east.",
            "highly likely",
            "",
        ),
        (
            "The source close to the White House added: \"The president will consider any idea that ends the war.\"",
            "The president will consider any idea that ends the war.",
            "",
        ),
        // "he" after a quote attributed to a name the gazetteer lacks, named after the
        // person the entity pass found.
        (
            "Vladimir Putin's offer \"is a slight opening in a hostile relationship,\" said Tom Reyes, a former envoy.\n\n\"They are ready to talk now,\" he told reporters.",
            "They are ready to talk now,",
            "Tom Reyes",
        ),
        // "he" after a name as the subject of a speech verb, not the non-subject named later.
        (
            "Donald Trump spoke first, and the analyst Mark Kazarian followed.\n\nKazarian said the sanctions could collapse the regime of Vladimir Putin.\n\n\"It all comes down to enforcement,\" he said.",
            "It all comes down to enforcement,",
            "Mark Kazarian",
        ),
        // A statement speaks for whoever issued it.
        (
            "Boris Johnson issued a statement saying: \"There is no question that we must win this war.\"",
            "There is no question that we must win this war.",
            "Boris Johnson",
        ),
        (
            "\"We need talks on statehood for the region,\" Vladimir Putin was quoted as saying by news agencies.",
            "We need talks on statehood for the region,",
            "Vladimir Putin",
        ),
        // A quote that ends its sentence inside the marks is not continued by the next one.
        (
            "Nikki Haley called the sanctions the strongest \"in a generation.\" Donald Trump was equally pleased, tweeting: \"The Security Council just voted to sanction North Korea!\"",
            "The Security Council just voted to sanction North Korea!",
            "Donald Trump",
        ),
        // A column round-up: the excerpt is signed on the next line, "Name, Outlet".
        (
            "The debate over the alliance went on.\n\n\"The alliance has never looked so divided, and the summit will not fix that.\"\n\nLaura Chen, Foreign Policy Weekly\n\nOthers disagreed.",
            "The alliance has never looked so divided, and the summit will not fix that.",
            "Laura Chen",
        ),
        // A quote paragraph right after a sentence reporting the same speaker's words.
        (
            "Anton Siluanov said there were no plans to ban the dollar in Russia.\n\n\"Of course, the government has no such plans. That would be a dead end.\"",
            "Of course, the government has no such plans. That would be a dead end.",
            "Anton Siluanov",
        ),
        // "the statement" after a quote is the author of the statement quoted before it.
        (
            "\"Clinton should step aside,\" Donald Trump said in a statement released by his campaign.\n\n\"If we do not get tough real fast, we will not have a country left,\" the statement continued.",
            "If we do not get tough real fast, we will not have a country left,",
            "Donald Trump",
        ),
        // An abbreviation inside an unnamed source's description; the fragment is kept.
        (
            "A U.S. intelligence official told reporters the review was completed \"early this year.\" Others disagreed.",
            "early this year.",
            "",
        ),
        // From the review of these rules: a body's object is not its speaker; an opening
        // phrase is not the name an apposition follows; a name after the apposition wins;
        // someone's spokesman is not that person; a photo credit signs nothing; a phrase does
        // not run across a sentence end; "he" keeps the person over a body quoted since.
        (
            "The European Union criticized Hungarian Prime Minister Viktor Orban, calling his plan \"a direct threat to the rule of law.\"",
            "a direct threat to the rule of law.",
            "European Union",
        ),
        (
            "After meeting President Barack Obama, a senior official, speaking on condition of anonymity, said the talks had been \"very productive and very frank indeed.\"",
            "very productive and very frank indeed.",
            "",
        ),
        (
            "Speaking after talks with Angela Merkel, the French president, Emmanuel Macron, said the plan was \"good for all of Europe and beyond.\"",
            "good for all of Europe and beyond.",
            "Emmanuel Macron",
        ),
        (
            "\"We will not comment on any of these allegations at all,\" said the spokesman for Donald Trump.",
            "We will not comment on any of these allegations at all,",
            "",
        ),
        (
            "Joe Biden told reporters on Monday: \"We are going to get this done, I promise you.\"\nAndrew Harnik, Getty Images\nThe bill now goes to the Senate.",
            "We are going to get this done, I promise you.",
            "Joe Biden",
        ),
        (
            "Donald Trump met the new president. The company said:\n\"It was a total failure for both sides, frankly.\"",
            "It was a total failure for both sides, frankly.",
            "",
        ),
        (
            "Donald Trump arrived in Paris on Monday. The White House said: \"The president is pleased with the outcome of the talks.\" Later that day he spoke again. \"It was a great day for America,\" he said.",
            "It was a great day for America,",
            "Donald Trump",
        ),
        // A speech named by a noun before a colon.
        (
            "Barack Obama included in his closing remarks:\n\n\"The danger for the world is an America that turns away from it.\"",
            "The danger for the world is an America that turns away from it.",
            "Barack Obama",
        ),
    ];
    assert_quote_field(&cases, "speaker");
}

/// Session 9 rules, each written from an error on a sample that had been looked at.
#[test]
fn openers_asides_roles_documents_and_namesakes() {
    let cases = [
        // An opening phrase of time is no speaker; its sentence's subject is.
        (
            "On Tuesday, Treasury Secretary Steve Mnuchin appeared to blame the envoy for the delay, saying she \"moved ahead of everyone.\"",
            "moved ahead of everyone.",
            "Steve Mnuchin",
        ),
        (
            "In a Sunday evening tweet, Donald Trump held back, instead saying the U.S. had \"reason to believe that we know the culprit.\"",
            "reason to believe that we know the culprit.",
            "Donald Trump",
        ),
        // A conjunction opening the clause; an adverb between name and verb.
        (
            "Louisa Lim reported from Seoul. As Louisa added, \"The North is banned from testing these missiles.\"",
            "The North is banned from testing these missiles.",
            "Louisa",
        ),
        (
            "Barack Obama spoke in Estonia. The storm grew when the president first said his aim was to \"degrade and destroy\" the group.",
            "degrade and destroy",
            "Barack Obama",
        ),
        // "Mr" without a period; a short fragment of lowercase words and a number.
        (
            "Mike Pompeo met Kim Jong Un. Mr Pompeo said the aim was a deal \"by 2021\".",
            "by 2021",
            "Mike Pompeo",
        ),
        // Asides between the name and the verb: a party label, a parenthesis, a home state.
        (
            "\"This bill is about the victims and their families,\" Sen. Peter Lindqvist, R-Texas, said.",
            "This bill is about the victims and their families,",
            "Peter Lindqvist",
        ),
        (
            "\"The reversal is astounding,\" Sen. Peter Lindqvist (D-NJ) tweeted on Monday.",
            "The reversal is astounding,",
            "Peter Lindqvist",
        ),
        (
            "Rep. Peter Lindqvist, of Michigan, a former Republican, tweeted, \"The power to start a war lies with Congress.\"",
            "The power to start a war lies with Congress.",
            "Peter Lindqvist",
        ),
        // (A party label does not join the names on either side of it.)
        (
            "In a letter to Committee Chairman Chuck Grassley, R-Iowa, Lena Marsh also said the report came \"at the same time\" as the campaign.",
            "at the same time",
            "Lena Marsh",
        ),
        (
            "Republicans disagreed. As Sen. Rand Paul, R-Ky., put it, \"Libya was one of the hottest spots in the world.\"",
            "Libya was one of the hottest spots in the world.",
            "Rand Paul",
        ),
        // A role, then the name in commas, after the quote; a named author's statement.
        (
            "\"They are prosecuting a publisher for publishing the truth,\" Assange's U.K. lawyer, Lena Marsh, said.",
            "They are prosecuting a publisher for publishing the truth,",
            "Lena Marsh",
        ),
        (
            "Ted Lieu wrote to the Pentagon. Donald Trump spoke. The president has said he \"will have no choice but to totally destroy them.\"\n\n\"The president must stop making provocative statements,\" Mr Lieu's joint statement said.",
            "The president must stop making provocative statements,",
            "Ted Lieu",
        ),
        // A name alone before a colon, as in transcripts.
        (
            "The interview went on.\n\nLena Marsh: \"What the president means is that nobody knew at the time.\"",
            "What the president means is that nobody knew at the time.",
            "Lena Marsh",
        ),
        // "who" after a title; a participle of prediction.
        (
            "Donald Trump named a successor. The news came in a tweet from the president, who said the minister had done \"a wonderful job\" in his post.",
            "a wonderful job",
            "Donald Trump",
        ),
        (
            "Donald Trump met the Chinese leader, with Mr. Trump predicting that \"we will have a very good deal for both countries.\"",
            "we will have a very good deal for both countries.",
            "Donald Trump",
        ),
        // A one-word name is the person last named with it, not a namesake the gazetteer has.
        (
            "Kim Jong Un watched the launch. \"It appears the launch was planned long ago,\" said Kim Dong-yub, a military expert in Seoul.\n\n\"This may be a test of a new type of missile,\" Kim added.",
            "This may be a test of a new type of missile,",
            "Kim Dong-yub",
        ),
        // A romanised given name keeps its hyphenated syllable.
        (
            "Seoul had a say. Foreign Minister Kang Kyung-wha said: \"This is our fate that is at stake, and we decide it.\"",
            "This is our fate that is at stake, and we decide it.",
            "Kang Kyung-wha",
        ),
        // "as X tweeted" after a fragment; an attribution closing the sentence; the title
        // before a name the entity pass did not find.
        (
            "Iran denied it, accusing Mike Pompeo of \"max deceit,\" as the country's Foreign Minister Mohammad Javad Zarif tweeted Saturday.",
            "max deceit,",
            "Mohammad Javad Zarif",
        ),
        (
            "The general was killed because he was \"looking to kill American diplomats and soldiers\" in the coming days, National Security Adviser Robert O'Brien said Tuesday.",
            "looking to kill American diplomats and soldiers",
            "Robert O'Brien",
        ),
        // Someone's spokesman is not that person.
        (
            "But a spokesman for British Prime Minister David Cameron said the EU should act \"as swiftly as possible.\"",
            "as swiftly as possible.",
            "",
        ),
        // A body the entity pass did not find, opening its sentence; an inverted attribution
        // inside the sentence; a sentence opening with its verb; someone's Twitter page.
        (
            "The Russian foreign ministry denounced the new sanctions as \"another hostile step in line with the confrontational course\" taken by Washington.",
            "another hostile step in line with the confrontational course",
            "Russian foreign ministry",
        ),
        (
            "Susan Rice spoke first. Her comments, said Josh Earnest, the White House press secretary, are \"entirely consistent with what the president has said.\"",
            "entirely consistent with what the president has said.",
            "Josh Earnest",
        ),
        (
            "Added Senate Intelligence Committee Chairman Richard Burr, a North Carolina Republican, \"This should make clear what the Russian government is doing.\"",
            "This should make clear what the Russian government is doing.",
            "Richard Burr",
        ),
        (
            "Prime Minister Manmohan Singh called Narendra Modi to congratulate him on his \"party's historic victory,\" said Singh's Twitter page.",
            "party's historic victory,",
            "Manmohan Singh",
        ),
        // "the president" is someone the gazetteer gives that office.
        (
            "Donald Trump spoke on Friday.\n\nTurki Aldakhil, a Saudi columnist, warned that the fallout could be grave.\n\nAt a news conference, the president said \"we would be punishing ourselves\" by cancelling the deal.",
            "we would be punishing ourselves",
            "Donald Trump",
        ),
    ];
    assert_quote_field(&cases, "speaker");
}

/// Sentences a code review of the session 9 rules found them to get wrong; each case failed
/// before its fix.
#[test]
fn review_of_session_9_rules() {
    let cases = [
        // An inverted attribution's aside does not run into a rival's reply.
        (
            "\"We reject this plan,\" said Kwame Asante, but his rival Peter Braun replied: \"This is false and dangerous.\"",
            "This is false and dangerous.",
            "Peter Braun",
        ),
        // A relative named just before is not the one-word name's person.
        (
            "President Joe Biden spoke in Delaware on Monday. His son Hunter Biden sat in the front row. Biden said: \"I am proud of my family and my country.\"",
            "I am proud of my family and my country.",
            "Joe Biden",
        ),
        (
            "Donald Trump held a rally in Ohio. His niece Mary Trump, a psychologist, was not invited. \"She is a disgrace to the family,\" Trump said.",
            "She is a disgrace to the family,",
            "Donald Trump",
        ),
        // An outlet reporting the words, after a sentence with its own speaker.
        (
            "Kwame Asante called the deal \"a betrayal of our farmers,\" as Reuters reported on Monday.",
            "a betrayal of our farmers,",
            "Kwame Asante",
        ),
        (
            "Sergei Lavrov called the sanctions \"an illegal act of economic war\" during talks in Ankara, Tass said.",
            "an illegal act of economic war",
            "Sergei Lavrov",
        ),
        // A place after a role, a weekday's or a body's statement, a list of names.
        (
            "\"It was chaos in the streets all night,\" police in Dallas, Texas, said.",
            "It was chaos in the streets all night,",
            "",
        ),
        (
            "\"We remain committed to the deal,\" Monday's statement said.",
            "We remain committed to the deal,",
            "",
        ),
        (
            "\"We reject these claims entirely,\" said the ministry's statement.",
            "We reject these claims entirely,",
            "",
        ),
        (
            "\"We will not back down on this,\" Smith, Jones and Brown said.",
            "We will not back down on this,",
            "",
        ),
        // "Said" opening a sentence is a given name.
        (
            "Said Ahmed: \"We will not give up the fight.\"",
            "We will not give up the fight.",
            "",
        ),
        // From heldout4's errors: a weekday after an inverted verb, an opening phrase's
        // object, a coordinated verb after an article phrase, a programme title after "on",
        // "Said" inverting a sentence, a pronoun in a relative clause.
        (
            "Despite his promises, Donald Trump observed Wednesday, \"we are not bound to be adversaries with anyone.\"",
            "we are not bound to be adversaries with anyone.",
            "Donald Trump",
        ),
        (
            "Sergei Lavrov spoke first. On Putin, Adam Schiff downplayed the Russian president's abilities, saying he is more like \"a lawyer who lost control of his client.\"",
            "a lawyer who lost control of his client.",
            "Adam Schiff",
        ),
        (
            "President Donald Trump predicted that Britain would leave the European Union and said the exit would be \"very good for everyone in the country.\"",
            "very good for everyone in the country.",
            "Donald Trump",
        ),
        (
            "Said Venezuelan political scientist Maria Teresa Romero, a critic of the government, \"The golden age of socialism is over in South America.\"",
            "The golden age of socialism is over in South America.",
            "Maria Teresa Romero",
        ),
        (
            "Donald Trump tweeted after a defiant speech by Turkish President Recep Tayyip Erdogan in which he vowed that his country would not bow to \"economic warfare and threats.\"",
            "economic warfare and threats.",
            "Recep Tayyip Erdoğan",
        ),
        // "who" after a title is not someone named earlier in its sentence.
        (
            "Ann Miller met the president, who said the deal was \"a disaster for everyone.\"",
            "a disaster for everyone.",
            "",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    // A programme's title after "on" is no quote, however long.
    let rec = &extract_json(&[
        "--text",
        "Adam Schiff said on CNN's \"State of the Union Today.\" Then he left.",
    ])[0];
    assert!(rec["quotes"].as_array().unwrap().is_empty(), "{rec}");
}

/// Session 12 rules, from the errors of the heldout7 sample after its blind look (the texts
/// are written for the test): a full stop after the closing mark ends the sentence; states,
/// titles, bodies with a place and documents with an author speak; a second fragment under
/// the same verb; a quote with an unread attribution of its own continues nobody; "he" for
/// the namesake just quoted; "according to X" makes X a subject.
#[test]
fn session_12_states_titles_documents_and_sources() {
    let cases = [
        (
            "Dmitry Peskov said the decision was \"a hostile and reckless step\". Foreign Minister Sergei Lavrov promised a reply.",
            "a hostile and reckless step",
            "Dmitry Peskov",
        ),
        (
            "Beijing voiced \"deep and lasting concern\" over the tariffs.",
            "deep and lasting concern",
            "Beijing",
        ),
        // A state speaks in its own clause only, and a dateline is no speaker.
        (
            "Iran is listed as a sponsor of terrorism by the United States, but an official said the move was \"long overdue\".",
            "long overdue",
            "",
        ),
        (
            "Donald Trump met Jens Stoltenberg on Wednesday. The president pointed to Germany and said the country was \"entirely beholden\" to Russian gas.",
            "entirely beholden",
            "Donald Trump",
        ),
        (
            "Boris Johnson said it was a \"deeply troubling situation\" that the UK was treating \"with the utmost seriousness\".",
            "with the utmost seriousness",
            "Boris Johnson",
        ),
        (
            "The drills were held in the \"international waters of the Yellow Sea,\" a Chinese navy statement said.",
            "international waters of the Yellow Sea,",
            "Chinese navy",
        ),
        (
            "The Russian embassy in Paris said the expulsions were \"unfounded, unfriendly and short-sighted\".",
            "unfounded, unfriendly and short-sighted",
            "Russian embassy in Paris",
        ),
        (
            "The U.S. condemned the \"cowardly and senseless attack\" on the market.\n\n\"We stand with our partners in this dark hour,\" a statement from spokesperson Lena Marsh said.",
            "We stand with our partners in this dark hour,",
            "",
        ),
        (
            "Kim Jong Un inspected the site. \"They cannot strike the mainland,\" says Kim Min-ho, a professor in Seoul. Kim says the threats are mostly talk.\n\n\"They will try cyberattacks instead,\" he says.",
            "They will try cyberattacks instead,",
            "Kim Min-ho",
        ),
        (
            "Kim Jong Un spoke on Monday. Kim said the country was ready for anything.\n\nThe danger is miscalculation, according to John Delury of Yonsei University in Seoul.\n\n\"Both sides are on a war footing,\" he says.",
            "Both sides are on a war footing,",
            "John Delury",
        ),
        // An agency reporting the speaker's words does not take the next quote.
        (
            "\"He did nothing wrong and broke no law,\" Nicolas Maduro said, the Interfax news agency reported. \"He told the world a great truth and deserves protection.\"",
            "He told the world a great truth and deserves protection.",
            "Nicolás Maduro",
        ),
        // Someone in a body's office, or its unnamed officials, are not the body.
        (
            "Donald Trump spoke on Friday. The White House principal deputy press secretary said Sunday he believes that the president still \"intends to go ahead\" with the meeting.",
            "intends to go ahead",
            "",
        ),
        (
            "U.S. military officials did not say when the drone would be returned but said they objected to the \"unlawful and brazen seizure\" of their equipment.",
            "unlawful and brazen seizure",
            "",
        ),
        (
            "Theresa May met Donald Trump. May also told the nationalist president that \"cooperation and compromise are the basis of strong alliances.\"",
            "cooperation and compromise are the basis of strong alliances.",
            "Theresa May",
        ),
        // A speaker the patterns cannot read after a quote, definite or lowercase, is most
        // often the one quoted before: the next quote continues; a subject's verb phrase is
        // no office of a body.
        (
            "In that recording, a spokesman for the group, Abu Mohammed al-Adnani, warned \"that the matter is more dangerous than you have imagined.\"\n\n\"Strike them in any manner or way however it may be,\" al-Adnani said.",
            "Strike them in any manner or way however it may be,",
            "Adnani",
        ),
        (
            "Joe Biden talked about how the people in front of him had changed the country, telling them, \"You did so much more than anything those of us in public life ever did.\"",
            "You did so much more than anything those of us in public life ever did.",
            "Joe Biden",
        ),
        // From heldout9 (read after its blind look): an inverted "agrees"; an office toward a
        // body before the name; the name after an outlet's possessive; a clause about someone
        // else after the quote; "Mr. Kim" for the Kim who just spoke; an outlet reporting
        // words told to a listener.
        (
            "\"This will be a long crisis,\" said Ankit Panda, an analyst. Jeffrey Lewis spoke next.\n\n\"We are not headed to a good place,\" agrees Panda.",
            "We are not headed to a good place,",
            "Panda",
        ),
        (
            "\"We want things to calm down,\" China's ambassador to the UN, Liu Jieyi, told Reuters.",
            "We want things to calm down,",
            "Liu Jieyi",
        ),
        (
            "The Wall Street Journal's Gerald F. Seib says Obama will insist that partners have \"skin in the game\" this time.",
            "skin in the game",
            "Gerald F. Seib",
        ),
        (
            "Sen. Mitt Romney called it a \"very dark moment in American history,\" while Sen. Lindsey Graham said the president would have \"blood on his hands.\"",
            "very dark moment in American history,",
            "Mitt Romney",
        ),
        (
            "Kim Jong Un fired a missile. South Korean Defense Ministry spokesman Kim Min-seok said the South was ready. The threat is \"deeply regrettable and dangerous,\" Mr. Kim told reporters.",
            "deeply regrettable and dangerous,",
            "Kim Min-seok",
        ),
        (
            "\"Sometimes it is best to be caught trying,\" Bill Clinton told John McCain at an event in Manhattan on Tuesday night, Politico reported. \"Just do not overcommit.\"",
            "Just do not overcommit.",
            "Bill Clinton",
        ),
        // From heldout10 (read after its blind look): a subordinator is no name; a match
        // inside "22-member"; a place after "in" is no speaker; "the Obama administration"
        // is nobody "he" stands for.
        (
            "The voters were asked about the slogan. When asked to describe the phrase in their own words, some said it simply means taking \"care of business at home before taking care of others.\"",
            "care of business at home before taking care of others.",
            "",
        ),
        (
            "On Sunday, the head of the 22-member Arab League urged the members to make a \"clear and firm decision for a comprehensive confrontation\" with such groups.",
            "clear and firm decision for a comprehensive confrontation",
            "",
        ),
        (
            "The warrant unsealed in the U.S. District Court in Washington alleges \"all petroleum aboard it is subject to forfeiture under the sanctions law.\"",
            "all petroleum aboard it is subject to forfeiture under the sanctions law.",
            "",
        ),
        (
            "Chris Christie spoke in New York on Sunday, blaming the Obama administration for making the country appear weak.\n\n\"No one understands any longer who America stands with or against,\" he argued.",
            "No one understands any longer who America stands with or against,",
            "Chris Christie",
        ),
        // From a review of these rules: an outlet's own quote after someone's is the
        // outlet's; a subject who met officials is still the subject; "from" before an
        // author; "Biden told" after Hunter Biden is still Joe Biden; a state right before a
        // fragment speaks for itself; the attribution closing a "but" clause.
        (
            "\"We are cooperating fully with investigators,\" Smith said. \"The company has been under federal investigation since at least March,\" The New York Times reported.",
            "The company has been under federal investigation since at least March,",
            "The New York Times",
        ),
        (
            "President Trump met military officials on Monday and called the plan \"a total disaster for the country.\"",
            "a total disaster for the country.",
            "Donald Trump",
        ),
        (
            "\"We remain committed to the defense of our allies in the region,\" a statement from U.S. Forces Korea said.",
            "We remain committed to the defense of our allies in the region,",
            "U.S. Forces Korea",
        ),
        (
            "Hunter Biden said last week he would cooperate with the inquiry. On Friday, Biden told reporters at the White House that his son had \"done nothing wrong at all, nothing.\"",
            "done nothing wrong at all, nothing.",
            "Joe Biden",
        ),
        (
            "\"This is a very difficult decision for all of us,\" but one that had to be made, Smith said.",
            "This is a very difficult decision for all of us,",
            "Smith",
        ),
        // A statement by its author.
        (
            "The fleet was sent to reassure the South. \"We remain steadfast in our commitment to the defence of our ally,\" a statement by U.S. Forces Korea said.",
            "We remain steadfast in our commitment to the defence of our ally,",
            "U.S. Forces Korea",
        ),
        // The subject of a clause opening the pronoun's sentence, not the reporter named before.
        (
            "Kim Jong Un met his generals. CBS News correspondent Ben Tracy reports. Though the North Korean leader decided not to launch, he persisted, saying, \"If the Yankees persist in their reckless actions,\" they will pay.",
            "If the Yankees persist in their reckless actions,",
            "Kim Jong Un",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    // No speaker (and so short fragments are not kept): a dateline; a title subject whose
    // verb is past a comma ("calls" is a noun here); a state that owns the subject.
    assert_no_speaker(&[
        "KYIV — Late on Monday the plan was denounced as \"a dangerous provocation\".",
        "Barack Obama spoke. The president has all but ruled out sending in ground troops, and he also has resisted calls to establish a \"no-fly zone\" over Syria.",
        "Iran's Fars news agency said several media outlets in Iraq have quoted \"informed military sources\" as saying the leader had been killed.",
        // A passive, a compound modifier, a relative clause, an office of another body.
        "Russia was accused by Ukraine of war crimes, with Kyiv describing the attack as \"a deliberate strike on civilians.\"",
        "Iran-backed militias on Sunday denounced the strikes as \"a flagrant violation of Iraqi sovereignty.\"",
        "North Korea fired a missile on Sunday that Japan called \"an unacceptable provocation to the region.\"",
        "Trump proposed deep cuts to education funding on Monday. The president of the local teachers union denounced the proposal in a lengthy Facebook post as \"an insult to every teacher in the state.\"",
    ]);
}

/// Session 13 rules, from heldout11 (read after its blind look) and an allsides audit: a
/// relative clause after a name is no clause of its own ("X, who traveled with him, said"),
/// unless the name is the object of a preposition, a role in apposition, or the clause gives
/// the name ("who gave her name as Maryann").
#[test]
fn session_13_relative_clauses_and_other_rules() {
    let cases = [
        (
            "CBS News chairman and 60 Minutes producer Jeffrey Fager, who traveled to Damascus with Mr. Rose, said Assad seemed \"surprisingly relaxed and confident,\" according to The New York Times.",
            "surprisingly relaxed and confident,",
            "Jeffrey Fager",
        ),
        (
            "\"This is not some distant problem,\" Obama told NBC, while John Holdren, who directs the White House Office of Science and Technology Policy, said climate change \"already is affecting every region of the country.\"",
            "already is affecting every region of the country.",
            "John Holdren",
        ),
        (
            "\"The nature of the debate was rather appeasement,\" Macron, who had exchanged terse messages with Trump, told reporters.",
            "The nature of the debate was rather appeasement,",
            "Emmanuel Macron",
        ),
        (
            "Senator Orrin Hatch of Utah, Republican chairman of the Finance Committee, who co-sponsored the bill, said it would \"help keep more children safely with their families.\"",
            "help keep more children safely with their families.",
            "Orrin Hatch",
        ),
        (
            "A volunteer, who gave her name as Maryann, said: \"Some people say they like him but they vote for the other one.\"",
            "Some people say they like him but they vote for the other one.",
            "Maryann",
        ),
        // An inverted "said X" only heads its clause ("Cohen said of Biden" is Cohen); the
        // "X said" nearest the quote, past a dash; an owner is not in apposition; a name after
        // a title in apposition; "blamed".
        (
            "Larry Cohen spoke. Case in point, Cohen said of Biden, \"If he is the nominee, we will support him enthusiastically.\"",
            "If he is the nominee, we will support him enthusiastically.",
            "Larry Cohen",
        ),
        (
            "The Afghan government says the Taliban's spiritual leader, Mullah Omar, \"died in April 2013 in Pakistan.\"",
            "died in April 2013 in Pakistan.",
            "Afghan government",
        ),
        (
            "Asked if the action were related to the events in Gaza and Israel — militants fired rockets into Israel on Sunday and Israel responded with airstrikes — Pompeo said, \"It is separate from that.\"",
            "It is separate from that.",
            "Mike Pompeo",
        ),
        (
            "\"We have no knowledge of any of this,\" Hope Hicks, Mr. Trump's spokeswoman, said of the deal.",
            "We have no knowledge of any of this,",
            "Hope Hicks",
        ),
        (
            "The Navy's top officer, Chief of Naval Operations Adm. Michael Gilday, said Tuesday that \"a couple of hundred shipyard workers\" were on the ship.",
            "a couple of hundred shipyard workers",
            "Michael Gilday",
        ),
        (
            "Nicolas Maduro, an unpopular leader, blamed the \"far right,\" for the attack.",
            "far right,",
            "Nicolás Maduro",
        ),
        // A phrase cut short of the person it describes; an outlet reporting words its
        // sentence gives to someone else.
        (
            "\"Republicans will have an opportunity to put forward bills,\" said U.S. Chamber of Commerce spokeswoman Blair Latoff Holmes.",
            "Republicans will have an opportunity to put forward bills,",
            "Blair Latoff Holmes",
        ),
        (
            "Hillary Clinton lost. Hillary Clinton adviser Ron Klain denounced it Friday as a \"trap\" that would provide \"a massive corporate welfare plan for contractors\" without new spending.",
            "a massive corporate welfare plan for contractors",
            "Ron Klain",
        ),
        (
            "Hours after the interview, television interviewer Charlie Rose said that Assad \"denied that he had anything to do with the attack,\" The New York Times reports.",
            "denied that he had anything to do with the attack,",
            "Charlie Rose",
        ),
        (
            "In Russia, President Vladimir Putin continued \"a sweeping crackdown to silence critical voices,\" reported Human Rights Watch.",
            "a sweeping crackdown to silence critical voices,",
            "Human Rights Watch",
        ),
        // A caption naming who speaks; a title with "of" before the subject.
        (
            "Media playback is unsupported on your device Media caption Donald Trump: \"No preconditions, if they want to meet, I will meet\"\n\nIranian officials have spoken out.",
            "No preconditions, if they want to meet, I will meet",
            "Donald Trump",
        ),
        (
            "Secretary of State John Kerry appeared to confirm Tuesday that the U.S. is training forces in the Syria conflict, saying the hope is to convince President Bashar Assad to \"change his current calculation.\"",
            "change his current calculation.",
            "John Kerry",
        ),
        // From heldout12 (read after its blind look): a name after a body's possessive title.
        (
            "NATO's secretary general Jens Stoltenberg released a statement saying, \"We stand in solidarity with Turkey and support the territorial integrity of our ally\":",
            "We stand in solidarity with Turkey and support the territorial integrity of our ally",
            "Jens Stoltenberg",
        ),
        // A two-word sentence capitalised where it starts is no programme title.
        (
            "Donald Trump spoke. Asked by a reporter if he would attack, Trump said: \"We’ll see.\"",
            "We’ll see.",
            "Donald Trump",
        ),
        (
            "Tammy Duckworth spoke. Duckworth came to his defense after the show took aim at the veteran, who lost an eye in duty, tweeting that: \"No one should ever mock a veteran for the wounds they received.\"",
            "No one should ever mock a veteran for the wounds they received.",
            "Tammy Duckworth",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    // No speaker: an unnamed correspondent of a named outlet; the verb of a relative clause
    // about something else than the subject.
    assert_no_speaker(&[
        "\"A remarkable foreign policy moment for Donald Trump,\" said the breathless BBC correspondent, as if hostages had never been released.",
        "The Wall Street Journal reviewed a copy of the cable, which repeatedly calls for \"targeted military strikes against the government\" in Syria.",
        // The object of a preposition, past "the".
        "A senior diplomat who handles relations with the United States said Saturday that talks would be held under \"the right conditions and not before,\" South Korea's Yonhap news agency reported.",
    ]);
}

/// Rules written from the thirteenth held-out sample (read after its blind look) and from
/// allsides diffs; invented sentences.
#[test]
fn session_15_long_roles_before_a_name() {
    // Four role words, or an acronym among them, between the closing mark and the name.
    let cases = [
        (
            "\"We will be exerting additional pressure on the people closest to him,\" deputy national security adviser Tony Blinken said on CNN.",
            "We will be exerting additional pressure on the people closest to him,",
            "Antony Blinken",
        ),
        (
            "\"We preferred to work on genuine documents with some additions,\" former KGB general Oleg Kalugin, a Soviet defector, told the BBC.",
            "We preferred to work on genuine documents with some additions,",
            "Oleg Kalugin",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    // A clause before the name is no role: the speaker stays the one named before.
    let text = "Levinson spoke about the film. \"The idea that they would eat before the brother arrived was a sign of disrespect,\" Levinson told me recently when I asked him about that scene.";
    let rec = &extract_json(&["--text", text])[0];
    let q = &rec["quotes"][0];
    assert_eq!(q["speaker_text"], "Levinson", "{rec}");
    // A title's complement is not the name; a place after the name goes.
    let cases = [
        (
            "\"We are worried about the threat,\" Director of National Intelligence Dan Coats said.",
            "We are worried about the threat,",
            "Dan Coats",
        ),
        (
            "\"We are worried about the threat,\" Assistant Secretary of the Air Force John Henderson said.",
            "We are worried about the threat,",
            "John Henderson",
        ),
        (
            "\"We are worried about the threat,\" Rep. Nita M. Lowey of New York said.",
            "We are worried about the threat,",
            "Nita M. Lowey",
        ),
        (
            "\"It will pass and we will be fine,\" said Director of Elections.",
            "It will pass and we will be fine,",
            "Director of Elections",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    assert_no_speaker(&[
        "Pressure is mounting. The leaders have demanded a \"credible and transparent investigation\" into the events and Trump on Sunday warned of serious retribution.",
    ]);
}

#[test]
fn session_14_late_institutions_and_short_names() {
    let cases = [
        // An institution's name at the end of the sentence of a fragment.
        (
            "Russian planes caused \"disruption to civil aviation\" on Wednesday, the Foreign Office has said.",
            "disruption to civil aviation",
            "Foreign, Commonwealth and Development Office",
        ),
        (
            "Bullets fired at the offices were a \"targeted attack\" against federal employees, the FBI has said.",
            "targeted attack",
            "FBI",
        ),
        // A body named in full earlier, then by its last word; "the Navy" as a body.
        (
            "The New York Times obtained the list. \"We will publish every question we were given,\" the Times said.",
            "We will publish every question we were given,",
            "The New York Times",
        ),
        // A lowercase title before a name still makes it the subject ("he" is Fertitta).
        (
            "Daryl Morey tweeted. Rockets owner Tilman Fertitta publicly rebuked Morey for the tweet. He said on Twitter that Morey \"does NOT speak for the Houston Rockets\".",
            "does NOT speak for the Houston Rockets",
            "Tilman Fertitta",
        ),
        // Two spans of one sentence under the verb after the second.
        (
            "Americans are \"tired of being taken advantage of\" at the U.N. \"We will not stand for it any longer,\" Trump said.",
            "tired of being taken advantage of",
            "Donald Trump",
        ),
        (
            "The U.S. Navy's Fifth Fleet received two distress calls. \"Twenty-one mariners were rescued and are now aboard the destroyer,\" the Navy said in a statement.",
            "Twenty-one mariners were rescued and are now aboard the destroyer,",
            "Navy",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    assert_no_speaker(&[
        // A role or a document at the end of the sentence does not say whose words they are.
        "Jacksonville was dealing with \"record and historical flooding along the river,\" which meanders through downtown, the governor said.",
        "Fishing and tourism \"will likely be damaged by ocean acidification,\" the plan said.",
        // An outlet that reports words its sentence gives to someone else.
        "The New York Times broke the story. John Kerry issued a statement saying that her \"calm in the storm set her apart,\" the Times reported.",
    ]);
    // A term of a few words is no span of the speaker after the next quote; nor is a
    // sentence whose marks touch the next quote's.
    for (text, quote) in [
        (
            "Breaking the link between \"so-called merit scholarships\" and test scores is \"the next frontier,\" says Robert Schaeffer.",
            "so-called merit scholarships",
        ),
        (
            "Rice spoke. \"We were not aware of any intelligence, and we said so at the time in public.\"\"There was a video that had nothing to do with it,\" Rice said.",
            "We were not aware of any intelligence, and we said so at the time in public.",
        ),
    ] {
        let rec = &extract_json(&["--text", text])[0];
        let quotes = rec["quotes"].as_array().unwrap();
        assert!(quotes.iter().any(|q| !q["speaker"].is_null()), "{rec}");
        assert!(
            quotes
                .iter()
                .all(|q| q["text"] != quote || q["speaker"].is_null()),
            "{rec}"
        );
    }
}

/// Session 11 rules, from the quotes allsides gave to news outlets: an outlet is neither
/// "he", nor "the government", nor its own anchor; and a role ends with its sentence.
#[test]
fn outlets_are_not_people_or_governments_and_roles_end_with_their_sentence() {
    let cases = [
        // "he" never stands for an organisation quoted before.
        (
            "Fox's Tucker Carlson is being criticized for claiming the problem \"is a hoax.\"\n\n\"It's a conspiracy theory to divide the country,\" he told his viewers.",
            "It's a conspiracy theory to divide the country,",
            "",
        ),
        // "the government", "the administration": not the newspaper reporting them.
        (
            "USA Today\n\n\"The kingdom rejects any threats against it,\" the government said in a statement.",
            "The kingdom rejects any threats against it,",
            "",
        ),
        (
            "The New York Times reported that the administration acknowledged some people \"might face significant changes\" in their coverage.",
            "might face significant changes",
            "",
        ),
        // A newsroom's people are not the newsroom; their names are the speakers.
        (
            "\"The van was travelling at about 50 miles an hour,\" said the BBC reporter.",
            "The van was travelling at about 50 miles an hour,",
            "",
        ),
        (
            "BBC reporter Holly Jones, who was on the bridge, said the van was \"probably travelling at about 50 miles an hour\".",
            "probably travelling at about 50 miles an hour",
            "Holly Jones",
        ),
        (
            "Newsweek reporter James LaPorta said in a tweet that he was \"glad to know all my friends\" could help.",
            "glad to know all my friends",
            "James LaPorta",
        ),
        // A role toward someone ends with its sentence ("… for Politico. Lizza said").
        (
            "Farhi turned to Ryan Lizza, the chief Washington correspondent for Politico. Lizza said such moments delight \"the universe of friendly websites\" online.",
            "the universe of friendly websites",
            "Ryan Lizza",
        ),
        (
            "\"This is a waste of time and money,\" said Eric Rassbach, an attorney for Becket.\n\nHe said it was time to revisit \"the whole framework\" of the case.",
            "the whole framework",
            "Eric Rassbach",
        ),
        // … but not at a title's abbreviation: the spokesperson is still not the governor.
        (
            "A spokesperson for Gov. Ralph Northam told Vox: \"His comments were absolutely not a reference to that.\"",
            "His comments were absolutely not a reference to that.",
            "",
        ),
        (
            "A spokesman for Sen. Marco Rubio told reporters: \"Marco has a lot of respect for Governor Bush.\"",
            "Marco has a lot of respect for Governor Bush.",
            "",
        ),
    ];
    assert_quote_field(&cases, "speaker");
}

#[test]
fn topic_and_quote_filters_match_brute_force_counts() {
    let dir = tempdir();
    let idx = dir.path().join("ix");
    let r = run_ix(&repo(), &idx, &["index", "corpus"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let recs = extract_json(&["corpus"]);
    let tagged = |t: &str| recs.iter().filter(|r| topic_ids(r).contains(t)).count();
    let both = recs
        .iter()
        .filter(|r| {
            let t = topic_ids(r);
            t.contains("ceasefire") && t.contains("sanctions")
        })
        .count();
    let either = recs
        .iter()
        .filter(|r| {
            let t = topic_ids(r);
            t.contains("ceasefire") || t.contains("sanctions")
        })
        .count();
    assert!(
        both > 0 && both < either,
        "the corpus tells any-of from all-of"
    );
    let count = |args: &[&str]| -> usize {
        let r = run_ix(&repo(), &idx, &[&["search", "*", "--count"], args].concat());
        r.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{args:?}: {} {}", r.stdout, r.stderr))
    };
    assert_eq!(count(&["--topic", "ceasefire"]), tagged("ceasefire"));
    assert_eq!(
        count(&["--topic", "ceasefire", "--topic", "sanctions"]),
        either
    );
    assert_eq!(
        count(&[
            "--topic",
            "ceasefire",
            "--topic",
            "sanctions",
            "--all-topics"
        ]),
        both
    );
    // `attache topics` agrees with the per-article tags.
    let r = run_ix(&repo(), &idx, &["topics", "--format", "json"]);
    for t in r.json()["topics"].as_array().unwrap() {
        let id = t["topic"].as_str().unwrap();
        assert_eq!(t["articles"].as_u64().unwrap() as usize, tagged(id), "{id}");
    }
    // An unknown topic is an error that suggests the right one.
    let r = run_ix(&repo(), &idx, &["search", "*", "--topic", "cesefire"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ceasefire"), "{}", r.stderr);
    // Quotes by a speaker, in any spelling: the same articles as the extracted quotes say.
    let by_rubio = recs
        .iter()
        .filter(|r| {
            r["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["speaker_id"] == "marco-rubio")
        })
        .count();
    assert!(by_rubio > 0);
    assert_eq!(count(&["--quote-by", "Rubio"]), by_rubio);
    assert_eq!(count(&["--quote-by", "Рубио"]), by_rubio);
    let r = run_ix(
        &repo(),
        &idx,
        &[
            "quotes",
            "--speaker",
            "rubio",
            "--format",
            "json",
            "-n",
            "1000",
        ],
    );
    let quotes = r.json()["quotes"].as_array().unwrap().clone();
    let want: usize = recs
        .iter()
        .flat_map(|r| r["quotes"].as_array().unwrap().iter())
        .filter(|q| q["speaker_id"] == "marco-rubio")
        .count();
    assert_eq!(quotes.len(), want);
    assert!(quotes.iter().all(|q| q["speaker"] == "Marco Rubio"));
    // `quote:` searches the words of the quotes only; `attache quotes WORD` lists exactly the
    // quotes that contain the word, from articles that quote it (brute force over the
    // extracted quotes).
    let quoted = |q: &serde_json::Value| {
        q["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("ceasefire")
    };
    let articles = recs
        .iter()
        .filter(|r| r["quotes"].as_array().unwrap().iter().any(quoted))
        .count();
    let r = run_ix(&repo(), &idx, &["search", "ceasefire", "--count"]);
    let mentioning: usize = r.stdout.trim().parse().unwrap();
    assert!(
        articles > 0 && articles < mentioning,
        "{articles} {mentioning}"
    );
    let r = run_ix(&repo(), &idx, &["search", "quote:ceasefire", "--count"]);
    assert_eq!(r.stdout.trim(), articles.to_string(), "{}", r.stderr);
    let r = run_ix(
        &repo(),
        &idx,
        &["quotes", "ceasefire", "--format", "json", "-n", "1000"],
    );
    let listed = r.json()["quotes"].as_array().unwrap().clone();
    let want = recs
        .iter()
        .flat_map(|r| r["quotes"].as_array().unwrap().iter())
        .filter(|q| quoted(q))
        .count();
    assert_eq!(listed.len(), want);
    assert!(listed.iter().all(quoted));
    // With a small --limit, `total` still counts every quote that qualifies.
    let r = run_ix(
        &repo(),
        &idx,
        &["quotes", "ceasefire", "--format", "json", "-n", "1"],
    );
    let page = r.json();
    assert_eq!(page["quotes"].as_array().unwrap().len(), 1);
    assert_eq!(page["total"].as_u64(), Some(want as u64), "{page}");
    let r = run_ix(&repo(), &idx, &["quotes", "ceasefire", "-n", "1"]);
    assert!(
        r.stdout.starts_with(&format!(
            "{want} quotes from {articles} matching articles; showing 1–1"
        )),
        "{}",
        r.stdout
    );
    // A date range or another field in the query adds no words a quote must hold.
    let r = run_ix(
        &repo(),
        &idx,
        &[
            "quotes",
            "ceasefire date:[2000-01-01 TO 2030-12-31] -\"security guarantees\"",
            "--format",
            "json",
            "-n",
            "1000",
        ],
    );
    let ranged = r.json()["quotes"].as_array().unwrap().len();
    let guaranteed = listed
        .iter()
        .filter(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("security guarantees")
        })
        .count();
    assert_eq!(ranged, want - guaranteed);
    // A quote holds a word as the index sees it, stemmed: "negotiate" lists the quotes that
    // say "negotiations" too.
    let listed_for = |word: &str| {
        let r = run_ix(
            &repo(),
            &idx,
            &["quotes", word, "--format", "json", "-n", "1000"],
        );
        r.json()["quotes"].as_array().unwrap().len()
    };
    let negotiate = listed_for("negotiate");
    assert!(negotiate > 1, "{negotiate}");
    assert_eq!(negotiate, listed_for("negotiations"));
}

#[test]
fn retag_equals_a_fresh_index_with_the_new_gazetteer_and_lexicon() {
    use crate::util::write;
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // The repository's outlets plus one entity and one topic.
    let outlets = std::fs::read_to_string(repo().join("attache.toml")).unwrap();
    let cfg = write(
        dir.path(),
        "extra.toml",
        outlets
            + "\n"
            + MIRIAM_OSEI
            + "\n[[topic]]\nid = \"alaska-summit\"\nlabel = \"Alaska summit\"\n[topic.patterns]\nen = [\"anchorage\", \"alaska summit\"]\nde = [\"alaska gipfel*\", \"gipfel in alaska\"]\n",
    );
    let cfg = cfg.to_str().unwrap();
    let corpus = repo().join("corpus");
    let corpus = corpus.to_str().unwrap();
    // a: indexed without the extra config, then retagged with it; b: indexed with it.
    ix(&a, &["index", corpus]);
    let before = ix(
        &a,
        &["search", "ceasefire", "--format", "json", "-n", "100"],
    )
    .json();
    let r = ix(&a, &["--config", cfg, "index", "--retag"]);
    assert!(r.stdout.contains("retagged 53"), "{}", r.stdout);
    ix(&b, &["--config", cfg, "index", corpus]);
    for args in [
        &[
            "--config", cfg, "entities", "--top", "1000", "--format", "json",
        ][..],
        &[
            "--config",
            cfg,
            "entities",
            "--unknown",
            "--top",
            "1000",
            "--format",
            "json",
        ],
        &["--config", cfg, "topics", "--by-outlet", "--format", "json"],
        &["--config", cfg, "quotes", "-n", "1000", "--format", "json"],
    ] {
        let (x, y) = (ix(&a, args).json(), ix(&b, args).json());
        let key = if args.contains(&"quotes") {
            "quotes"
        } else if args.contains(&"topics") {
            "topics"
        } else {
            "entities"
        };
        assert_eq!(sorted_items(&x, key), sorted_items(&y, key), "{args:?}");
    }
    let r = ix(
        &a,
        &[
            "--config",
            cfg,
            "search",
            "*",
            "--person",
            "Osei",
            "--topic",
            "alaska-summit",
            "--count",
        ],
    );
    assert!(r.stdout.trim().parse::<u64>().unwrap() > 0, "{}", r.stdout);
    // Text search is untouched by a retag, and the files stay known (nothing re-read).
    let after = ix(
        &a,
        &["search", "ceasefire", "--format", "json", "-n", "100"],
    )
    .json();
    assert_eq!(before["total"], after["total"]);
    let r = ix(&a, &["--config", cfg, "index", corpus]);
    assert!(
        r.stderr.is_empty() || !r.stderr.contains("re-reading"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("0 new"), "{}", r.stdout);
}

/// A retag recomputes only the stages whose data changed and rewrites only the articles whose
/// annotations changed; the result is still that of a fresh index.
#[test]
fn retag_recomputes_only_what_changed() {
    use crate::util::write;
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let outlets = std::fs::read_to_string(repo().join("attache.toml")).unwrap();
    let topic = outlets.clone()
        + "\n[[topic]]\nid = \"alaska-summit\"\nlabel = \"Alaska summit\"\n[topic.patterns]\nen = [\"anchorage\", \"alaska summit\"]\n";
    let topic = write(dir.path(), "topic.toml", topic);
    let plain = write(dir.path(), "plain.toml", outlets);
    // A new person, and Marco Rubio (same spellings) as a woman: the articles quoting "he"
    // after Rubio keep their entities but must have their quotes recomputed.
    let people = std::fs::read_to_string(repo().join("data/gazetteer/people.toml")).unwrap();
    let start = people.find("[[entity]]\nid = \"marco-rubio\"").unwrap();
    let end = start + 1 + people[start + 1..].find("\n[[entity]]").unwrap();
    let rubio = people[start..end].replacen(
        "name = \"Marco Rubio\"\n",
        "name = \"Marco Rubio\"\ngender = \"female\"\n",
        1,
    );
    assert!(rubio.contains("gender = \"female\""));
    let gaz = write(dir.path(), "gaz.toml", format!("{MIRIAM_OSEI}\n{rubio}"));
    let corpus = repo().join("corpus");
    let corpus = corpus.to_str().unwrap();
    let (plain, topic, gaz) = (
        plain.to_str().unwrap(),
        topic.to_str().unwrap(),
        gaz.to_str().unwrap(),
    );
    let retag = |cfg: &[&str]| {
        let args = [cfg, &["index", "--retag", "--format", "json"][..]].concat();
        ix(&a, &args).json()
    };
    ix(&a, &["--config", plain, "index", corpus]);
    let total = 53;
    // Nothing changed: nothing is recomputed.
    let r = retag(&["--config", plain]);
    assert_eq!(r["recomputed"], serde_json::json!([]), "{r}");
    assert_eq!(r["rewritten"], 0, "{r}");
    // A new topic: topics only, and only the articles it tags are rewritten.
    let r = retag(&["--config", topic]);
    assert_eq!(r["recomputed"], serde_json::json!(["topics"]), "{r}");
    let tagged = ix(
        &a,
        &[
            "--config",
            topic,
            "search",
            "*",
            "--topic",
            "alaska-summit",
            "--count",
        ],
    );
    let tagged: u64 = tagged.stdout.trim().parse().unwrap();
    assert!(tagged > 0);
    // Whole files are rewritten (a JSON Lines file holds several articles), and a hit
    // below the tagging threshold changes an article too.
    let rewritten = r["rewritten"].as_u64().unwrap();
    assert!(tagged <= rewritten && rewritten < total, "{r} {tagged}");
    let rubio_quotes = |cfg: &[&str]| {
        let args = [
            cfg,
            &[
                "quotes",
                "--speaker",
                "Rubio",
                "-n",
                "1000",
                "--format",
                "json",
            ][..],
        ]
        .concat();
        ix(&a, &args).json()["quotes"].as_array().unwrap().len()
    };
    let before = rubio_quotes(&["--config", topic]);
    // A new person: entities and quotes only.
    let r = retag(&["--config", topic, "--gazetteer", gaz]);
    assert_eq!(
        r["recomputed"],
        serde_json::json!(["entities", "quotes"]),
        "{r}"
    );
    assert!(r["rewritten"].as_u64().unwrap() < total, "{r}");
    assert_ne!(
        before,
        rubio_quotes(&["--config", topic, "--gazetteer", gaz]),
        "\"he\" no longer stands for Rubio"
    );
    // An index without stage fingerprints (an older attache): every article, in one pass.
    let meta_path = a.join("meta.json");
    let mut meta: Value = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let mut payload: Value = serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    payload.as_object_mut().unwrap().remove("stages");
    meta["payload"] = Value::String(payload.to_string());
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let r = retag(&["--config", topic, "--gazetteer", gaz]);
    assert_eq!(
        r["recomputed"],
        serde_json::json!(["entities", "quotes", "topics"]),
        "{r}"
    );
    assert_eq!(r["rewritten"].as_u64(), Some(total), "{r}");
    // Same answers as a fresh index with both.
    ix(
        &b,
        &["--config", topic, "--gazetteer", gaz, "index", corpus],
    );
    // (Rewritten articles come later in the index: compare the items in a fixed order.)
    for (key, args) in [
        (
            "entities",
            &["entities", "--top", "1000", "--format", "json"][..],
        ),
        ("topics", &["topics", "--by-outlet", "--format", "json"]),
        ("quotes", &["quotes", "-n", "1000", "--format", "json"]),
    ] {
        let args = [&["--config", topic, "--gazetteer", gaz][..], args].concat();
        let (x, y) = (
            sorted_items(&ix(&a, &args).json(), key),
            sorted_items(&ix(&b, &args).json(), key),
        );
        assert_eq!(x.len(), y.len(), "{args:?}");
        for (x, y) in x.iter().zip(&y) {
            assert_eq!(x, y, "{args:?}");
        }
    }
    let count = [
        "--config",
        topic,
        "--gazetteer",
        gaz,
        "search",
        "*",
        "--person",
        "Osei",
        "--topic",
        "alaska-summit",
        "--count",
    ];
    assert_eq!(ix(&a, &count).stdout, ix(&b, &count).stdout);
}

#[test]
fn same_sentence_requires_the_entity_and_the_topic_together() {
    use crate::util::write;
    let dir = tempdir();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    write(
        &docs,
        "together.txt",
        "One\n\nVladimir Putin rejected a ceasefire on Friday. Talks went on.",
    );
    write(
        &docs,
        "apart.txt",
        "Two\n\nVladimir Putin spoke on Friday. Later, a ceasefire was discussed by others.",
    );
    write(
        &docs,
        "neither.txt",
        "Three\n\nVladimir Putin spoke about trade.",
    );
    let idx = dir.path().join("ix");
    let r = run_ix(dir.path(), &idx, &["index", docs.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let titles = |extra: &[&str]| -> BTreeSet<String> {
        let r = run_ix(
            dir.path(),
            &idx,
            &[
                &[
                    "search",
                    "*",
                    "--person",
                    "putin",
                    "--topic",
                    "ceasefire",
                    "--format",
                    "json",
                ],
                extra,
            ]
            .concat(),
        );
        r.json()["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(&[]),
        BTreeSet::from(["One".to_string(), "Two".to_string()])
    );
    assert_eq!(
        titles(&["--same-sentence"]),
        BTreeSet::from(["One".to_string()])
    );
    let r = run_ix(
        dir.path(),
        &idx,
        &[
            "search",
            "*",
            "--person",
            "putin",
            "--topic",
            "ceasefire",
            "--same-sentence",
            "--count",
        ],
    );
    assert_eq!(r.stdout.trim(), "1");
}

/// The attribution figures of the samples the rules were written from stay where they are
/// (QUALITY.md): `scripts/quotes_eval.py` on the main, dev and read held-out samples, with floors a little
/// under today's figures, so a rule that breaks others fails here. (The blind samples are not
/// run: they are measured once per build by hand.)
#[test]
fn quote_attribution_on_the_read_samples_keeps_its_level() {
    let Some(shared) = shared() else { return };
    for (gold, min_precision, min_recall) in [
        ("tests/quotes", 0.95, 0.80),
        ("tests/quotes/dev", 0.95, 0.79),
        ("tests/quotes/heldout4", 0.91, 0.81),
        // Read in session 12, after their blind looks.
        ("tests/quotes/heldout7", 0.92, 0.79),
        ("tests/quotes/heldout8", 0.94, 0.78),
        ("tests/quotes/heldout9", 0.88, 0.74),
        ("tests/quotes/heldout10", 0.95, 0.79),
        // Read in session 13, after their blind looks (heldout11 0.890 / 0.736 then, 0.946 /
        // 0.797 now; heldout12 0.898 / 0.780 then, 0.905 / 0.791 now).
        ("tests/quotes/heldout11", 0.93, 0.78),
        ("tests/quotes/heldout12", 0.89, 0.77),
        // Read in session 14, after their blind looks (heldout13 0.917 / 0.729 then, 0.912 /
        // 0.739 now; heldout14 0.904 / 0.744 then, 0.917 / 0.754 now).
        ("tests/quotes/heldout13", 0.90, 0.72),
        ("tests/quotes/heldout14", 0.90, 0.74),
        // Read in session 15, after their blind looks (heldout15 0.941 / 0.746 then, 0.942 /
        // 0.757 now; heldout16 0.935 / 0.818 then and now).
        ("tests/quotes/heldout15", 0.92, 0.75),
        ("tests/quotes/heldout16", 0.92, 0.80),
    ] {
        let out = std::process::Command::new("python3")
            .current_dir(repo())
            .args([
                "scripts/quotes_eval.py",
                "--json",
                "--gold-dir",
                gold,
                "--bin",
            ])
            .arg(env!("CARGO_BIN_EXE_attache"))
            .arg("--corpora")
            .arg(shared.join("corpora"))
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{gold}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
        let (p, r) = (
            v["attribution"]["precision"].as_f64().unwrap(),
            v["attribution"]["recall"].as_f64().unwrap(),
        );
        assert!(
            p >= min_precision && r >= min_recall,
            "{gold}: attribution precision {p} (floor {min_precision}), recall {r} (floor {min_recall})"
        );
    }
}

/// A speaker the gazetteer does not know is stored as written; `quotes --speaker` finds them
/// in any case, by full name or surname, and not a namesake with another first name.
#[test]
fn quotes_by_an_unknown_speaker_are_found_by_name_or_surname() {
    let (tmp, idx) = crate::util::indexed(&[
        (
            "a.txt",
            "Talks\n\n\"We will keep talking until there is a deal,\" said Jane Okonkwo, a mediator.\n",
        ),
        (
            "b.txt",
            "More talks\n\nThe mediator spoke again. \"The gap between the two sides is narrowing,\" Okonkwo said.\n",
        ),
        (
            "c.txt",
            "Other talks\n\n\"Nothing has been agreed yet,\" said Peter Okonkwo, a diplomat.\n",
        ),
    ]);
    let speakers = |name: &str| -> BTreeSet<String> {
        let r = run_ix(
            tmp.path(),
            &idx,
            &["quotes", "--speaker", name, "--format", "json"],
        );
        r.json()["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["speaker"].as_str().unwrap().to_string())
            .collect()
    };
    let jane: BTreeSet<String> = ["Jane Okonkwo", "Okonkwo"].map(String::from).into();
    assert_eq!(speakers("Jane Okonkwo"), jane);
    assert_eq!(speakers("jane okonkwo"), jane);
    assert_eq!(
        speakers("okonkwo"),
        ["Jane Okonkwo", "Okonkwo", "Peter Okonkwo"]
            .map(String::from)
            .into()
    );
    assert!(!speakers("Peter Okonkwo").contains("Jane Okonkwo"));
}

/// An impossible date is flagged in `show` and stays flagged through a `--retag` that rewrites
/// the article (the flag was a fast field only: `show` said false, and a retag dropped it).
#[test]
fn a_rejected_date_stays_flagged_in_show_and_through_a_retag() {
    use crate::util::write;
    let (tmp, idx) = crate::util::indexed(&[(
        "a.json",
        r#"{"title": "Talks", "date": "2025-02-30", "url": "https://example.org/a", "body": "Miriam Osei said the talks in Geneva would go on next week."}"#,
    )]);
    let cfg = write(tmp.path(), "extra.toml", MIRIAM_OSEI);
    let show = |extra: &[&str]| {
        ix(
            &idx,
            &[
                extra,
                &["show", "https://example.org/a", "--format", "json"],
            ]
            .concat(),
        )
        .json()
    };
    let rejected = |extra: &[&str]| {
        ix(&idx, &[extra, &["stats", "--format", "json"]].concat()).json()["dates_rejected"].clone()
    };
    assert_eq!(show(&[])["date_rejected"], true);
    assert_eq!(rejected(&[]), 1);
    let cfg = ["--config", cfg.to_str().unwrap()];
    let r = ix(&idx, &[&cfg[..], &["index", "--retag"]].concat());
    assert!(r.stdout.contains("retagged 1"), "{}", r.stdout);
    let shown = show(&cfg);
    assert!(
        shown["persons"].to_string().contains("Miriam Osei"),
        "{shown}"
    );
    assert_eq!(shown["date_rejected"], true);
    assert_eq!(rejected(&cfg), 1);
}

/// `show` prints the article's quotes, in JSON and as text (they were only in `attache quotes`).
#[test]
fn show_lists_the_quotes() {
    let (_tmp, idx) = crate::util::indexed(&[(
        "a.json",
        r#"{"title": "Talks", "date": "2025-08-17", "url": "https://example.org/a", "body": "\"The president wants a deal, and he wants it fast,\" Steve Witkoff told reporters."}"#,
    )]);
    let shown = ix(&idx, &["show", "https://example.org/a", "--format", "json"]).json();
    let q = &shown["quotes"][0];
    assert_eq!(q["speaker"], "Steve Witkoff", "{shown}");
    assert_eq!(
        q["text"],
        "The president wants a deal, and he wants it fast,"
    );
    let text = ix(&idx, &["show", "https://example.org/a"]).stdout;
    assert!(
        text.contains("quotes    1\n  Steve Witkoff: “The president wants a deal"),
        "{text}"
    );
}

/// French inverted pronouns after a quote ("a-t-il déclaré", "poursuit-il") stand for the
/// person named before, like "he said".
#[test]
fn session_15_french_inverted_pronouns() {
    let quote = "La France ne reconnaîtra pas cette annexion";
    let texts: Vec<String> = [
        "a-t-il déclaré",
        "a-t-il dit",
        "a-t-il ajouté",
        "a-t-il souligné",
        "a-t-il précisé",
        "a-t-il encore ajouté",
        "déclare-t-il",
        "estime-t-il",
        "ajoute-t-il",
        "poursuit-il",
    ]
    .iter()
    .map(|v| {
        format!("Emmanuel Macron a parlé aux journalistes. « La France ne reconnaîtra pas cette annexion », {v}.")
    })
    .collect();
    let mut cases: Vec<(&str, &str, &str)> = texts
        .iter()
        .map(|t| (t.as_str(), quote, "Emmanuel Macron"))
        .collect();
    let women = [
        "Anne Hidalgo a parlé aux journalistes. « Paris ne reconnaîtra pas cette annexion », a-t-elle affirmé.",
        "Anne Hidalgo a parlé aux journalistes. « Paris ne reconnaîtra pas cette annexion », affirme-t-elle.",
        "Anne Hidalgo a parlé aux journalistes. « Paris ne reconnaîtra pas cette annexion », explique-t-elle.",
    ];
    for t in women {
        cases.push((t, "Paris ne reconnaîtra pas cette annexion", "Anne Hidalgo"));
    }
    assert_quote_field(&cases, "speaker");
    let rec = &extract_json(&["--text", &texts[0]])[0];
    assert_eq!(rec["quotes"][0]["speaker_text"], "il", "{rec}");
    assert_eq!(rec["quotes"][0]["verb"], "a déclaré", "{rec}");
    // "elle" is no man named before.
    assert_no_speaker(&[
        "Emmanuel Macron a parlé aux journalistes. « La France ne reconnaîtra pas cette annexion », affirme-t-elle.",
    ]);
}

/// The German "„…“, so Merz." names the speaker after "so", with a time and place after it.
#[test]
fn session_15_german_so_attribution() {
    let quote = "Wir werden die Ukraine weiter unterstützen";
    let cases = [
        ("„Wir werden die Ukraine weiter unterstützen“, so Merz.", quote, "Friedrich Merz"),
        (
            "„Wir werden die Ukraine weiter unterstützen“, so Merz am Montag in Berlin.",
            quote,
            "Friedrich Merz",
        ),
        (
            "Friedrich Merz traf Selenskyj in Kiew. „Wir werden die Ukraine weiter unterstützen“, so der Kanzler.",
            quote,
            "Friedrich Merz",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    let rec = &extract_json(&[
        "--text",
        "„Wir werden die Ukraine weiter unterstützen“, so Merz am Montag in Berlin.",
    ])[0];
    assert_eq!(rec["quotes"][0]["speaker_text"], "Merz", "{rec}");
    // "so" in English prose after a quote is no attribution.
    assert_no_speaker(&[
        "\"We will not back down from this fight,\" so Democrats in Congress pushed back.",
        "\"We will not back down from this fight,\" so Trump decided to leave.",
    ]);
}

/// A time or place after a name that follows its verb is not part of the speaker.
#[test]
fn session_15_trailing_time_and_place_after_a_name() {
    let cases = [
        (
            "„Wir brauchen einen Waffenstillstand“, sagte Müller am Sonntag in Berlin.",
            "Wir brauchen einen Waffenstillstand",
            "Müller",
        ),
        (
            "« Nous ne céderons pas sur ce point », a déclaré Dupont lundi à Paris.",
            "Nous ne céderons pas sur ce point",
            "Dupont",
        ),
        (
            "«No aceptaremos ninguna condición», dijo Sánchez el lunes en Madrid.",
            "No aceptaremos ninguna condición",
            "Sánchez",
        ),
        (
            "«Мы не примем никаких условий», — сказал Петров в понедельник в Москве.",
            "Мы не примем никаких условий",
            "Петров",
        ),
        (
            "\"We will not back down from this fight,\" said Jim Smithers on Sunday in Chicago.",
            "We will not back down from this fight,",
            "Jim Smithers",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    assert_quote_field(&cases, "speaker_text");
    // A known person keeps the link, and the text is trimmed too.
    let rec = &extract_json(&[
        "--text",
        "„Wir werden die Ukraine weiter unterstützen“, sagte Merz am Montag in Berlin.",
    ])[0];
    assert_eq!(rec["quotes"][0]["speaker"], "Friedrich Merz", "{rec}");
    assert_eq!(rec["quotes"][0]["speaker_text"], "Merz", "{rec}");
    // A body's name before a title is no place: the whole phrase stays.
    let cases = [(
        "\"Clearly our enemies understand that it is a weakness,\" said House Permanent Select Committee on Intelligence Chairman Mike Rogers.",
        "Clearly our enemies understand that it is a weakness,",
        "Mike Rogers",
    )];
    assert_quote_field(&cases, "speaker");
}

/// Russian and Ukrainian dialogue: a paragraph opened by a dash, the attribution after ", —".
#[test]
fn session_15_dialogue_dashes() {
    let ru = "Мы не примем никаких условий,";
    let cases = [
        ("— Мы не примем никаких условий, — сказал Зеленский.", ru, "Volodymyr Zelensky"),
        ("– Мы не примем никаких условий, – сказал Зеленский.", ru, "Volodymyr Zelensky"),
        (
            "— Ми не приймемо жодних умов, — заявив Зеленський.",
            "Ми не приймемо жодних умов,",
            "Volodymyr Zelensky",
        ),
        (
            "Президент выступил в Киеве.\n\n— Мы не примем никаких условий, — сказал Зеленский. — Это наша позиция.",
            ru,
            "Volodymyr Zelensky",
        ),
        (
            "Президент выступил в Киеве.\n  — Мы не примем никаких условий, — Зеленский заявил.",
            ru,
            "Volodymyr Zelensky",
        ),
    ];
    assert_quote_field(&cases, "speaker");
    // A dash inside prose, or a dash paragraph without an attribution, opens no quote.
    for text in [
        "Президент выступил в Киеве — мы не примем никаких условий, — сказал Зеленский.",
        "— Это первый пункт программы, а второй — реформы.\nВторой абзац без диалога, — и всё.",
        "— The first item on the list, — and then more text follows here.",
        "He paused — we will not accept any conditions, — and then he left the room.",
    ] {
        let rec = &extract_json(&["--text", text])[0];
        assert_eq!(rec["quotes"].as_array().unwrap().len(), 0, "{rec}");
    }
}

/// No-break spaces inside guillemets are not part of the quote; the offsets follow the text.
#[test]
fn session_15_guillemet_spaces_trimmed() {
    for text in [
        "Emmanuel Macron a parlé. «\u{a0}La France ne reconnaîtra pas cette annexion\u{a0}», a déclaré Macron.",
        "Emmanuel Macron a parlé. «\u{202f}La France ne reconnaîtra pas cette annexion\u{202f}», a déclaré Macron.",
        "Emmanuel Macron a parlé. « La France ne reconnaîtra pas cette annexion », a déclaré Macron.",
    ] {
        let rec = &extract_json(&["--text", text])[0];
        let q = &rec["quotes"][0];
        let quote = "La France ne reconnaîtra pas cette annexion";
        assert_eq!(q["text"], quote, "{rec}");
        assert_eq!(q["speaker"], "Emmanuel Macron", "{rec}");
        let (a, b) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let span: String = text.chars().skip(a).take(b - a).collect();
        assert_eq!(span, quote, "{rec}");
    }
}

/// "Как сообщил X, «…»", "Як заявив X": the speaker of an "as" clause is the one after its
/// verb (the word "Как" had been the speaker).
#[test]
fn session_15_as_clauses_in_russian_and_ukrainian() {
    let cases = [
        ("Как сообщил пресс-секретарь Кремля Дмитрий Песков, «переговоры пока не запланированы».", "переговоры пока не запланированы", "Dmitry Peskov"),
        ("Як заявив Зеленський, «ми не погодимося на такі умови».", "ми не погодимося на такі умови", "Volodymyr Zelensky"),
        ("Тем временем, как заявил Песков, «переговоры пока не запланированы и не обсуждаются».", "переговоры пока не запланированы и не обсуждаются", "Dmitry Peskov"),
    ];
    assert_quote_field(&cases, "speaker");
}
