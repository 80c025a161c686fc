"""Given names for data/gazetteer/first_names.txt, from faker's person providers.

Latin-script locales are taken as they are; Russian, Ukrainian, Greek and Georgian names are
romanised the way the press spells them (with the common variants: Sergey/Sergei,
Dmitry/Dmitri, Andriy/Andrii). Names that are also ordinary words, or that name a country,
are left out: a name detector would otherwise take "Will", "May" or "Georgia" for a person.
"""

import importlib
import re
import unicodedata

from anyascii import anyascii

LATIN_LOCALES = [
    # English
    "en_US", "en_GB", "en_IE", "en_NZ",
    # German, French, Spanish, Italian, Portuguese, Dutch
    "de_DE", "de_AT", "de_CH", "de_LU", "fr_FR", "fr_BE", "fr_CA", "fr_CH",
    "es_ES", "es_MX", "es_AR", "es_CO", "es_CL", "es_CA", "it_IT", "pt_PT", "pt_BR",
    "nl_NL", "nl_BE",
    # Nordic, Baltic, Central and South-East Europe
    "sv_SE", "da_DK", "no_NO", "fi_FI", "lt_LT", "lv_LV", "et_EE",
    "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO",
    # Turkic
    "tr_TR", "az_AZ", "uz_UZ",
    # Arabic and Muslim names in Latin script, South Asia, Africa, South-East Asia
    "fr_DZ", "en_PK", "en_IN", "ha_NG", "yo_NG", "ig_NG", "en_KE", "sw", "tw_GH", "zu_ZA",
    "id_ID",
]
CYRILLIC_LOCALES = {"ru_RU": "ru", "uk_UA": "uk"}
OTHER_SCRIPT_LOCALES = ["el_GR", "ka_GE"]

# Hand-written supplement: given names in diplomatic news that faker lacks in Latin script
# (its Arabic, Persian and Hebrew locales are in their own scripts; its Ukrainian list is
# short), in the transliterations the English-language press uses.
EXTRA = set("""
Abdel Abdelaziz Abdelfattah Abdulaziz Abdullah Abdallah Abdulrahman Abdulla Adel Adnan Ahmad
Ahmed Akram Ali Amr Anwar Ashraf Awad Ayman Bandar Bashar Fadi Fahd Faisal Fawzi Fayez Fouad
Fuad Ghassan Ghazi Hafez Haider Haitham Hamad Hamdan Hamid Hani Hassan Hazem Hisham Hussein
Hussain Ibrahim Imad Ismail Issa Jamal Jassim Jibril Kamal Khaled Khalid Khalil Mahmoud
Mahmud Majid Mamdouh Mansour Marwan Mohamed Mohammed Muhammad Mohammad Mostafa Mustafa
Moussa Muqtada Nabih Nabil Naguib Najib Nasser Nawaf Nayef Nizar Nouri Omar Osama Qasem
Qassem Raed Rafik Rafic Rami Riad Saad Saeed Saleh Salem Salman Sameh Sami Samir Saud Talal
Tamim Tammam Tarek Tariq Turki Walid Yahya Yasser Yousef Youssef Yusuf Zayed Ziad
Akbar Alireza Bahram Behrouz Dariush Ebrahim Esmaeil Esmail Farhad Fatemeh Ghasem Gholamreza
Hamidreza Hossein Javad Kamran Kaveh Kazem Mahdi Mahsa Manouchehr Masih Masoud Mehdi Mohsen
Mojtaba Narges Nasrin Parviz Reza Ruhollah Shirin Vahid Zahra
Amichai Aryeh Avi Avigdor Ayelet Benny Bezalel Dror Ehud Eyal Gideon Gilad Itamar Miri Moshe
Naftali Nir Ofer Orit Ronen Shimon Tamir Tzipi Uri Yaakov Yair Yariv Yehuda Yigal Yisrael
Yitzhak Yoav Yossi Yuli
Narendra Rahul Amit Rajnath Nirmala Subrahmanyam Shehbaz Shahbaz Nawaz Imran Bilawal Ishaq
Asim Prabowo Joko Anwar Tulsi
Mykola Denys Arseniy Arsenii Yuliia Yulia Oleksii Oleksiy Vitalii Vitaliy Yurii Yuriy Vadym
Bohdan Stepan Rustem Valerii Valeriy Kostiantyn Kostyantyn Anatolii Heorhii Mykhailo
Ilham Kassym-Jomart Shavkat Emomali Sadyr Serdar Gurbanguly Binali Nursultan
Abiy Uhuru Bola Hakeem Yoweri Mahamat Assimi Abdourahamane Ousmane Macky Bassirou Alassane
Shinzo Fumio Shigeru Yoshihide Sanae Taro
Keir Evika Gitanas Alar Lula Luiz Inácio Jean-Noël Jean-Yves Jean-Marie Jean-Claude
Jean-Michel Jean-Louis Jean-Marc Jean-François Jean-Paul Jean-Baptiste Jean-Jacques
Jean-Luc Jean-Pierre Pierre-Yves Anne-Marie Marie-Christine
""".split())


# Given names left out: ordinary words in English, German, French or Spanish news text
# (sentence starts and title-case headlines capitalise them), months, titles, particles,
# parliaments and place-name parts, US states and cities. Reviewed by hand against the
# candidates that the Debian word lists (wamerican, wngerman, wfrench, wspanish) flag; kept on
# purpose although they are words too: Mark, Bill, Frank, Grace, Jack, Rob, Sue, Hunter,
# Guy, Dean, Ray, Angel, Mason, Victoria, Santiago, Sofia, Carolina, Virginia, Marina, Roman,
# Ion, Don.
COMMON_WORDS = set("""
Will May June April August Hope Faith Joy Summer Winter Autumn Spring Page Art Rose Iris
Jewel Crystal Amber Ivy Chase Rich Sunny Dawn Sterling Grant Drew Job Said Harsh Per Odd
Ale Among An Ante Ants Bale Baptist Beat Bent Bitten Canal Charity Comfort Constant Cord
Corona Darling Demur Divan Dodo Edit Eider Else Eta Ever Fares Feline Fem Firs Floor Forum
Franc Gala Greet Grit Gun Gunner Gust Harm Henna Immaculate Innocent Jail Jet Joke Junior
Karma Keto Kick Lander Lavender Laze Lean Lien Lies Line Loan Lode Lone Loot Lore Lot Mad
Made Magnolia Man Mare Marine Mart Marten Martial Mate Mentor Meta Mikes Mile Modest Nacho
Nadir Nail Nil Nova Owe Paw Peer Pier Pol Puck Purity Raid Rein Rim Roan Roar Rosette Rosy
Rut Sad Safari Saga Salami Sari Scarlet Semen Senna Server Sever Sierra Sine Sonata Spas
Stein Tea Tiara Ties Tilde Tine Tit Tone Tor Tore Toy Tutu Urban Valid Veer Wadi Wage Yoga
Abbey  Archer Ash Baker Baron Bay Bear Bell Berry Birch Bishop Blaze Bliss Blossom
Blue Brave Breeze Briar Bridge Brook Bud Buck Cadence Cannon Canyon Cash Chance Cherry Chip
  Cloud Colt Cook Coral Cotton Cove  Dash Day Deacon Destiny Diamond Dove Duke
Dusty Earl Echo Eden Ember Essence Fancy Fawn Fern Field Fisher Flash Fleur Flint Ford
Forest Fox Frost Gale Garnet Gay Gem General Ginger  Glory Gold Golden Gray Grey 
Hail Hall Harbor Harmony Haven Hawk  Heaven Hero Honey Honor Independence Ivory Jazz
Journey Judge Justice King Kit Knight Lake  Lane Lark Laurel Leaf Legend Liberty Link
Lord Love Lucky Major Maple March Marsh Marshal  Meadow Melody Mercy Merit Miles
Miracle Misty Moon Moss Nature Noble North Oak Ocean Olive Park Patience Peace Pearl 
Pepper  Pilot Pink Pistol Poet Porter Precious Pride Prince Princess Promise Queen
Rain Rainbow Raven   Reign Ridge River Rock Rocky Royal Rusty Sage Sailor Saint Sandy
Scout Sea Serenity Shadow Shepherd Sky Skye Slate Smith Snow Sparrow Star Stone Storm Stormy
Sugar Sunshine Swan Sweet Tank Temple Thunder True Trinity Truth Unique Unity Valiant
Velvet Victory Violet  Walker Ward West Willow Wolf Wood Wren Young Zen
Baby Bambi Kitty Candy Cookie Doll Lady Lolly Missy Trixie Mister Sir Madam Dame 
Sheriff Pastor Doctor
Al Abu Bin Del Della Dell Dom Santa San Sun Van Von De La Le El Les Una Uno Ella
Allah Amen Christ Messiah Islam Jihad Nazi Ramadan Imam Emir Amir Hafiz Sultan Shah Khan
Begum Pasha Mullah
Anders Armen Beste Darin Davor Edel Einer Eitel Fügen Gabel Gottlob Kenter Kläre Laust
Leider Reiner Ritt Robbe Siebe Solange Tage Traute Till Ernst Heide Kai
Ala Amar Ama Ami Amie Amor Anda Asunción Baba Bala Bas Bello Campo Capa Cara Caridad Cielo
Cinta Concepción Domingo Dulce Gallego Gracia Isla Mala Maman Marte Mía Miel Mille Mir Mira
Morena Nada Nana Nona Norma Ola Oliva Piedad Prima Rama Rana Reina Reine Salud Segundo
Soledad Tenis Toma Trinidad Verde Vida Vino Zaraza África Aimable Ange Blanche Désiré
Fidèle Jolie Modeste Prudence Victoire Noël Dolores Mercedes Paz Luz Sol Mar Cruz Reyes
Consuelo Amparo Pilar Espérance Esperanza Socorro Milagros Remedios Félicité
Can Tan Alp
Rada Duma Slava Svoboda Maidan Velyka Bila Stara
Asia Europa America Africa China Sahara Valencia Montana Nevada Arizona Indiana Florida
Dakota Cheyenne Austin Dallas Houston Phoenix Denver Madison Sydney Brooklyn Savannah
London Berlin Vienna Paris Aspen Memphis Orlando Chelsea Lima Kingston Nassau Washington
Trump Biden Putin
""".split())


NAME = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})*$")


def is_latin_name(s: str) -> bool:
    if not NAME.match(s) or not s[0].isupper():
        return False
    return all(unicodedata.name(c, "").startswith("LATIN") or c == "-" for c in s)


def provider_names(locale: str, attrs=("first_names", "first_names_male",
                                        "first_names_female", "first_names_nonbinary")) -> set:
    prov = importlib.import_module(f"faker.providers.person.{locale}").Provider
    out = set()
    for attr in attrs:
        v = getattr(prov, attr, None)
        if v and not isinstance(v, property):
            out.update(v)  # tuples, or dicts of name -> weight
    return out


# --- Romanisation -----------------------------------------------------------------------------

RU = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
              ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n",
               "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "",
               "e", "yu", "ya"]))
UK = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ",
              ["a", "b", "v", "h", "g", "d", "e", "ye", "zh", "z", "y", "i", "yi", "y", "k",
               "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
               "shch", "", "yu", "ya", "", "", ""]))
VOWELS = set("аеёиоуыэюяєіїьъ")


def romanise_cyrillic(name: str, lang: str) -> set:
    s = name.lower()
    table = RU if lang == "ru" else UK
    out = []
    for i, ch in enumerate(s):
        prev = s[i - 1] if i else ""
        if lang == "ru" and ch == "е" and (i == 0 or prev in VOWELS):
            out.append("ye")
        elif lang == "uk" and ch == "й" and i > 0 and prev in VOWELS and i < len(s) - 1:
            out.append("i")  # Mykhailo
        else:
            out.append(table.get(ch, ch))
    base = "".join(out)
    forms = {base}
    if lang == "ru":
        if base.endswith("iy"):  # Dmitriy -> Dmitry, Dmitri
            forms |= {base[:-2] + "y", base[:-2] + "i"}
            forms.discard(base)
        if base.endswith("ey"):  # Sergey, Sergei
            forms.add(base[:-2] + "ei")
        if base.startswith("ye"):  # Yevgeny, Evgeny
            forms |= {"e" + f[2:] for f in forms}
    else:
        if base.endswith("iy"):  # Andriy, Andrii
            forms.add(base[:-2] + "ii")
    forms |= {f.replace("ks", "x") for f in forms if "ks" in f}
    return {f.capitalize() for f in forms if f}


GREEK_DIGRAPHS = [("ου", "ou"), ("ού", "ou"), ("αυ", "av"), ("αύ", "av"), ("ευ", "ev"),
                  ("εύ", "ev"), ("γγ", "ng"), ("γκ", "gk"), ("γχ", "nch")]


def romanise_greek(name: str) -> set:
    s = name.lower()
    for a, b in GREEK_DIGRAPHS:
        s = s.replace(a, b)
    if s.startswith("μπ"):
        s = "b" + s[2:]
    if s.startswith("ντ"):
        s = "d" + s[2:]
    if s.startswith("gk"):
        s = "g" + s[2:]
    s = anyascii(s)
    return {s.capitalize()} if s else set()


def romanise(name: str, locale: str) -> set:
    if locale in CYRILLIC_LOCALES:
        return romanise_cyrillic(name, CYRILLIC_LOCALES[locale])
    if locale == "el_GR":
        return romanise_greek(name)
    # Georgian: anyascii marks ejectives with an apostrophe the press leaves out (Akaki).
    return {anyascii(name).replace("'", "").capitalize()}


def collect(fold, exclude_keys: set):
    """Sorted, deduplicated given names and a summary of what was left out. `exclude_keys`:
    folded country names and demonyms ("Jordan", "Georgia", "Philippine")."""
    words = {fold(w) for w in COMMON_WORDS}
    candidates = set()
    for loc in LATIN_LOCALES:
        candidates |= {unicodedata.normalize("NFC", n.strip()) for n in provider_names(loc)}
    for loc in list(CYRILLIC_LOCALES) + OTHER_SCRIPT_LOCALES:
        for n in provider_names(loc):
            candidates |= romanise(n.strip(), loc)
    candidates |= EXTRA
    kept, by_key = [], {}
    n_word = n_place = n_shape = 0
    for n in sorted(candidates):
        if not is_latin_name(n):
            n_shape += 1
            continue
        k = fold(n)
        if k in words:
            n_word += 1
            continue
        if k in exclude_keys:
            n_place += 1
            continue
        kept.append(n)
    # One spelling per folded form (the loader folds them): the one with diacritics.
    best = {}
    for n in kept:
        k = fold(n)
        score = (sum(not c.isascii() for c in n), n)
        if k not in best or score > (sum(not c.isascii() for c in best[k]), best[k]):
            best[k] = n
    names = [best[k] for k in sorted(best)]
    stats = (f"{len(candidates)} candidates; left out {n_word} common words, "
             f"{n_place} country names, {n_shape} malformed")
    return names, stats


def collect_female(fold, names: list) -> list:
    """The given names of `names` that more of faker's locales list as women's names than as
    men's: a quote attributed to "she" must not go to a man. (Hillary is a man's name in
    faker's Kenyan list and a woman's in others; Andrea is a man's only in Italian.)"""
    female, male = {}, {}
    for loc in LATIN_LOCALES + list(CYRILLIC_LOCALES) + OTHER_SCRIPT_LOCALES:
        for attr, into in (("first_names_female", female), ("first_names_male", male)):
            keys = set()
            for n in provider_names(loc, (attr,)):
                n = unicodedata.normalize("NFC", n.strip())
                forms = romanise(n, loc) if loc not in LATIN_LOCALES else {n}
                keys.update(fold(f) for f in forms)
            for k in keys:
                into[k] = into.get(k, 0) + 1
    return [n for n in names if female.get(fold(n), 0) > male.get(fold(n), 0)]
