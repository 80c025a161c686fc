//! Direct quotations and who said them. Quote marks are paired within a paragraph (a quote
//! may run on when the next paragraph opens with a mark, the convention for long quotes),
//! never across the article; the attribution is read from the words right after the closing
//! mark ("…," Rubio said / said Rubio / sagte Merz) or right before the opening one (Rubio
//! said: "…" / according to X, "…"), in en, de, fr, es, ru, uk. The speaker is linked to the
//! entity mentioned there; pronouns and titles refer to the last person named before.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::entities::gazetteer::{Gazetteer, Gender};
use super::entities::{EntityType, Found, MentionKind};

/// Shortest quote kept on its own, in words: shorter quoted bits are mostly scare quotes or
/// titles. A shorter one of at least `MIN_FRAGMENT_WORDS` is kept when its sentence names who
/// said it ("Trump called it a \"witch hunt\"").
const MIN_WORDS: usize = 4;
const MIN_FRAGMENT_WORDS: usize = 2;
/// Longest quote, in characters, and most paragraphs it may span.
const MAX_CHARS: usize = 3000;
const MAX_PARAGRAPHS: usize = 6;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words (without the marks); `start`/`end` are character offsets in the body.
    pub text: String,
    pub start: u32,
    pub end: u32,
    /// Canonical entity name when known, else the name as written; None when unattributed or
    /// anonymous ("a senior official").
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    /// How the text names the speaker at the attribution ("he", "Rubio", "the president").
    pub speaker_text: Option<String>,
    pub verb: Option<String>,
}

const VERBS: &str = "said|says|say|told|tells|added|adds|asked|asks|wrote|writes|tweeted|posted|\
stated|states|noted|notes|explained|explains|declared|insisted|insists|argued|argues|warned|warns|\
continued|recalled|replied|responded|claimed|claims|announced|acknowledged|admitted|agreed|\
suggested|remarked|observed|emphasized|emphasised|stressed|predicted|complained|concluded|\
confirmed|countered|vowed|pledged|urged|cautioned|testified|shouted|wondered|joked|\
calls|called|describes|described|writes|adding|saying|telling|answers|answered|\
reports|reported|concludes|concluded|continues|referred to|summarized|summarised|declare|\
claim|warn|argue|insist|explain|contend|contends|contended|allege|alleges|alleged|\
promised|pronounced|quipped|conceded|asserted|asserts|boasted|reiterated|revealed|pleaded|\
tweeting|writing|noting|warning|arguing|insisting|declaring|predicting|agrees|\
is expected to say|will say|went on|put it|opined|pointed out|points out|\
sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|warnte|ergänzte|fügte hinzu|\
a déclaré|a dit|a affirmé|a ajouté|a souligné|a expliqué|a estimé|a assuré|a averti|déclare|\
affirme|estime|souligne|dit|explique|ajoute|\
dijo|afirmó|declaró|señaló|aseguró|añadió|explicó|advirtió|indicó|dice|afirma|\
заявил|заявила|сказал|сказала|отметил|отметила|подчеркнул|подчеркнула|добавил|добавила|\
сообщил|сообщила|написал|написала|заявив|сказав|зазначив|наголосив|додав|повідомив|написав|\
заявила|сказала|зазначила|наголосила|додала";

/// Verbs that report what someone said without a speech verb of their own ("decried the
/// crackdown as \"…\""): enough, with a subject, to attribute a quote in the same sentence.
const STANCE_VERBS: &[&str] = &[
    "decried",
    "cited",
    "denied",
    "denies",
    "demanded",
    "repeated",
    "claiming",
    "calling",
    "describing",
    "accusing",
    "praising",
    "urging",
    "condemning",
    "denounced",
    "referred",
    "accused",
    "blasted",
    "slammed",
    "praised",
    "criticized",
    "criticised",
    "condemned",
    "hailed",
    "dismissed",
    "rejected",
    "welcomed",
    "labelled",
    "labeled",
    "branded",
    "termed",
    "dubbed",
    "confirmed",
    "congratulated",
    "defended",
    "promised",
    "threatened",
    "credited",
    "touted",
    "charged",
    "characterized",
    "characterised",
    "decrying",
    "voiced",
    "expressed",
    "disclosed",
    "clarified",
    "blamed",
];

/// Words that describe an unnamed speaker when they end the speaker phrase.
const GENERIC_SPEAKERS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "aides",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "officer",
    "officers",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "adviser",
    "advisers",
    "advisor",
    "insider",
    "insiders",
    "person",
    "people",
    "member",
    "members",
    "lawmaker",
    "lawmakers",
    // People of a newsroom: "the CNN anchor said" is the anchor, not CNN.
    "anchor",
    "host",
    "reporter",
    "reporters",
    "correspondent",
    "contributor",
    "columnist",
    "commentator",
    "journalist",
    "journalists",
    "executive",
    "fact-checker",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "er", "sie", "il", "elle", "él", "ella", "он", "она", "він", "вона",
];

/// A speaker as written: a capitalised name (with particles), a pronoun, or a phrase opened by
/// an article ("the president", "The Russian foreign ministry", "a senior official", "der
/// Kanzler"). Unnamed sources without an article ("U.S. officials") are `unnamed_source`'s:
/// as an alternative here they made the lazy DFA build states all the time. Letters are spelled
/// out for the Latin and Cyrillic scripts: Unicode classes made the lazy DFA slow.
const SPEAKER: &str = r"(?:(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ'’.\-]*\s+)*(?:[a-zß-öø-ÿā-ſа-яёєіїґ][A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ\-]*\s+){0,3}(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ'’.\-]*)(?:\s+(?:(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ'’.\-]*)|von|van|der|de|da|al|bin|ibn|la|le|del))*|(?-u:\b)(?:he|she|it|who|they|er|sie|il|elle|ils|ella|ellos)(?-u:\b)|él|он|она|они|він|вона|вони|(?-u:\b)(?:the|The|a|A|an|An|one|der|die|das|ein|eine|le|la|les|un|une|el|los|un|una)\s+(?:(?:(?:[A-Z]\.)+|[A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ\-]+)\s+){0,4}?[A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ\-]+)";

struct Patterns {
    /// After the closing mark: speaker then verb ("Rubio said").
    after_sv: Regex,
    /// After the closing mark: verb then speaker ("said Rubio", "sagte Merz").
    after_vs: Regex,
    /// Before the opening mark: "Rubio said:", "He told CNN that".
    before_sv: Regex,
    /// Before the opening mark: "according to Rubio,", "selon M. Macron,".
    according: Regex,
    /// A sentence that opens "According to the Times, …" with no speaker of its own.
    according_start: Regex,
    /// Before the opening mark: "Reuters quotes Kerry as saying".
    quoting: Regex,
    /// Before the opening mark, inverted: "sagte Merz:", "Added Chairman Ed Royce, California
    /// Republican,".
    before_vs: Regex,
    /// An inverted attribution inside the sentence: "Her comments, said Josh Earnest, the
    /// White House press secretary, are \"…\"".
    sentence_vs: Regex,
    /// Anywhere earlier in the sentence (a partial quote): "McDonough said … because".
    sentence_sv: Regex,
    /// `after_sv` and `sentence_sv` with the apposition bounded to 120 characters, as the
    /// attribution rules want it. The patterns above leave it unbounded because a counted
    /// repetition in an unanchored pattern made the lazy DFA build states at almost every
    /// comma; these run only when a match there has a longer apposition (rare), and give
    /// exactly the bounded patterns' result.
    after_sv_bounded: Regex,
    sentence_sv_bounded: Regex,
    /// `after_sv` without an apposition, for when its match swallowed a verb: "Marco Rubio
    /// said Sergei Lavrov, who …, said".
    after_sv_plain: Regex,
    /// `after_sv` with `wide_speaker`, when no other pattern after the mark matched.
    after_sv_wide: Regex,
    /// After the closing mark: a role, then the name in commas ("…," Assange's U.K. lawyer,
    /// Jennifer Robinson, said).
    after_role: Regex,
    /// After the closing mark: a named author's document ("…," Mr Lieu's joint statement
    /// said).
    after_document: Regex,
    /// After the closing mark: "…," as the country's Foreign Minister Mohammad Javad Zarif
    /// tweeted.
    after_as: Regex,
    /// After the closing mark, at the end of its sentence: "…" in upcoming days, National
    /// Security Adviser Robert O'Brien said Tuesday.
    after_late: Regex,
}

/// The apposition of `after_sv`/`sentence_sv`: ", the spokesman," (any length; bounded in the
/// `_bounded` variants).
/// Words between a speaker and the verb: "Trump has said", "Steele himself declared", "Putin was
/// quoted as saying".
const ADVERBS: &str = r"(?:has|had|have|also|later|then|previously|once|even|again|publicly|repeatedly|first|initially|earlier|recently|often|separately|privately|reportedly|subsequently|just|still|already|immediately|himself|herself|itself|themselves|(?:was|were)\s+quoted\s+as|that\s+day|on\s+\w+day)";

const APPOSITION: &str = r"(?P<ap>[^,]+)";
const APPOSITION_BOUNDED: &str = r"(?P<ap>[^,]{1,120})";

/// A match whose apposition the bounded patterns would not accept.
fn long_apposition(caps: &regex::Captures) -> bool {
    caps.name("ap")
        .is_some_and(|a| a.as_str().chars().count() > 120)
}

/// The lowercase words `SPEAKER` allows before a name.
const ROLE_WORDS: &str = r"(?:[a-zß-öø-ÿā-ſа-яёєіїґ][A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ\-]*\s+){0,3}";

/// `SPEAKER` with a longer role before the name ("…," deputy national security adviser Tony
/// Blinken said; former KGB general Oleg Kalugin told): up to four role words, an acronym among
/// them. Only for `after_sv_wide`, a fallback checked by `role_run`: everywhere else the
/// longer run started speakers words too early ("Levinson told me recently when I asked").
fn wide_speaker() -> String {
    SPEAKER.replacen(
        ROLE_WORDS,
        r"(?:(?:[a-zß-öø-ÿā-ſа-яёєіїґ][A-Za-zÀ-ÖØ-öø-ſА-яЁёЄєІіЇїҐґ\-]*|[A-Z]{2,6})\s+){0,4}",
        1,
    )
}

fn after_sv(speaker: &str, apposition: &str) -> String {
    format!(
        r"^[\s,.!?…:;—–\-]*(?P<sp>{speaker})(?:,{apposition},|,)?\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b"
    )
}

fn sentence_sv(apposition: &str) -> String {
    format!(r"(?P<sp>{SPEAKER})(?:,{apposition},|,)?\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b")
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let wide = wide_speaker();
        // A roomy lazy-DFA cache: with the default one, the Unicode classes of these patterns
        // made the DFA rebuild its states over and over (most of the time of a quote pass).
        let re = |s: String| {
            regex::RegexBuilder::new(&s)
                .dfa_size_limit(64 << 20)
                .build()
                .expect("quote patterns compile")
        };
        Patterns {
            after_sv: re(after_sv(SPEAKER, APPOSITION)),
            after_sv_bounded: re(after_sv(SPEAKER, APPOSITION_BOUNDED)),
            after_sv_wide: re(after_sv(&wide, APPOSITION_BOUNDED)),
            after_sv_plain: re(format!(
                r"^[\s,.!?…:;—–\-]*(?P<sp>{SPEAKER})\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b"
            )),
            after_role: re(format!(
                r"^[\s,.!?…:;—–\-]*(?P<role>[^,\n\x22“”]{{3,60}}),\s+(?P<sp>{SPEAKER}),\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b"
            )),
            after_document: re(format!(
                r"^[\s,.!?…:;—–\-]*(?P<sp>{SPEAKER})['’]s\s+(?:[a-z\-]+\s+){{0,2}}(?:statement|letter|memo|e-mail|email|tweet|post|note|op-ed|speech|remarks)\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b"
            )),
            after_as: re(format!(
                r"^[\s,]*as\s+(?:[^,\x22“”.]{{0,40}}?\s)??(?P<sp>{SPEAKER})\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b"
            )),
            after_late: re(format!(
                r",\s+(?P<sp>{SPEAKER})\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>said|says|told|added|wrote|tweeted|warned)\b[^,;:\x22“”]{{0,30}}$"
            )),
            after_vs: re(format!(
                r"^[\s,.!?…:;—–\-]*(?P<v>{VERBS})\s+(?P<sp>{SPEAKER})"
            )),
            before_sv: re(format!(
                r"(?P<sp>{SPEAKER})\s+(?:{ADVERBS}\s+){{0,2}}(?P<v>{VERBS})\b(?:\s+[^\s:,.]+){{0,5}}?\s*[:,]?\s*$"
            )),
            according: re(format!(
                r"(?i:according to|laut|selon|según|по словам|за словами)\s+(?P<sp>{SPEAKER})\s*[,:]?\s*$"
            )),
            according_start: re(format!(
                r"^\s*(?i:according to|laut|selon|según|по словам|за словами)\s+(?P<sp>{SPEAKER})\s*,"
            )),
            quoting: re(format!(
                r"(?:quotes|quoted|quoting|cites|cited|citing)\s+(?P<sp>{SPEAKER})\s+as\s+(?P<v>saying|telling|writing)\b"
            )),
            before_vs: re(format!(
                r"(?P<v>{VERBS})\s+(?P<sp>{SPEAKER})(?:,(?P<aside>[^,:\x22“”]{{1,60}}))?\s*[:,]\s*$"
            )),
            sentence_vs: re(format!(r",\s+(?P<v>said|says)\s+(?P<sp>{SPEAKER})\s*,")),
            sentence_sv: re(sentence_sv(APPOSITION)),
            sentence_sv_bounded: re(sentence_sv(APPOSITION_BOUNDED)),
        }
    })
}

/// Closing mark for an opening one.
fn closer(open: char) -> Option<&'static [char]> {
    Some(match open {
        '“' => &['”', '"'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '‹' => &['›'],
        '"' => &['"', '”'],
        _ => return None,
    })
}

/// A quote shortly before the one being attributed, for pronouns.
struct Recent {
    speaker: (Option<String>, Option<String>),
    /// Where its speaker was named as written ("…," said Bill Richardson), if so.
    named_at: Option<usize>,
}

/// Every direct quote in `text`, attributed where the text says who spoke.
pub fn extract(text: &str, entities: &[Found], gaz: &Gazetteer) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let spans = quote_spans(&chars);
    let people = person_mentions(entities);
    let states = state_mentions(entities, gaz);
    let ctx = Context {
        chars: &chars,
        spans: &spans,
        people: &people,
        states: &states,
        gaz,
    };
    let mut out: Vec<Quote> = Vec::new();
    // Where each quote's speaker is named (same order as `out`).
    let mut said_at: Vec<usize> = Vec::new();
    let mut prev_end = 0usize;
    for (i, &(open, close)) in spans.iter().enumerate() {
        let inner = (open + 1, close);
        let qtext: String = chars[inner.0..inner.1].iter().collect();
        let words = qtext.split_whitespace().count();
        if words < MIN_FRAGMENT_WORDS {
            prev_end = close + 1;
            continue;
        }
        let fragment = words < MIN_WORDS;
        // "told \"Meet the Press\"", "on \"Fox News Sunday\"": a short quote in title case
        // names a programme or a work.
        // (Longer ones too after "on": "said on CNN's \"State of the Union.\"")
        let on_air = words <= 6 && {
            let before: String = chars[open.saturating_sub(30)..open].iter().collect();
            let mut w = before.split_whitespace().rev();
            match (w.next(), w.next()) {
                (Some("on"), _) => true,
                (Some(owner), Some("on")) => owner.ends_with("'s") || owner.ends_with("’s"),
                _ => false,
            }
        };
        if (fragment || on_air) && title_case(&qtext) {
            prev_end = close + 1;
            continue;
        }
        let next_open = spans.get(i + 1).map_or(chars.len(), |s| s.0);
        let mut q = Quote {
            text: qtext,
            start: inner.0 as u32,
            end: inner.1 as u32,
            speaker: None,
            speaker_id: None,
            speaker_text: None,
            verb: None,
        };
        let continued = out.last().filter(|last| {
            last.speaker_text.is_some() && continues(&chars, last.end as usize + 1, open)
        });
        // A quote that ends its sentence inside the marks ("… prosperity." State Department
        // officials told CNN) is followed by a new sentence, not by its attribution.
        let ended =
            q.text.ends_with('.') && !q.text.ends_with("..") && !abbreviation(&chars, close - 1);
        // "Charlie Rose said that Assad \"…,\" The New York Times reports": the outlet is
        // the source of words its sentence gives to someone else.
        // (The attribution before the quote is looked for at most once.)
        let before = std::cell::OnceCell::new();
        let before = || {
            before
                .get_or_init(|| attribution_before(&chars, prev_end, open))
                .clone()
        };
        let after = (!ended)
            .then(|| attribution_after(&chars, open, close + 1, next_open))
            .flatten();
        let after = match after {
            Some((_, _, verb, _))
                if verb.starts_with("report")
                    && before().is_some_and(|b| named_sayer(&chars, &b)) =>
            {
                None
            }
            a => a,
        };
        let found = after
            .or_else(before)
            .or_else(|| (!fragment).then(|| byline_after(&ctx, close)).flatten())
            .or_else(|| {
                (!fragment)
                    .then(|| attribution_above(&chars, prev_end, open))
                    .flatten()
            })
            .or_else(|| {
                continued
                    .is_none()
                    .then(|| ctx.subject_before(open))
                    .flatten()
            })
            .or_else(|| {
                (!fragment && continued.is_none())
                    .then(|| reported_before(&chars, prev_end, open))
                    .flatten()
            })
            .or_else(|| {
                // "Americans are \"tired of being taken advantage of\" at the U.N. \"…,\"
                // Trump said": two spans of one sentence under the verb after the second.
                let &(o2, c2) = spans.get(i + 1)?;
                let gap = &chars[close + 1..o2];
                let sentence_ends = gap.iter().enumerate().any(|(k, c)| {
                    matches!(c, '!' | '?' | '\n' | ';')
                        || (*c == '.' && !abbreviation(&chars, close + 1 + k))
                });
                let words = gap.iter().collect::<String>().split_whitespace().count();
                // (Words must join them, "… \"A\" and \"B,\" Trump said"; marks side by side
                // are usually two speakers' sentences run together.)
                // (Nor a term of one to three words: "the so-called \"merit scholarships\"".)
                if sentence_ends
                    || q.text.split_whitespace().count() < 4
                    || words == 0
                    || words > 8
                    || matches!(chars.get(c2 - 1), Some('.'))
                    || matches!(chars.get(close - 1), Some('.' | '?' | '!'))
                {
                    return None;
                }
                let next2 = spans.get(i + 2).map_or(chars.len(), |s| s.0);
                // (A name: "she told" after two spans may be neither span's subject.)
                attribution_after(&chars, o2, c2 + 1, next2).filter(|(a, b, _, _)| {
                    let sp: String = chars[*a..*b].iter().collect();
                    sp.starts_with(char::is_uppercase)
                        && !SUBJECT_PRONOUNS.contains(&sp.to_lowercase().as_str())
                })
            });
        // "Steele issued a statement saying: \"…\"": the statement's author speaks.
        let found = match found {
            Some((a, b, _, _)) if document(&chars[a..b].iter().collect::<String>()) => {
                ctx.subject_before(open).or(found)
            }
            f => f,
        };
        // "…," Maduro said, the Interfax news agency reported. "…": the agency reports the
        // speaker's words; the next quote is still the speaker's.
        let found = match (found, continued) {
            // (Not when someone else spoke in between: "…," said Wendy Sherman, … John Kerry
            // issued a statement saying that "…," the Times reported.)
            (Some((a, _, v, _)), Some(last))
                if v.starts_with("report")
                    && a > last.end as usize
                    && a < open
                    && chars[last.end as usize..a]
                        .iter()
                        .collect::<String>()
                        .split(|c: char| !c.is_alphabetic())
                        .filter(|w| speech_verbs().contains(w))
                        .count()
                        <= 1 =>
            {
                None
            }
            (f, _) => f,
        };
        // A fragment a few words after an attributed one continues it ("called it an \"act
        // of terror\" and an \"act of hate\"").
        // Not when someone else is named or reported between them ("… but Nancy Pelosi
        // praised \"…\"").
        // (Computed only for a fragment without attribution.)
        let close_by = || {
            continued.is_some_and(|last| {
                // (A state named between them is no new speaker: "said it was a \"very sad
                // situation\" that the US was taking \"very seriously\"", "Russia is a \"foe in
                // certain respects\" and China is a \"foe economically\""; one right before
                // the quote is: "but Russia \"firmly rejected\" that view".)
                let from = (last.end as usize + 1).min(open);
                let mut gap: Vec<char> = chars[from..open].to_vec();
                let lo = states.partition_point(|m| (m.0 as usize) < from);
                for &(a, b) in states[lo..].iter().take_while(|m| (m.1 as usize) <= open) {
                    let subject = chars[b as usize..open].iter().all(|c| c.is_whitespace());
                    if !subject {
                        gap[a as usize - from..b as usize - from].fill(' ');
                    }
                }
                let between: String = gap.into_iter().collect();
                let words: Vec<&str> = between
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .collect();
                !between.contains(';')
                    && words.len() <= 4
                    && !words.iter().any(|w| {
                        w.starts_with(char::is_uppercase)
                            || speech_verbs().contains(w)
                            || STANCE_VERBS.contains(w)
                    })
            })
        };
        if fragment && found.is_none() && !close_by() {
            prev_end = close + 1;
            continue;
        }
        if let Some((sp_start, sp_end, verb, reach)) = found {
            let sp_text: String = chars[sp_start..sp_end].iter().collect();
            // "a statement by U.S. Forces Korea said": the author speaks.
            let (sp_start, sp_text) = match document_by(&sp_text) {
                Some(k) => (
                    sp_start + sp_text[..k].chars().count(),
                    sp_text[k..].to_string(),
                ),
                None => (sp_start, sp_text),
            };
            // A pronoun most often stands for the last speaker quoted by name, or the one
            // the same pronoun stood for ("…," she said. … And she said …).
            // (Quotes are in text order: stop at the first one too far back.)
            let same_pronoun = sp_text.to_lowercase();
            let recent: Vec<Recent> = out
                .iter()
                .zip(&said_at)
                .rev()
                .take_while(|(q, _)| open.saturating_sub(q.end as usize) < 600)
                .filter(|(q, _)| {
                    q.speaker.is_some()
                        && q.speaker_text.as_deref().is_some_and(|t| {
                            let lower = t.to_lowercase();
                            if PRONOUNS.contains(&lower.as_str()) {
                                lower == same_pronoun
                            } else {
                                t.starts_with(char::is_uppercase)
                            }
                        })
                })
                .take(4)
                .map(|(q, &at)| Recent {
                    speaker: (q.speaker.clone(), q.speaker_id.clone()),
                    named_at: q
                        .speaker_text
                        .as_deref()
                        .is_some_and(|t| t.starts_with(char::is_uppercase))
                        .then_some(at),
                })
                .collect();
            let (name, id) = speaker_of(&ctx, &sp_text, sp_start, sp_end, reach, open, &recent);
            // A fragment needs its speaker named (a title is too often someone else): a name
            // as written, an entity inside the speaker phrase ("The White House said"), or a
            // pronoun resolved to someone ("he called it a \"realistic\" deal").
            let lower = sp_text.to_lowercase();
            let named = (sp_text.chars().next().is_some_and(char::is_uppercase)
                && !PRONOUNS.contains(&lower.as_str())
                && !sp_text.starts_with("The "))
                || people
                    .iter()
                    .any(|m| m.start < sp_end as u32 && sp_start as u32 <= m.start)
                || PRONOUNS.contains(&lower.as_str())
                || lower == "who"
                // "the president said his aim was to \"degrade and destroy\"" (an office
                // held by someone named before).
                || (lower.split_whitespace().count() == 2
                    && lower.starts_with("the ")
                    && refers_by_title(&lower[4..]));
            // "US officials told AP it was \"highly likely\"": an unnamed source's words,
            // kept without a speaker.
            let unnamed = name.is_none() && unnamed_phrase(&lower);
            if fragment && !unnamed && (name.is_none() || !named) {
                prev_end = close + 1;
                continue;
            }
            q.speaker = name;
            q.speaker_id = id;
            q.speaker_text = Some(sp_text);
            q.verb = Some(verb);
            said_at.push(sp_start);
        } else if let Some(last) = continued.filter(|_| !own_attribution(&chars, &q.text, close)) {
            q.speaker = last.speaker.clone();
            q.speaker_id = last.speaker_id.clone();
            q.speaker_text = last.speaker_text.clone();
            q.verb = last.verb.clone();
            said_at.push(said_at.last().copied().unwrap_or(0));
        } else {
            said_at.push(0);
        }
        prev_end = close + 1;
        out.push(q);
    }
    // Spaces inside the marks are no part of the quote: the no-break spaces of French
    // typography ("«\u{a0}…\u{a0}»"), any space inside guillemets or a line of dialogue.
    // (Only now: the rules above read `start`/`end` as the marks' neighbours.)
    for q in &mut out {
        let (a, b) = (q.start as usize, q.end as usize);
        let any_space = matches!(chars[a - 1], '«' | '»' | '‹' | '—' | '–');
        let space = |c: char| {
            if any_space {
                c.is_whitespace()
            } else {
                matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}')
            }
        };
        let mut a2 = a;
        while a2 < b && space(chars[a2]) {
            a2 += 1;
        }
        let mut b2 = b;
        while b2 > a2 && space(chars[b2 - 1]) {
            b2 -= 1;
        }
        if (a2, b2) != (a, b) {
            q.text = chars[a2..b2].iter().collect();
            q.start = a2 as u32;
            q.end = b2 as u32;
        }
    }
    out
}

/// An attribution by a name and a verb of saying ("television interviewer Charlie Rose said
/// that"), which an outlet reporting the sentence does not override. ("Putin continued \"a
/// crackdown …,\" reported Human Rights Watch" is the group's.)
fn named_sayer(chars: &[char], (a, b, verb, _): &(usize, usize, String, usize)) -> bool {
    matches!(
        verb.as_str(),
        "said"
            | "says"
            | "told"
            | "tells"
            | "added"
            | "wrote"
            | "writes"
            | "asked"
            | "stated"
            | "explained"
            | "declared"
            | "warned"
            | "insisted"
            | "argued"
            | "claimed"
            | "described"
            | "called"
            | "noted"
    ) && chars[*a..*b]
        .iter()
        .enumerate()
        .any(|(k, c)| c.is_uppercase() && (k == 0 || chars[*a + k - 1] == ' '))
}

/// A quote that ends in a comma and is followed by someone new ("a", "an") and a speech verb
/// in its sentence has an attribution of its own, even one the patterns could not read ("…,"
/// a statement from National Security Council spokesperson Ned Price said): it continues no
/// earlier quote. (A definite or lowercase speaker the patterns missed, "…," the union's
/// board said, "…," al-Adnani said, is most often the same one: an audit of allsides found
/// blocking those lost far more right attributions than wrong ones.)
fn own_attribution(chars: &[char], text: &str, close: usize) -> bool {
    if !(text.ends_with(',') || chars.get(close + 1) == Some(&',')) {
        return false;
    }
    let after: String = chars[close + 1..chars.len().min(close + 161)]
        .iter()
        .take_while(|&&c| !matches!(c, '.' | '\n' | '"' | '“' | '”'))
        .collect();
    let mut words = after
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    matches!(words.next(), Some("a" | "an")) && words.any(|w| speech_verbs().contains(&w))
}

/// A quote without attribution continues the one that closed at `from`: nothing stands
/// between them but the end of that quote's sentence ("…," he said. "…"; "called it an
/// \"animal\" and warned of a \"big price\""), maybe with a paragraph break right before the
/// new quote (a quote paragraph after an attributed one is the same speaker's).
fn continues(chars: &[char], from: usize, open: usize) -> bool {
    if open < from || open - from > 300 {
        return false;
    }
    let between = &chars[from..open];
    // "… \"in a generation.\" President Trump was equally thrilled, tweeting: \"…\"": the
    // first quote ended its sentence inside the marks, so the capital opens a new one.
    let ended_inside = from >= 2 && matches!(chars[from - 2], '.' | '!' | '?');
    if ended_inside
        && between
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_uppercase())
    {
        return false;
    }
    for (k, &c) in between.iter().enumerate() {
        let end = c == '\n' || (matches!(c, '.' | '!' | '?') && !abbreviation(chars, from + k));
        if end {
            // "… on “Fox News Sunday.” “…": a closing mark may follow.
            return between[k + 1..]
                .iter()
                .all(|&c| c.is_whitespace() || matches!(c, '”' | '"' | '»' | '“' | '’'));
        }
    }
    true
}

/// Every word longer than a short function word starts with a capital ("Meet the Press"),
/// and there is one ("by 2021" is no title).
fn title_case(text: &str) -> bool {
    let mut long = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .peekable();
    // A short sentence capitalised only where it starts is no title: "We'll see.",
    // "Absolutely not."
    let sentence = text.trim_end().ends_with(['.', '!', '?']) && {
        let mut words = text.split_whitespace();
        let first = words.next().unwrap_or("");
        long.clone().count() == 1
            && first.chars().filter(|c| c.is_alphabetic()).count() > 3
            && words.all(|w| !w.starts_with(char::is_uppercase))
            && text
                .split_whitespace()
                .skip(1)
                .any(|w| w.starts_with(char::is_lowercase))
    };
    !sentence
        && long.peek().is_some()
        && long.all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
}

/// (opening mark index, closing mark index) pairs, in order.
fn quote_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // "— Мы не примем никаких условий, — сказал Зеленский.": a paragraph opened by a
        // dash is a line of dialogue when a dash after its first clause leads to the
        // attribution; the second dash closes it.
        if matches!(c, '—' | '–') && paragraph_start(chars, i) {
            if let Some(e) = dialogue_close(chars, i) {
                out.push((i, e));
                i = e + 1;
                continue;
            }
        }
        let Some(closers) = closer(c) else {
            i += 1;
            continue;
        };
        // A straight quote after a letter is an inch mark or a typo, not an opening.
        if c == '"' && i > 0 && chars[i - 1].is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut paragraphs = 1;
        let mut end = None;
        while j < chars.len() && j - i <= MAX_CHARS {
            let d = chars[j];
            if closers.contains(&d) {
                end = Some(j);
                break;
            }
            if d == '\n' {
                // A long quote runs on only if the next paragraph opens with a mark.
                let mut k = j;
                while k < chars.len() && chars[k].is_whitespace() {
                    k += 1;
                }
                if k < chars.len() && closer(chars[k]).is_some() && paragraphs < MAX_PARAGRAPHS {
                    paragraphs += 1;
                    j = k + 1;
                    continue;
                }
                break;
            }
            j += 1;
        }
        match end {
            Some(e) => {
                out.push((i, e));
                i = e + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Only whitespace since the start of the text or of the paragraph before `at`.
fn paragraph_start(chars: &[char], at: usize) -> bool {
    chars[..at]
        .iter()
        .rev()
        .take_while(|&&c| c != '\n')
        .all(|c| c.is_whitespace())
}

/// The dash closing a line of dialogue opened by the dash at `open` (see `quote_spans`): a
/// dash after ",", "!", "?" or "…" and a space, in the same paragraph, followed by a speech verb
/// and a speaker or a speaker and a verb ("— …, — сказал Зеленский", "— …, — Зеленський
/// заявив"). A dash anywhere else opens nothing.
fn dialogue_close(chars: &[char], open: usize) -> Option<usize> {
    let p = patterns();
    let mut k = open + 1;
    while k < chars.len() && k - open <= MAX_CHARS && chars[k] != '\n' {
        let dash = matches!(chars[k], '—' | '–')
            && chars[k - 1].is_whitespace()
            && chars.get(k + 1).is_some_and(|c| c.is_whitespace())
            && chars[open + 1..k]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, ',' | '!' | '?' | '…'));
        if dash {
            let rest: String = chars[k + 1..chars.len().min(k + 121)]
                .iter()
                .take_while(|&&c| !matches!(c, '\n' | '.' | '!' | '?' | ';'))
                .collect();
            let attributed = mentions_verb(&rest)
                && (p
                    .after_vs
                    .captures(&rest)
                    .is_some_and(|c| inverted_after(&c))
                    || p.after_sv_plain.captures(&rest).is_some_and(|c| {
                        plausible(&c)
                            && c.name("sp")
                                .is_some_and(|sp| sp.as_str().starts_with(char::is_uppercase))
                    }));
            if attributed {
                return Some(k);
            }
        }
        k += 1;
    }
    None
}

/// Verb before speaker ("said Rubio", "sagte Merz") is an attribution only with a verb of
/// saying: after "told", "asked", "telling" comes the listener ("telling the Nato allies:"),
/// and after a preposition ("tweeted to Trump:") the addressee.
fn inverted(caps: &regex::Captures) -> bool {
    let verb = caps.name("v").map_or("", |v| v.as_str());
    let speaker = caps.name("sp").map_or("", |v| v.as_str());
    let first = speaker.split_whitespace().next().unwrap_or("");
    listener_free(verb)
        && !time_word(first)
        && !matches!(
            first,
            "to" | "at" | "on" | "in" | "with" | "for" | "by" | "about" | "from" | "à"
        )
}

/// `inverted` right after a quote, where the one asking or answering is the speaker:
/// "…?" asked Zakaria.
fn inverted_after(caps: &regex::Captures) -> bool {
    let verb = caps.name("v").map_or("", |v| v.as_str());
    inverted(caps)
        || (matches!(verb, "asked" | "asks" | "answered" | "answers") && {
            let speaker = caps.name("sp").map_or("", |v| v.as_str());
            !speaker.starts_with(char::is_lowercase) || speaker.starts_with("the ")
        })
}

/// The aside of `before_vs` describes the speaker, it does not start another clause: not
/// "said Kwame Asante, but his rival Peter Braun replied:".
fn apposition_only(caps: &regex::Captures) -> bool {
    caps.name("aside").is_none_or(|a| {
        let a = a.as_str();
        !mentions_verb(a)
            && !a.split_whitespace().any(|w| {
                matches!(
                    w,
                    "but"
                        | "and"
                        | "while"
                        | "mais"
                        | "et"
                        | "aber"
                        | "und"
                        | "doch"
                        | "но"
                        | "а"
                        | "и"
                )
            })
    })
}

/// "Monday's statement", "Today's letter": a time, not an author.
fn time_word(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Today"
            | "Yesterday"
            | "Tonight"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Last"
            | "This"
            | "Next"
    )
}

/// `after_role`: a role phrase with a lowercase noun and no verb ("Assange's U.K. lawyer"),
/// then a capitalised name.
fn role_then_name(caps: &regex::Captures) -> bool {
    let role = caps.name("role").map_or("", |r| r.as_str());
    let name = caps.name("sp").map_or("", |r| r.as_str());
    name.starts_with(char::is_uppercase)
        && !name.starts_with("The ")
        && !SUBJECT_PRONOUNS.contains(&name.to_lowercase().as_str())
        && role
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase))
        // ("police in Dallas, Texas, said": a place, not a name, follows; "China's
        // ambassador to the UN, Liu Jieyi, told": an office toward a body.)
        && (role
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_lowercase))
            || role.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| {
                (refers_by_title(w[0])
                    || matches!(w[0], "ambassador" | "envoy" | "spokesman" | "spokeswoman"))
                    && matches!(w[1], "to" | "of" | "for" | "at")
            }))
        && !mentions_verb(role)
        && plausible(caps)
}

/// A verb after which the speaker, not a listener, may follow.
fn listener_free(verb: &str) -> bool {
    !matches!(
        verb,
        "told"
            | "tells"
            | "telling"
            | "asked"
            | "asks"
            | "saying"
            | "adding"
            | "calls"
            | "called"
            | "describes"
            | "described"
            | "answers"
            | "answered"
    )
}

/// The role words before a name in `after_sv_wide`'s speaker make a title ("former KGB general",
/// "White House director of legislative affairs"), not a clause ("into the events and
/// Trump", "which social work professor", "told me recently when I").
fn role_run(caps: &regex::Captures) -> bool {
    const NOT_IN_A_ROLE: &[&str] = &[
        "a", "an", "into", "in", "on", "at", "for", "from", "by", "with", "to", "as", "than",
        "which", "who", "whom", "whose", "that", "when", "while", "because", "after", "before",
        "if", "so", "but", "or", "is", "was", "are", "were", "be", "been", "has", "have", "had",
        "me", "him", "them", "us", "it", "not",
    ];
    let Some(sp) = caps.name("sp") else {
        return false;
    };
    let words: Vec<&str> = sp.as_str().split_whitespace().collect();
    let mut previous = "";
    for (i, w) in words.iter().enumerate() {
        if w.starts_with(char::is_uppercase) && !w.bytes().all(|b| b.is_ascii_uppercase()) {
            // The name begins: a role needs a word before it.
            return i > 0;
        }
        let bad = NOT_IN_A_ROLE.contains(w)
            || (*w == "the" && previous != "of")
            || (*w == "and" && i == 0)
            || starts_with_verb(w);
        if bad {
            return false;
        }
        previous = w;
    }
    false
}

/// A speaker phrase before its verb does not run through a clause: "adding that Trump (has
/// told)", "he responded to Obama's (claims)", "Speaking in Estonia, (he)" are not speakers.
/// (After the verb a place may follow the name: "sagte Selenskyj in Brüssel".)
fn plausible(caps: &regex::Captures) -> bool {
    plausible_with(caps, false)
}

/// `plausible`, where a relative clause after the speaker may be an apposition (", who
/// traveled to Damascus with Mr. Rose, said"): when the speaker opens its clause, not as the
/// object of a preposition ("took aim at the veteran, who lost an eye, tweeting") and not
/// when the clause gives a name ("A volunteer, who gave her name as Maryann, said").
fn plausible_in(caps: &regex::Captures, hay: &str) -> bool {
    // (The speaker as cut: "while John Holdren" is John Holdren.)
    let relative = caps
        .name("ap")
        .zip(speaker_span(caps))
        .is_some_and(|(ap, (start, sp))| {
            let named_as = {
                let mut back = ap.as_str().split_whitespace().rev();
                let last = back.next().unwrap_or("");
                back.next() == Some("as") && last.starts_with(char::is_uppercase)
            };
            let before = &hay[..start];
            // (Nor a role in apposition, "Orrin Hatch of Utah, Republican chairman of the Finance
            // Committee, who co-sponsored it, said", or a place, "of New Haven, Conn., who has
            // given".)
            let apposed = (before.trim_end().ends_with(',')
                && (sp.contains(" of the ") || sp.starts_with(char::is_lowercase)))
                || (sp.ends_with('.') && !sp.contains(' ') && sp.len() <= 5);
            relative_clause(caps)
                && !named_as
                && !apposed
                && !matches!(
                    before.split_whitespace().next_back(),
                    Some(
                        "of" | "at"
                            | "to"
                            | "for"
                            | "with"
                            | "from"
                            | "by"
                            | "in"
                            | "on"
                            | "about"
                            | "against"
                            | "into"
                            | "toward"
                            | "towards"
                    )
                )
        });
    plausible_with(caps, relative)
}

fn plausible_with(caps: &regex::Captures, relative: bool) -> bool {
    let speaker = speaker_span(caps).map_or("", |(_, t)| t);
    // ", he repeated the offer, tweeting": a clause, not an apposition.
    let clause = !relative
        && caps.name("ap").is_some_and(|a| {
            a.as_str()
                .split_whitespace()
                .next()
                .is_some_and(|w| SUBJECT_PRONOUNS.contains(&w.to_lowercase().as_str()))
        });
    // "His adviser, Chung Eui-yong, told": a bare comma may part a name from its verb, but
    // not a phrase from a participle ("declined to comment on the release, saying").
    let bare_comma = caps.name("ap").is_none()
        && caps.name("sp").zip(caps.name("v")).is_some_and(|(sp, v)| {
            caps.get(0).is_some_and(|m| {
                m.as_str()[sp.end() - m.start()..v.start() - m.start()].contains(',')
            })
        })
        && (caps.name("v").is_some_and(|v| v.as_str().ends_with("ing"))
            || !speaker.starts_with(char::is_uppercase)
            || speaker.starts_with("The "));
    let last = speaker.split_whitespace().next_back().unwrap_or("");
    !clause
        && !bare_comma
        // "leave the European Union and (said)": a coordinated verb, not a speaker.
        && !matches!(last, "and" | "or" | "but" | "which")
        // "Trump observed Wednesday,": a time.
        && !time_word(speaker)
        && !speaker
            .split_whitespace()
            .next()
            // ("When asked to describe it, some said": no one called When.)
            .is_some_and(|w| {
                opening_phrase(w) || matches!(w, "as" | "When" | "While" | "Whereas" | "Unless")
            })
        && !document_by(speaker)
            .map_or(speaker, |k| &speaker[k..])
            .split_whitespace()
            .any(|w| {
            matches!(
                w,
                "that"
                    | "adding"
                    | "saying"
                    | "telling"
                    | "responded"
                    | "to"
                    | "at"
                    | "in"
                    | "on"
                    | "for"
                    | "with"
                    | "from"
                    | "by"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "because"
                    | "if"
                    | "close"
                    | "familiar"
                    | "said"
                    | "says"
                    | "told"
            )
        })
}

/// "the kingdom's statement", "Putin's spokesman": the phrase names whose it is.
fn owned_phrase(text: &str) -> bool {
    text.contains("'s ") || text.contains("’s ")
}

/// Last words of a speaker phrase that make it a body ("the ministry", "The Obama
/// administration").
const BODIES: &[&str] = &[
    "group",
    "ministry",
    "agency",
    "government",
    "committee",
    "council",
    "embassy",
    "organisation",
    "organization",
    "alliance",
    "bloc",
    "campaign",
    "administration",
    "kremlin",
    "team",
    "department",
    "office",
    "force",
    "forces",
    "military",
    "army",
    "navy",
    "police",
    "court",
    "bureau",
    "party",
    "parliament",
];

/// "a statement", "an e-mail": a speaker phrase that names a document, not its author.
fn document(phrase: &str) -> bool {
    let text = phrase.to_lowercase();
    let mut words = text.split_whitespace();
    matches!(
        words.next(),
        Some("a" | "an" | "the" | "his" | "her" | "its" | "their")
    ) && words.next_back().is_some_and(|w| {
        matches!(
            w,
            "statement" | "letter" | "e-mail" | "email" | "memo" | "tweet" | "post" | "note"
        )
    })
}

/// Where the author starts in "a statement by U.S. Forces Korea", "a statement from National
/// Security Council spokesperson Ned Price" (byte offset), when the author is capitalised.
fn document_by(phrase: &str) -> Option<usize> {
    let mut words = phrase.split(' ');
    let det = words.next()?;
    let noun = words.next()?;
    let by = words.next()?;
    let author = words.next()?;
    (matches!(det, "a" | "an" | "the" | "A" | "An" | "The")
        && matches!(
            noun,
            "statement" | "letter" | "memo" | "e-mail" | "email" | "tweet" | "post"
        )
        && matches!(by, "by" | "from")
        && author.starts_with(char::is_uppercase))
    .then_some(det.len() + noun.len() + by.len() + 3)
}

/// The author named inside a document phrase, after its lowercase adjectives and without
/// the possessive: "a US military statement" → "US military", "the Nato foreign ministers'
/// statement" → "Nato foreign ministers"; none in "a joint statement" or "Monday's letter".
fn document_author(phrase: &str) -> Option<&str> {
    let inner = phrase.split_once(' ')?.1;
    let inner = &inner[..inner.rfind(' ')?];
    // (Whole lowercase words only: "an eBay statement" is eBay's.)
    let mut inner = inner;
    while let Some((w, rest)) = inner.split_once(' ') {
        if !w.chars().all(|c| c.is_lowercase() || c == '-') {
            break;
        }
        inner = rest;
    }
    let inner = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| inner.strip_suffix(p))
        .unwrap_or(inner);
    let first = inner.split_whitespace().next()?;
    // ("a Telegram post", "a Facebook post": where it was posted, not who wrote it.)
    let platform = matches!(
        inner,
        "Twitter"
            | "X"
            | "Facebook"
            | "Instagram"
            | "Telegram"
            | "Truth Social"
            | "TikTok"
            | "YouTube"
            | "Weibo"
            | "WeChat"
    );
    (first.starts_with(char::is_uppercase) && !time_word(first) && !platform).then_some(inner)
}

/// A speaker phrase that describes someone unnamed: "US officials", "a senior intelligence
/// official", "Residents".
fn unnamed_phrase(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    let last = words.next_back().unwrap_or("");
    let first = lower.split_whitespace().next().unwrap_or("");
    SOURCES.contains(&last)
        || (GENERIC_SPEAKERS.contains(&last)
            && matches!(first, "a" | "an" | "one" | "two" | "three"))
}

/// Plural nouns for unnamed sources: "U.S. officials said", "opposition sources claim".
const SOURCES: &[&str] = &[
    "officials",
    "sources",
    "diplomats",
    "analysts",
    "experts",
    "aides",
    "advisers",
    "lawmakers",
    "officers",
    "insiders",
    "critics",
    "residents",
    "witnesses",
    "observers",
    "agents",
    "rebels",
    "activists",
];

/// The last "<sources> <speech verb>" in `s` at or after byte `from` (with `at_start`, only
/// one opening `s` after at most four other words): (start, end) of the noun and the verb.
fn unnamed_source(s: &str, from: usize, at_start: bool) -> Option<(usize, usize, String)> {
    let words: Vec<(usize, &str)> = s[from..]
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    let limit = if at_start {
        words.len().min(6)
    } else {
        words.len()
    };
    let mut found = None;
    for (k, &(at, w)) in words[..limit].iter().enumerate() {
        if !SOURCES.contains(&w) || (at_start && k > 4) {
            continue;
        }
        // After a quote the noun must open the attribution ("U.S. officials said", "two
        // senior officials told"), not a later clause ("Trump said, but officials said").
        if at_start && !words[..k].iter().all(|&(_, d)| describes_source(d)) {
            continue;
        }
        let mut next = words[k + 1..].iter().map(|&(_, w)| w);
        let mut verb = next.next();
        if matches!(verb, Some("have" | "had" | "also")) {
            verb = next.next();
        }
        let verb = verb.map(|v| v.trim_end_matches(|c: char| !c.is_alphabetic()));
        if let Some(v) = verb.filter(|v| speech_verbs().contains(v)) {
            found = Some((at, at + w.len(), v.to_string()));
            if at_start {
                break;
            }
        }
    }
    found
}

/// A word that may stand before `SOURCES` in an attribution: a capitalised one ("U.S.",
/// "Western") or a number or adjective of rank, place or side.
fn describes_source(word: &str) -> bool {
    !word.ends_with(',')
        && (word.starts_with(char::is_uppercase)
            || matches!(
                word,
                "senior"
                    | "top"
                    | "other"
                    | "western"
                    | "foreign"
                    | "local"
                    | "military"
                    | "government"
                    | "administration"
                    | "intelligence"
                    | "security"
                    | "opposition"
                    | "rebel"
                    | "many"
                    | "some"
                    | "several"
                    | "two"
                    | "three"
                    | "four"
                    | "the"
            ))
}

/// Pronouns that can end a speaker phrase the patterns matched too long.
const SUBJECT_PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "who", "er", "sie", "il", "elle", "ils", "él", "ella", "ellos",
    "он", "она", "они", "він", "вона", "вони",
];

/// The speaker of a match (its start in the haystack, its text), cut to a pronoun that ends
/// it: in "As a caveat he added:" and "the case for what he called" the article phrase of
/// `SPEAKER` swallows the words before the pronoun.
fn speaker_span<'h>(caps: &regex::Captures<'h>) -> Option<(usize, &'h str)> {
    let sp = caps.name("sp")?;
    let text = sp.as_str();
    // (The whitespace may be wider than a byte: "Mr.\u{a0}Trump".)
    match text.rsplit_once(char::is_whitespace) {
        Some((_, last)) if SUBJECT_PRONOUNS.contains(&last) => {
            let cut = text.len() - last.len();
            Some((sp.start() + cut, last))
        }
        // "The storm grew when the president (first said)": the phrase after a subordinating
        // word.
        _ if text.split_whitespace().count() > 2 => {
            let cut = text
                .match_indices(char::is_whitespace)
                .rev()
                .find(|&(k, _)| {
                    let word = text[..k].rsplit(char::is_whitespace).next().unwrap_or("");
                    SUBORDINATORS.contains(&word)
                });
            match cut {
                Some((k, _)) => {
                    let rest = text[k..].trim_start();
                    Some((sp.start() + text.len() - rest.len(), rest))
                }
                None => opened_by_conjunction(sp.start(), text),
            }
        }
        _ => opened_by_conjunction(sp.start(), text),
    }
}

const SUBORDINATORS: &[&str] = &["when", "while", "because", "after", "before", "as"];

/// "As Louisa added", "But Kazianis said": the speaker after a conjunction opening the clause.
fn opened_by_conjunction(start: usize, text: &str) -> Option<(usize, &str)> {
    match text.split_once(char::is_whitespace) {
        Some((first, rest)) if CONJUNCTIONS.contains(&first) && !rest.is_empty() => {
            let rest = rest.trim_start();
            Some((start + text.len() - rest.len(), rest))
        }
        _ => Some((start, text)),
    }
}

/// Capitalised words that open a clause before its subject.
const CONJUNCTIONS: &[&str] = &[
    "As",
    "And",
    "But",
    "So",
    "Then",
    "When",
    "While",
    "Yet",
    "Still",
    "Now",
    "Meanwhile",
];

/// First words of an opening phrase of time or place, not of a speaker: "On Tuesday, …",
/// "of Michigan".
fn opening_phrase(first_word: &str) -> bool {
    OPENING_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(first_word))
}

const OPENING_WORDS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "since",
    "for",
    "with",
    "by",
    "from",
    "of",
    "over",
    "amid",
    "despite",
    "following",
    "last",
    "if",
    "because",
    "although",
    "though",
    "until",
    "upon",
    "like",
    "unlike",
    "about",
    "among",
    "between",
    "through",
    "within",
    "without",
    "against",
];

/// The last match of `re` in `s` with a plausible speaker, and whether any match had a long
/// apposition. A match with an implausible speaker can hide a good one after that speaker
/// ("Speaking in Estonia, he called …, telling": the apposition swallowed "he called"), so
/// the search goes on from the end of that speaker rather than past the match.
fn last_plausible<'h>(re: &Regex, s: &'h str) -> (Option<regex::Captures<'h>>, bool) {
    let (mut at, mut last, mut long) = (0, None, false);
    while at <= s.len() {
        let Some(caps) = re.captures_at(s, at) else {
            break;
        };
        long |= long_apposition(&caps);
        let whole = caps.get(0).map_or(at..s.len(), |m| m.range());
        if plausible_in(&caps, s) {
            at = whole.end.max(at + 1);
            last = Some(caps);
        } else {
            at = caps.name("sp").map_or(whole.end, |m| m.end()).max(at + 1);
        }
        while at < s.len() && !s.is_char_boundary(at) {
            at += 1;
        }
    }
    (last, long)
}

/// The attribution right after a quote, up to the end of its sentence.
fn attribution_after(
    chars: &[char],
    open: usize,
    from: usize,
    limit: usize,
) -> Option<(usize, usize, String, usize)> {
    // "…". The ministry said: a full stop right after the closing mark (British style) ends
    // the quote's sentence; what follows is a new one.
    if chars.get(from) == Some(&'.') && chars.get(from + 1).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut end = from;
    while end < limit && end - from < 160 && chars[end] != '\n' {
        if matches!(chars[end], '.' | '!' | '?') && end > from + 1 && !abbreviation(chars, end) {
            break;
        }
        end += 1;
    }
    let s = blank_asides(&chars[from..end]);
    let offset = |b: usize| from + s[..b].chars().count();
    // "« … », a-t-il déclaré", "„…“, so Merz am Montag".
    if let Some((a, b, verb)) =
        french_inverted(&s).or_else(|| so_attribution(&s, matches!(chars[open], '„' | '«' | '»')))
    {
        return Some((offset(a), offset(b), verb, offset(b)));
    }
    if !mentions_verb(&s) {
        return None;
    }
    // "… called it a \"…,\" while Sen. Lindsey Graham said": a clause about someone else.
    let lead = s.trim_start_matches([' ', ',']);
    // (Not "…," but one that had to be made, Smith said: the attribution closes the
    // sentence after a comma.)
    if ["while ", "whereas ", "but "]
        .iter()
        .any(|c| lead.starts_with(c))
        && !lead.contains(',')
    {
        return None;
    }
    let p = patterns();
    if let Some((a, b, verb)) = unnamed_source(&s, 0, true) {
        return Some((offset(a), offset(b), verb, offset(b)));
    }
    let caps = match p.after_sv.captures(&s) {
        Some(c) if long_apposition(&c) => p.after_sv_bounded.captures(&s),
        c => c,
    }
    .filter(|c| plausible_in(c, &s))
    .or_else(|| p.after_sv_plain.captures(&s).filter(plausible))
    .or_else(|| p.after_vs.captures(&s).filter(inverted_after))
    .or_else(|| {
        p.after_sv_wide
            .captures(&s)
            .filter(|c| role_run(c) && plausible_in(c, &s))
    })
    .or_else(|| p.after_role.captures(&s).filter(role_then_name))
    .or_else(|| {
        s.trim_start_matches([' ', ','])
            .starts_with("as ")
            // ("…," as Reuters reported: the outlet reports someone else's words.)
            .then(|| {
                p.after_as.captures(&s).filter(|c| {
                    plausible(c)
                        && c.name("sp")
                            .is_some_and(|n| n.as_str().starts_with(char::is_uppercase))
                        && c.name("v")
                            .is_some_and(|v| !v.as_str().starts_with("report"))
                })
            })
            .flatten()
    })
    .or_else(|| {
        p.after_document.captures(&s).filter(|c| {
            c.name("sp").is_some_and(|n| {
                n.as_str().starts_with(char::is_uppercase) && !time_word(n.as_str())
            })
        })
    })
    .or_else(|| {
        // Not when the sentence already has its speaker: "Lavrov called the sanctions \"…\"
        // during talks in Ankara, Tass said." (Looked at last: it runs for most quotes.)
        let reported = || {
            let lead: String = chars[sentence_start(chars, 0, open, 300)..open]
                .iter()
                .collect();
            lead.split(|c: char| !c.is_alphabetic())
                .any(|w| speech_verbs().contains(&w) || STANCE_VERBS.contains(&w))
        };
        (end < limit && matches!(chars[end], '.' | '!' | '?'))
            // (A name: "…" followed, he added is left alone.)
            .then(|| {
                p.after_late.captures(&s).filter(|c| {
                    // ("…," Smith, Jones and Brown said: a list of names, not a clause.)
                    let clause = c.get(0).is_some_and(|m| {
                        s[..m.start()]
                            .split_whitespace()
                            .any(|w| w.starts_with(char::is_lowercase))
                    });
                    clause
                        && c.name("sp").is_some_and(|n| {
                            (n.as_str().starts_with(char::is_uppercase) || the_name(n.as_str()))
                                && !SUBJECT_PRONOUNS.contains(&n.as_str().to_lowercase().as_str())
                        })
                        && plausible(c)
                        && !reported()
                })
            })
            .flatten()
    })?;
    let (sp_start, sp) = speaker_span(&caps)?;
    // "sagte Müller am Sonntag in Berlin": the name without the time and place after it.
    let sp = if caps.name("v").is_some_and(|v| v.start() < sp_start) {
        without_adjuncts(sp)
    } else {
        sp
    };
    let mut sp_end = sp_start + sp.len();
    // The article phrase after the verb matched as short as it could ("said a White House");
    // it runs to the next punctuation, a few words on ("… spokesman, Eric Schultz.").
    if caps.name("v").is_some_and(|v| v.start() < sp_start)
        && ["a ", "an ", "the ", "A ", "An ", "The "]
            .iter()
            .any(|a| sp.starts_with(a))
    {
        let rest = &s[sp_end..];
        let stop = rest.find([',', '.', ';', ':', '\n']).unwrap_or(rest.len());
        // Not into a complement: "said the spokesman for Donald Trump" is the spokesman.
        let words: Vec<&str> = rest[..stop].split_whitespace().collect();
        let free = words.iter().all(|w| {
            !matches!(
                *w,
                "for" | "of" | "to" | "in" | "at" | "on" | "with" | "from" | "by" | "about"
            )
        });
        if free && words.len() <= 4 {
            sp_end += rest[..stop].trim_end().len();
        }
    }
    let v = caps.name("v")?;
    // The speaker's span reaches the verb: "the spokesman, Dmitri S. Peskov, said".
    let reach = if v.start() > sp_end && !relative_clause(&caps) {
        v.start()
    } else {
        sp_end
    };
    Some((
        offset(sp_start),
        offset(sp_end),
        v.as_str().to_lowercase(),
        offset(reach),
    ))
}

/// German prepositions of time and place, which both `ADJUNCT_WORDS` and `SO_TAIL` take.
const GERMAN_ADJUNCTS: &[&str] = &[
    "am",
    "im",
    "in",
    "bei",
    "beim",
    "auf",
    "vor",
    "nach",
    "gegenüber",
    "während",
];

/// Words that open a time or a place after a name: "sagte Müller am Sonntag in Berlin", "a
/// déclaré Dupont lundi à Paris", "dijo Sánchez el lunes", "сказал Петров в понедельник",
/// "said Jim Smithers on Sunday".
const ADJUNCT_WORDS: &[&str] = &[
    "à",
    "au",
    "aux",
    "devant",
    "lors",
    "dans",
    "en",
    "sur",
    "ce",
    "cette",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "hier",
    "ante",
    "este",
    "tras",
    "durante",
    "в",
    "во",
    "на",
    "у",
    "перед",
    "после",
    "on",
    "at",
    "during",
];

/// A name after its verb, without the time or place that follows it (see `ADJUNCT_WORDS`;
/// Spanish "el" before a lowercase word, "el lunes"). Only a name: not an article phrase.
fn without_adjuncts(sp: &str) -> &str {
    let mut words = sp.split_whitespace().peekable();
    let Some(first) = words.next() else {
        return sp;
    };
    if !first.starts_with(char::is_uppercase)
        || matches!(
            first,
            "The"
                | "A"
                | "An"
                | "Der"
                | "Die"
                | "Das"
                | "Ein"
                | "Eine"
                | "Le"
                | "La"
                | "Les"
                | "Un"
                | "Une"
                | "El"
                | "Los"
                | "Las"
                | "Una"
        )
    {
        return sp;
    }
    while let Some(w) = words.next() {
        let cut = ADJUNCT_WORDS.contains(&w)
            || GERMAN_ADJUNCTS.contains(&w)
            || (w == "el"
                && words
                    .peek()
                    .is_some_and(|n| n.starts_with(char::is_lowercase)));
        if cut {
            let at = w.as_ptr() as usize - sp.as_ptr() as usize;
            // (Not a body's name before a title: "House Permanent Select Committee on
            // Intelligence Chairman Mike Rogers".)
            let titles = crate::enrich::entities::cues::person_titles();
            if sp[at..]
                .split_whitespace()
                .any(|w| titles.contains(&w.trim_end_matches('.').to_lowercase()))
            {
                return sp;
            }
            return sp[..at].trim_end();
        }
    }
    sp
}

/// French past participles after "a-t-il", "a-t-elle" ("a-t-il déclaré") or a reflexive
/// "s'est-il" ("s'est-elle félicitée").
const FR_PARTICIPLES: &[&str] = &[
    "déclaré",
    "dit",
    "affirmé",
    "ajouté",
    "souligné",
    "précisé",
    "expliqué",
    "estimé",
    "assuré",
    "indiqué",
    "insisté",
    "conclu",
    "rappelé",
    "lancé",
    "répondu",
    "raconté",
    "confié",
    "martelé",
    "prévenu",
    "averti",
    "noté",
    "observé",
    "commenté",
    "résumé",
    "admis",
    "reconnu",
    "demandé",
    "tranché",
    "jugé",
    "regretté",
    "déploré",
    "promis",
    "témoigné",
    "ironisé",
    "glissé",
    "relevé",
    "signalé",
    "écrit",
    "annoncé",
    "confirmé",
    "dénoncé",
    "poursuivi",
    "détaillé",
    "plaidé",
    "argué",
    "avancé",
    "lâché",
    "concédé",
    "renchéri",
    "affirmé",
    "félicité",
    "réjoui",
    "exclamé",
    "interrogé",
    "indigné",
    "inquiété",
    "emporté",
    "défendu",
    "justifié",
    "insurgé",
    "agacé",
    "écrié",
    "exprimé",
];

/// French verbs of saying in the third person singular (present, imperfect, simple past)
/// before "-t-il", "-elle" ("déclare-t-il", "poursuit-il", "expliquait-elle").
const FR_INVERTED_VERBS: &[&str] = &[
    "déclare",
    "affirme",
    "ajoute",
    "souligne",
    "précise",
    "explique",
    "estime",
    "assure",
    "indique",
    "poursuit",
    "insiste",
    "conclut",
    "rappelle",
    "lance",
    "dit",
    "répond",
    "raconte",
    "confie",
    "martèle",
    "prévient",
    "avertit",
    "note",
    "observe",
    "commente",
    "résume",
    "admet",
    "reconnaît",
    "reconnait",
    "demande",
    "tranche",
    "juge",
    "regrette",
    "déplore",
    "promet",
    "témoigne",
    "ironise",
    "glisse",
    "relève",
    "signale",
    "écrit",
    "annonce",
    "confirme",
    "dénonce",
    "détaille",
    "interroge",
    "analyse",
    "nuance",
    "plaide",
    "argue",
    "avance",
    "souffle",
    "lâche",
    "renchérit",
    "abonde",
    "concède",
    "fait",
    "insiste",
    "disait",
    "expliquait",
    "ajoutait",
    "affirmait",
    "confiait",
    "estimait",
    "racontait",
    "soulignait",
    "déclarait",
    "assurait",
    "précisait",
    "poursuivait",
    "insistait",
    "rappelait",
    "résumait",
    "notait",
    "observait",
    "prévenait",
    "avertissait",
    "reconnaissait",
    "indiquait",
    "lançait",
    "répondait",
    "martelait",
    "déplorait",
    "regrettait",
    "jugeait",
    "faisait",
    "lâchait",
    "glissait",
    "déclara",
    "ajouta",
    "répondit",
    "affirma",
    "expliqua",
    "lança",
    "poursuivit",
    "demanda",
    "s'interroge",
    "s’interroge",
    "s'insurge",
    "s’insurge",
    "s'exclame",
    "s’exclame",
    "s'agace",
    "s’agace",
    "s'indigne",
    "s’indigne",
];

/// A French attribution with the subject pronoun inverted, right after a quote: "a-t-il
/// déclaré", "a-t-elle encore ajouté", "s'est-il félicité", "déclare-t-il", "poursuit-il".
/// The pronoun's byte span in `s` and the verb ("a déclaré", "déclare").
fn french_inverted(s: &str) -> Option<(usize, usize, String)> {
    let rest = s.trim_start_matches([' ', ',', '\u{a0}', '\u{202f}', '—', '–']);
    let lead = s.len() - rest.len();
    let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let token = rest[..token_end].trim_end_matches([',', ';', ':']);
    let (head, pronoun) = token.rsplit_once(['-', '‑'])?;
    if !matches!(pronoun, "il" | "elle") {
        return None;
    }
    let head = head
        .strip_suffix("-t")
        .or_else(|| head.strip_suffix("‑t"))
        .unwrap_or(head);
    let at = lead + token.len() - pronoun.len();
    if matches!(
        head,
        "a" | "avait" | "aurait" | "s'est" | "s’est" | "s'était" | "s’était"
    ) {
        let mut words = rest[token_end..].split_whitespace();
        let mut word = words.next()?;
        if matches!(
            word,
            "encore"
                | "également"
                | "aussi"
                | "ensuite"
                | "alors"
                | "enfin"
                | "notamment"
                | "toutefois"
                | "cependant"
                | "pourtant"
                | "déjà"
                | "récemment"
        ) {
            word = words.next()?;
        }
        let word = word.trim_end_matches([',', ';', ':']);
        let participle = word
            .strip_suffix("es")
            .or_else(|| word.strip_suffix('e'))
            .filter(|w| FR_PARTICIPLES.contains(w))
            .unwrap_or(word);
        return FR_PARTICIPLES
            .contains(&participle)
            .then(|| (at, at + pronoun.len(), format!("{head} {word}")));
    }
    FR_INVERTED_VERBS
        .contains(&head)
        .then(|| (at, at + pronoun.len(), head.to_string()))
}

/// Lowercase words that may follow the speaker of a German "so" attribution to the end of its
/// sentence: a time or a place ("so Merz am Montag in Berlin", "so der Kanzler im Interview mit
/// der ARD").
const SO_TAIL: &[&str] = &[
    "mit",
    "ein",
    "eine",
    "einem",
    "einer",
    "eines",
    "einen",
    "dem",
    "der",
    "den",
    "des",
    "die",
    "das",
    "vom",
    "zum",
    "zur",
    "über",
    "von",
    "zu",
    "laut",
    "zufolge",
    "seit",
    "und",
    "sein",
    "seine",
    "seinem",
    "seiner",
    "seines",
    "ihr",
    "ihre",
    "ihrem",
    "ihrer",
    "ihres",
    "heute",
    "gestern",
    "morgen",
    "später",
    "weiter",
    "ebenfalls",
    "auch",
    "noch",
    "nun",
    "jetzt",
    "bereits",
    "kürzlich",
    "vergangene",
    "vergangenen",
    "vergangener",
    "dieser",
    "diese",
    "diesem",
    "dieses",
    "letzten",
    "letzte",
    "jüngst",
    "damals",
    "unter",
    "zuvor",
    "dazu",
    "dort",
    "gemeinsamen",
    "ersten",
    "zweiten",
    "kommenden",
    "nächsten",
    "heutigen",
    "gegen",
    "abend",
];

/// The German "„…“, so Merz." (as Merz put it): after the comma, "so" and a speaker (a name,
/// with any titles, or "der Kanzler", "die Sprecherin des Ministeriums") that ends the sentence
/// or is followed by a time and a place only. A comma may end the speaker ("so Merz, der …")
/// after German marks. The speaker's byte span in `s`.
fn so_attribution(s: &str, german_marks: bool) -> Option<(usize, usize, String)> {
    let rest = s.trim_start_matches([' ', ',', '\u{a0}', '\u{202f}']);
    let lead = s.len() - rest.len();
    if !s[..lead].contains(',') {
        return None;
    }
    let after = rest
        .strip_prefix("so ")
        .or_else(|| rest.strip_prefix("so\u{a0}"))?;
    let words: Vec<(usize, &str)> = after
        .split_whitespace()
        .map(|w| {
            (
                s.len() - after.len() + (w.as_ptr() as usize - after.as_ptr() as usize),
                w,
            )
        })
        .collect();
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    fn bare(w: &str) -> &str {
        w.trim_end_matches([',', ';', ':'])
    }
    let mut i = 0;
    if words
        .first()
        .is_some_and(|(_, w)| matches!(*w, "der" | "die" | "das"))
    {
        // "der Kanzler", "die scheidende Ministerin", "der Sprecher des Ministeriums".
        i = 1;
        let noun = |i: &mut usize| {
            let from = *i;
            while *i < words.len()
                && *i - from < 3
                && words[*i].1.starts_with(char::is_lowercase)
                && !words[*i].1.ends_with(',')
                && !SO_TAIL.contains(&words[*i].1)
                && !GERMAN_ADJUNCTS.contains(&words[*i].1)
            {
                *i += 1;
            }
            if *i < words.len() && capital(words[*i].1) {
                *i += 1;
                true
            } else {
                false
            }
        };
        if !noun(&mut i) {
            return None;
        }
        if i < words.len() && !words[i - 1].1.ends_with(',') && matches!(words[i].1, "des" | "der")
        {
            let mut j = i + 1;
            if noun(&mut j) {
                i = j;
            }
        }
    }
    // A name, with any titles before it and particles inside ("Ursula von der Leyen").
    while i < words.len() && !(i > 0 && words[i - 1].1.ends_with(',')) {
        let w = words[i].1;
        let particle = matches!(w, "von" | "van" | "de" | "zu" | "al" | "bin" | "ibn")
            || (w == "der" && i > 0 && matches!(words[i - 1].1, "von" | "van"));
        if capital(w) || (particle && words.get(i + 1).is_some_and(|n| capital(n.1))) {
            i += 1;
        } else {
            break;
        }
    }
    if i == 0 || !capital(bare(words[i - 1].1)) || bare(words[i - 1].1).is_empty() {
        return None;
    }
    let (at, last) = words[i - 1];
    let end = at + bare(last).len();
    let start = words[0].0;
    if last.ends_with(',') {
        return german_marks.then(|| (start, end, "so".to_string()));
    }
    // The rest of the sentence: a time and a place, up to a comma.
    for &(_, w) in &words[i..] {
        let b = bare(w);
        let fits = b.is_empty()
            || capital(b)
            || b.chars().all(|c| !c.is_alphabetic())
            || SO_TAIL.contains(&b)
            || GERMAN_ADJUNCTS.contains(&b);
        if !fits {
            return None;
        }
        if w.ends_with([',', ';', ':']) {
            break;
        }
    }
    Some((start, end, "so".to_string()))
}

/// "the Foreign Office", "the Department of Justice": an institution's name after "the" (every
/// word capitalised but joining ones), not a role ("the governor") or a document ("the plan"),
/// whose referent a late attribution does not make clear.
fn the_name(phrase: &str) -> bool {
    phrase.strip_prefix("the ").is_some_and(|rest| {
        rest.starts_with(char::is_uppercase)
            && rest.split(' ').all(|w| {
                w.starts_with(char::is_uppercase) || matches!(w, "of" | "and" | "for" | "on")
            })
    })
}

/// `chars` with asides between a name and its verb blanked out, one space per character (so
/// character offsets stay): a short parenthesis ("Sen. Bob Menendez (D-NJ) tweeted") and a
/// place of origin in commas ("Rep. Justin Amash, of Michigan, a former Republican, tweeted").
fn blank_asides(chars: &[char]) -> String {
    let mut out: Vec<char> = chars.to_vec();
    let mut i = 0;
    while i < out.len() {
        if out[i] == '(' {
            let close = out[i + 1..(i + 32).min(out.len())]
                .iter()
                .position(|&c| matches!(c, ')' | '(' | '\n' | '"' | '“' | '”'))
                .map(|k| i + 1 + k);
            if let Some(c) = close.filter(|&c| out[c] == ')') {
                out[i..=c].fill(' ');
                i = c;
            }
        } else if out[i] == ',' {
            let word_at = |k: usize, w: &str| {
                out.len() > k + w.len()
                    && out[k..k + w.len()].iter().copied().eq(w.chars())
                    && out[k + w.len()] == ' '
            };
            let from = i + 2;
            // A party label: ", R-Ky.,", ", D-N.Y.,".
            let label = out.get(i + 1) == Some(&' ')
                && matches!(out.get(from), Some('R' | 'D' | 'I'))
                && out.get(from + 1) == Some(&'-')
                && out.get(from + 2).is_some_and(|c| c.is_uppercase());
            if label {
                let end = out[from..(from + 16).min(out.len())]
                    .iter()
                    .position(|&c| c == ',')
                    .map(|k| from + k);
                if let Some(k) = end.filter(|&k| {
                    out[from + 2..k]
                        .iter()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | ' '))
                }) {
                    let end = if out.get(k + 1) == Some(&' ') {
                        k + 2
                    } else {
                        k + 1
                    };
                    out[from..end].fill(' ');
                    i = end - 1;
                }
            } else if out.get(i + 1) == Some(&' ') && (word_at(from, "of") || word_at(from, "from"))
            {
                // One to four capitalised words, then a comma.
                let mut k = from + if word_at(from, "of") { 3 } else { 5 };
                let mut words = 0;
                while words < 4 && k < out.len() && out[k].is_uppercase() {
                    while k < out.len() && (out[k].is_alphabetic() || matches!(out[k], '.' | '-')) {
                        k += 1;
                    }
                    words += 1;
                    if out.get(k) == Some(&' ') && out.get(k + 1).is_some_and(|c| c.is_uppercase())
                    {
                        k += 1;
                    }
                }
                if words > 0 && out.get(k) == Some(&',') {
                    let end = if out.get(k + 1) == Some(&' ') {
                        k + 2
                    } else {
                        k + 1
                    };
                    // The name's comma stays when an apposition follows ("…, of Michigan, a
                    // former Republican, tweeted").
                    let next: String = out[end..(end + 4).min(out.len())].iter().collect();
                    let apposition = ["a ", "an ", "the "].iter().any(|a| next.starts_with(a));
                    out[if apposition { from } else { i }..end].fill(' ');
                    i = end - 1;
                }
            }
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// A quote paragraph signed on the next line, as in column round-ups: "…" / "Hal Brands,
/// Bloomberg". The signature: two to eight capitalised words (names joined by "and" or "&"),
/// the first a known given name, a comma, and one to five capitalised words (the outlet).
fn byline_after(ctx: &Context, close: usize) -> Option<(usize, usize, String, usize)> {
    let chars = ctx.chars;
    let mut i = close + 1;
    while i < chars.len() && chars[i] != '\n' {
        if !(chars[i].is_whitespace() || matches!(chars[i], '.' | ',' | '"' | '”')) {
            return None;
        }
        i += 1;
    }
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let line_end = chars[i..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| i + p);
    if line_end - i > 100 {
        return None;
    }
    let line: String = chars[i..line_end].iter().collect();
    let (names, outlet) = line.trim_end().split_once(", ")?;
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let name_words: Vec<&str> = names.split_whitespace().collect();
    let outlet_words: Vec<&str> = outlet.split_whitespace().collect();
    let first = name_words.first()?.to_lowercase();
    let ok = (2..=8).contains(&name_words.len())
        && name_words
            .iter()
            .all(|w| capitalised(w) || matches!(*w, "and" | "&"))
        && (1..=5).contains(&outlet_words.len())
        && outlet_words.iter().all(|w| capitalised(w))
        && !outlet.contains([',', ':', '"', '“'])
        // A photo credit ("Andrew Harnik, Getty Images") signs no words.
        && !outlet_words
            .iter()
            .any(|w| matches!(*w, "Images" | "Photo" | "Photos" | "Pictures" | "AP" | "AFP" | "EPA" | "Reuters"))
        && ctx.gaz.first_names.contains(&first);
    ok.then(|| {
        let end = i + names.chars().count();
        (i, end, "wrote".to_string(), end)
    })
}

/// A quote right after a sentence that reports the same speaker's words: "Siluanov said there
/// were no plans to ban the dollar. / “Of course, the government has no such plans.”" The
/// sentence ends just before the quote (a paragraph break may stand between) and holds no quote.
fn reported_before(
    chars: &[char],
    floor: usize,
    open: usize,
) -> Option<(usize, usize, String, usize)> {
    let mut k = open;
    let mut breaks = 0;
    while k > floor && chars[k - 1].is_whitespace() {
        breaks += usize::from(chars[k - 1] == '\n');
        k -= 1;
    }
    if k <= floor || breaks > 2 || chars[k - 1] != '.' || abbreviation(chars, k - 1) {
        return None;
    }
    let dot = k - 1;
    let start = sentence_start(chars, floor, dot, 300);
    if chars[start..dot]
        .iter()
        .any(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | '„'))
    {
        return None;
    }
    let s: String = chars[start..dot].iter().collect();
    if !mentions_verb(&s) {
        return None;
    }
    let (caps, _) = last_plausible(&patterns().sentence_sv_bounded, &s);
    let caps = caps?;
    let (at, sp) = speaker_span(&caps)?;
    // A name or a pronoun: "The president said …" is too often someone else's report.
    let described =
        !sp.starts_with(char::is_uppercase) || sp.starts_with("The ") || sp.starts_with("A ");
    if described && !PRONOUNS.contains(&sp) {
        return None;
    }
    let offset = |b: usize| start + s[..b].chars().count();
    let v = caps.name("v")?;
    Some((
        offset(at),
        offset(at + sp.len()),
        v.as_str().to_lowercase(),
        offset(v.start()),
    ))
}

/// A quote opening a sentence or paragraph right after one that ends "…, envoy Steve Witkoff
/// said.", "as the prime minister continues." or "As a caveat he added:".
fn attribution_above(
    chars: &[char],
    floor: usize,
    open: usize,
) -> Option<(usize, usize, String, usize)> {
    let mut k = open;
    while k > floor && chars[k - 1].is_whitespace() {
        k -= 1;
    }
    // Only a sentence end or a colon, then space, may stand before the quote.
    if k > floor && (k == open || !matches!(chars[k - 1], '.' | ':')) {
        return None;
    }
    let start = k.saturating_sub(200).max(floor);
    let s: String = chars[start..k].iter().collect();
    static ABOVE: OnceLock<Regex> = OnceLock::new();
    let re = ABOVE.get_or_init(|| {
        regex::RegexBuilder::new(&format!(r"(?P<sp>{SPEAKER})\s+(?P<v>{VERBS})\s*[.:]\s*$"))
            .dfa_size_limit(64 << 20)
            .build()
            .expect("compiles")
    });
    if !mentions_verb(&s) {
        return None;
    }
    let caps = re.captures(&s).filter(plausible)?;
    let ((sp_start, sp), v) = (speaker_span(&caps)?, caps.name("v")?);
    let offset = |b: usize| start + s[..b].chars().count();
    Some((
        offset(sp_start),
        offset(sp_start + sp.len()),
        v.as_str().to_lowercase(),
        offset(v.start()),
    ))
}

/// A full stop that ends an abbreviation ("Rep.", "Gen.", "Mr.", "U.S.") or an initial.
fn abbreviation(chars: &[char], dot: usize) -> bool {
    let mut b = dot;
    while b > 0 && (chars[b - 1].is_alphabetic() || chars[b - 1] == '.') {
        b -= 1;
    }
    let word: String = chars[b..dot].iter().collect::<String>().to_lowercase();
    word.chars().count() == 1
        || word.contains('.')
        || matches!(
            word.as_str(),
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "rep"
                | "sen"
                | "gen"
                | "gov"
                | "lt"
                | "col"
                | "st"
                | "sgt"
                | "jr"
                | "sr"
                | "prof"
                | "adm"
                | "capt"
                | "inc"
                | "corp"
                | "co"
                | "ltd"
                | "maj"
                | "pres"
                | "mich"
                | "calif"
                | "fla"
                | "ariz"
                | "tenn"
                | "mass"
                | "conn"
                | "wash"
                | "va"
                | "md"
                | "pa"
                | "nc"
                | "sc"
                | "ga"
                | "ky"
                | "la"
                | "ind"
                | "ill"
                | "wis"
                | "minn"
                | "okla"
                | "ore"
                | "nev"
                | "colo"
                | "ala"
                | "miss"
                | "mo"
                | "ark"
                | "kan"
                | "neb"
                | "del"
                | "vt"
                | "wyo"
                | "feb"
                | "aug"
                | "sept"
                | "sep"
                | "oct"
                | "nov"
                | "dec"
        )
}

/// The attribution right before a quote, back to the previous sentence or quote.
fn attribution_before(
    chars: &[char],
    floor: usize,
    open: usize,
) -> Option<(usize, usize, String, usize)> {
    let mut start = open;
    while start > floor && open - start < 300 {
        let c = chars[start - 1];
        if c == '\n'
            || (matches!(c, '.' | '!' | '?') && start < open && !abbreviation(chars, start - 1))
        {
            break;
        }
        start -= 1;
    }
    let mut s = blank_asides(&chars[start..open]);
    // "Added Chairman Ed Royce, …, \"…\"": a sentence that opens with its verb.
    let lead = s.len() - s.trim_start().len();
    // ("Said" is also a given name: "Said Jalili, the former negotiator:" is not inverted;
    // "Said Venezuelan political scientist Maria Teresa Romero, …," is.)
    let said = ["Said ", "Says "].iter().any(|v| s[lead..].starts_with(v)) && {
        let head = s[lead + 5..].split([',', ':']).next().unwrap_or("");
        head.split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase))
    };
    if said || ["Added ", "Adds "].iter().any(|v| s[lead..].starts_with(v)) {
        s[lead..lead + 1].make_ascii_lowercase();
    }
    let p = patterns();
    let verb = mentions_verb(&s);
    let caps = p
        .according
        .captures(&s)
        .or_else(|| p.quoting.captures_iter(&s).last())
        .or_else(|| {
            verb.then(|| {
                p.before_vs
                    .captures(&s)
                    // (Inverted only at the head of its clause: not "The Afghan government
                    // says the Taliban's leader, Mullah Omar, \"…\"".)
                    .filter(|c| {
                        inverted(c)
                            && apposition_only(c)
                            && c.get(0).is_some_and(|m| {
                                let head = s[..m.start()].trim_end();
                                // ("Как сообщил Песков, «…»", "Як заявив Зеленський", "Wie
                                // Merz sagte": the verb and speaker of an "as" clause.)
                                let as_clause = head
                                    .rsplit(|ch: char| !ch.is_alphabetic())
                                    .next()
                                    .is_some_and(|w| {
                                        matches!(
                                            w.to_lowercase().as_str(),
                                            "как" | "як" | "comme" | "como" | "wie"
                                        )
                                    });
                                as_clause
                                    || head.chars().next_back().is_none_or(|ch| {
                                        matches!(
                                            ch,
                                            ',' | ';' | ':' | '—' | '–' | '(' | '"' | '”' | '’'
                                        )
                                    })
                            })
                    })
            })
            .flatten()
        })
        .or_else(|| {
            verb.then(|| {
                // The match nearest the quote: in "… Israel responded with airstrikes —
                // Pompeo said," the first one runs on past a dash to the end.
                let mut caps = p.before_sv.captures(&s).filter(plausible);
                while let Some(next) = caps
                    .as_ref()
                    .and_then(|c| c.name("v"))
                    .and_then(|v| p.before_sv.captures_at(&s, v.end()))
                    .filter(plausible)
                    // (Only a verb that is no noun: not "the Baltic states", "the claim".)
                    .filter(|c| {
                        c.name("v").is_some_and(|v| {
                            matches!(
                                v.as_str(),
                                "said"
                                    | "says"
                                    | "told"
                                    | "tells"
                                    | "added"
                                    | "asked"
                                    | "wrote"
                                    | "tweeted"
                                    | "replied"
                                    | "answered"
                                    | "explained"
                                    | "insisted"
                                    | "declared"
                            )
                        })
                    })
                {
                    caps = Some(next);
                }
                caps
            })
            .flatten()
        })
        // A partial quote inside a sentence: the last "X said" before it.
        .or_else(|| {
            verb.then(|| match last_plausible(&p.sentence_sv, &s) {
                (_, true) => last_plausible(&p.sentence_sv_bounded, &s).0,
                (last, false) => last,
            })
            .flatten()
        })
        .or_else(|| {
            verb.then(|| p.sentence_vs.captures_iter(&s).filter(inverted).last())
                .flatten()
        })
        .or_else(|| p.according_start.captures(&s));
    let offset = |b: usize| start + s[..b].chars().count();
    // Unnamed sources closer to the quote than the match speak: "RFE adds that opposition
    // sources claim that …".
    let after = caps.as_ref().and_then(|c| c.get(0)).map_or(0, |m| m.end());
    if let Some((a, b, verb)) = verb.then(|| unnamed_source(&s, after, false)).flatten() {
        return Some((offset(a), offset(b), verb, offset(b)));
    }
    let caps = caps?;
    let (sp_start, sp) = speaker_span(&caps)?;
    let sp_end = sp_start + sp.len();
    let verb = caps
        .name("v")
        .map_or_else(|| "according to".to_string(), |v| v.as_str().to_lowercase());
    let reach = caps
        .name("v")
        .filter(|v| v.start() > sp_end && !relative_clause(&caps))
        .map_or(sp_end, |v| v.start());
    Some((offset(sp_start), offset(sp_end), verb, offset(reach)))
}

/// The match's apposition is a relative clause (", who directs the White House Office of
/// Science and Technology Policy,"): what it names is not the speaker.
fn relative_clause(caps: &regex::Captures) -> bool {
    caps.name("ap")
        .is_some_and(|ap| ap.as_str().split_whitespace().next() == Some("who"))
}

struct PersonMention {
    start: u32,
    end: u32,
    name: String,
    id: Option<String>,
    person: bool,
}

impl PersonMention {
    /// (name, id) as a quote's speaker.
    fn speaker(&self) -> (Option<String>, Option<String>) {
        (Some(self.name.clone()), self.id.clone())
    }
}

fn person_mentions(entities: &[Found]) -> Vec<PersonMention> {
    let mut out: Vec<PersonMention> = entities
        .iter()
        .filter(|e| e.etype != EntityType::Place)
        .flat_map(|e| {
            e.mentions.iter().map(move |m| PersonMention {
                start: m.start,
                end: m.end,
                name: e.name.clone(),
                id: e.id.clone(),
                person: e.etype == EntityType::Person,
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

/// Where a country or a capital is named (not its demonym), in text order.
fn state_mentions(entities: &[Found], gaz: &Gazetteer) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = entities
        .iter()
        .filter(|e| {
            e.etype == EntityType::Place
                && e.id
                    .as_deref()
                    .and_then(|id| gaz.get(id))
                    .is_some_and(|g| matches!(g.kind.as_deref(), Some("country" | "capital")))
        })
        .flat_map(|e| e.mentions.iter())
        .filter(|m| m.kind == MentionKind::Name)
        .map(|m| (m.start, m.end))
        .collect();
    out.sort_unstable();
    out
}

/// No entity mention is longer than this many characters.
const MAX_MENTION: u32 = 200;

/// What resolving a speaker needs from the article.
struct Context<'a> {
    chars: &'a [char],
    /// Quote spans (opening, closing mark), in order.
    spans: &'a [(usize, usize)],
    people: &'a [PersonMention],
    /// Countries and capitals named as such, in order: "Beijing voiced …" speaks for a state.
    states: &'a [(u32, u32)],
    gaz: &'a Gazetteer,
}

impl Context<'_> {
    /// The subject of the sentence a quote sits in, when that sentence reports speech without
    /// the patterns above: "Sen. Patrick Leahy (D-Vt.) called the speech \"…\"", "The U.S.
    /// Embassy on Sunday decried the crackdown as \"…\"", "William Hague congratulated Modi,
    /// saying Britain looked \"…\"". A quote that opens a paragraph after one ending in a
    /// colon ("President Obama confirmed support for both sides:") belongs to that sentence.
    /// The subject must be a person or organisation the entity pass found.
    fn subject_before(&self, open: usize) -> Option<(usize, usize, String, usize)> {
        let chars = self.chars;
        let mut end = open;
        while end > 0 && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        if chars[end..open].contains(&'\n') && (end == 0 || chars[end - 1] != ':') {
            return None;
        }
        let colon = end > 0 && chars[end - 1] == ':';
        if colon {
            end -= 1;
        }
        let start = sentence_start(chars, 0, end, 400);
        let lo = self.people.partition_point(|m| (m.start as usize) < start);
        // A photo or video caption naming who speaks: "Media caption Donald Trump: \"…\"".
        if colon {
            if let Some(m) = self.people[lo..]
                .iter()
                .take_while(|m| (m.end as usize) <= end)
                .find(|m| m.person && m.end as usize == end)
            {
                let lead: String = chars[start..m.start as usize].iter().collect();
                if lead.trim_end().to_lowercase().ends_with("caption") {
                    return Some((m.start as usize, end, ":".to_string(), end));
                }
            }
        }
        let (s0, s1) = self.people[lo..]
            .iter()
            .take_while(|m| (m.end as usize) <= end)
            .find(|m| {
                !self.in_quote(m.start as usize)
                    && is_subject(chars, m.start as usize, m.end as usize)
            })
            .map(|m| (m.start as usize, m.end as usize))
            .or_else(|| pronoun_subject(chars, start, end))
            .or_else(|| body_subject(chars, start, end))
            .or_else(|| title_subject(chars, start, end))
            // "Beijing voiced \"…\"", "China also condemned the test but urged \"…\"": a
            // state speaks through its government.
            .or_else(|| {
                let lo = self.states.partition_point(|m| (m.0 as usize) < start);
                self.states[lo..]
                    .iter()
                    .take_while(|m| (m.1 as usize) <= end)
                    .map(|&(a, b)| (a as usize, b as usize))
                    .find(|&(a, b)| {
                        !self.in_quote(a)
                            && is_subject(chars, a, b)
                            && !dateline(chars, a, b)
                            // ("Iran's Fars news agency said": the agency; "Iran-backed
                            // militias denounced": the militias.)
                            && !matches!(chars.get(b..b + 2), Some(['\'' | '’', 's']))
                            && chars.get(b) != Some(&'-')
                    })
            })?;
        // "U.S. military officials … said": the officials, unnamed, not the body (but
        // "State Department spokeswoman Marie Harf" is named).
        // ("The White House principal deputy press secretary said": the secretary.) The role
        // is a few lowercase words right after the body, ending in an office or "officials".
        let after: String = chars[s1..end.min(s1 + 60)].iter().collect();
        let words: Vec<&str> = after.split_whitespace().collect();
        let role_end = words
            .iter()
            .take(4)
            .position(|w| GENERIC_SPEAKERS.contains(w) || refers_by_title(w));
        let role = role_end.is_some_and(|k| {
            words[..k].iter().all(|w| {
                w.chars().all(char::is_lowercase)
                    && !speech_verbs().contains(w)
                    && !STANCE_VERBS.contains(w)
                    && !matches!(
                        *w,
                        "also"
                            | "has"
                            | "had"
                            | "have"
                            | "then"
                            | "later"
                            | "who"
                            | "and"
                            | "on"
                            | "in"
                            | "at"
                            | "to"
                            | "for"
                            | "with"
                            | "was"
                            | "is"
                            | "the"
                            | "a"
                            | "an"
                            | "about"
                            | "how"
                            | "that"
                            | "what"
                            | "of"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "them"
                            | "him"
                    )
            }) && words.get(k + 1).is_some_and(|w| {
                // A verb follows the office ("officials did not say", "secretary said"), not
                // a name, a time or an object ("met military officials on Monday").
                w.chars().all(char::is_lowercase)
                    && !matches!(
                        *w,
                        "on" | "in"
                            | "at"
                            | "to"
                            | "from"
                            | "with"
                            | "for"
                            | "the"
                            | "a"
                            | "an"
                            | "and"
                            | "of"
                            | "about"
                            | "over"
                            | "after"
                            | "before"
                            | "who"
                            | "that"
                            | "as"
                    )
            })
        });
        if role {
            return None;
        }
        // "State Department spokeswoman Marie Harf declined …": the person the body's title
        // introduces, when the entity pass did not know the name.
        let (s0, s1) = self
            .people
            .iter()
            .find(|m| m.start as usize == s0 && !m.person)
            // (Past a possessive: "NATO's secretary general Jens Stoltenberg released".)
            .and_then(|_| {
                let from = match chars.get(s1..s1 + 3) {
                    Some(['\'' | '’', 's', ' ']) => s1 + 2,
                    _ => s1,
                };
                titled_name(chars, from, end, false)
            })
            .unwrap_or((s0, s1));
        let s1 = possessed(chars, s1, end).unwrap_or(s1);
        let rest: String = chars[s1..end].iter().collect();
        // "Kelly Anne Conway: \"…\"": a person's name alone before a colon, as in transcripts
        // and embedded posts.
        if colon
            && rest.trim().is_empty()
            && self
                .people
                .iter()
                .any(|m| m.start as usize == s0 && m.person)
            && chars[start..s0].iter().all(|c| c.is_whitespace())
        {
            return Some((s0, s1, ":".to_string(), s1));
        }
        // A state speaks in its own clause only: not "Iran is designated …, but a State
        // Department official said" ("North Korea hailed the test, describing it as" does).
        let unknown = !self.people.iter().any(|m| m.start as usize == s0);
        let state = self.states.binary_search(&(s0 as u32, s1 as u32)).is_ok() && unknown;
        // A title subject too ("The president has all but ruled out …, and he also has
        // resisted calls to"; "The former president was …, and the agency issued a statement
        // …, saying"), participles included.
        let titled = unknown && title_subject(chars, s0, end) == Some((s0, s1));
        let verb = rest
            .split(|c: char| !c.is_alphabetic())
            // (A name is no verb: "the United States"; a shot list's "PUTIN, SAYING:" is.)
            .filter(|w| !w.starts_with(char::is_uppercase) || !w.contains(char::is_lowercase))
            .map(str::to_lowercase)
            .find(|w| {
                speech_verbs().contains(&w.as_str())
                    || STANCE_VERBS.contains(&w.as_str())
                    // "Obama included in his closing remarks:"
                    || (colon
                        && matches!(
                            w.as_str(),
                            "remarks" | "statement" | "speech" | "interview" | "letter" | "address"
                                | "testimony" | "tweet" | "post" | "email" | "message"
                        ))
            })?;
        let lower = rest.to_lowercase();
        let at = lower
            .match_indices(verb.as_str())
            .map(|(k, _)| k)
            .find(|&k| !lower[..k].ends_with(char::is_alphabetic))
            .unwrap_or(0);
        // The verb nearest the quote, in a relative clause about something named later, is
        // not the subject's: "The Wall Street Journal reviewed a copy of the cable, which
        // repeatedly calls for". ("that" is too often the subject's own complement: "Comey
        // writes that Trump asked him".)
        let words: Vec<&str> = lower
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(k) = words
            .iter()
            .rposition(|w| speech_verbs().contains(w) || STANCE_VERBS.contains(w))
        {
            // (Not the subject's own relative clause, "The National Rifle Association, which
            // said", nor one after a preposition, "a statement in which he said".)
            let which = (k.saturating_sub(2)..k).find(|&j| words[j] == "which");
            // ("the economy, which he called": the subject's own words.)
            if which.is_some_and(|j| {
                j >= 1
                    && !matches!(words[j + 1], "he" | "she" | "they" | "we" | "i")
                    && !matches!(
                        words[j - 1],
                        "in" | "to" | "of" | "for" | "by" | "with" | "under" | "from" | "on"
                    )
            }) {
                return None;
            }
        }
        if (state && !verb.ends_with("ing")) || titled {
            // (Nor a passive: "Russia was accused by Ukraine", "The president was condemned
            // by lawmakers".)
            let passive = lower[..at]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| matches!(w, "was" | "were" | "is" | "are" | "been" | "being"));
            // (Nor a verb in a relative clause: "North Korea fired a missile that Japan called".)
            let relative = lower[..at]
                .split_whitespace()
                .any(|w| matches!(w, "that" | "which" | "who" | "whom"));
            if lower[..at].contains([',', ';']) || passive || relative {
                return None;
            }
        }
        Some((s0, s1, verb, s1))
    }

    /// The last name, not known to the entity pass, that is the subject of a speech verb
    /// between `from` and `to` ("Kazianis said China fears …"), outside quotes.
    fn named_subject(
        &self,
        from: usize,
        to: usize,
        fits: &dyn Fn(Option<&str>, &str) -> bool,
    ) -> Option<String> {
        let from = from.max(to.saturating_sub(1000));
        if from >= to {
            return None;
        }
        let s: String = self.chars[from..to].iter().collect();
        // A word scan, not the patterns: running them over the window cost a quarter of the
        // quote pass.
        let chars = self.chars;
        let verbs: Vec<(usize, usize)> = verb_matcher()
            .find_iter(&s)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (vb, ve) in verbs.into_iter().rev() {
            // A whole word after a space or a comma.
            if !s[..vb].ends_with([' ', ',']) || s[ve..].starts_with(char::is_alphabetic) {
                continue;
            }
            let mut k = from + s[..vb].chars().count();
            let skip_spaces = |k: &mut usize| {
                while *k > from && chars[*k - 1] == ' ' {
                    *k -= 1;
                }
            };
            skip_spaces(&mut k);
            // One adverb ("Kazianis also said"), or an apposition (", who led …, said").
            let mut w = k;
            while w > from && chars[w - 1].is_lowercase() {
                w -= 1;
            }
            let word: String = chars[w..k].iter().collect();
            if matches!(
                word.as_str(),
                "has"
                    | "had"
                    | "also"
                    | "later"
                    | "then"
                    | "once"
                    | "again"
                    | "himself"
                    | "herself"
            ) {
                k = w;
                skip_spaces(&mut k);
            }
            if k > from && chars[k - 1] == ',' {
                let lo = (k - 1).saturating_sub(120).max(from);
                match chars[lo..k - 1]
                    .iter()
                    .rposition(|&c| matches!(c, ',' | '.' | '\n'))
                {
                    Some(p) if chars[lo + p] == ',' => k = lo + p,
                    _ => continue,
                }
                skip_spaces(&mut k);
            }
            // Up to four capitalised words.
            let end = k;
            let mut start = k;
            let mut words = 0;
            while words < 4 {
                let mut b = start;
                while b > from
                    && (chars[b - 1].is_alphabetic()
                        || matches!(chars[b - 1], '.' | '-' | '\'' | '’'))
                {
                    b -= 1;
                }
                // (A word ending a sentence, "Beijing.", is not part of the name.)
                let sentence_end = words > 0 && chars[start - 1] == '.' && start - b > 2;
                if b == start || !chars[b].is_uppercase() || sentence_end {
                    break;
                }
                start = b;
                words += 1;
                if start == from || chars[start - 1] != ' ' {
                    break;
                }
                start -= 1;
            }
            while start < end && chars[start] == ' ' {
                start += 1;
            }
            if words == 0 {
                continue;
            }
            let name: String = chars[start..end].iter().collect();
            // "But Kazianis said"
            let name = CONJUNCTIONS
                .iter()
                .find_map(|c| name.strip_prefix(c)?.strip_prefix(' '))
                .unwrap_or(&name);
            let start = end - name.chars().count();
            let lower = name.to_lowercase();
            // One word is a person only when the article named someone with it as a surname
            // ("Harry Kazianis … Kazianis said"), not "China said", "Democrats said".
            if !name.contains(' ') && !surname_of_a_name(&chars[..start], name) {
                continue;
            }
            // (Someone the entity pass found is the referent's business.)
            let known = self
                .people
                .iter()
                .any(|m| (m.start as usize) < end && start < m.end as usize);
            // A name and nothing else, opening its clause: not "the Baltic states", not "a
            // Republican of Nebraska".
            let word_before = word_before(self.chars, start);
            let opens = word_before.is_empty()
                || word_before.starts_with(char::is_uppercase)
                || matches!(word_before.as_str(), "and" | "but" | "then" | "so");
            if name.is_empty()
                || !opens
                || PRONOUNS.contains(&lower.as_str())
                || SUBJECT_PRONOUNS.contains(&lower.as_str())
                || name.starts_with("The ")
                || name.starts_with("A ")
                || known
                || unnamed_phrase(&lower)
                || lower
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| BODIES.contains(&w))
                || self.in_quote(start)
                || !fits(None, name)
            {
                continue;
            }
            return Some(name.to_string());
        }
        None
    }

    /// "it said", "the ministry said": the organisation last named as a subject before `pos`
    /// (of those `fits` accepts).
    fn subject_org(
        &self,
        pos: u32,
        fits: &dyn Fn(Option<&str>, &str) -> bool,
    ) -> Option<&PersonMention> {
        self.referent(pos, 600, false, fits)
            .filter(|m| is_subject(self.chars, m.start as usize, m.end as usize))
    }

    /// For a one-word name ("Kim added"), the person last named with that word, when the
    /// entity pass gave the word to someone else and that person was just quoted: "…," said
    /// Kim Dong-yub, … / "…," Kim added is not Kim Jong Un. (Not any namesake: "His son
    /// Hunter Biden sat in the front row. Biden said" is still Joe Biden.)
    fn nearer_namesake<'m>(
        &'m self,
        text: &str,
        m: &'m PersonMention,
        recent: &[Recent],
    ) -> &'m PersonMention {
        // ("Mr. Kim told reporters": the surname after a courtesy title.)
        let titled = ["Mr. ", "Mrs. ", "Ms. ", "Mr ", "Mrs ", "Ms ", "Dr. "]
            .iter()
            .find_map(|t| text.strip_prefix(t));
        let text = titled.unwrap_or(text);
        if text.contains(char::is_whitespace) || m.end - m.start > 40 {
            return m;
        }
        let hi = self.people.partition_point(|p| p.start < m.start);
        self.people[..hi]
            .iter()
            .rev()
            .take_while(|p| m.start - p.start < 1500)
            .filter(|p| p.person && !self.in_quote(p.start as usize))
            .find(|p| {
                self.chars[p.start as usize..p.end as usize]
                    .iter()
                    .collect::<String>()
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w == text)
            })
            // (Not the same name in a longer mention: "Larry Kudlow Photographer".)
            .filter(|p| !p.name.contains(m.name.as_str()) && p.end - p.start > m.end - m.start)
            .filter(|p| {
                let quoted = recent
                    .iter()
                    .any(|r| r.speaker.0.as_deref() == Some(p.name.as_str()));
                // Named right after a quote's closing mark, without a verb: "…" Kim Dong-yub,
                // a military expert …
                let after_quote = self
                    .spans
                    .iter()
                    .any(|&(_, close)| close < p.start as usize && p.start as usize - close <= 3);
                // Or, after a courtesy title, who spoke: "spokesman Kim Min-seok said South
                // Korea is ready … Mr. Kim told reporters" (not "Hunter Biden said … Biden
                // told reporters", still Joe Biden).
                quoted
                    || after_quote
                    || (titled.is_some() && verb_follows(self.chars, p.end as usize))
            })
            .unwrap_or(m)
    }

    fn in_quote(&self, pos: usize) -> bool {
        let i = self.spans.partition_point(|&(open, _)| open < pos);
        i > 0 && pos < self.spans[i - 1].1
    }

    /// The person a pronoun or title at `pos` stands for: among the people named in the
    /// `window` characters before it (outside quotes: a name inside a quote is talked about,
    /// not talking) and accepted by `fits`: the last one named in the same paragraph, as a
    /// subject if one is; else the last one named as a subject before the paragraph ("Mr
    /// Pence said that …", "Fox, however, isn't worried …"); else the last one named within
    /// 400 characters.
    fn referent(
        &self,
        pos: u32,
        window: u32,
        person: bool,
        fits: &dyn Fn(Option<&str>, &str) -> bool,
    ) -> Option<&PersonMention> {
        let hi = self.people.partition_point(|m| m.start < pos);
        // Only mentions after `floor` are looked at, so the paragraph start is needed only
        // that far back (a search to the article's start made one huge paragraph quadratic).
        let floor = pos.saturating_sub(MAX_MENTION + window) as usize;
        let paragraph = self.chars[floor..pos as usize]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(floor as u32, |p| (floor + p) as u32);
        let mut nearest = None;
        let mut in_paragraph = None;
        for m in self.people[..hi]
            .iter()
            .rev()
            .take_while(|m| m.start + MAX_MENTION + window > pos)
        {
            if m.person != person
                || m.end > pos
                || pos - m.end >= window
                || self.in_quote(m.start as usize)
                || !fits(m.id.as_deref(), &m.name)
                || names_a_body(self.chars, m.end as usize)
            {
                continue;
            }
            let subject = is_subject(self.chars, m.start as usize, m.end as usize);
            // "Though the North Korean leader decided not to, he persisted": the subject of a
            // clause opening the pronoun's own sentence.
            if subordinate_subject(self.chars, m.start as usize, pos as usize) {
                return Some(m);
            }
            if m.start >= paragraph {
                if subject {
                    return Some(m);
                }
                in_paragraph.get_or_insert(m);
                continue;
            }
            if let Some(p) = in_paragraph {
                return Some(p);
            }
            if subject {
                return Some(m);
            }
            nearest.get_or_insert(m);
        }
        in_paragraph.or(nearest.filter(|m| pos - m.end < 400))
    }
}

/// "Trump's campaign", "Putin's spokesman": the end of the body or role a name at `..at` owns,
/// when one follows (before `limit`).
fn possessed(chars: &[char], at: usize, limit: usize) -> Option<usize> {
    let rest = chars.get(at..limit)?;
    if rest.len() < 4 || !matches!(rest[0], '\'' | '’') || rest[1] != 's' || rest[2] != ' ' {
        return None;
    }
    let len = rest[3..].iter().take_while(|c| c.is_alphabetic()).count();
    let word: String = rest[3..3 + len].iter().collect::<String>().to_lowercase();
    (BODIES.contains(&word.as_str()) || GENERIC_SPEAKERS.contains(&word.as_str()))
        .then_some(at + 3 + len)
}

/// A pronoun subject of the sentence `start..end`: its first word, maybe after a conjunction
/// ("And she said the country needs to \"…\"") or after a short opening phrase and a comma
/// ("On Sunday, he blamed …").
fn pronoun_subject(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let mut i = start;
    let mut words = 0;
    let mut after_comma = true;
    while i < end && words < 12 {
        while i < end && chars[i].is_whitespace() {
            i += 1;
        }
        let w0 = i;
        while i < end && chars[i].is_alphabetic() {
            i += 1;
        }
        if w0 == i {
            return None;
        }
        let word: String = chars[w0..i].iter().collect::<String>().to_lowercase();
        if after_comma && PRONOUNS.contains(&word.as_str()) {
            return Some((w0, i));
        }
        let opener = words == 0
            && matches!(
                word.as_str(),
                "and" | "but" | "so" | "yet" | "still" | "then" | "later"
            );
        after_comma = opener || (i < end && chars[i] == ',');
        if i < end && chars[i] == ',' {
            i += 1;
        }
        words += 1;
    }
    None
}

/// Where the sentence `start..end` opens with "The ", and its first `max` characters from there.
fn opening_the(chars: &[char], start: usize, end: usize, max: usize) -> Option<(usize, String)> {
    let mut i = start;
    while i < end && chars[i].is_whitespace() {
        i += 1;
    }
    let text: String = chars[i..end.min(i + max)].iter().collect();
    text.starts_with("The ").then_some((i, text))
}

/// A body named by an article phrase opening the sentence, which the entity pass did not find:
/// "The Russian foreign ministry (denounced …)", "The U.S. Embassy in Moscow (on Sunday
/// decried …)".
fn body_subject(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let (i, text) = opening_the(chars, start, end, 80)?;
    let rest = &text[4..];
    let words: Vec<&str> = rest.split(' ').take(6).collect();
    let k = words
        .iter()
        .position(|w| BODIES.contains(&w.to_lowercase().as_str()))?;
    // Up to three words before the body, one capitalised ("Russian", "U.S."), and a place
    // after it ("in Moscow").
    if k > 3 || !words[..k].iter().any(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    let mut n = k + 1;
    if words.get(n) == Some(&"in")
        && words
            .get(n + 1)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        n += 2;
    }
    let len = 4 + words[..n].join(" ").chars().count();
    Some((i, i + len))
}

/// A place name that opens a dateline ("WASHINGTON —", "Kyiv (Reuters) -", "MOSCOW:"): where
/// the story was filed, not who spoke.
fn dateline(chars: &[char], start: usize, end: usize) -> bool {
    // (Letters, not characters: "U.S." is no shouted word.)
    let letters = chars[start..end]
        .iter()
        .filter(|c| c.is_alphabetic())
        .count();
    let shouted = letters > 3 && chars[start..end].iter().all(|c| !c.is_lowercase());
    let after: String = chars[end..chars.len().min(end + 3)].iter().collect();
    shouted
        || after.starts_with(" —")
        || after.starts_with(" –")
        || after.starts_with(" - ")
        || after.starts_with(" (")
        || after.starts_with(':')
        || after.starts_with(',')
}

/// The name ending at `end` qualifies a body ("the Obama administration", "the Trump
/// campaign"): no one a pronoun stands for.
fn names_a_body(chars: &[char], end: usize) -> bool {
    // (Compared in place: this runs for every mention a referent search looks at.)
    let window = &chars[end..chars.len().min(end + 16)];
    let from = window
        .iter()
        .position(|c| *c != ' ')
        .unwrap_or(window.len());
    let len = window[from..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .count();
    let next = &window[from..from + len];
    [
        "administration",
        "campaign",
        "team",
        "government",
        "era",
        "White",
    ]
    .iter()
    .any(|w| w.chars().eq(next.iter().copied()))
}

/// The name at `start` opens a subordinate clause at the start of the sentence that runs on
/// to `pos` ("Though (the) X decided …, he"), with no sentence end between.
fn subordinate_subject(chars: &[char], start: usize, pos: usize) -> bool {
    let sentence = sentence_start(chars, 0, start, 40);
    let lead: String = chars[sentence..start].iter().collect();
    let mut words = lead.split_whitespace();
    let opener = words.next().is_some_and(|w| {
        matches!(
            w,
            "Though" | "Although" | "While" | "When" | "Because" | "Since" | "After" | "As" | "If"
        )
    });
    let rest: Vec<&str> = words.collect();
    opener
        && rest.len() <= 1
        && rest.iter().all(|w| matches!(*w, "the" | "The"))
        && sentence_start(chars, 0, pos, 400) == sentence
}

/// A title opening the sentence, for someone named before: "The president (pointed to
/// Germany and said …)", "The US secretary of state (disclosed …)".
fn title_subject(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let (i, text) = opening_the(chars, start, end, 60)?;
    let rest = &text[4..];
    // Up to two words before the title ("The Russian foreign minister").
    let words: Vec<&str> = rest.split(' ').take(3).collect();
    let k = words.iter().position(|w| refers_by_title(w))?;
    // ("The president of the local teachers union": not the president named before.)
    let after = rest.split(' ').nth(k + 1).unwrap_or("");
    if matches!(after, "of" | "at" | "for") {
        return None;
    }
    let len = 4 + words[..=k].join(" ").chars().count();
    Some((i, i + len))
}

/// A name at `start..end` is its clause's subject: only capitalised words (titles) stand
/// between it and the start of its sentence, or a speech verb follows it ("Pence said",
/// "Lavrov, speaking in Moscow, told").
fn is_subject(chars: &[char], start: usize, end: usize) -> bool {
    // "…, according to John Delury of Yonsei University": the source of what follows.
    const ACCORDING: &str = "according to ";
    if start >= ACCORDING.len()
        && chars[start - ACCORDING.len()..start]
            .iter()
            .zip(ACCORDING.chars())
            .all(|(c, a)| c.to_ascii_lowercase() == a)
    {
        return true;
    }
    let mut i = start;
    let mut words = 0;
    loop {
        while i > 0 && chars[i - 1] == ' ' {
            i -= 1;
        }
        if i == 0 || chars[i - 1] == '\n' {
            return true;
        }
        if matches!(chars[i - 1], '.' | '!' | '?') && !abbreviation(chars, i - 1) {
            return true;
        }
        // "… \"in a generation.\" President Trump was equally thrilled"
        if i >= 2
            && matches!(chars[i - 1], '"' | '”' | '»')
            && matches!(chars[i - 2], '.' | '!' | '?')
        {
            return true;
        }
        let word_end = i;
        while i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '.' | '-')) {
            i -= 1;
        }
        // A title with "of" in it: "Secretary of State John Kerry appeared to confirm".
        if words > 0 && chars[i..word_end] == ['o', 'f'] {
            continue;
        }
        // "Rockets owner Tilman Fertitta rebuked": a lowercase title right before the name,
        // after capitalised words.
        if words == 0 && i < word_end && chars[i].is_lowercase() && i > 0 && chars[i - 1] == ' ' {
            let word: String = chars[i..word_end].iter().collect();
            if (TITLES.contains(&word.as_str())
                || GENERIC_SPEAKERS.contains(&word.as_str())
                || matches!(word.as_str(), "owner" | "founder" | "head"))
                && chars[..i - 1]
                    .last()
                    .is_some_and(|c| c.is_alphabetic() || *c == '.')
            {
                let mut b = i - 1;
                while b > 0 && chars[b - 1].is_alphanumeric() {
                    b -= 1;
                }
                if chars[b].is_uppercase() {
                    words += 1;
                    continue;
                }
            }
        }
        if i == word_end || !chars[i].is_uppercase() || words == 4 {
            break;
        }
        // "On Putin, Schiff downplayed …": the name is in an opening phrase.
        let word = &chars[i..word_end];
        if OPENING_WORDS.iter().any(|w| {
            w.len() == word.len()
                && w.chars()
                    .zip(word)
                    .all(|(a, b)| b.to_ascii_lowercase() == a)
        }) {
            return false;
        }
        words += 1;
    }
    after_opening_phrase(chars, i) || verb_follows(chars, end)
}

/// `at` follows the comma that closes a sentence's opening phrase of time or place: "On
/// Tuesday, (National Economic Council Director Larry Kudlow) appeared to …".
fn after_opening_phrase(chars: &[char], at: usize) -> bool {
    let mut i = at;
    while i > 0 && chars[i - 1] == ' ' {
        i -= 1;
    }
    if i == 0 || chars[i - 1] != ',' {
        return false;
    }
    let start = sentence_start(chars, 0, i - 1, 81);
    let opening: String = chars[start..i - 1].iter().collect();
    let first = opening.split_whitespace().next().unwrap_or("");
    i - 1 - start <= 80
        && (opening_phrase(first)
            || matches!(
                first,
                "Earlier"
                    | "Later"
                    | "Meanwhile"
                    | "However"
                    | "Yesterday"
                    | "Today"
                    | "Separately"
            ))
}

/// A speech verb comes next, maybe after an apposition or an adverb.
fn verb_follows(chars: &[char], pos: usize) -> bool {
    let after: String = chars[pos..chars.len().min(pos + 120)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    let mut rest = after.trim_start();
    if let Some(r) = rest.strip_prefix(',') {
        // "Lavrov, speaking at a news conference, said"
        match r.find(',') {
            Some(k) if k < 80 => rest = r[k + 1..].trim_start(),
            _ => return false,
        }
    }
    for adverb in [
        "has ", "had ", "also ", "later ", "then ", "again ", "even ", "himself ", "herself ",
    ] {
        if let Some(r) = rest.strip_prefix(adverb) {
            rest = r;
            break;
        }
    }
    starts_with_verb(rest)
}

/// `s` opens with a speech or stance verb, as a whole word. The verbs are looked up by their
/// first word: trying each of them in turn showed in profiles (this runs for every mention a
/// referent search looks at).
fn starts_with_verb(s: &str) -> bool {
    static BY_FIRST: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for &v in speech_verbs().iter().chain(STANCE_VERBS) {
            let first = v.split(' ').next().unwrap_or(v);
            m.entry(first).or_default().push(v);
        }
        m
    });
    let first = s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    by_first.get(first).is_some_and(|verbs| {
        verbs.iter().any(|v| {
            s.strip_prefix(v)
                .is_some_and(|r| !r.starts_with(char::is_alphabetic))
        })
    })
}

/// Whether any verb of `VERBS` occurs in `s`, even inside a word: every pattern but
/// "according to" needs one, and this test is far cheaper than the patterns (most quoted bits
/// are scare quotes with no attribution).
fn mentions_verb(s: &str) -> bool {
    verb_matcher().is_match(s)
}

/// Where the sentence ending at `end` starts: after the last line break or sentence end (not
/// an abbreviation's full stop) before it, at most `max` characters back and not before `floor`.
fn sentence_start(chars: &[char], floor: usize, end: usize, max: usize) -> usize {
    let mut start = end;
    while start > floor && end - start < max {
        let c = chars[start - 1];
        if c == '\n' || (matches!(c, '.' | '!' | '?') && !abbreviation(chars, start - 1)) {
            break;
        }
        start -= 1;
    }
    start
}

/// The word right before `at`, past spaces ("" at the start or after punctuation).
fn word_before(chars: &[char], at: usize) -> String {
    let mut k = at;
    while k > 0 && chars[k - 1] == ' ' {
        k -= 1;
    }
    let mut b = k;
    while b > 0 && chars[b - 1].is_alphabetic() {
        b -= 1;
    }
    chars[b..k].iter().collect()
}

/// `word` follows another capitalised word somewhere in `text` ("Harry Kazianis").
fn surname_of_a_name(text: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    let n = w.len();
    (1..text.len().saturating_sub(n)).any(|i| {
        text[i..i + n] == w[..]
            && text[i - 1] == ' '
            && text.get(i + n).is_none_or(|c| !c.is_alphabetic())
            && {
                let mut b = i - 1;
                while b > 0 && (text[b - 1].is_alphabetic() || text[b - 1] == '.') {
                    b -= 1;
                }
                b < i - 1 && text[b].is_uppercase()
            }
    })
}

/// The speech verbs as one automaton, to find them in a window of text.
fn verb_matcher() -> &'static aho_corasick::AhoCorasick {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(VERBS.split('|'))
            .expect("verbs build an automaton")
    })
}

fn speech_verbs() -> &'static [&'static str] {
    static V: OnceLock<Vec<&'static str>> = OnceLock::new();
    V.get_or_init(|| VERBS.split('|').collect())
}

/// Someone in a role toward a person: "the lawyer for X", "the widow of X" is not X.
const ROLE_NOUNS: &[&str] = &[
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "widow",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "friend",
    "colleague",
    "biographer",
];

/// A news outlet of the gazetteer (`kind = "outlet"`).
fn is_outlet(e: &crate::enrich::entities::gazetteer::Entity) -> bool {
    e.kind.as_deref() == Some("outlet")
}

/// "sie" is left out: it is also "they".
fn pronoun_gender(pronoun: &str) -> Option<Gender> {
    match pronoun {
        "she" | "elle" | "ella" | "она" | "вона" => Some(Gender::Female),
        "he" | "er" | "il" | "él" | "он" | "він" => Some(Gender::Male),
        _ => None,
    }
}

/// Who the speaker text stands for: an entity mentioned there, the last person named before
/// a pronoun or title, or the name as written.
fn speaker_of(
    ctx: &Context,
    text: &str,
    start: usize,
    end: usize,
    reach: usize,
    quote_open: usize,
    recent: &[Recent],
) -> (Option<String>, Option<String>) {
    let (people, gaz) = (ctx.people, ctx.gaz);
    let (s, e, r) = (start as u32, end as u32, reach.max(end) as u32);
    // Mentions are sorted by start and short: only those starting just before `to` can overlap.
    let lo = people.partition_point(|m| m.start + MAX_MENTION < s);
    let overlapping = |to: u32| {
        let hi = people.partition_point(|m| m.start < to);
        people[lo..hi].iter().filter(move |m| s < m.end)
    };
    let lower = text.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    // The phrase may have been matched without its article: "A Department of Defense official".
    let article_before = word_before(ctx.chars, start).to_lowercase();
    // "the head of the 22-member Arab League urged": a match that starts inside a word;
    // "The warrant unsealed in the U.S. District Court in Washington alleges": the object of
    // a preposition is no speaker.
    // (Not "al-Adnani said", matched from "Adnani"; nor the French "a-t-il déclaré".)
    if (start > 0
        && matches!(ctx.chars[start - 1], '-' | '–')
        && text.starts_with(char::is_lowercase)
        && !matches!(text, "il" | "elle"))
        || (text.starts_with(char::is_uppercase)
            && (matches!(article_before.as_str(), "in" | "at" | "near" | "on")
                // "who handles relations with the United States said": past "the" too.
                || (article_before == "the"
                    && matches!(
                        word_before(ctx.chars, start.saturating_sub(4))
                            .to_lowercase()
                            .as_str(),
                        "in" | "at" | "near" | "on" | "with" | "to" | "for" | "from" | "about"
                            | "against"
                    ))))
    {
        return (None, None);
    }
    // "said the breathless BBC correspondent": the phrase stopped short of the person it
    // describes, who speaks, named right after ("the BBC correspondent Jane Smith") or not.
    let noun_after: String = ctx.chars[end.min(ctx.chars.len())..]
        .iter()
        .skip_while(|c| **c == ' ')
        .take_while(|c| c.is_alphabetic())
        .collect();
    if !noun_after.is_empty() && GENERIC_SPEAKERS.contains(&noun_after.as_str()) {
        let from = ctx.chars[end..]
            .iter()
            .position(|c| c.is_alphabetic())
            .map_or(end, |k| end + k);
        return titled_name(ctx.chars, from, (from + 60).min(ctx.chars.len()), false)
            .map(|(a, b)| {
                // (The whole name: "spokeswoman Blair Latoff Holmes" is not Tony Blair.)
                let i = people.partition_point(|m| (m.start as usize) < a);
                people[i..]
                    .iter()
                    .take_while(|m| m.start as usize == a)
                    .find(|m| m.person && m.end as usize == b)
                    .map(PersonMention::speaker)
                    .unwrap_or_else(|| (Some(ctx.chars[a..b].iter().collect()), None))
            })
            .unwrap_or((None, None));
    }
    // "The source close to the White House added": the source, not the White House.
    let close_to = {
        let from = start.saturating_sub(24);
        let before: String = ctx.chars[from..start]
            .iter()
            .collect::<String>()
            .to_lowercase();
        before.ends_with("close to the ")
            || before.ends_with("close to ")
            || before.ends_with("familiar with the ")
    };
    // "a spokesman for British Prime Minister David Cameron said": the spokesman.
    let role = {
        let from = start.saturating_sub(60);
        let before: String = ctx.chars[from..start].iter().collect();
        let mut words: Vec<&str> = before.split_whitespace().collect();
        let mut sentence_ended = false;
        while let Some(w) = words.last().filter(|w| w.starts_with(char::is_uppercase)) {
            // "… a columnist for The Root. Crockett added": the role ended with its sentence
            // (not at "U.S." or "Gov.").
            sentence_ended |= w.strip_suffix('.').is_some_and(|w| {
                let w: Vec<char> = w.chars().collect();
                !abbreviation(&w, w.len())
            });
            words.pop();
        }
        let n = words.len();
        !sentence_ended
            && n >= 2
            && matches!(words[n - 1], "for" | "to")
            && (GENERIC_SPEAKERS.contains(&words[n - 2]) || ROLE_NOUNS.contains(&words[n - 2]))
    };
    let anonymous = role
        || close_to
        || matches!(article_before.as_str(), "a" | "an" | "one")
        || matches!(
            first,
            "a" | "an"
                | "one"
                | "ein"
                | "eine"
                | "un"
                | "une"
                | "una"
                | "they"
                | "ils"
                | "ellos"
                | "они"
                | "вони"
        );
    // "a US military statement said", "the Nato foreign ministers' statement read": the
    // author it names.
    if let Some(author) = document(text).then(|| document_author(text)).flatten() {
        let a = s + text[..author.as_ptr() as usize - text.as_ptr() as usize]
            .chars()
            .count() as u32;
        let b = a + author.chars().count() as u32;
        // (A known body or person that is the whole author: "the White House statement".)
        if let Some(m) = overlapping(b).find(|m| m.start <= a && m.end >= b) {
            return m.speaker();
        }
        return (Some(author.to_string()), None);
    }
    // "…," the statement continued: the author of the statement quoted just before.
    // (Not someone's: "The kingdom's statement warned".)
    if first == "the" && document(text) && !owned_phrase(text) {
        if let Some(r) = recent.first() {
            return r.speaker.clone();
        }
    }
    // "(A) Department of Defense official tells NPR", "Kremlin spokesman", "State Department
    // officials", "Putin's spokesman": a description of someone unnamed, not the body or the
    // person it names.
    // (Unless a person stands in apposition: "the Kremlin spokesman, Dmitry Peskov, said".)
    let owned = owned_phrase(&lower);
    // "said Singh's Twitter page": whose page it is.
    if let Some((owner, thing)) = text
        .split_once("'s ")
        .or_else(|| text.split_once("’s "))
        .filter(|(o, _)| o.starts_with(char::is_uppercase) && !o.starts_with("The "))
    {
        let thing = thing.to_lowercase();
        let document = !thing.is_empty()
            && thing.split_whitespace().all(|w| {
                matches!(
                    w,
                    "twitter"
                        | "facebook"
                        | "instagram"
                        | "account"
                        | "page"
                        | "feed"
                        | "statement"
                        | "letter"
                        | "website"
                        | "blog"
                        | "tweet"
                        | "post"
                )
            });
        let owner_end = s + owner.chars().count() as u32;
        if document {
            if let Some(m) = overlapping(owner_end).rfind(|m| m.person && m.end <= owner_end + 2) {
                return m.speaker();
            }
            if let Some(m) = overlapping(owner_end).find(|m| !m.person && m.end <= owner_end + 2) {
                return m.speaker();
            }
            // (The entity pass may not mark a possessive: the person last named so.)
            let hi = people.partition_point(|m| m.start < s);
            if let Some(m) = people[..hi]
                .iter()
                .rev()
                .find(|m| m.person && m.name.rsplit(' ').next() == Some(owner))
            {
                return m.speaker();
            }
            return (Some(untitled(owner).to_string()), None);
        }
    }
    // A name in apposition: right after the phrase, or after a title ("The Navy's top officer,
    // Chief of Naval Operations Adm. Michael Gilday, said"), not inside a clause ("an
    // official, speaking about Trump's plans, said").
    let apposed = || {
        overlapping(r).find(|m| {
            m.person
                && m.start >= e
                // (An owner is not in apposition: "Hope Hicks, Mr. Trump's spokeswoman".)
                && !matches!(ctx.chars.get(m.end as usize), Some('\'' | '’'))
                && (m.start <= e + 3
                    || (ctx.chars.get(end) == Some(&',')
                        && ctx.chars[end + 1..m.start as usize]
                            .iter()
                            .collect::<String>()
                            .split_whitespace()
                            .all(|w| {
                                w.starts_with(char::is_uppercase)
                                    || matches!(w, "of" | "the" | "and" | "for")
                            })))
        })
    };
    // "Benjamin J. Rhodes, a deputy national security adviser, offered …, saying": the phrase
    // is an apposition to the name right before it (unless a name follows it: "the French
    // president, Emmanuel Macron, said").
    if matches!(first, "a" | "an" | "the" | "one") {
        if let Some(m) = apposed() {
            return m.speaker();
        }
        if let Some(named) = name_before(ctx, start, end) {
            return named;
        }
    }
    if let Some(last) = lower.split_whitespace().next_back() {
        if GENERIC_SPEAKERS.contains(&last.trim_matches(|c: char| !c.is_alphabetic()))
            && (owned || !overlapping(e).any(|m| m.person))
        {
            return apposed()
                .map(PersonMention::speaker)
                .or_else(|| {
                    titled_name(ctx.chars, end, (end + 60).min(ctx.chars.len()), true)
                        .map(|(a, b)| (Some(ctx.chars[a..b].iter().collect()), None))
                })
                .unwrap_or((None, None));
        }
    }
    // "The Obama administration answers", "The Trump transition team said": the body, not the
    // person its name starts with; an organisation the entity pass found in the phrase, else
    // the phrase as written.
    let article = matches!(
        first,
        "the" | "der" | "die" | "das" | "le" | "la" | "les" | "el" | "los"
    );
    let named = if article {
        text.split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest.trim_start())
    } else {
        text
    };
    // "the Times said", "the Navy said": the body named in full a little earlier ("The New
    // York Times reported", "The U.S. Navy's Fifth Fleet said"). (Not an outlet that reports
    // someone else's words: "…," the Times reported; according to the Times.)
    if article && !anonymous && !named.contains(' ') && named.starts_with(char::is_uppercase) {
        let reports = word_before(ctx.chars, start).eq_ignore_ascii_case("to")
            || ctx.chars[end.min(ctx.chars.len())..]
                .iter()
                .skip_while(|c| **c == ' ')
                .take(6)
                .collect::<String>()
                .starts_with("report");
        let hi = people.partition_point(|m| m.start < s);
        if let Some(m) = people[..hi]
            .iter()
            .rev()
            .take_while(|m| s - m.start < 5000)
            .find(|m| {
                !m.person
                    && (!reports
                        || !m
                            .id
                            .as_deref()
                            .and_then(|id| gaz.get(id))
                            .is_some_and(is_outlet))
                    && m.name.contains(' ')
                    && m.name
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case(named))
            })
        {
            return m.speaker();
        }
    }
    // "The Russian embassy in London": the body is the word before the place.
    let last = lower
        .split_whitespace()
        .take_while(|w| !matches!(*w, "in" | "at"))
        .last()
        .unwrap_or("");
    if !anonymous
        && BODIES.contains(&last)
        && named
            .split_whitespace()
            .any(|w| w.starts_with(char::is_uppercase))
    {
        if let Some(m) = overlapping(e).find(|m| !m.person) {
            return m.speaker();
        }
        return (Some(named.to_string()), None);
    }
    // "the spokesman for Donald Trump", "the widow of Alexei Navalny": someone in a role
    // toward the person named, not that person.
    let phrase: Vec<&str> = lower.split_whitespace().collect();
    if phrase.windows(2).any(|w| {
        matches!(w[1], "for" | "of" | "to")
            && (GENERIC_SPEAKERS.contains(&w[0]) || ROLE_NOUNS.contains(&w[0]))
    }) {
        return (None, None);
    }
    // "Federation Council Speaker Valentina Matviyenko": the person, not the body named first.
    // ("a White House official" is nobody's name; "an emotional Mr. Obama" is.)
    let described = || {
        overlapping(e)
            .rfind(|m| m.person && m.end == e)
            .filter(|m| {
                // Adjectives, not a preposition: "an aide to Barack Obama" is the aide.
                let before: String = ctx.chars[start..(m.start as usize).max(start)]
                    .iter()
                    .collect();
                before.split_whitespace().count() <= 3
                    && !before.split_whitespace().any(|w| {
                        matches!(
                            w,
                            "of" | "to"
                                | "for"
                                | "with"
                                | "from"
                                | "at"
                                | "by"
                                | "on"
                                | "in"
                                | "about"
                                | "near"
                                | "close"
                        )
                    })
            })
    };
    if let Some(m) = (!anonymous)
        .then(|| overlapping(e).rfind(|m| m.person))
        .flatten()
        .or_else(|| (!role).then(described).flatten())
    {
        return ctx.nearer_namesake(text, m, recent).speaker();
    }
    // "The White House principal deputy press secretary": someone in an office of the body,
    // not the body.
    let titled = lower
        .split_whitespace()
        .next_back()
        .is_some_and(refers_by_title);
    if let Some(m) = (!anonymous && !titled)
        .then(|| overlapping(e).next())
        .flatten()
    {
        // "Human Rights Watch employee Ole Solvang": a name after the body, the entity pass
        // did not know, is the speaker.
        // (Not into a title: "National Economic Council Director Larry Kudlow".)
        let tail: Vec<&str> = text
            .split_whitespace()
            .rev()
            .take_while(|w| {
                w.starts_with(char::is_uppercase)
                    && !TITLES.contains(&w.to_lowercase().as_str())
                    // ("The Wall Street Journal's Gerald F. Seib": the name after the owner.)
                    && !w.ends_with("'s")
                    && !w.ends_with("’s")
            })
            .collect();
        // (A mention may run past the end of the phrase.)
        let after_body = ctx.chars[(m.end.min(e)) as usize..e as usize]
            .iter()
            .collect::<String>();
        if tail.len() >= 2 && after_body.split_whitespace().count() > tail.len() {
            let name: Vec<&str> = tail.into_iter().rev().collect();
            return (Some(name.join(" ")), None);
        }
        return m.speaker();
    }
    // A person in an apposition before the verb: "the spokesman, Dmitri S. Peskov, said",
    // "A State Department spokeswoman, Victoria Nuland, asked"; not the body a title names
    // ("Denis McDonough, President Obama's chief of staff, said") nor someone the apposition
    // talks about ("The magazine, in a report about Christopher Steele, says").
    if let Some(m) = apposed() {
        return m.speaker();
    }
    if anonymous {
        return (None, None);
    }
    // "President Rouhani, who that day said": the name right before; "the president, who
    // said": whom the title stands for.
    if lower == "who" {
        let hi = people.partition_point(|m| m.start < s);
        let named = people[..hi]
            .iter()
            .rev()
            .find(|m| m.end <= s && s - m.end <= 3)
            .map(PersonMention::speaker);
        return named
            .or_else(|| {
                let before: String = ctx.chars[start.saturating_sub(40)..start].iter().collect();
                let phrase = before.trim_end().strip_suffix(',')?;
                let words: Vec<&str> = phrase.split_whitespace().rev().take(3).collect();
                let title = words
                    .first()
                    .is_some_and(|w| refers_by_title(&w.to_lowercase()))
                    && words[1..].iter().any(|w| matches!(*w, "the" | "The"));
                // (Not someone named earlier in the same sentence: "Ann Miller met the
                // president, who said".)
                let sentence = sentence_start(ctx.chars, 0, start, 400) as u32;
                title
                    .then(|| ctx.referent(sentence, 1000, true, &|_, _| true))
                    .flatten()
                    .map(PersonMention::speaker)
            })
            .unwrap_or((None, None));
    }
    // "it said": the organisation named last as a subject ("The Russian foreign ministry
    // denounced …").
    if lower == "it" {
        return ctx
            .subject_org(s.min(quote_open as u32), &|_, _| true)
            .map_or((None, None), PersonMention::speaker);
    }
    let pronoun = PRONOUNS.contains(&lower.as_str());
    let before = s.min(quote_open as u32);
    // "he" is the person named just before; failing that, the last speaker quoted by name.
    // Either must agree with the pronoun: "she" is a woman's given name, "he" is not.
    if pronoun {
        // "a speech by Turkish President Recep Tayyip Erdogan in which he vowed": the person
        // the relative clause is about.
        let lead: String = ctx.chars[start.saturating_sub(16)..start].iter().collect();
        if ["in which ", "during which ", "at which ", "where "]
            .iter()
            .any(|r| lead.ends_with(r))
        {
            let sentence = sentence_start(ctx.chars, 0, start, 400) as u32;
            let hi = people.partition_point(|m| m.start < s);
            if let Some(m) = people[..hi]
                .iter()
                .rev()
                .find(|m| m.person && m.start >= sentence && m.end <= s)
            {
                return m.speaker();
            }
        }
        let wanted = pronoun_gender(&lower);
        let fits = |id: Option<&str>, name: &str| match wanted {
            Some(Gender::Female) => gaz.gender(id, name) == Some(Gender::Female),
            Some(Gender::Male) => gaz.gender(id, name) != Some(Gender::Female),
            None => true,
        };
        // Women are named less often: "she" reaches further back.
        let window = if wanted == Some(Gender::Female) {
            2500
        } else {
            1000
        };
        // (Only people: "Fox's Tucker Carlson … \"is a hoax\"", given to Fox News, does not
        // make Fox News "he".)
        let fits_recent = |r: &&Recent| {
            let (name, id) = &r.speaker;
            let person = id
                .as_deref()
                .and_then(|id| gaz.get(id))
                .is_none_or(|e| e.etype == EntityType::Person);
            person && name.as_deref().is_some_and(|n| fits(id.as_deref(), n))
        };
        if let Some(m) = ctx.referent(before, window, true, &fits) {
            // Someone the entity pass did not know, named after that mention, is nearer:
            // "…," said Bill Richardson, … / "…," he told USA TODAY; "Kazianis said …" / "…,"
            // he said.
            if let Some(r) = recent.iter().filter(fits_recent).find(|r| {
                r.speaker.1.is_none() && r.named_at.is_some_and(|at| at >= m.end as usize)
            }) {
                return r.speaker.clone();
            }
            // (A referent that is no subject, "Kazianis said … the regime of Kim Jong Un",
            // yields to such a name earlier in its paragraph.)
            let floor = if is_subject(ctx.chars, m.start as usize, m.end as usize) {
                m.end as usize
            } else {
                let lo = (m.start as usize).saturating_sub(600);
                ctx.chars[lo..m.start as usize]
                    .iter()
                    .rposition(|&c| c == '\n')
                    .map_or(lo, |p| lo + p)
            };
            if let Some(name) = ctx.named_subject(floor, before as usize, &fits) {
                return (Some(name), None);
            }
            // "…," says Kim Heung-kyu … Kim says … / "…," he says: the Kim just quoted, not
            // the Kim Jong Un the entity pass gave the surname to.
            let surface: String = ctx.chars[m.start as usize..m.end as usize].iter().collect();
            return ctx.nearer_namesake(&surface, m, recent).speaker();
        }
        return recent
            .iter()
            .find(fits_recent)
            .map(|r| r.speaker.clone())
            .unwrap_or((None, None));
    }
    // "the president" stands for someone named before; "the official", "the diplomat" are
    // anonymous.
    // "the US vice-president": the last part of a hyphenated title counts.
    let words = || {
        lower.split_whitespace().map(|w| {
            w.rsplit('-')
                .next()
                .unwrap_or(w)
                .trim_matches(|c: char| !c.is_alphabetic())
        })
    };
    if article && words().any(refers_by_title) {
        // Someone the gazetteer gives that office ("the president" is Trump, not the Saudi
        // columnist named since; "the foreign minister" is not the prime minister, "the
        // president" not the vice president); else whoever was named last.
        let title: String = words().skip(1).collect::<Vec<_>>().join(" ");
        let holds = |id: Option<&str>, _: &str| {
            id.and_then(|id| gaz.get(id)).is_some_and(|e| {
                e.role
                    .as_deref()
                    .is_some_and(|r| holds_office(&r.to_lowercase(), &title))
                    || e.roles.contains(&title)
            })
        };
        return ctx
            .referent(before, 2500, true, &holds)
            .or_else(|| ctx.referent(before, 1000, true, &|_, _| true))
            .map_or((None, None), PersonMention::speaker);
    }
    // "the ministry said": the organisation named last as a subject.
    let body = words()
        .next_back()
        .filter(|w| article && BODIES.contains(w));
    if let Some(body) = body {
        // "The New York Times reported that the administration acknowledged": a newsroom is
        // an agency or a group at most, never "the government" or "the embassy".
        let newsroom = matches!(body, "agency" | "group" | "organization" | "organisation");
        let fits = |id: Option<&str>, _: &str| {
            newsroom || !id.and_then(|id| gaz.get(id)).is_some_and(is_outlet)
        };
        return ctx
            .subject_org(before, &fits)
            .map_or((None, None), PersonMention::speaker);
    }
    if article || unnamed_phrase(&lower) {
        return (None, None);
    }
    // A name the entity pass did not keep: as written, from its first capital ("even Steele"),
    // after any title ("National Security Adviser Robert O'Brien").
    let name = text.trim_start_matches(|c: char| !c.is_uppercase());
    let name = untitled(name);
    (
        Some(if name.is_empty() { text } else { name }.to_string()),
        None,
    )
}

/// `name` after its last title word, when two words or more follow it. A title's complement
/// is skipped ("Director of National Intelligence Dan Coats", "Secretary of State John F.
/// Kerry": the name is the last two words, with an initial before them); when only the
/// complement follows ("Mayor of London", "Chairman of the Joint Chiefs"), an earlier title
/// counts, else the whole phrase is the speaker. A place after the name goes ("Congressman
/// Pete King of New York").
fn untitled(name: &str) -> &str {
    let titles = crate::enrich::entities::cues::person_titles();
    let words: Vec<&str> = name.split_whitespace().collect();
    let slice = |a: &str, b: &str| {
        let from = a.as_ptr() as usize - name.as_ptr() as usize;
        let to = b.as_ptr() as usize - name.as_ptr() as usize + b.len();
        &name[from..to]
    };
    let is_title = |w: &str| titles.contains(&w.trim_end_matches('.').to_lowercase());
    for k in (0..words.len()).rev().filter(|&k| is_title(words[k])) {
        let rest = &words[k + 1..];
        if matches!(rest.first(), Some(&"of" | &"for")) {
            let mut r = &rest[1..];
            if r.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                r = &r[1..];
            }
            if r.len() < 3 {
                continue;
            }
            let n = r.len();
            let initial = |w: &str| {
                w.trim_end_matches('.').len() == 1
                    && w.starts_with(|c: char| c.is_ascii_uppercase())
            };
            let first = if n >= 4 && initial(r[n - 2]) {
                n - 3
            } else {
                n - 2
            };
            return slice(r[first], r[n - 1]);
        }
        // (Not "Deputy Commissioner for Counterterrorism", "general manager of The Body Shop".)
        if rest.len() < 2 {
            return name;
        }
        let role = !rest[0].starts_with(char::is_uppercase) && matches!(rest[1], "of" | "for");
        if role || is_title(rest[0]) {
            return name;
        }
        // "Pete King of New York": the name ends before a place.
        let end = rest
            .iter()
            .position(|w| *w == "of")
            .filter(|&p| {
                p >= 2
                    && rest[p + 1..]
                        .iter()
                        .all(|w| w.starts_with(char::is_uppercase))
            })
            .unwrap_or(rest.len());
        if end == 0 {
            return name;
        }
        return slice(rest[0], rest[end - 1]);
    }
    name
}

/// `role` ("vice president of the united states") names the office `title` ("president"):
/// the title as whole words, not after "vice", "deputy" or "former".
fn holds_office(role: &str, title: &str) -> bool {
    role.match_indices(title).any(|(k, _)| {
        let before = role[..k].trim_end();
        let word_start = k == 0 || role[..k].ends_with([' ', '(', '-']);
        let word_end = role[k + title.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        word_start
            && word_end
            && ![
                "vice",
                "deputy",
                "former",
                "ex",
                "acting",
                "assistant",
                "under",
            ]
            .iter()
            .any(|m| before.ends_with(m))
    })
}

/// A title that stands for someone named before: "the president", "the envoy" (not "the
/// official", who is anonymous).
fn refers_by_title(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "republican"
            | "democrat"
            | "nominee"
            | "frontrunner"
            | "runner"
            | "envoy"
            | "secretary"
            | "minister"
            | "chancellor"
            | "senator"
            | "governor"
            | "premier"
            | "king"
            | "queen"
            | "leader"
            | "congressman"
            | "congresswoman"
            | "präsident"
            | "kanzler"
            | "kanzlerin"
            | "minister,"
            | "président"
            | "ministre"
            | "presidente"
            | "ministro"
            | "президент"
            | "министр"
            | "міністр"
    )
}

/// The name right before ", " at `start`, for a phrase at `start..end` that a comma closes
/// ("Benjamin J. Rhodes, a deputy national security adviser, said"): a person the entity pass
/// found, else two to five capitalised words as written. The name must open its clause:
/// not "After meeting President Barack Obama, a senior official, …", not "Last Tuesday, …".
fn name_before(
    ctx: &Context,
    start: usize,
    end: usize,
) -> Option<(Option<String>, Option<String>)> {
    let chars = ctx.chars;
    if start < 3
        || chars[start - 1] != ' '
        || chars[start - 2] != ','
        || chars.get(end) != Some(&',')
    {
        return None;
    }
    let end = start - 2;
    let mut b = end;
    let mut words = 0;
    while words < 5 {
        let w_end = b;
        while b > 0 && (chars[b - 1].is_alphabetic() || matches!(chars[b - 1], '.' | '-' | '\'')) {
            b -= 1;
        }
        if b == w_end || !chars[b].is_uppercase() {
            b = w_end;
            break;
        }
        words += 1;
        if b == 0 || chars[b - 1] != ' ' {
            break;
        }
        b -= 1;
    }
    while chars[b].is_whitespace() {
        b += 1;
    }
    let mut k = b;
    while k > 0 && chars[k - 1] == ' ' {
        k -= 1;
    }
    let opens_clause =
        k == 0 || matches!(chars[k - 1], '\n' | ',' | '.' | ';' | ':' | '"' | '“' | '(');
    let name: String = chars[b..end].iter().collect();
    let mut name_words = name.split_whitespace();
    // "In Estonia, …", "Last Tuesday, …": an opening phrase, not a name.
    let opener = name_words.next().is_some_and(|w| {
        matches!(
            w,
            "In" | "At"
                | "On"
                | "For"
                | "With"
                | "From"
                | "By"
                | "After"
                | "Before"
                | "During"
                | "As"
                | "When"
                | "While"
                | "The"
                | "A"
                | "An"
                | "Like"
                | "Unlike"
                | "Since"
                | "Last"
                | "Next"
                | "This"
                | "Early"
                | "Late"
                | "Earlier"
                | "Later"
                | "Until"
        )
    }) || name_words.next_back().is_some_and(time_word);
    if !opens_clause || opener || words == 0 {
        return None;
    }
    let hi = ctx.people.partition_point(|m| (m.start as usize) < end);
    if let Some(m) = ctx.people[..hi]
        .iter()
        .rev()
        .find(|m| m.person && m.end as usize == end && m.start as usize >= b)
    {
        return Some(m.speaker());
    }
    (words >= 2).then_some((Some(name), None))
}

/// Lowercase titles that may stand between a body and a name ("Human Rights Watch researcher
/// Ole Solvang", "State Department spokeswoman Marie Harf"), besides `GENERIC_SPEAKERS`.
const TITLES: &[&str] = &[
    "researcher",
    "minister",
    "secretary",
    "ambassador",
    "envoy",
    "chief",
    "director",
    "correspondent",
    "editor",
    "chairman",
    "chairwoman",
    "president",
    "leader",
    "negotiator",
    "commander",
    "general",
    "deputy",
    "press",
    "foreign",
    "defense",
    "defence",
    "senior",
];

/// "spokeswoman Marie Harf", ", Eric Schultz": two to four capitalised words at `from`, after a
/// comma (`apposed`) or after at most two lowercase title words, ending at punctuation or a
/// lowercase word. Returns the name's span.
fn titled_name(chars: &[char], from: usize, limit: usize, apposed: bool) -> Option<(usize, usize)> {
    let mut i = from;
    if apposed {
        if chars.get(i) != Some(&',') {
            return None;
        }
        i += 1;
    }
    let skip_space = |i: &mut usize| {
        while *i < limit && chars[*i] == ' ' {
            *i += 1;
        }
    };
    let mut lower_words = 0;
    let mut name = (0, 0, 0); // start, end, words
    loop {
        skip_space(&mut i);
        let w0 = i;
        while i < limit && (chars[i].is_alphabetic() || matches!(chars[i], '.' | '-' | '\'')) {
            i += 1;
        }
        if w0 == i {
            break;
        }
        if chars[w0].is_uppercase() {
            if name.2 == 0 {
                name.0 = w0;
            }
            // "Schultz." ends the sentence; "J." is an initial.
            if chars[i - 1] == '.' && i - w0 > 2 {
                name = (name.0, i - 1, name.2 + 1);
                break;
            }
            name = (name.0, i, name.2 + 1);
        } else if name.2 == 0 && !apposed && lower_words < 2 && {
            let w: String = chars[w0..i].iter().collect();
            GENERIC_SPEAKERS.contains(&w.as_str()) || TITLES.contains(&w.as_str())
        } {
            lower_words += 1;
        } else {
            break;
        }
        if name.2 == 4 || (i < limit && chars[i] != ' ') {
            break;
        }
    }
    (2..=4).contains(&name.2).then_some((name.0, name.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        extract(text, &[], &Gazetteer::default())
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    #[test]
    fn attributions_before_after_and_continued() {
        let t = "“We were able to win this concession,” Witkoff said. Rubio told CNN that “this is not an improper request at all.” «Мы готовы к переговорам с Украиной», — заявил Лавров.";
        let s = speakers(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].1.as_deref(), Some("Witkoff"));
        assert_eq!(s[1].1.as_deref(), Some("Rubio"));
        assert_eq!(s[2].1.as_deref(), Some("Лавров"));
        let t =
            "\"It is important that the US agrees,\" he said, \"but there is no description yet.\"";
        let q = extract(t, &[], &Gazetteer::default());
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].speaker_text.as_deref(), Some("he"));
    }

    #[test]
    fn short_quotes_and_unbalanced_marks_are_not_quotes() {
        assert!(speakers("He called it a “game-changing” step.").is_empty());
        assert!(
            speakers("“This never closes and runs on\nto the next paragraph without a mark")
                .is_empty()
        );
    }

    #[test]
    fn long_quotes_run_over_paragraphs_that_open_with_a_mark() {
        let t = "Rubio said: “The first part of this long quote goes here\n“and the second part ends here.”";
        let q = extract(t, &[], &Gazetteer::default());
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.contains("second part"));
        assert_eq!(q[0].speaker.as_deref(), Some("Rubio"));
    }
}

#[cfg(test)]
mod mention_bounds {
    use super::super::entities::matcher::{Mention, MentionKind, Method};
    use super::*;

    /// An organisation mention that starts inside the speaker phrase and runs past its end
    /// panicked the "name after the body" rule (a slice from the mention's end to the
    /// phrase's); allsides has such a case.
    #[test]
    fn a_mention_running_past_the_speaker_phrase_does_not_panic() {
        let text =
            "\"The aim is to terrorize the civilians,\" Rights Watch researcher Ole Solvang said.";
        let chars: Vec<char> = text.chars().collect();
        let at = |w: &str| text[..text.find(w).unwrap()].chars().count() as u32;
        let (start, end) = (at("Solvang"), at("said") + 4);
        let org = Found {
            id: Some("test-org".into()),
            name: "Test Org".into(),
            etype: EntityType::Org,
            mentions: vec![Mention {
                text: chars[start as usize..end as usize].iter().collect(),
                start,
                end,
                method: Method::Exact,
                confidence: 1.0,
                kind: MentionKind::Name,
            }],
        };
        let quotes = extract(text, &[org], &Gazetteer::default());
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].speaker_id.as_deref(), Some("test-org"));
    }
}
