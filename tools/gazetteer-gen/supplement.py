"""Hand-written supplement to the country data packages read by gen.py.

Only what the packages lack or get wrong belongs here: display names that differ from CLDR's,
the short forms and acronyms the press uses, demonyms (adjectives) outside English, capital
names in other languages where CLDR has no exemplar city, and the forms that are ambiguous.
Every form is given as the press writes it (the matcher folds case and diacritics); Russian
and Ukrainian adjectives are masculine nominative, German ones uninflected (the matcher adds
endings).
"""

# Observers of the UN General Assembly (kind = "observer").
OBSERVERS = ["VA", "PS"]

# Non-members that appear in diplomatic news (kind = "territory"): ISO 3166-1 entries plus
# Kosovo (XK, the code the EU and CLDR use). Dependencies and disputed or partly recognised
# states alike; city-states among them have no separate capital entry.
TERRITORIES = [
    "XK", "TW", "EH", "HK", "MO", "GL", "PR", "FK", "GI", "NC", "FO", "IO", "GU", "PF", "YT",
]

# Per ISO code. Keys:
#   name     display name when CLDR's English one is not the common short form
#   id       id when not the slug of the name
#   add      extra aliases (short forms, acronyms, former names still in use)
#   drop     aliases the sources give that must not be used (matched after folding)
#   dem      extra demonyms/adjectives in en, de, fr, es, ru, uk
#   dem_drop demonyms from the sources that are wrong or belong to another entity
#   amb      forms (aliases or demonyms) that are also common words, names or other places
#   cap      capital's English name when the source's is outdated or missing;
#            None = the entity is a city-state and is its own capital; "" = it has none
#   cap_id   id of the capital when not the slug of its name
COUNTRIES = {
    "US": dict(
        add=["United States of America", "US", "U.S.", "USA", "U.S.A.", "America",
             "Vereinigte Staaten von Amerika", "États-Unis d'Amérique",
             "Estados Unidos de América", "EE.UU.", "EE. UU.", "EEUU", "США",
             "Соединённые Штаты Америки", "Сполучені Штати Америки"],
        dem=["American", "US-American", "amerikanisch", "US-amerikanisch", "américain",
             "estadounidense", "norteamericano", "американский", "американський"],
        cap="Washington, D.C.", cap_id="washington-dc",
    ),
    "GB": dict(
        add=["UK", "U.K.", "Britain", "Great Britain", "Großbritannien", "Grande-Bretagne",
             "Gran Bretaña", "Великобритания", "Британия", "Велика Британія", "Британія",
             "Соединённое Королевство", "Сполучене Королівство"],
        dem=["British", "britisch", "britannique", "británico", "британский", "британський"],
    ),
    "RU": dict(
        add=["Russian Federation", "Russische Föderation", "Fédération de Russie",
             "Federación de Rusia", "Российская Федерация", "Російська Федерація", "РФ"],
        dem=["Russian", "russisch", "russe", "ruso", "российский", "російський"],
    ),
    "UA": dict(
        add=["Україна", "Украина", "Ukrajina"],
        dem=["Ukrainian", "ukrainisch", "ukrainien", "ucraniano", "украинский", "український"],
    ),
    "CN": dict(
        add=["People's Republic of China", "PRC", "Volksrepublik China",
             "République populaire de Chine", "República Popular China", "КНР",
             "Китайская Народная Республика", "Китайська Народна Республіка",
             "Mainland China"],
        dem=["Chinese", "chinesisch", "chinois", "chino", "китайский", "китайський"],
    ),
    "DE": dict(
        add=["Federal Republic of Germany", "Bundesrepublik Deutschland", "BRD", "ФРГ", "ФРН"],
        dem=["German", "deutsch", "allemand", "alemán", "немецкий", "германский",
             "німецький"],
    ),
    "FR": dict(
        dem=["French", "französisch", "français", "francés", "французский", "французький"],
    ),
    "IL": dict(
        dem=["Israeli", "israelisch", "israélien", "israelí", "израильский", "ізраїльський"],
    ),
    "PS": dict(
        name="Palestine",
        add=["State of Palestine", "Palestine", "Palästina", "Palestina", "Палестина",
             "Staat Palästina", "État de Palestine", "Estado de Palestina",
             "Государство Палестина", "Держава Палестина", "Palestinian territories",
             "Palestinian Territories"],
        dem=["Palestinian", "palästinensisch", "palestinien", "palestino", "палестинский",
             "палестинський"],
        cap="Ramallah",
    ),
    "IR": dict(
        add=["Islamic Republic of Iran", "Islamische Republik Iran",
             "République islamique d'Iran", "República Islámica de Irán",
             "Исламская Республика Иран", "Ісламська Республіка Іран"],
        dem=["Iranian", "iranisch", "iranien", "iraní", "иранский", "іранський"],
    ),
    "TR": dict(
        name="Turkey",
        add=["Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey"],
        dem=["Turkish", "türkisch", "turc", "turco", "турецкий", "турецький"],
        amb=["Turkey"],
    ),
    "PL": dict(
        dem=["Polish", "polnisch", "polonais", "polaco", "польский", "польський"],
    ),
    "BY": dict(
        add=["Belarus", "Belorussia", "Byelorussia", "Weißrussland", "Biélorussie",
             "Bélarus", "Bielorrusia", "Белоруссия", "Беларусь", "Білорусь", "Республика Беларусь",
             "Республіка Білорусь"],
        dem=["Belarusian", "Belarussian", "Byelorussian", "belarussisch", "weißrussisch",
             "biélorusse", "bélarusse", "bielorruso", "белорусский", "білоруський"],
    ),
    "GE": dict(
        add=["Sakartvelo"],
        dem=["Georgian", "georgisch", "géorgien", "georgiano", "грузинский", "грузинський"],
        amb=["Georgia", "Georgian"],
    ),
    "IN": dict(
        add=["Republic of India", "Bharat"],
        dem=["Indian", "indisch", "indien", "indio", "индийский", "індійський"],
    ),
    "JP": dict(
        add=["Nippon"],
        dem=["Japanese", "japanisch", "japonais", "japonés", "японский", "японський"],
    ),
    "KP": dict(
        name="North Korea",
        add=["DPRK", "Democratic People's Republic of Korea", "Nordkorea", "Corée du Nord",
             "Corea del Norte", "Северная Корея", "Північна Корея", "КНДР"],
        dem=["North Korean", "nordkoreanisch", "nord-coréen", "norcoreano",
             "северокорейский", "північнокорейський"],
        drop=["Korea", "Korea, North", "Corée", "Corea", "Корея", "Korea (North)"],
    ),
    "KR": dict(
        name="South Korea",
        add=["Republic of Korea", "ROK", "Südkorea", "Corée du Sud", "Corea del Sur",
             "Южная Корея", "Південна Корея", "Республика Корея", "Республіка Корея"],
        dem=["South Korean", "südkoreanisch", "sud-coréen", "surcoreano", "южнокорейский",
             "південнокорейський"],
        drop=["Korea", "Korea, South", "Corée", "Corea", "Корея", "Korea (South)"],
    ),
    "SY": dict(
        add=["Syrian Arab Republic"],
        dem=["Syrian", "syrisch", "syrien", "sirio", "сирийский", "сирійський"],
    ),
    "SA": dict(
        add=["Kingdom of Saudi Arabia", "KSA"],
        dem=["Saudi", "Saudi Arabian", "saudi-arabisch", "saudisch", "saoudien", "saudí",
             "saudita", "саудовский", "саудівський"],
    ),
    "QA": dict(
        dem=["Qatari", "katarisch", "qatari", "qatarien", "catarí", "qatarí", "катарский",
             "катарський"],
    ),
    "HU": dict(
        dem=["Hungarian", "ungarisch", "hongrois", "húngaro", "венгерский", "угорський"],
    ),
    "IT": dict(
        dem=["Italian", "italienisch", "italien", "italiano", "итальянский", "італійський"],
    ),
    "ES": dict(
        dem=["Spanish", "spanisch", "espagnol", "español", "испанский", "іспанський"],
    ),
    "CA": dict(
        dem=["Canadian", "kanadisch", "canadien", "canadiense", "канадский", "канадський"],
    ),
    "AE": dict(
        add=["UAE", "U.A.E.", "Emirates", "VAE", "ОАЭ", "ОАЕ"],
        dem=["Emirati", "emiratisch", "émirien", "emiratí", "эмиратский", "еміратський"],
    ),
    "EG": dict(
        dem=["Egyptian", "ägyptisch", "égyptien", "egipcio", "египетский", "єгипетський"],
    ),
    "IQ": dict(
        dem=["Iraqi", "irakisch", "irakien", "iraquí", "иракский", "іракський"],
    ),
    "LB": dict(
        dem=["Lebanese", "libanesisch", "libanais", "libanés", "ливанский", "ліванський"],
    ),
    "JO": dict(
        add=["Hashemite Kingdom of Jordan"],
        dem=["Jordanian", "jordanisch", "jordanien", "jordano", "иорданский", "йорданський"],
        amb=["Jordan"],
    ),
    "AF": dict(
        dem=["Afghan", "afghanisch", "afghan", "afgano", "афганский", "афганський"],
    ),
    "PK": dict(
        dem=["Pakistani", "pakistanisch", "pakistanais", "pakistaní", "пакистанский",
             "пакистанський"],
    ),
    "AZ": dict(
        dem=["Azerbaijani", "aserbaidschanisch", "azerbaïdjanais", "azerbaiyano",
             "азербайджанский", "азербайджанський"],
    ),
    "AM": dict(
        dem=["Armenian", "armenisch", "arménien", "armenio", "армянский", "вірменський"],
    ),
    "KZ": dict(
        dem=["Kazakh", "Kazakhstani", "kasachisch", "kazakh", "kazakhstanais", "kazajo",
             "казахстанский", "казахстанський"],
        cap="Astana",
    ),
    "MD": dict(
        add=["Moldavia", "Moldawien", "Moldau", "Moldavie", "Молдавия", "Молдова"],
        dem=["Moldovan", "moldauisch", "moldawisch", "moldave", "moldavo", "молдавский",
             "молдовский", "молдовський", "молдавський"],
    ),
    "RO": dict(
        dem=["Romanian", "rumänisch", "roumain", "rumano", "румынский", "румунський"],
    ),
    "SK": dict(
        dem=["slowakisch", "slovaque", "eslovaco", "словацкий", "словацький"],
    ),
    "CZ": dict(
        add=["Czech Republic", "Tschechische Republik", "République tchèque",
             "República Checa", "Чешская Республика", "Чеська Республіка"],
        dem=["Czech", "tschechisch", "tchèque", "checo", "чешский", "чеський"],
    ),
    "AT": dict(
        dem=["Austrian", "österreichisch", "autrichien", "austriaco", "австрийский",
             "австрійський"],
    ),
    "NL": dict(
        add=["Holland", "The Netherlands"],
        dem=["Dutch", "niederländisch", "holländisch", "néerlandais", "hollandais",
             "neerlandés", "holandés", "нидерландский", "голландский", "нідерландський",
             "голландський"],
    ),
    "BE": dict(
        dem=["Belgian", "belgisch", "belge", "belga", "бельгийский", "бельгійський"],
    ),
    "SE": dict(
        dem=["Swedish", "schwedisch", "suédois", "sueco", "шведский", "шведський"],
    ),
    "FI": dict(
        dem=["Finnish", "finnisch", "finlandais", "finlandés", "финский", "финляндский",
             "фінський"],
    ),
    "NO": dict(
        dem=["Norwegian", "norwegisch", "norvégien", "noruego", "норвежский", "норвезький"],
    ),
    "DK": dict(
        dem=["Danish", "dänisch", "danois", "danés", "датский", "данський"],
    ),
    "EE": dict(
        dem=["Estonian", "estnisch", "estonien", "estonio", "эстонский", "естонський"],
    ),
    "LV": dict(
        dem=["Latvian", "lettisch", "letton", "letón", "латвийский", "латвійський"],
    ),
    "LT": dict(
        dem=["Lithuanian", "litauisch", "lituanien", "lituano", "литовский", "литовський"],
    ),
    "BG": dict(
        dem=["Bulgarian", "bulgarisch", "bulgare", "búlgaro", "болгарский", "болгарський"],
    ),
    "RS": dict(
        dem=["Serbian", "serbisch", "serbe", "serbio", "сербский", "сербський"],
    ),
    "GR": dict(
        add=["Hellenic Republic", "Hellas"],
        dem=["Greek", "Hellenic", "griechisch", "grec", "griego", "греческий", "грецький"],
    ),
    "BR": dict(
        dem=["Brazilian", "brasilianisch", "brésilien", "brasileño", "бразильский",
             "бразильський"],
    ),
    "MX": dict(
        drop=["Mexicanos"],
        dem=["Mexican", "mexikanisch", "mexicain", "mexicano", "мексиканский",
             "мексиканський"],
    ),
    "VE": dict(
        add=["Bolivarian Republic of Venezuela"],
        dem=["Venezuelan", "venezolanisch", "vénézuélien", "venezolano", "венесуэльский",
             "венесуельський"],
    ),
    "CU": dict(
        dem=["Cuban", "kubanisch", "cubain", "cubano", "кубинский", "кубинський"],
    ),
    "AU": dict(
        dem=["Australian", "australisch", "australien", "australiano", "австралийский",
             "австралійський"],
    ),
    "ZA": dict(
        add=["RSA", "ЮАР", "ПАР"],
        dem=["South African", "südafrikanisch", "sud-africain", "sudafricano",
             "южноафриканский", "південноафриканський"],
    ),
    "TW": dict(
        add=["Republic of China", "Taiwán", "Taïwan", "Тайвань"],
        dem=["Taiwanese", "taiwanisch", "taïwanais", "taiwanés", "тайваньский",
             "тайванський"],
        drop=["Taiwan, Province of China", "Province of China",
              "Taiwan (Province of China)", "Taiwan, Chinesische Provinz",
              "Taïwan, province de Chine", "Taiwán, Provincia de China",
              "Китайская провинция Тайвань", "Тайвань, провінція Китаю"],
    ),
    "VN": dict(
        dem=["Vietnamese", "vietnamesisch", "vietnamien", "vietnamita", "вьетнамский",
             "в'єтнамський"],
    ),
    "CH": dict(
        add=["Swiss Confederation", "Schweizerische Eidgenossenschaft",
             "Confédération suisse"],
        dem=["Swiss", "schweizerisch", "suisse", "suizo", "швейцарский", "швейцарський"],
    ),
    "PT": dict(
        dem=["Portuguese", "portugiesisch", "portugais", "portugués", "португальский",
             "португальський"],
    ),
    "IE": dict(
        add=["Republic of Ireland", "Éire"],
        dem=["Irish", "irisch", "irlandais", "irlandés", "ирландский", "ірландський"],
    ),
    "LY": dict(
        dem=["Libyan", "libysch", "libyen", "libio", "ливийский", "лівійський"],
    ),
    "YE": dict(
        dem=["Yemeni", "jemenitisch", "yéménite", "yemení", "йеменский", "єменський"],
    ),
    "SD": dict(
        dem=["Sudanese", "sudanesisch", "soudanais", "sudanés", "суданский", "суданський"],
    ),
    # Forms shared by two countries, or that read as words, names or other places.
    "CD": dict(
        name="DR Congo", id="dr-congo",
        add=["Democratic Republic of the Congo", "Democratic Republic of Congo", "DRC",
             "DR Congo", "Congo-Kinshasa", "RDC", "RD Congo", "ДРК", "ДР Конго", "Congo",
             "Kongo", "Конго"],
        amb=["Congo", "Kongo", "Конго", "Congolese", "congolais", "congoleño",
             "конголезский", "конголезький"],
        dem=["congolais", "congoleño", "конголезский", "конголезький"],
    ),
    "CG": dict(
        name="Republic of the Congo",
        add=["Congo-Brazzaville", "Republic of Congo", "Congo", "Kongo", "Конго"],
        amb=["Congo", "Kongo", "Конго", "Congolese", "congolais", "congoleño",
             "конголезский", "конголезький"],
        dem=["congolais", "congoleño", "конголезский", "конголезький"],
    ),
    "DM": dict(
        amb=["Dominica", "Dominican", "Dominique"],  # fr name = a given name
    ),
    "SV": dict(amb=["Salvador", "Сальвадор"]),  # a given name, a Brazilian city
    "MT": dict(amb=["Malte"]),  # fr name = a German/Danish given name
    "GD": dict(amb=["Granada"]),  # es name = the Spanish and Nicaraguan cities
    "MU": dict(amb=["Maurice", "Mauricio"]),  # fr and es names = given names
    "GI": dict(dem=["Gibraltarian"], cap=None),
    "DO": dict(
        amb=["Dominican"],
    ),
    "TD": dict(amb=["Chad"]),
    "NE": dict(amb=["Niger"]),
    "GN": dict(
        add=["Guinea-Conakry"],
        amb=["Guinea"],
    ),
    "MK": dict(
        add=["Macedonia", "Republic of North Macedonia", "FYROM", "Mazedonien", "Macédoine",
             "Македония", "Македонія"],
        amb=["Macedonia", "Macedonian", "Mazedonien", "Macédoine", "Македония",
             "Македонія"],
    ),
    "FM": dict(
        add=["Federated States of Micronesia"],
        amb=["Micronesia", "Mikronesien", "Micronésie", "Микронезия", "Мікронезія"],
    ),
    "CI": dict(
        name="Côte d'Ivoire",
        add=["Ivory Coast", "Elfenbeinküste", "Costa de Marfil", "Кот-д'Ивуар",
             "Кот-д'Івуар"],
    ),
    "MM": dict(
        name="Myanmar",
        add=["Burma"],
    ),
    "CV": dict(add=["Cabo Verde", "Cape Verde"]),
    "SZ": dict(add=["Swaziland"], cap="Mbabane"),
    "TL": dict(add=["East Timor", "Timor-Leste"]),
    "BI": dict(cap="Gitega"),
    "KG": dict(add=["Kirghizia", "Kirgisien", "Киргизия"], dem=["Kyrgyz"],
               dem_drop=["Kirghiz"]),
    "TJ": dict(dem=["Tajik", "Tajikistani"], dem_drop=["Tadzhik"]),
    "UZ": dict(dem=["Uzbek"]),
    "AR": dict(dem=["Argentine", "Argentinian"]),
    "EC": dict(dem=["Ecuadorian"]),
    "MV": dict(dem=["Maldivian"], dem_drop=["Maldivan"]),
    "DJ": dict(dem=["Djiboutian"], dem_drop=["Djibouti"]),
    "IS": dict(dem=["Icelandic"]),
    "SI": dict(dem=["Slovenian"]),
    "SR": dict(dem=["Surinamese"]),
    "PH": dict(dem=["Philippine"]),
    "TH": dict(drop=["Prathet"]),
    "VC": dict(name="Saint Vincent and the Grenadines"),
    "BA": dict(add=["Bosnia", "BiH"]),
    "LA": dict(add=["Lao PDR"]),
    "BN": dict(add=["Brunei Darussalam"]),
    "VA": dict(
        name="Vatican City",
        add=["Vatican", "Holy See", "Heiliger Stuhl", "Vatikan", "Vatikanstadt",
             "Saint-Siège", "Cité du Vatican", "Santa Sede", "Vaticano",
             "Ciudad del Vaticano", "Святой Престол", "Ватикан", "Святий Престол"],
        cap=None,
    ),
    "XK": dict(
        add=["Republic of Kosovo", "Kosova", "Kosovo", "Косово"],
        dem=["Kosovar", "Kosovan", "kosovarisch", "kosovar", "косовский",
             "косовський"],
        cap="Pristina",
    ),
    "HK": dict(
        name="Hong Kong",
        add=["Hongkong", "Hong Kong SAR", "Гонконг"],
        dem=["Hongkonger"],
        dem_drop=["Chinese"],
        cap=None,
    ),
    "MO": dict(
        name="Macau",
        add=["Macao", "Macau SAR", "Макао"],
        dem=["Macanese"],
        dem_drop=["Chinese"],
        cap=None,
    ),
    "SG": dict(cap=None),
    "MC": dict(cap=None),
    "IO": dict(
        name="Chagos Islands", id="chagos-islands", dem_drop=["Indian"],
        add=["British Indian Ocean Territory", "Chagos Archipelago", "Chagos", "BIOT",
             "Chagos-Archipel", "Archipel des Chagos", "Archipiélago de Chagos",
             "Архипелаг Чагос", "Чагос"],
        cap="",
    ),
    "FK": dict(add=["Malvinas", "Islas Malvinas", "Falklands", "Мальвинские острова"],
               dem=["Falkland Islander"], cap="Stanley"),
    "EH": dict(cap="Laayoune"),
    "PR": dict(dem=["Puerto Rican"]),
    "YT": dict(dem=["Mahoran"], dem_drop=["French"]),
    "GL": dict(add=["Kalaallit Nunaat", "Grönland", "Groenland", "Groenlandia",
                    "Гренландия", "Гренландія"],
               dem=["Greenlandic", "Greenlander", "grönländisch", "groenlandais",
                    "groenlandés", "гренландский", "гренландський"]),
    "PW": dict(cap="Ngerulmud"),
    "KI": dict(cap="Tarawa"),
}

# Capitals, by capital id. `aliases` complements the English name from countryinfo and
# the exemplar-city names CLDR has for capitals that name a time zone; `tz` points a capital
# at its CLDR zone when the zone's city is spelt differently; `amb` marks ambiguous forms.
# A capital form that folds like one of a country's is left to the country, unless listed in
# `shared`: then both keep it and both mark it ambiguous.
CAPITALS = {
    "washington-dc": dict(
        aliases=["Washington, D.C.", "Washington D.C.", "Washington DC", "Washington",
                 "Вашингтон"],
        amb=["Washington", "Вашингтон"]),
    "moscow": dict(aliases=["Moscow", "Moskau", "Moscou", "Moscú", "Москва", "Moskva"]),
    "kyiv": dict(aliases=["Kyiv", "Kiev", "Kiew", "Kyjiw", "Kijów", "Киев", "Київ"],
                 tz="Europe/Kiev"),
    "beijing": dict(aliases=["Beijing", "Peking", "Pékin", "Pekín", "Пекин", "Пекін"]),
    "london": dict(aliases=["London", "Londres", "Лондон"]),
    "paris": dict(aliases=["Paris", "París", "Париж"]),
    "berlin": dict(aliases=["Berlin", "Berlín", "Берлин", "Берлін"]),
    "brussels": dict(aliases=["Brussels", "Brüssel", "Bruxelles", "Bruselas", "Брюссель"]),
    "warsaw": dict(aliases=["Warsaw", "Warschau", "Varsovie", "Varsovia", "Варшава"]),
    "minsk": dict(aliases=["Minsk", "Минск", "Мінськ"]),
    "tbilisi": dict(aliases=["Tbilisi", "Tiflis", "Tbilissi", "Тбилиси", "Тбілісі"]),
    "chisinau": dict(aliases=["Chișinău", "Chisinau", "Kischinau", "Kishinev", "Chisináu",
                              "Кишинёв", "Кишинев", "Кишинів"]),
    "vilnius": dict(aliases=["Vilnius", "Wilna", "Вильнюс", "Вільнюс"]),
    "riga": dict(aliases=["Riga", "Рига"]),
    "tallinn": dict(aliases=["Tallinn", "Tallin", "Таллин", "Таллинн", "Таллінн"]),
    "helsinki": dict(aliases=["Helsinki", "Helsingfors", "Хельсинки", "Гельсінкі"]),
    "stockholm": dict(aliases=["Stockholm", "Estocolmo", "Стокгольм"]),
    "oslo": dict(aliases=["Oslo", "Осло"]),
    "copenhagen": dict(aliases=["Copenhagen", "Kopenhagen", "Copenhague", "Копенгаген"]),
    "vienna": dict(aliases=["Vienna", "Wien", "Vienne", "Viena", "Вена", "Відень"]),
    "prague": dict(aliases=["Prague", "Prag", "Praga", "Прага"]),
    "bratislava": dict(aliases=["Bratislava", "Pressburg", "Братислава"]),
    "budapest": dict(aliases=["Budapest", "Будапешт"]),
    "bucharest": dict(aliases=["Bucharest", "Bukarest", "Bucarest", "Бухарест"]),
    "sofia": dict(aliases=["Sofia", "Sofía", "София", "Софія"],
                  amb=["Sofia", "Sofía", "София", "Софія"]),
    "belgrade": dict(aliases=["Belgrade", "Belgrad", "Belgrado", "Белград"]),
    "zagreb": dict(aliases=["Zagreb", "Загреб"]),
    "ljubljana": dict(aliases=["Ljubljana", "Laibach", "Liubliana", "Любляна"]),
    "sarajevo": dict(aliases=["Sarajevo", "Сараево", "Сараєво"]),
    "podgorica": dict(aliases=["Podgorica", "Подгорица", "Подгориця"]),
    "skopje": dict(aliases=["Skopje", "Skopie", "Скопье", "Скоп'є"]),
    "tirana": dict(aliases=["Tirana", "Tirane", "Tiranë", "Тирана"], tz="Europe/Tirane"),
    "athens": dict(aliases=["Athens", "Athen", "Athènes", "Atenas", "Афины", "Афіни"]),
    "rome": dict(aliases=["Rome", "Rom", "Roma", "Рим"]),
    "madrid": dict(aliases=["Madrid", "Мадрид"]),
    "lisbon": dict(aliases=["Lisbon", "Lissabon", "Lisbonne", "Lisboa", "Лиссабон",
                            "Лісабон"]),
    "dublin": dict(aliases=["Dublin", "Dublín", "Дублин", "Дублін"]),
    "amsterdam": dict(aliases=["Amsterdam", "Ámsterdam", "Амстердам"]),
    "bern": dict(aliases=["Bern", "Berne", "Berna", "Берн"]),
    "luxembourg-city": dict(aliases=["Luxembourg City", "Ville de Luxembourg",
                                     "Luxemburg-Stadt", "Ciudad de Luxemburgo"]),
    "valletta": dict(aliases=["Valletta", "La Valette", "La Valeta", "Валлетта", "Валета"]),
    "nicosia": dict(aliases=["Nicosia", "Nikosia", "Nicosie", "Lefkosia", "Никосия",
                             "Нікосія"]),
    "reykjavik": dict(aliases=["Reykjavík", "Reykjavik", "Рейкьявик", "Рейк'явік"]),
    "ankara": dict(aliases=["Ankara", "Анкара"]),
    "yerevan": dict(aliases=["Yerevan", "Eriwan", "Jerewan", "Erevan", "Ereván", "Ереван",
                             "Єреван"]),
    "baku": dict(aliases=["Baku", "Bakou", "Bakú", "Баку"]),
    "astana": dict(aliases=["Astana", "Nur-Sultan", "Noursoultan", "Астана", "Нур-Султан"]),
    "tashkent": dict(aliases=["Tashkent", "Taschkent", "Tachkent", "Taskent", "Ташкент"]),
    "bishkek": dict(aliases=["Bishkek", "Bischkek", "Bichkek", "Biskek", "Бишкек",
                             "Бішкек"]),
    "dushanbe": dict(aliases=["Dushanbe", "Duschanbe", "Douchanbé", "Dusambé", "Душанбе"]),
    "ashgabat": dict(aliases=["Ashgabat", "Ashkhabad", "Aşgabat", "Aschgabat", "Achgabat",
                              "Asjabad", "Ашхабад", "Ашгабат"]),
    "tehran": dict(aliases=["Tehran", "Teheran", "Téhéran", "Teherán", "Тегеран"]),
    "baghdad": dict(aliases=["Baghdad", "Bagdad", "Багдад"]),
    "damascus": dict(aliases=["Damascus", "Damaskus", "Damas", "Damasco", "Дамаск"]),
    "beirut": dict(aliases=["Beirut", "Beyrouth", "Бейрут"]),
    "amman": dict(aliases=["Amman", "Ammán", "Амман"]),
    "jerusalem": dict(aliases=["Jerusalem", "Jérusalem", "Jerusalén", "Иерусалим",
                               "Єрусалим"]),
    "ramallah": dict(aliases=["Ramallah", "Ramala", "Рамалла"]),
    "riyadh": dict(aliases=["Riyadh", "Riad", "Riyad", "Эр-Рияд", "Ер-Ріяд"]),
    "doha": dict(aliases=["Doha", "Доха"]),
    "abu-dhabi": dict(aliases=["Abu Dhabi", "Abu Dabi", "Abou Dabi", "Абу-Даби", "Абу-Дабі"]),
    "kuwait-city": dict(aliases=["Kuwait City", "Kuwait-Stadt", "Ciudad de Kuwait",
                                 "Эль-Кувейт"]),
    "papeete": dict(name="Papeete", aliases=["Papeete"]),
    "djibouti-city": dict(aliases=["Djibouti City", "Djibouti-Ville"]),
    "manama": dict(aliases=["Manama", "Манама"]),
    "muscat": dict(aliases=["Muscat", "Maskat", "Mascate", "Маскат"]),
    "sanaa": dict(aliases=["Sanaa", "Sana'a", "Saná", "Сана"]),
    "cairo": dict(aliases=["Cairo", "Kairo", "Le Caire", "El Cairo", "Каир", "Каїр"]),
    "tripoli": dict(aliases=["Tripoli", "Tripolis", "Trípoli", "Триполи", "Триполі"],
                    amb=["Tripoli", "Tripolis", "Trípoli", "Триполи", "Триполі"]),
    "tunis": dict(aliases=["Tunis"], shared=["Tunis"]),  # ru "Тунис" = Tunisia
    "algiers": dict(aliases=["Algiers", "Algier", "Alger", "Argel"]),
    "rabat": dict(aliases=["Rabat", "Рабат"]),
    "khartoum": dict(aliases=["Khartoum", "Khartum", "Jartum", "Хартум"]),
    "addis-ababa": dict(aliases=["Addis Ababa", "Addis Abeba", "Adís Abeba", "Аддис-Абеба"]),
    "nairobi": dict(aliases=["Nairobi", "Найроби", "Найробі"]),
    "mogadishu": dict(aliases=["Mogadishu", "Mogadischu", "Mogadiscio",
                               "Могадишо"]),
    "kabul": dict(aliases=["Kabul", "Kaboul", "Кабул"]),
    "islamabad": dict(aliases=["Islamabad", "Исламабад", "Ісламабад"]),
    "new-delhi": dict(aliases=["New Delhi", "Neu-Delhi", "Nueva Delhi", "Нью-Дели",
                               "Нью-Делі"]),
    "tokyo": dict(aliases=["Tokyo", "Tokio", "Токио", "Токіо"]),
    "seoul": dict(aliases=["Seoul", "Séoul", "Seúl", "Сеул"]),
    "pyongyang": dict(aliases=["Pyongyang", "Pjöngjang", "Pionyang", "Пхеньян"]),
    "taipei": dict(aliases=["Taipei", "Taipeh", "Taipéi", "Тайбэй", "Тайбей"]),
    "hanoi": dict(aliases=["Hanoi", "Hanoï", "Hanói", "Ханой"]),
    "manila": dict(aliases=["Manila", "Manille", "Манила", "Маніла"]),
    "jakarta": dict(aliases=["Jakarta", "Djakarta", "Yakarta", "Джакарта"]),
    "naypyidaw": dict(aliases=["Naypyidaw", "Nay Pyi Taw", "Naypyitaw", "Нейпьидо",
                               "Нейп'їдо"]),
    "ulaanbaatar": dict(aliases=["Ulaanbaatar", "Ulan Bator", "Oulan-Bator", "Ulán Bator",
                                 "Улан-Батор"]),
    "ottawa": dict(aliases=["Ottawa", "Оттава"]),
    "mexico-city": dict(aliases=["Mexico City", "Mexiko-Stadt", "Ciudad de México",
                                 "Мехико", "Мехіко"]),
    "havana": dict(aliases=["Havana", "Havanna", "La Havane", "La Habana", "Гавана"]),
    "caracas": dict(aliases=["Caracas", "Каракас"]),
    "bogota": dict(aliases=["Bogotá", "Bogota", "Богота"]),
    "brasilia": dict(aliases=["Brasília", "Brasilia", "Бразилиа", "Бразиліа"]),
    "buenos-aires": dict(aliases=["Buenos Aires", "Буэнос-Айрес", "Буенос-Айрес"]),
    "santiago": dict(aliases=["Santiago", "Santiago de Chile", "Сантьяго"],
                     amb=["Santiago", "Сантьяго"]),
    "lima": dict(aliases=["Lima", "Лима", "Ліма"], amb=["Lima", "Лима"]),
    "canberra": dict(aliases=["Canberra", "Канберра"]),
    "wellington": dict(aliases=["Wellington", "Веллингтон", "Веллінгтон"]),
    "pretoria": dict(aliases=["Pretoria", "Tshwane", "Претория", "Преторія"]),
    "abuja": dict(aliases=["Abuja", "Абуджа"]),
    "kinshasa": dict(aliases=["Kinshasa", "Киншаса", "Кіншаса"]),
    "niamey": dict(aliases=["Niamey", "Ниамей", "Ніамей"]),
    "bamako": dict(aliases=["Bamako", "Бамако"]),
    "ouagadougou": dict(aliases=["Ouagadougou", "Uagadugú", "Уагадугу"]),
    "gitega": dict(aliases=["Gitega", "Гитега", "Гітега"]),
    "mbabane": dict(aliases=["Mbabane", "Мбабане"]),
    "ngerulmud": dict(aliases=["Ngerulmud", "Нгерулмуд"]),
    "tarawa": dict(aliases=["Tarawa", "South Tarawa"]),
    "pristina": dict(aliases=["Pristina", "Prishtina", "Priština", "Prishtinë", "Приштина"]),
    "laayoune": dict(aliases=["Laayoune", "El Aaiún", "Laâyoune", "El-Aaiun", "Лаюн",
                              "Эль-Аюн"]),
    "nuuk": dict(aliases=["Nuuk", "Godthåb", "Нуук"]),
    "san-juan": dict(aliases=["San Juan", "Сан-Хуан"], amb=["San Juan", "Сан-Хуан"]),
    "stanley": dict(aliases=["Stanley", "Port Stanley", "Puerto Argentino"],
                    amb=["Stanley"]),
    "quito": dict(aliases=["Quito", "Кито", "Кіто"]),
    "san-salvador": dict(aliases=["San Salvador", "Сан-Сальвадор"]),
    "yaounde": dict(aliases=["Yaoundé", "Jaunde", "Яунде"]),
    "dodoma": dict(aliases=["Dodoma", "Додома"]),
    "yamoussoukro": dict(aliases=["Yamoussoukro", "Ямусукро"]),
    "ndjamena": dict(aliases=["N'Djamena", "Ndjamena", "Нджамена"], tz="Africa/Ndjamena"),
    "port-louis": dict(aliases=["Port Louis", "Port-Louis", "Порт-Луи", "Порт-Луї"]),
    "lilongwe": dict(aliases=["Lilongwe", "Лилонгве", "Лілонгве"]),
    # Ambiguous capitals the data has under their plain names.
    "victoria": dict(aliases=["Victoria", "Виктория", "Вікторія"],
                     amb=["Victoria", "Виктория", "Вікторія"]),
    "kingston": dict(aliases=["Kingston", "Кингстон", "Кінгстон"],
                     amb=["Kingston", "Кингстон", "Кінгстон"]),
    "georgetown": dict(aliases=["Georgetown", "Джорджтаун"], amb=["Georgetown", "Джорджтаун"]),
    "san-jose": dict(aliases=["San José", "Сан-Хосе"], amb=["San José", "Сан-Хосе"]),
    "nassau": dict(aliases=["Nassau", "Нассау"], amb=["Nassau", "Нассау"]),
    "male": dict(aliases=["Malé", "Мале"], amb=["Malé", "Мале"]),
    "saint-johns": dict(aliases=["Saint John's", "St. John's", "St John's"],
                        amb=["Saint John's", "St. John's", "St John's"]),
    "st-georges": dict(aliases=["St. George's", "Saint George's", "St George's"],
                       amb=["St. George's", "Saint George's", "St George's"]),
    "panama-city": dict(aliases=["Panama City", "Panama-Stadt", "Ciudad de Panamá"],
                        amb=["Panama City"]),
}

# English demonyms the sources give but which stand for another entity or for nobody.
DEMONYM_DROP_ALL = ["Channel Islander"]
