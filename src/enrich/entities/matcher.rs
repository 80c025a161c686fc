//! Finds entity mentions in one text: every folded alias, walked anchored from each word start
//! (with Russian/Ukrainian case endings and the German genitive s), then context rules for
//! ambiguous names, surname and role coreference, a fuzzy pass for garbled spellings, and
//! unknown-name candidates. Precision first: a name that context cannot settle is left out.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use serde::{Deserialize, Serialize};

use super::cues::{self, CYRILLIC_ENDINGS, CYRILLIC_NOMINATIVE};
use super::fold::{fold, is_word_byte, phonetic, Folded};
use super::gazetteer::{EntityType, Gazetteer, Gender};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Exact,
    Alias,
    Transliteration,
    Fuzzy,
    Coreference,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// The entity's name or a spelling of it.
    Name,
    /// An adjective standing for a country ("Russian", "russische").
    Demonym,
    /// A role phrase standing for a person named earlier ("the Ukrainian president").
    Role,
}

/// One mention; offsets count characters of the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub method: Method,
    pub confidence: f32,
    pub kind: MentionKind,
}

/// An entity found in a text with all its mentions. `id` is None for unknown candidates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub id: Option<String>,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub mentions: Vec<Mention>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Full,
    Surname,
    Demonym,
    Role,
}

#[derive(Clone, Debug)]
struct PatInfo {
    entity: u32,
    form: Form,
    ambiguous: bool,
    /// Written in capitals in the gazetteer: the text must be in capitals too.
    acronym: bool,
    /// Per word of the alias: must the text's word start with a capital?
    caps: Vec<bool>,
    cyrillic: bool,
    /// A Cyrillic stem: case endings may follow.
    stem: bool,
    /// The nominative ending was cut off: only Cyrillic text may match ("Росс-" must not
    /// match the English "Ross").
    stripped: bool,
    /// German genitive "Putins", "Russlands".
    genitive_s: bool,
    canonical: bool,
    /// `case_ok` fails unless the text's first character is a capital.
    capital_start: bool,
}

/// Built once from a gazetteer; `extract` is then pure and thread-safe.
pub struct Extractor {
    pub gaz: Gazetteer,
    /// The folded aliases, walked anchored from each word start (a trie walk that stops at
    /// the first byte no alias continues with): far cheaper than an unanchored overlapping
    /// search that reports every alias inside every word. Aliases that must start with a
    /// capital are walked only from capitalised words, which most words are not.
    capital: Aliases,
    any_case: Aliases,
    /// Some alias starts with a byte that is not a letter or digit ("'s-Hertogenbosch" from a
    /// user gazetteer): then every word start is tried, not only letters and digits.
    odd_starts: bool,
    pats: Vec<Vec<PatInfo>>,
    /// Phonetic key of every surname → entities, bucketed by first byte of the key.
    /// Sound-alike keys of first names → people, bucketed by their first two bytes.
    first_name_keys: HashMap<[u8; 2], Vec<(String, u32)>>,
    /// Each entity's surname sound-alike keys, and its surnames folded.
    keys_of: Vec<Vec<String>>,
    surnames_folded: Vec<Vec<String>>,
    /// Every surname as listed (folded): spellings the exact pass has already judged.
    listed: HashSet<String>,
    first_keys: Vec<Vec<String>>,
    /// Folded first names of gazetteer people plus the given-name list.
    first_names: HashSet<String>,
    /// Folded names of US states that name nothing else ("oregon", not "new york"): a state
    /// listed next to an ambiguous name makes it the state ("Colorado, Washington and Oregon").
    state_names: HashSet<String>,
}

/// An anchored automaton over some of the aliases, and each one's index into `pats`.
struct Aliases {
    nfa: NFA,
    pats: Vec<usize>,
}

impl Aliases {
    fn new(strings: &[String], pats: Vec<usize>) -> Aliases {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(pats.iter().map(|&i| &strings[i]))
            .expect("gazetteer patterns build an automaton");
        Aliases { nfa, pats }
    }

    /// Every alias that starts at byte `s` of `bytes`: (pattern index, end byte).
    fn walk(&self, bytes: &[u8], s: usize, mut f: impl FnMut(usize, usize)) {
        let mut sid = self
            .nfa
            .start_state(Anchored::Yes)
            .expect("anchored automaton");
        for (i, &b) in bytes[s..].iter().enumerate() {
            sid = self.nfa.next_state(Anchored::Yes, sid, b);
            if self.nfa.is_dead(sid) {
                return;
            }
            if !self.nfa.is_match(sid) {
                continue;
            }
            let e = s + i + 1;
            for k in 0..self.nfa.match_len(sid) {
                let pid = self.nfa.match_pattern(sid, k);
                // Matches inherited from a suffix start later: they are found from there.
                if self.nfa.pattern_len(pid) == e - s {
                    f(self.pats[pid.as_usize()], e);
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: u32,
    end: u32,
    cap: bool,
    sent_start: bool,
}

/// One alias occurrence that passed `check`.
struct Hit<'a> {
    start: u32,
    end: u32,
    alias_end: u32,
    pattern: u32,
    nth: u32,
    info: &'a PatInfo,
}

#[derive(Clone, Debug)]
struct Span<'a> {
    start: u32,
    end: u32,
    cands: Vec<(u32, &'a PatInfo)>,
}

#[derive(Clone, Debug)]
struct Accepted {
    entity: Option<u32>,
    unknown: Option<(EntityType, String)>,
    start: u32,
    end: u32,
    method: Method,
    confidence: f32,
    kind: MentionKind,
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

fn word_caps(s: &str) -> Vec<bool> {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect()
}

impl Extractor {
    pub fn new(gaz: Gazetteer) -> Extractor {
        let mut strings: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut pats: Vec<Vec<PatInfo>> = Vec::new();
        let mut add = |folded: String, info: PatInfo| {
            if folded.len() < 2 {
                return;
            }
            let i = *index.entry(folded.clone()).or_insert_with(|| {
                strings.push(folded);
                pats.push(Vec::new());
                pats.len() - 1
            });
            match pats[i]
                .iter_mut()
                .find(|p| p.entity == info.entity && p.form == info.form && p.stem == info.stem)
            {
                // Spellings that fold alike may differ in case ("Kim Jong Un", "Kim
                // Jong-un"): a word needs its capital only if every spelling has one.
                Some(p) if p.caps.len() == info.caps.len() => {
                    for (a, b) in p.caps.iter_mut().zip(&info.caps) {
                        *a &= *b;
                    }
                }
                Some(_) => {}
                None => pats[i].push(info),
            }
        };
        // Surnames shared by two people are ambiguous whatever the data says.
        let mut surname_owners: HashMap<String, HashSet<u32>> = HashMap::default();
        for (i, e) in gaz.entities.iter().enumerate() {
            for s in &e.surnames {
                surname_owners.entry(fold(s)).or_default().insert(i as u32);
            }
        }
        let mut first_name_keys: HashMap<[u8; 2], Vec<(String, u32)>> = HashMap::default();
        let mut keys_of: Vec<Vec<String>> = vec![Vec::new(); gaz.entities.len()];
        let mut first_keys = Vec::with_capacity(gaz.entities.len());
        let mut first_names = gaz.first_names.clone();
        for (i, e) in gaz.entities.iter().enumerate() {
            let id = i as u32;
            let ambiguous: HashSet<String> = e.ambiguous.iter().map(|a| fold(a)).collect();
            let canonical = fold(&e.name);
            let mut forms: Vec<(String, Form)> = vec![(e.name.clone(), Form::Full)];
            forms.extend(e.aliases.iter().map(|a| (a.clone(), Form::Full)));
            for f in &e.first_names {
                for s in &e.surnames {
                    forms.push((format!("{f} {s}"), Form::Full));
                }
            }
            forms.extend(e.surnames.iter().map(|s| (s.clone(), Form::Surname)));
            forms.extend(e.demonyms.iter().map(|s| (s.clone(), Form::Demonym)));
            forms.extend(e.roles.iter().map(|s| (s.clone(), Form::Role)));
            for (form_text, form) in forms {
                let folded = fold(&form_text);
                let shared = form == Form::Surname
                    && surname_owners.get(&folded).is_some_and(|o| o.len() > 1);
                let cyrillic = form_text.chars().any(is_cyrillic);
                let acronym = form != Form::Role && is_acronym(&form_text);
                let caps = if form == Form::Role {
                    Vec::new()
                } else {
                    word_caps(&form_text)
                };
                let capital_start = form != Form::Role
                    && if acronym {
                        form_text.chars().next().is_some_and(char::is_alphabetic)
                    } else {
                        caps.first() == Some(&true)
                    };
                let info = PatInfo {
                    entity: id,
                    form,
                    ambiguous: ambiguous.contains(&folded) || shared,
                    acronym,
                    caps,
                    cyrillic,
                    stem: cyrillic,
                    stripped: false,
                    genitive_s: !cyrillic && !acronym && folded.len() >= 4 && form != Form::Role,
                    canonical: folded == canonical,
                    capital_start,
                };
                if cyrillic && form != Form::Role {
                    // The stem that case endings attach to: Россия → Росси-, Зеленский → Зеленск-.
                    let lower = form_text.to_lowercase();
                    if let Some(end) = CYRILLIC_NOMINATIVE.iter().find(|e| lower.ends_with(*e)) {
                        let stem = &form_text[..form_text.len() - end.len()];
                        // Росія → Рос-ії: a two-letter ending leaves a short but safe stem.
                        let min = if end.chars().count() >= 2 { 3 } else { 4 };
                        if stem.chars().count() >= min {
                            let mut s = info.clone();
                            s.canonical = false;
                            s.stripped = true;
                            add(fold(stem), s.clone());
                            // Ukrainian locative alternation: Аляска → на Алясці.
                            let mut cs: Vec<char> = stem.chars().collect();
                            if let Some(last) = cs.last_mut() {
                                let alt = match *last {
                                    'к' => Some('ц'),
                                    'г' => Some('з'),
                                    'х' => Some('с'),
                                    _ => None,
                                };
                                if let Some(a) = alt {
                                    *last = a;
                                    add(fold(&cs.iter().collect::<String>()), s);
                                }
                            }
                        }
                    }
                }
                if cyrillic && form != Form::Role {
                    // Ukrainian names in -ів/-їв take case endings on -ов-/-єв-: Київ → у Києві,
                    // Харків → Харкова.
                    let lower = form_text.to_lowercase();
                    let alt = [("ів", "ов"), ("їв", "єв")]
                        .iter()
                        .find(|(end, _)| lower.ends_with(end));
                    if let Some((end, to)) = alt {
                        let stem = &lower[..lower.len() - end.len()];
                        if stem.chars().count() >= 2 {
                            let mut s = info.clone();
                            s.canonical = false;
                            s.stripped = true;
                            add(fold(&format!("{stem}{to}")), s);
                        }
                    }
                }
                if form == Form::Surname {
                    let key = phonetic(&folded);
                    if key.len() >= 4 && !keys_of[i].contains(&key) {
                        keys_of[i].push(key);
                    }
                }
                add(folded, info);
            }
            let mut fk: Vec<String> = Vec::new();
            for f in &e.first_names {
                first_names.insert(fold(f));
                let k = phonetic(&fold(f));
                if k.len() >= 2 && !fk.contains(&k) {
                    first_name_keys
                        .entry([k.as_bytes()[0], k.as_bytes()[1]])
                        .or_default()
                        .push((k.clone(), id));
                    fk.push(k);
                }
            }
            first_keys.push(fk);
        }
        let surnames_folded = gaz
            .entities
            .iter()
            .map(|e| e.surnames.iter().map(|s| fold(s)).collect())
            .collect();
        let (capital, any_case): (Vec<usize>, Vec<usize>) =
            (0..strings.len()).partition(|&i| pats[i].iter().all(|p| p.capital_start));
        let capital = Aliases::new(&strings, capital);
        let any_case = Aliases::new(&strings, any_case);
        let odd_starts = strings
            .iter()
            .any(|s| s.bytes().next().is_some_and(|b| !is_word_byte(b)));
        // (Only names that are nothing else: "New York and Washington" are two cities.)
        let names_of = |state: bool| -> HashSet<String> {
            gaz.entities
                .iter()
                .filter(|e| (e.kind.as_deref() == Some("us-state")) == state)
                .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
                .map(|n| fold(n))
                .collect()
        };
        let others = names_of(false);
        let state_names = names_of(true)
            .into_iter()
            .filter(|n| !others.contains(n))
            .collect();
        Extractor {
            gaz,
            capital,
            any_case,
            odd_starts,
            pats,
            first_name_keys,
            keys_of,
            surnames_folded,
            listed: surname_owners.keys().cloned().collect(),
            first_keys,
            first_names,
            state_names,
        }
    }

    /// Every entity in `text`, in order of first mention; unknown candidates come last.
    pub fn extract(&self, text: &str) -> Vec<Found> {
        let chars: Vec<char> = text.chars().collect();
        let folded = Folded::new(text);
        let toks = tokens(&chars);
        let mut tok_at: Vec<u32> = vec![u32::MAX; chars.len() + 1];
        for (i, t) in toks.iter().enumerate() {
            for c in t.start..t.end {
                tok_at[c as usize] = i as u32;
            }
        }
        let ctx = Ctx {
            chars: &chars,
            folded: &folded,
            toks: &toks,
            tok_at: &tok_at,
        };
        let spans = self.raw_spans(&folded, &chars);
        let mut accepted = self.resolve_spans(&ctx, spans);
        self.fuzzy(&ctx, &mut accepted);
        self.unknown(&ctx, &mut accepted);
        self.group(&chars, accepted)
    }

    /// Every alias occurrence that passes the boundary, ending and capitalisation checks.
    fn raw_spans(&self, folded: &Folded, chars: &[char]) -> Vec<Span<'_>> {
        let bytes = folded.text.as_bytes();
        let mut hits: Vec<Hit> = Vec::new();
        for s in 0..bytes.len() {
            // Aliases start at a word start, nearly always with a letter or digit.
            if (!self.odd_starts && !is_word_byte(bytes[s]))
                || (s > 0 && is_word_byte(bytes[s - 1]))
            {
                continue;
            }
            let mut found = |pattern, e| self.check(folded, chars, s, e, pattern, &mut hits);
            self.any_case.walk(bytes, s, &mut found);
            if chars[folded.char_at(s) as usize].is_uppercase() {
                self.capital.walk(bytes, s, &mut found);
            }
        }
        // Candidates in a fixed order: by span, then where the alias ended, then alias.
        hits.sort_unstable_by_key(|h| (h.start, h.end, h.alias_end, h.pattern, h.nth));
        let mut out: Vec<Span> = Vec::new();
        for Hit {
            start: s,
            end: e,
            info,
            ..
        } in hits
        {
            match out.last_mut() {
                Some(l) if l.start == s && l.end == e => l.cands.push((info.entity, info)),
                _ => out.push(Span {
                    start: s,
                    end: e,
                    cands: vec![(info.entity, info)],
                }),
            }
        }
        out
    }

    /// Checks one alias occurrence at folded bytes `s..e`: endings, case, script.
    fn check<'a>(
        &'a self,
        folded: &Folded,
        chars: &[char],
        s: usize,
        e: usize,
        pattern: usize,
        hits: &mut Vec<Hit<'a>>,
    ) {
        let bytes = folded.text.as_bytes();
        let mut word_end = e;
        while word_end < bytes.len() && is_word_byte(bytes[word_end]) {
            word_end += 1;
        }
        let infos = &self.pats[pattern];
        // Inside a word only a Cyrillic case ending or a German genitive s may follow.
        let suffix: Option<String> =
            (word_end != e && infos.iter().any(|i| i.stem || i.genitive_s)).then(|| {
                chars[folded.char_at(e) as usize..folded.char_at(word_end) as usize]
                    .iter()
                    .flat_map(|c| c.to_lowercase())
                    .collect()
            });
        let cs = folded.char_at(s);
        for (nth, info) in infos.iter().enumerate() {
            let end = match &suffix {
                _ if word_end == e => e,
                Some(suffix)
                    if (info.stem
                        && suffix.chars().all(is_cyrillic)
                        && CYRILLIC_ENDINGS.contains(&suffix.as_str()))
                        || (info.genitive_s && suffix == "s") =>
                {
                    word_end
                }
                _ => continue,
            };
            let ce = folded.char_at(end);
            let surface = &chars[cs as usize..ce as usize];
            if !case_ok(surface, info) || shouted_acronym(chars, cs, ce, info) {
                continue;
            }
            // Cyrillic spellings reach Latin text only whole and long enough to be
            // distinctive ("Віткофф" → "Vitkoff"; not "Барро" → "Barr").
            if info.cyrillic
                && !surface.iter().any(|&c| is_cyrillic(c))
                && (info.stripped || end - s < 7)
            {
                continue;
            }
            hits.push(Hit {
                start: cs,
                end: ce,
                alias_end: e as u32,
                pattern: pattern as u32,
                nth: nth as u32,
                info,
            });
        }
    }

    fn resolve_spans(&self, ctx: &Ctx, spans: Vec<Span<'_>>) -> Vec<Accepted> {
        // Longest first; roles only where no name was found.
        let mut order: Vec<&Span> = spans.iter().collect();
        order.sort_by_key(|s| {
            let role = s.cands.iter().all(|(_, p)| p.form == Form::Role);
            (role, std::cmp::Reverse(s.end - s.start), s.start)
        });
        // Characters already covered by a chosen span (per character, so a text with
        // thousands of mentions stays linear).
        let mut taken = vec![false; ctx.chars.len()];
        let mut chosen: Vec<&Span> = Vec::new();
        // A role phrase may contain a demonym ("the Ukrainian president"): demonyms do not
        // block roles; a role that resolves replaces the demonym below.
        let mut taken_names = vec![false; ctx.chars.len()];
        for s in order {
            let role = s.cands.iter().all(|(_, p)| p.form == Form::Role);
            let demonym = s.cands.iter().all(|(_, p)| p.form == Form::Demonym);
            let blockers = if role { &taken_names } else { &taken };
            let range = s.start as usize..s.end as usize;
            if blockers[range.clone()].iter().any(|&t| t) {
                continue;
            }
            taken[range.clone()].fill(true);
            if !demonym {
                taken_names[range].fill(true);
            }
            chosen.push(s);
        }
        chosen.sort_by_key(|s| s.start);

        let mut accepted: Vec<Accepted> = Vec::new();
        let mut deferred: Vec<&Span> = Vec::new();
        let mut roles: Vec<&Span> = Vec::new();
        for s in &chosen {
            if s.cands.iter().all(|(_, p)| p.form == Form::Role) {
                roles.push(s);
                continue;
            }
            let ents: HashSet<u32> = s
                .cands
                .iter()
                .filter(|(_, p)| p.form != Form::Role)
                .map(|(e, _)| *e)
                .collect();
            let best = self.best_info(ctx, s);
            let single = ents.len() == 1 && !best.ambiguous;
            if single && !self.other_person_named(ctx, s, best) {
                accepted.push(self.accept(ctx, s, best, None));
            } else {
                deferred.push(s);
            }
        }
        // Entities named without doubt; surname mentions may now refer back to them.
        let named: HashSet<u32> = accepted.iter().filter_map(|a| a.entity).collect();
        let mut full_named: HashMap<u32, u32> = HashMap::default();
        for a in &accepted {
            if let Some(e) = a.entity {
                let form_full = a.method != Method::Coreference && a.kind == MentionKind::Name;
                if form_full {
                    let first = full_named.entry(e).or_insert(a.start);
                    *first = (*first).min(a.start);
                }
            }
        }
        for s in deferred {
            if let Some(a) = self.settle(ctx, s, &named, &full_named, &accepted) {
                accepted.push(a);
            }
        }
        // Role phrases stand for one person already named earlier in the article.
        for s in roles {
            let ents: Vec<u32> = s
                .cands
                .iter()
                .map(|(e, _)| *e)
                .filter(|e| full_named.get(e).is_some_and(|&at| at < s.start))
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            if ents.len() == 1 {
                accepted.push(Accepted {
                    entity: Some(ents[0]),
                    unknown: None,
                    start: s.start,
                    end: s.end,
                    method: Method::Coreference,
                    confidence: 0.8,
                    kind: MentionKind::Role,
                });
            }
        }
        let roles_found: Vec<(u32, u32)> = accepted
            .iter()
            .filter(|a| a.kind == MentionKind::Role)
            .map(|a| (a.start, a.end))
            .collect();
        accepted.retain(|a| {
            a.kind != MentionKind::Demonym
                || !roles_found.iter().any(|&(s, e)| a.start < e && s < a.end)
        });
        // Surname mentions of someone named in full earlier are coreference.
        for a in accepted.iter_mut() {
            if a.method == Method::Alias && a.kind == MentionKind::Name {
                if let Some(e) = a.entity {
                    let span_words = ctx.words_in(a.start, a.end);
                    if span_words == 1
                        && self.gaz.entities[e as usize].etype == EntityType::Person
                        && full_named.get(&e).is_some_and(|&at| at < a.start)
                        && self.is_surname_only(ctx, a)
                    {
                        a.method = Method::Coreference;
                        a.confidence = a.confidence.max(0.93);
                    }
                }
            }
        }
        accepted.sort_by_key(|a| a.start);
        accepted
    }

    /// Which of several people of one surname a title before it fits: a gendered one ("Mr.
    /// Clinton", "Frau Merkel") by the gazetteer's gender, an office ("Secretary Clinton",
    /// "President Clinton") by the role. None when the word is no such title.
    fn titled_among(&self, title: Option<&str>, people: &[u32]) -> Option<Vec<u32>> {
        let title = title?;
        let female = match title {
            "mr" | "herr" | "monsieur" | "sir" => Some(false),
            "mrs" | "ms" | "miss" | "frau" | "madame" | "mme" => Some(true),
            _ => None,
        };
        let fits = |e: &u32| {
            let ent = &self.gaz.entities[*e as usize];
            match female {
                Some(f) => (ent.gender == Some(Gender::Female)) == f,
                None => ent.role.as_deref().is_some_and(|r| {
                    fold(r)
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == title)
                }),
            }
        };
        if female.is_none() && !cues::person_titles().contains(title) {
            return None;
        }
        Some(people.iter().copied().filter(fits).collect())
    }

    fn is_person(&self, e: u32) -> bool {
        self.gaz.entities[e as usize].etype == EntityType::Person
    }

    fn is_surname_only(&self, ctx: &Ctx, a: &Accepted) -> bool {
        let surface = ctx.folded.span(a.start, a.end);
        self.surnames_folded[a.entity.unwrap() as usize]
            .iter()
            .any(|s| surface.starts_with(s.as_str()) || s.starts_with(surface))
    }

    /// The candidate reading that explains the span best (same script as the text first).
    fn best_info<'a>(&self, ctx: &Ctx, s: &Span<'a>) -> &'a PatInfo {
        let text_cyr = ctx.chars[s.start as usize..s.end as usize]
            .iter()
            .any(|&c| is_cyrillic(c));
        s.cands
            .iter()
            .map(|(_, p)| *p)
            .filter(|p| p.form != Form::Role)
            .max_by_key(|p| {
                (
                    !p.ambiguous,
                    p.form == Form::Full,
                    p.cyrillic == text_cyr,
                    p.canonical,
                )
            })
            .expect("a span has a non-role reading")
    }

    /// "Hunter Biden", "Melania Trump": a surname right after someone else's first name.
    fn other_person_named(&self, ctx: &Ctx, s: &Span, p: &PatInfo) -> bool {
        if p.form != Form::Surname {
            return false;
        }
        let Some(prev) = ctx.prev_tok(s.start) else {
            return false;
        };
        if !prev.cap || !ctx.gap(prev.end, s.start).trim().is_empty() {
            return false;
        }
        let w = ctx.word(prev);
        let own = &self.first_keys[p.entity as usize];
        self.first_names.contains(w) && !own.contains(&phonetic(w))
    }

    fn accept(&self, ctx: &Ctx, s: &Span, p: &PatInfo, method: Option<Method>) -> Accepted {
        let surface_cyr = ctx.chars[s.start as usize..s.end as usize]
            .iter()
            .any(|&c| is_cyrillic(c));
        let method = method.unwrap_or(if p.cyrillic != surface_cyr {
            Method::Transliteration
        } else if p.canonical {
            Method::Exact
        } else {
            Method::Alias
        });
        let confidence = match (p.form, method) {
            (_, Method::Exact) => 0.99,
            (Form::Full, _) => 0.97,
            (Form::Surname, _) => 0.9,
            (Form::Demonym, _) => 0.8,
            (Form::Role, _) => 0.8,
        };
        Accepted {
            entity: Some(p.entity),
            unknown: None,
            start: s.start,
            end: s.end,
            method,
            confidence,
            kind: match p.form {
                Form::Demonym => MentionKind::Demonym,
                Form::Role => MentionKind::Role,
                _ => MentionKind::Name,
            },
        }
    }

    /// Ambiguous or shared names: decided by what else the article says, or left out.
    fn settle(
        &self,
        ctx: &Ctx,
        s: &Span,
        named: &HashSet<u32>,
        full_named: &HashMap<u32, u32>,
        before: &[Accepted],
    ) -> Option<Accepted> {
        let mut cands: Vec<&PatInfo> = s
            .cands
            .iter()
            .map(|(_, p)| *p)
            .filter(|p| p.form != Form::Role)
            .collect();
        cands.dedup_by_key(|p| p.entity);
        let ents: Vec<u32> = cands
            .iter()
            .map(|p| p.entity)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let prev = ctx.prev_tok(s.start);
        let next = ctx.next_tok(s.end);
        let prev_word = prev.map(|t| ctx.word(t));
        let next_word = next.map(|t| ctx.word(t));
        let single_word = ctx.words_in(s.start, s.end) == 1;
        // Part of a longer capitalised name ("Jordan Peterson", "Chad Smith", "George Washington").
        let glued = |t: Option<&Tok>, before: bool| {
            t.is_some_and(|t| {
                let gap = if before {
                    ctx.gap(t.end, s.start)
                } else {
                    ctx.gap(s.end, t.start)
                };
                t.cap && gap.chars().all(|c| c == ' ') && !gap.is_empty() && {
                    let w = ctx.word(t);
                    !cues::not_names().contains(w) && !cues::person_titles().contains(w)
                }
            })
        };
        if single_word && (glued(next, false) || (glued(prev, true) && !prev.unwrap().sent_start)) {
            return None;
        }
        // "May 2024", "Chad 3": a number right after makes it a date or a score, not a name.
        let numeric_next = next.is_some_and(|t| {
            ctx.spaced(s.end, t.start) && ctx.chars[t.start as usize].is_ascii_digit()
        });
        if single_word && numeric_next {
            return None;
        }
        let pick = |e: u32| cands.iter().find(|p| p.entity == e).copied();
        // Someone (something) the article names without doubt.
        // People only by reference back to a full mention before this one.
        let known: Vec<u32> = ents
            .iter()
            .copied()
            .filter(|e| match self.gaz.entities[*e as usize].etype {
                EntityType::Person => full_named.get(e).is_some_and(|&at| at < s.start),
                _ => named.contains(e),
            })
            .collect();
        // People of one surname: a title that fits only one of them decides ("Mrs. Clinton",
        // "President Clinton"), whoever the article named before.
        let people: Vec<u32> = ents
            .iter()
            .copied()
            .filter(|&e| self.is_person(e))
            .collect();
        if people.len() > 1 && people.len() == ents.len() {
            if let Some([e]) = self.titled_among(prev_word, &people).as_deref() {
                let mut a = self.accept(ctx, s, pick(*e)?, Some(Method::Coreference));
                a.confidence = 0.8;
                return Some(a);
            }
        }
        // Two people of that surname named in full ("Hillary Clinton", "Bill Clinton"): the
        // one named more often so far (in full, by title or so), if one is.
        let known = if known.len() > 1 && known.iter().all(|&e| self.is_person(e)) {
            let named_so_far = |e: u32| {
                before
                    .iter()
                    .filter(|a| a.entity == Some(e) && a.start < s.start)
                    .count()
            };
            let mut counts: Vec<(usize, u32)> =
                known.iter().map(|&e| (named_so_far(e), e)).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            if counts[0].0 > counts[1].0 {
                vec![counts[0].1]
            } else {
                Vec::new()
            }
        } else {
            known
        };
        if known.len() == 1 {
            let p = pick(known[0])?;
            let method = (p.form == Form::Surname).then_some(Method::Coreference);
            let mut a = self.accept(ctx, s, p, method);
            a.confidence = a.confidence.min(0.9);
            return Some(a);
        }
        // A body whose name other countries' bodies share ("Democratic Party", "Supreme
        // Court", "Labour", "Congress"): its own country's, when the article names at least
        // two people, places or bodies of that country without doubt, and the name neither
        // runs on ("Democratic Party of Japan") nor follows another country ("Israel's
        // Supreme Court", "the Japanese Democratic Party").
        if let [e] = ents[..] {
            let ent = &self.gaz.entities[e as usize];
            // (Not outlets or companies: "Michael Bloomberg", "Chevron deference".)
            let public_body = !matches!(
                ent.kind.as_deref(),
                Some("outlet" | "agency" | "company" | "infrastructure") | None
            );
            if ent.etype == EntityType::Org && public_body {
                if let Some(country) = ent.country.as_deref() {
                    // Entities named per country; the body's own must lead ("the Conservative
                    // Party" in a Canadian story that mentions London is not Britain's).
                    let mut per_country: HashMap<&str, usize> = HashMap::default();
                    for &n in named.iter().filter(|&&n| n != e) {
                        if let Some(c) = self.gaz.entities[n as usize].country.as_deref() {
                            *per_country.entry(c).or_default() += 1;
                        }
                    }
                    let of_country = per_country.get(country).copied().unwrap_or(0);
                    let leads = per_country
                        .iter()
                        .all(|(c, k)| *c == country || *k < of_country);
                    // "the state Supreme Court", "Wisconsin Supreme Court", "Iowa Democratic
                    // Party": another, smaller body.
                    let part_of_longer = matches!(
                        prev_word,
                        Some("state" | "provincial" | "regional" | "local" | "county")
                    ) || glued(prev, true)
                        && !prev.is_some_and(|t| t.sent_start);
                    let foreign_before = before.iter().any(|a| {
                        a.end <= s.start
                            && s.start - a.end <= 3
                            && a.entity.is_some_and(|n| {
                                self.gaz.entities[n as usize]
                                    .country
                                    .as_deref()
                                    .is_some_and(|c| c != country)
                            })
                    });
                    if of_country >= 2
                        && leads
                        && next_word != Some("of")
                        && !foreign_before
                        && !part_of_longer
                    {
                        let mut a = self.accept(ctx, s, pick(e)?, None);
                        a.confidence = a.confidence.min(0.8);
                        return Some(a);
                    }
                }
            }
        }
        let types: HashSet<EntityType> = ents
            .iter()
            .map(|&e| self.gaz.entities[e as usize].etype)
            .collect();
        let speech_next = next_word.is_some_and(|w| cues::speech_verbs().contains(w));
        let titled = prev_word.is_some_and(|w| cues::person_titles().contains(w));
        // A title settles a person: "Prime Minister May".
        if titled {
            let people: Vec<u32> = ents
                .iter()
                .copied()
                .filter(|&e| self.gaz.entities[e as usize].etype == EntityType::Person)
                .collect();
            let people = match people.len() {
                0 | 1 => people,
                _ => self.titled_among(prev_word, &people).unwrap_or_default(),
            };
            if people.len() == 1 {
                let mut a = self.accept(ctx, s, pick(people[0])?, None);
                a.confidence = 0.75;
                return Some(a);
            }
            return None;
        }
        if types.contains(&EntityType::Place) && !speech_next {
            // Support: the country's capital, the capital's country, a us-state cue.
            let mut best: Option<(u32, i32)> = None;
            let mut tie = false;
            for &e in &ents {
                let ent = &self.gaz.entities[e as usize];
                if ent.etype != EntityType::Place {
                    continue;
                }
                let mut score = 0;
                if let Some(cap) = ent.capital.as_deref().and_then(|c| self.gaz.index_of(c)) {
                    score += 2 * named.contains(&(cap as u32)) as i32;
                }
                let is_country = ent.capital.is_some() || ent.kind.as_deref() == Some("country");
                for &n in named {
                    let other = &self.gaz.entities[n as usize];
                    if other.capital.as_deref() == Some(ent.id.as_str()) {
                        score += 2;
                    }
                    // Istanbul or Erdogan named: "Turkey" is the country.
                    if is_country
                        && n != e
                        && other.country.is_some()
                        && other.country == ent.country
                    {
                        score += 1;
                    }
                }
                if ent.kind.as_deref() == Some("us-state") {
                    // Other states named anywhere count once: a story about a congressman
                    // from Idaho, datelined Washington, is about the capital.
                    score += named.iter().any(|&n| {
                        n != e && self.gaz.entities[n as usize].kind.as_deref() == Some("us-state")
                    }) as i32;
                    let state_cue = matches!(
                        next_word,
                        Some("state" | "senate" | "governor" | "legislature" | "voters")
                    ) || ctx.comma_city_before(s.start)
                        || self.state_listed_next_to(ctx, s);
                    // (Outweighs everything a capital can collect: "in Washington state".)
                    score += 5 * state_cue as i32;
                } else {
                    // "WASHINGTON — The Supreme Court …": a dateline names a city.
                    score += 3 * dateline(ctx, s) as i32;
                    // The national capital that shares its name with a US state is what the
                    // press means by "Washington"; the state needs a cue of its own. (Not
                    // "New York": in US political news the bare name is as often the state,
                    // "a New York senator", the primary "in New York".)
                    let state_too = ents.iter().any(|&o| {
                        self.gaz.entities[o as usize].kind.as_deref() == Some("us-state")
                    });
                    if ent.kind.as_deref() == Some("capital") && state_too {
                        score += 2;
                    }
                }
                match best {
                    Some((_, b)) if score < b => {}
                    Some((_, b)) if score == b => tie = true,
                    _ => {
                        best = Some((e, score));
                        tie = false;
                    }
                }
            }
            if let Some((e, score)) = best {
                let places = ents
                    .iter()
                    .filter(|&&e| self.gaz.entities[e as usize].etype == EntityType::Place)
                    .count();
                let prep = prev_word.is_some_and(|w| cues::place_prepositions().contains(w));
                // (A preposition makes a name a place, not a demonym one: "a bunch of
                // Georgians" in a story about Atlanta.)
                let demonym = pick(e).is_some_and(|p| p.form == Form::Demonym);
                if (score > 0 && !tie) || (places == 1 && prep && !demonym) {
                    let mut a = self.accept(ctx, s, pick(e)?, None);
                    a.confidence = if score > 0 { 0.85 } else { 0.7 };
                    return Some(a);
                }
            }
        }
        None
    }

    /// A US state in a list with the span: "Colorado, Washington and Oregon", "Oregon and
    /// Washington" (one or two words, past a comma, "and" or "or").
    fn state_listed_next_to(&self, ctx: &Ctx, s: &Span) -> bool {
        let toks = ctx.toks;
        let joiner = |t: &Tok| matches!(ctx.word(t), "and" | "or");
        let sep = |gap: String| matches!(gap.trim(), "" | ",");
        let is_state = |ts: &[Tok]| {
            ts.iter().all(|t| t.cap)
                && self
                    .state_names
                    .contains(&ts.iter().map(|t| ctx.word(t)).collect::<Vec<_>>().join(" "))
        };
        // A state next to the span, past "and"/"or" or a comma: Some(joined by a word).
        let j = toks.partition_point(|t| t.end <= s.end);
        let after = toks.get(j).and_then(|t| {
            let gap = ctx.gap(s.end, t.start);
            let (k, word) = if joiner(t) && sep(gap.clone()) {
                (j + 1, true)
            } else if gap.trim() == "," {
                (j, false)
            } else {
                return None;
            };
            (1..=2)
                .any(|n| k + n <= toks.len() && is_state(&toks[k..k + n]))
                .then_some(word)
        });
        let i = toks.partition_point(|t| t.start < s.start);
        let before = i.checked_sub(1).and_then(|p| {
            let t = &toks[p];
            let gap = ctx.gap(t.end, s.start);
            let (k, word) = if joiner(t) && gap.trim().is_empty() {
                let q = p.checked_sub(1)?;
                if !sep(ctx.gap(toks[q].end, t.start)) {
                    return None;
                }
                (p, true)
            } else if gap.trim() == "," {
                (i, false)
            } else {
                return None;
            };
            (1..=2)
                .any(|n| k >= n && is_state(&toks[k - n..k]))
                .then_some(word)
        });
        // "Colorado and Washington", "Colorado, Washington and Oregon"; a comma alone is no
        // list ("In Washington, Texas Sen. Ted Cruz said").
        let continues_after = toks.get(j).is_some_and(|t| {
            (joiner(t) && sep(ctx.gap(s.end, t.start))) || ctx.gap(s.end, t.start).trim() == ","
        });
        let continues_before = i
            .checked_sub(1)
            .is_some_and(|p| joiner(&toks[p]) || ctx.gap(toks[p].end, s.start).trim() == ",");
        match (before, after) {
            (Some(true), _) | (_, Some(true)) => true,
            (Some(false), _) => continues_after,
            (_, Some(false)) => continues_before,
            _ => false,
        }
    }

    /// Garbled or unlisted spellings of gazetteer people ("Zelancesi", "Vitkoff"). A spelling
    /// counts only next to a fitting first name, or for someone the article names plainly
    /// elsewhere: a title or "said" alone picked real namesakes on real news (Boehner for
    /// Boehler, Barr for Barrot).
    fn fuzzy(&self, ctx: &Ctx, accepted: &mut Vec<Accepted>) {
        let mut covered = vec![false; ctx.chars.len() + 1];
        for a in accepted.iter() {
            for c in a.start..a.end {
                covered[c as usize] = true;
            }
        }
        let mut named: Vec<u32> = accepted
            .iter()
            .filter_map(|a| a.entity)
            .filter(|&e| self.gaz.entities[e as usize].etype == EntityType::Person)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut resolved: HashMap<&str, (u32, f32)> = HashMap::default();
        let mut added: Vec<Accepted> = Vec::new();
        // Two passes: a spelling settled late in the text also counts where it came first.
        for (i, t) in ctx
            .toks
            .iter()
            .enumerate()
            .chain(ctx.toks.iter().enumerate())
        {
            if !t.cap || covered[t.start as usize] || t.end - t.start < 5 {
                continue;
            }
            let w = ctx.word(t);
            if let Some(&(e, conf)) = resolved.get(w) {
                covered[t.start as usize..t.end as usize].fill(true);
                added.push(self.fuzzy_mention(e, t.start, t.end, conf));
                continue;
            }
            // The exact pass already judged listed spellings ("Melania Trump", an ambiguous
            // "Brown"); common words and first names are not surnames.
            if self.listed.contains(w)
                || cues::not_names().contains(w)
                || self.first_names.contains(w)
            {
                continue;
            }
            let key = phonetic(w);
            if key.len() < 5 {
                continue;
            }
            let prev = i
                .checked_sub(1)
                .map(|j| &ctx.toks[j])
                .filter(|p| p.cap && !covered[p.start as usize] && ctx.spaced(p.end, t.start));
            // Candidates: people whose first name fits the word before, and people named.
            let mut cands: Vec<(u32, bool)> = named.iter().map(|&e| (e, false)).collect();
            if let Some(p) = prev {
                let pk = phonetic(ctx.word(p));
                if pk.len() >= 2 {
                    if let Some(bucket) = self
                        .first_name_keys
                        .get(&[pk.as_bytes()[0], pk.as_bytes()[1]])
                    {
                        for (k, e) in bucket {
                            if k.len().abs_diff(pk.len()) <= 3
                                && strsim::jaro_winkler(&pk, k) >= 0.9
                            {
                                cands.push((*e, true));
                            }
                        }
                    }
                }
            }
            let mut best: Option<(u32, bool, f64)> = None;
            for (e, first_fits) in cands {
                let ent = &self.gaz.entities[e as usize];
                // "Trumpism", "Putinist": a word built on a surname is not the person.
                let _ = ent;
                if self.surnames_folded[e as usize]
                    .iter()
                    .any(|f| f.len() >= 3 && w.len() > f.len() && w.starts_with(f.as_str()))
                {
                    continue;
                }
                // Phonetic keys are coarse ("Kharazi" and "Harris" sound alike to them): the
                // spelling itself must stay close to a surname written in the same script
                // (garbles such as "Zelancesi" and "Vitkoff" score 0.8 and more, "Kharazi"
                // 0.75 against "Harris", but 0.88 against "Kharris", the folded "Харрис").
                let cyrillic = is_cyrillic(ctx.chars[t.start as usize]);
                let mut surnames = self.surnames_folded[e as usize]
                    .iter()
                    .zip(&self.gaz.entities[e as usize].surnames)
                    .filter(|(_, raw)| raw.chars().next().is_some_and(is_cyrillic) == cyrillic)
                    .map(|(f, _)| f)
                    .peekable();
                if surnames.peek().is_some()
                    && !surnames.any(|f| strsim::jaro_winkler(w, f) >= 0.78)
                {
                    continue;
                }
                for k in &self.keys_of[e as usize] {
                    // Garbles keep the first sound ("Zelancesi", "Vitkoff"): a cheap filter.
                    if k.len().abs_diff(key.len()) > 3 || k.as_bytes()[0] != key.as_bytes()[0] {
                        continue;
                    }
                    let score = strsim::jaro_winkler(&key, k);
                    let edits = strsim::levenshtein(&key, k);
                    let ok = (first_fits && score >= 0.88 && edits <= key.len() / 2)
                        || (!first_fits
                            && key.len() >= 7
                            && score >= 0.9
                            && edits <= key.len() / 4);
                    if ok && best.is_none_or(|(_, _, b)| score > b) {
                        best = Some((e, first_fits, score));
                    }
                }
            }
            let Some((e, first_fits, score)) = best else {
                continue;
            };
            let conf = (score as f32 * 0.9).min(0.9);
            let start = if first_fits {
                prev.unwrap().start
            } else {
                t.start
            };
            resolved.insert(w, (e, conf));
            if !named.contains(&e) {
                named.push(e);
            }
            covered[start as usize..t.end as usize].fill(true);
            added.push(self.fuzzy_mention(e, start, t.end, conf));
        }
        accepted.extend(added);
        accepted.sort_by_key(|a| a.start);
    }

    fn fuzzy_mention(&self, e: u32, start: u32, end: u32, confidence: f32) -> Accepted {
        Accepted {
            entity: Some(e),
            unknown: None,
            start,
            end,
            method: Method::Fuzzy,
            confidence,
            kind: MentionKind::Name,
        }
    }

    /// Capitalised names outside the gazetteer that look like a person (title, first name,
    /// verb of speech) or an organisation (Ministry, Council, Party…, or an unknown acronym),
    /// kept as candidates.
    fn unknown(&self, ctx: &Ctx, accepted: &mut Vec<Accepted>) {
        let mut covered = vec![false; ctx.chars.len() + 1];
        for a in accepted.iter() {
            for c in a.start..a.end {
                covered[c as usize] = true;
            }
        }
        const PARTICLES: &[&str] = &[
            "von", "van", "der", "de", "la", "al", "bin", "ibn", "da", "di", "du", "del", "le",
            "el",
        ];
        // Inside organisation names only: "Bank of England", "Test and County Cricket Board".
        const CONNECTORS: &[&str] = &["of", "and", "for", "&", "des", "fur", "pour", "y"];
        // Abbreviations whose full stop belongs to the name ("Barnett Banks Inc.").
        const DOTTED: &[&str] = &["inc", "corp", "co", "ltd", "bros", "cos", "plc"];
        let toks = ctx.toks;
        let word = |k: usize| ctx.word(&toks[k]);
        // A line written in capitals (a headline, a sports table) says nothing about names.
        let shouting: Vec<bool> = {
            let mut out = vec![false; toks.len()];
            let mut k = 0;
            while k < toks.len() {
                let mut end = k + 1;
                while end < toks.len()
                    && !ctx.chars[toks[end - 1].end as usize..toks[end].start as usize]
                        .contains(&'\n')
                {
                    end += 1;
                }
                let (mut upper, mut total) = (0usize, 0usize);
                for t in &toks[k..end] {
                    if ctx.chars[t.start as usize].is_alphabetic() {
                        total += 1;
                        upper += ctx.chars[t.start as usize..t.end as usize]
                            .iter()
                            .all(|c| !c.is_lowercase()) as usize;
                    }
                }
                let loud = total >= 3 && upper * 2 > total;
                out[k..end].iter_mut().for_each(|x| *x = loud);
                k = end;
            }
            out
        };
        let shouting = |k: usize| shouting[k];
        let extend = |i: usize, connectors: bool| {
            let mut j = i + 1;
            while j < toks.len() {
                let n = toks[j];
                // "Kim Dong-yub", "Kang Kyung-wha": the lowercase second syllable of a
                // romanised Korean given name ends the name (not "John Smith-led").
                let p = toks[j - 1];
                if j >= i + 2
                    && KOREAN_SURNAMES.contains(&word(j - 2))
                    && p.cap
                    && !n.cap
                    && n.start == p.end + 1
                    && ctx.chars[p.end as usize] == '-'
                    && !covered[n.start as usize]
                    && (2..=4).contains(&(n.end - n.start))
                    && !matches!(
                        word(j),
                        "led"
                            | "era"
                            | "run"
                            | "born"
                            | "made"
                            | "like"
                            | "type"
                            | "wide"
                            | "held"
                            | "free"
                            | "old"
                            | "new"
                            | "up"
                            | "out"
                            | "off"
                            | "only"
                            | "bred"
                    )
                {
                    j += 1;
                    break;
                }
                if !ctx.spaced(toks[j - 1].end, n.start) || covered[n.start as usize] {
                    break;
                }
                let w = word(j);
                let next_cap = toks.get(j + 1).is_some_and(|x| {
                    x.cap && ctx.spaced(n.end, x.start) && !covered[x.start as usize]
                });
                // "Johnson Controls Inc and Lear Corp" are two organisations.
                let after_org = cues::org_words().contains(word(j - 1));
                let joins = next_cap
                    && (PARTICLES.contains(&w)
                        || (connectors
                            && CONNECTORS.contains(&w)
                            && !(after_org && (w == "and" || w == "&"))));
                // "Systems Inc Q2": codes and figures are not part of a name.
                let digits = ctx.chars[n.start as usize..n.end as usize]
                    .iter()
                    .any(|c| c.is_ascii_digit());
                if !(n.cap || joins) || digits {
                    break;
                }
                j += 1;
            }
            j
        };
        let mut found: Vec<Accepted> = Vec::new();
        let mut people: HashMap<String, String> = HashMap::default(); // last word → full name
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if !t.cap || covered[t.start as usize] {
                i += 1;
                continue;
            }
            let long = extend(i, true);
            let plain = extend(i, false);
            let is_org = |j: usize| {
                let n = j - i;
                n >= 2 && (i..j).any(|k| cues::org_words().contains(word(k)))
            };
            // "John Delury of Yonsei University": a person and where they work, not one
            // organisation (unlike "Bank of England").
            let affiliation = plain - i >= 2
                && plain - i <= 3
                && self.first_names.contains(word(i))
                && plain < toks.len()
                && word(plain) == "of"
                && !(i..plain).any(|k| cues::org_words().contains(word(k)));
            let j = if long > plain && is_org(long) && !affiliation {
                long
            } else {
                plain
            };
            // "Senate Intelligence Committee Chairman Richard Burr": the body ends at a person's
            // title after it, when a given name follows; the title and name are scanned next.
            let j = (i + 2..j.saturating_sub(2))
                .find(|&k| {
                    cues::person_titles().contains(word(k))
                        && self.first_names.contains(word(k + 1))
                        && (i..k).any(|o| cues::org_words().contains(word(o)))
                        && (k + 1..j).all(|n| !cues::org_words().contains(word(n)))
                })
                .unwrap_or(j);
            // As written (char slices: most runs are dropped, so no strings yet).
            let words: Vec<&[char]> = (i..j)
                .map(|k| &ctx.chars[toks[k].start as usize..toks[k].end as usize])
                .collect();
            let folded: Vec<&str> = (i..j).map(word).collect();
            // Leading titles and function words are cues, not part of the name.
            let mut a = 0;
            let mut titled = i.checked_sub(1).is_some_and(|p| {
                ctx.gap(toks[p].end, t.start)
                    .trim_matches(|c| c == ' ' || c == '.')
                    .is_empty()
                    && cues::person_titles().contains(word(p))
            });
            // Organisations keep a capitalised "First", "New", "World" ("World Trade
            // Organisation"); only articles and a sentence's first function word go.
            let org_like = (i..j).any(|k| cues::org_words().contains(word(k)));
            while a < folded.len()
                && (if org_like {
                    ARTICLES.contains(&folded[a])
                        || (a == 0 && t.sent_start && cues::not_names().contains(folded[a]))
                } else {
                    cues::person_titles().contains(folded[a])
                        // (A given name that is also a stop word stays: "Ed Royce".)
                        || (cues::not_names().contains(folded[a])
                            && !(self.first_names.contains(folded[a]) && a + 1 < folded.len()))
                })
            {
                titled |= cues::person_titles().contains(folded[a]);
                a += 1;
            }
            // "Commerce Secretary Wilbur Ross", "Defence Minister X": a title after the
            // department it heads.
            if !org_like {
                if let Some(k) = (a + 1..folded.len().saturating_sub(1))
                    .rev()
                    .find(|&k| cues::person_titles().contains(folded[k]))
                {
                    a = k + 1;
                    titled = true;
                }
            }
            if a >= folded.len() || shouting(i) {
                i = j;
                continue;
            }
            let name_words = &folded[a..];
            let n = name_words.len();
            let start = toks[i + a].start;
            let mut end = toks[j - 1].end;
            let next_speech = toks
                .get(j)
                .is_some_and(|x| cues::speech_verbs().contains(word(j)) && x.start > end);
            // ("Die Außenminister der Europäischen Union": people in an office of a body, not
            // the body; "Justice Department" and "General Motors" stay bodies.)
            let office_of = cues::person_titles().contains(name_words[0])
                && matches!(
                    name_words.get(1).copied(),
                    Some("der" | "des" | "of" | "de" | "du" | "del" | "della" | "di")
                );
            let org =
                n >= 2 && name_words.iter().any(|w| cues::org_words().contains(*w)) && !office_of;
            let acronym = n == 1
                && !t.sent_start
                && (2..=6).contains(&words[a].len())
                && words[a]
                    .iter()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit())
                && words[a].iter().filter(|c| c.is_alphabetic()).count() >= 2
                && !NOT_ORG_ACRONYMS.contains(&name_words[0]);
            let person = !org
                && !acronym
                && n <= 4
                && name_words.iter().enumerate().all(|(k, w)| {
                    !cues::not_names().contains(*w)
                        || PARTICLES.contains(w)
                        || (k == 0 && n >= 2 && self.first_names.contains(*w))
                        // ("Kim Jong-un": a hyphenated syllable may be a stop word.)
                        || (k > 0 && ctx.chars[toks[i + a + k].start as usize - 1] == '-')
                })
                && ((n >= 2
                    && (self.first_names.contains(name_words[0]) || titled || next_speech))
                    || (n == 1 && (titled || people.contains_key(name_words[0]))));
            if org || acronym {
                // "Budapest Stock Exchange": a place right before belongs to the name.
                let mut start = start;
                if org && a == 0 {
                    if let Some(k) = accepted.iter().position(|m| {
                        m.end + 1 == start
                            && m.entity.is_some_and(|e| {
                                self.gaz.entities[e as usize].etype != EntityType::Person
                            })
                            && m.kind != MentionKind::Role
                            && ctx.spaced(m.end, start)
                    }) {
                        start = accepted[k].start;
                        accepted.remove(k);
                    }
                }
                if org
                    && DOTTED.contains(&name_words[n - 1])
                    && ctx.chars.get(end as usize) == Some(&'.')
                {
                    end += 1;
                }
                let name = ctx.text(start, end);
                let conf = if acronym { 0.5 } else { 0.6 };
                found.push(unknown_mention(EntityType::Org, name, start, end, conf));
            } else if person
                && !(n >= 2
                    && photo_credit(ctx.chars, start as usize, end as usize, |w| {
                        self.first_names.contains(w)
                    }))
            {
                // Words as written, one space apart ("Kim Dong-yub" keeps its hyphen).
                let mut name = String::new();
                for (k, w) in words.iter().enumerate().skip(a) {
                    if k > a {
                        let hyphen = ctx.chars[toks[i + k].start as usize - 1] == '-';
                        name.push(if hyphen { '-' } else { ' ' });
                    }
                    name.extend(w.iter());
                }
                let full = if n == 1 {
                    people
                        .get(name_words[0])
                        .cloned()
                        .unwrap_or_else(|| name.clone())
                } else {
                    people.insert(name_words[n - 1].to_string(), name.clone());
                    name
                };
                let (method, conf) = if n == 1 && !titled {
                    (Method::Coreference, 0.6)
                } else {
                    (Method::Exact, 0.7)
                };
                let mut m = unknown_mention(EntityType::Person, full, start, end, conf);
                m.method = method;
                found.push(m);
            }
            i = j;
        }
        accepted.extend(found);
        accepted.sort_by_key(|a| a.start);
    }

    fn group(&self, chars: &[char], accepted: Vec<Accepted>) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let mut slot: HashMap<SlotKey, usize> = HashMap::default();
        let mut unknown_out: Vec<Found> = Vec::new();
        for a in accepted {
            let text: String = chars[a.start as usize..a.end as usize].iter().collect();
            let mention = Mention {
                text,
                start: a.start,
                end: a.end,
                method: a.method,
                confidence: (a.confidence * 100.0).round() / 100.0,
                kind: a.kind,
            };
            let key = (a.entity, a.unknown.clone());
            let list = if a.entity.is_some() {
                &mut out
            } else {
                &mut unknown_out
            };
            let at = *slot.entry(key).or_insert_with(|| {
                let (id, name, etype) = match (a.entity, &a.unknown) {
                    (Some(e), _) => {
                        let ent = &self.gaz.entities[e as usize];
                        (Some(ent.id.clone()), ent.name.clone(), ent.etype)
                    }
                    (None, Some((t, n))) => (None, n.clone(), *t),
                    (None, None) => unreachable!("a mention names an entity or a candidate"),
                };
                list.push(Found {
                    id,
                    name,
                    etype,
                    mentions: Vec::new(),
                });
                list.len() - 1
            });
            list[at].mentions.push(mention);
        }
        out.extend(unknown_out);
        out
    }
}

/// Articles and prepositions that may open a capitalised sequence without being part of it.
const ARTICLES: &[&str] = &[
    "the", "a", "an", "and", "of", "in", "on", "at", "for", "by", "with", "le", "la", "les", "der",
    "die", "das", "el", "los", "las", "but", "as", "from", "to",
];

/// Capitalised abbreviations that are not organisations.
const NOT_ORG_ACRONYMS: &[&str] = &[
    "gdp", "ceo", "cfo", "tv", "am", "pm", "ok", "aids", "hiv", "covid", "dna", "usd", "eur",
    "gmt", "utc", "est", "edt", "pst", "bst", "cet", "mp", "mps", "pr", "it", "ai", "ii", "iii",
    "iv", "vi", "vii", "viii", "ix", "xi", "xii", "id", "faq", "pdf", "url", "usa", "uk", "us",
    "tbd", "q1", "q2", "q3", "q4", "h1", "h2", "vs", "rbi", "era", "mvp", "nb", "ps", "ft", "km",
    "mph", "bc", "ad", "jr", "sr", "st", "mr", "dr", "ms", "mrs", "no", "yes", "i", "a",
];

/// A full name in a photo credit ("Andrew Harnik/AP", "Kevin Lamarque /Reuters", "REUTERS/Joshua
/// Roberts") is the photographer's, not someone the story is about: 3,759 of allsides'
/// unknown people were such credits. (A surname is not: "the Buttigieg/Klobuchar vote".)
/// (Not a pair of people: "the Wendy Sherman/Antony Blinken approach": a given name after the
/// slash, or a name before it that is not an agency's in capitals.)
fn photo_credit(
    chars: &[char],
    start: usize,
    end: usize,
    first_name: impl Fn(&str) -> bool,
) -> bool {
    let after = |k: usize| chars.get(end + k).copied();
    let slash_after = match (after(0), after(1), after(2)) {
        (Some('/'), Some(c), _) | (Some(' '), Some('/'), Some(c)) => c.is_uppercase() || c == ' ',
        _ => false,
    };
    if slash_after {
        let slash = chars[end..]
            .iter()
            .position(|&c| c == '/')
            .map_or(end, |k| end + k);
        let next: String = chars[slash + 1..]
            .iter()
            .skip_while(|c| **c == ' ')
            .take_while(|c| c.is_alphabetic())
            .flat_map(|c| c.to_lowercase())
            .collect();
        return !first_name(&next);
    }
    start > 0 && chars[start - 1] == '/' && {
        let before: Vec<char> = chars[..start - 1]
            .iter()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .copied()
            .collect();
        before.len() >= 2 && before.iter().all(|c| c.is_uppercase())
    }
}

fn unknown_mention(t: EntityType, name: String, start: u32, end: u32, conf: f32) -> Accepted {
    Accepted {
        entity: None,
        unknown: Some((t, name)),
        start,
        end,
        method: Method::Exact,
        confidence: conf,
        kind: MentionKind::Name,
    }
}

/// A gazetteer entity, or an unknown candidate by type and name.
type SlotKey = (Option<u32>, Option<(EntityType, String)>);

/// Korean family names, which come first: "Kim Dong-yub" (a hyphenated given name follows).
const KOREAN_SURNAMES: &[&str] = &[
    "kim", "lee", "yi", "ri", "rhee", "park", "pak", "choi", "choe", "jung", "chung", "jeong",
    "kang", "cho", "jo", "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "suh",
    "shin", "kwon", "hwang", "ahn", "song", "yoo", "ryu", "hong", "jeon", "chun", "ko", "moon",
    "mun", "yang", "son", "bae", "baek", "heo", "nam", "noh", "roh", "ha", "kwak", "sung", "cha",
    "joo", "woo", "ku", "min", "na", "jin", "ji", "um", "chae", "won", "ban", "hyun", "kong",
    "yeo",
];

/// "DACA recipients" is not "Daca" (Dhaka): a short word in capitals inside running text is an
/// acronym unless the gazetteer writes it so. Datelines ("MOSCOW, Aug 20", "KYIV (Reuters)")
/// are followed by capitalised words and still match.
fn shouted_acronym(chars: &[char], start: u32, end: u32, p: &PatInfo) -> bool {
    let surface = &chars[start as usize..end as usize];
    let letters = surface.iter().filter(|c| c.is_alphabetic()).count();
    if p.acronym || p.form == Form::Role || letters > 5 || surface.iter().any(|c| c.is_lowercase())
    {
        return false;
    }
    chars[end as usize..]
        .iter()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase())
}

/// Capitalisation must agree with the gazetteer: "US" is not "us", "May" is not "may".
fn case_ok(surface: &[char], p: &PatInfo) -> bool {
    if p.form == Form::Role {
        return true;
    }
    if p.acronym {
        let letters: Vec<&char> = surface.iter().filter(|c| c.is_alphabetic()).collect();
        // "NATO", and the British "Nato", "Opec" for acronyms of four letters or more.
        return letters.iter().all(|c| c.is_uppercase())
            || (letters.len() >= 4
                && letters[0].is_uppercase()
                && letters[1..].iter().all(|c| c.is_lowercase()));
    }
    let words: Vec<&[char]> = surface
        .split(|c| c.is_whitespace() || *c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == p.caps.len() {
        words
            .iter()
            .zip(&p.caps)
            .all(|(w, &cap)| !cap || w[0].is_uppercase())
    } else {
        p.caps.first() != Some(&true) || surface.first().is_some_and(|c| c.is_uppercase())
    }
}

struct Ctx<'a> {
    chars: &'a [char],
    folded: &'a Folded,
    toks: &'a [Tok],
    tok_at: &'a [u32],
}

impl Ctx<'_> {
    /// The folded form of a word (no allocation).
    fn word(&self, t: &Tok) -> &str {
        self.folded.span(t.start, t.end)
    }

    fn text(&self, start: u32, end: u32) -> String {
        self.chars[start as usize..end as usize].iter().collect()
    }

    /// Exactly one space between `end` of one word and `start` of the next (the same as
    /// `gap(end, start) == " "`, without building a string: it runs for every capitalised word).
    fn spaced(&self, end: u32, start: u32) -> bool {
        start == end + 1 && self.chars.get(end as usize) == Some(&' ')
    }
    fn gap(&self, start: u32, end: u32) -> String {
        if end <= start {
            return String::new();
        }
        self.text(start, end)
    }

    fn prev_tok(&self, start: u32) -> Option<&Tok> {
        let i = self.toks.partition_point(|t| t.end <= start);
        i.checked_sub(1).map(|j| &self.toks[j])
    }

    fn next_tok(&self, end: u32) -> Option<&Tok> {
        let i = self.toks.partition_point(|t| t.start < end);
        self.toks.get(i)
    }

    fn words_in(&self, start: u32, end: u32) -> usize {
        let a = self.tok_at[start as usize];
        let b = self.tok_at[end.saturating_sub(1) as usize];
        if a == u32::MAX || b == u32::MAX {
            return 1;
        }
        (b - a + 1) as usize
    }

    /// "Atlanta, Georgia": a capitalised word and a comma right before.
    fn comma_city_before(&self, start: u32) -> bool {
        let Some(prev) = self.prev_tok(start) else {
            return false;
        };
        prev.cap && self.gap(prev.end, start).trim() == ","
    }
}

/// The span opens a line in capitals and a dash or comma follows: a dateline ("WASHINGTON —",
/// "KYIV, Aug 17").
fn dateline(ctx: &Ctx, s: &Span) -> bool {
    let (start, end) = (s.start as usize, s.end as usize);
    let opens_line = ctx.chars[..start]
        .iter()
        .rev()
        .take_while(|&&c| c != '\n')
        .all(|c| c.is_whitespace());
    let shouted = ctx.chars[start..end]
        .iter()
        .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let after: String = ctx.chars[end..(end + 3).min(ctx.chars.len())]
        .iter()
        .collect();
    // ("WASHINGTON (Reuters) -": the agency's parenthesis too.)
    opens_line && shouted && {
        let a = after.trim_start();
        a.starts_with(['—', '–', '-', ',', '('])
    }
}

/// A letter or digit, with a fast path for ASCII (most of the text).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Words: runs of letters and digits. A word starts a sentence after . ! ? : or a line break.
fn tokens(chars: &[char]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let mut sent_start = true;
    while i < chars.len() {
        let c = chars[i];
        if is_word_char(c) {
            let start = i;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            toks.push(Tok {
                start: start as u32,
                end: i as u32,
                cap: c.is_uppercase(),
                sent_start,
            });
            sent_start = false;
        } else {
            if matches!(c, '.' | '!' | '?' | '\n' | ':') {
                sent_start = true;
            }
            i += 1;
        }
    }
    toks
}
