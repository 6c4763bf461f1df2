"""Curated actor knowledge that ISO 3166 does not carry: news spellings, demonyms,
metonyms, IGOs, non-state groups, role words and titles.

Keys are casefolded. Codes are ISO 3166 alpha-3, plus ``XKX`` for Kosovo and
the IGO codes the events stage writes (NATO, UN, EU, ...).
"""

from __future__ import annotations

# News spellings and short forms that pycountry's names miss. Abbreviations that
# are also English words ("US", "UK") live in CASED_ABBREVIATIONS instead.
COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "USA", "u.s.a.": "USA", "america": "USA", "united states": "USA",
    "united states of america": "USA", "the states": "USA",
    "britain": "GBR", "great britain": "GBR", "u.k.": "GBR", "united kingdom": "GBR",
    "russia": "RUS", "russian federation": "RUS", "iran": "IRN", "syria": "SYR",
    "south korea": "KOR", "republic of korea": "KOR", "north korea": "PRK",
    "democratic people's republic of korea": "PRK", "taiwan": "TWN", "vietnam": "VNM",
    "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA", "moldova": "MDA",
    "czech republic": "CZE", "czechia": "CZE", "netherlands": "NLD", "holland": "NLD",
    "ivory coast": "CIV", "cote d'ivoire": "CIV", "côte d'ivoire": "CIV",
    "palestine": "PSE", "palestinian territories": "PSE", "gaza": "PSE", "gaza strip": "PSE",
    "west bank": "PSE", "east jerusalem": "PSE", "kosovo": "XKX", "philippines": "PHL",
    "phillippines": "PHL", "vatican": "VAT", "vatican city": "VAT", "holy see": "VAT",
    "burma": "MMR", "myanmar": "MMR", "congo": "COD", "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD", "drc": "COD", "dr congo": "COD",
    "republic of congo": "COG", "congo-brazzaville": "COG", "turkey": "TUR", "türkiye": "TUR",
    "turkiye": "TUR", "uae": "ARE", "united arab emirates": "ARE", "emirates": "ARE",
    "saudi arabia": "SAU", "macedonia": "MKD", "north macedonia": "MKD", "swaziland": "SWZ",
    "eswatini": "SWZ", "cape verde": "CPV", "east timor": "TLS", "timor-leste": "TLS",
    "micronesia": "FSM", "brunei": "BRN", "prc": "CHN", "mainland china": "CHN",
    "people's republic of china": "CHN", "hong kong": "HKG", "macau": "MAC", "macao": "MAC",
    "dprk": "PRK", "rok": "KOR", "n. korea": "PRK", "s. korea": "KOR", "bosnia": "BIH", "bosnia and herzegovina": "BIH",
    "bosnia-herzegovina": "BIH", "crimea": "UKR", "donbas": "UKR", "donbass": "UKR",
    "west germany": "DEU", "east germany": "DEU", "soviet union": "RUS", "ussr": "RUS",
    "afganistan": "AFG", "ethopia": "ETH", "new zealand": "NZL", "south africa": "ZAF",
    "south sudan": "SSD", "sri lanka": "LKA", "el salvador": "SLV", "costa rica": "CRI",
    "dominican republic": "DOM", "puerto rico": "PRI", "greenland": "GRL",
    "trinidad": "TTO", "trinidad and tobago": "TTO", "tobago": "TTO",
    "darfur": "SDN", "kurdistan": "IRQ", "iraqi kurdistan": "IRQ", "chechnya": "RUS",
    "tibet": "CHN", "xinjiang": "CHN", "kashmir": "IND", "abkhazia": "GEO",
    "south ossetia": "GEO", "transnistria": "MDA", "nagorno-karabakh": "AZE",
    "yugoslavia": "SRB", "zaire": "COD", "rhodesia": "ZWE", "kampuchea": "KHM",
    "czechoslovakia": "CZE", "western sahara": "ESH", "sierra leone": "SLE",
}

# Uppercase-only forms: "US" is the country, "us" the pronoun; "WHO" the IGO, "who" the word.
CASED_ABBREVIATIONS: dict[str, str] = {
    "US": "USA", "USA": "USA", "UK": "GBR", "GB": "GBR", "UAE": "ARE", "DRC": "COD",
    "PRC": "CHN", "DPRK": "PRK", "ROK": "KOR",
}
CASED_IGOS: dict[str, str] = {
    "UN": "UN", "EU": "EU", "WHO": "WHO", "AU": "AU", "NATO": "NATO", "IMF": "IMF",
    "OPEC": "OPEC", "ASEAN": "ASEAN", "OSCE": "OSCE", "WTO": "WTO", "IAEA": "IAEA",
    "ICC": "ICC", "ICJ": "ICJ", "UNHCR": "UN", "UNICEF": "UN", "UNESCO": "UN", "UNSC": "UN",
    "ECOWAS": "ECOWAS", "SCO": "SCO", "BRICS": "BRICS", "G7": "G7", "G-7": "G7", "G20": "G20",
    "G-20": "G20", "OAS": "OAS", "GCC": "GCC", "ECB": "EU", "OECD": "OECD", "WFP": "UN",
    "UNRWA": "UN", "MSF": "NGO", "ICRC": "NGO",
}

DEMONYMS: dict[str, str] = {
    "american": "USA", "u.s.": "USA", "russian": "RUS", "ukrainian": "UKR", "chinese": "CHN",
    "british": "GBR", "english": "GBR", "scottish": "GBR", "welsh": "GBR", "briton": "GBR",
    "french": "FRA", "german": "DEU", "west german": "DEU", "east german": "DEU",
    "italian": "ITA", "spanish": "ESP", "japanese": "JPN", "south korean": "KOR",
    "north korean": "PRK", "indian": "IND", "pakistani": "PAK", "pakistan": "PAK",
    "afghan": "AFG", "iranian": "IRN", "iraqi": "IRQ", "syrian": "SYR", "israeli": "ISR",
    "palestinian": "PSE", "egyptian": "EGY", "saudi": "SAU", "turkish": "TUR",
    "hungarian": "HUN", "polish": "POL", "pole": "POL", "canadian": "CAN", "mexican": "MEX",
    "brazilian": "BRA", "argentine": "ARG", "argentinian": "ARG", "australian": "AUS",
    "lebanese": "LBN", "jordanian": "JOR", "libyan": "LBY", "sudanese": "SDN",
    "south sudanese": "SSD", "nigerian": "NGA", "kenyan": "KEN", "ethiopian": "ETH",
    "eritrean": "ERI", "somali": "SOM", "yemeni": "YEM", "houthi": "YEM", "qatari": "QAT",
    "emirati": "ARE", "belarusian": "BLR", "georgian": "GEO", "armenian": "ARM",
    "azerbaijani": "AZE", "serbian": "SRB", "serb": "SRB", "croatian": "HRV", "croat": "HRV",
    "bosnian": "BIH", "albanian": "ALB", "greek": "GRC", "cypriot": "CYP", "dutch": "NLD",
    "belgian": "BEL", "swiss": "CHE", "austrian": "AUT", "swedish": "SWE", "swede": "SWE",
    "norwegian": "NOR", "danish": "DNK", "dane": "DNK", "finnish": "FIN", "finn": "FIN",
    "irish": "IRL", "icelandic": "ISL", "portuguese": "PRT", "romanian": "ROU",
    "bulgarian": "BGR", "czech": "CZE", "slovak": "SVK", "venezuelan": "VEN",
    "colombian": "COL", "peruvian": "PER", "chilean": "CHL", "cuban": "CUB",
    "vietnamese": "VNM", "thai": "THA", "indonesian": "IDN", "malaysian": "MYS",
    "filipino": "PHL", "philippine": "PHL", "burmese": "MMR", "bangladeshi": "BGD",
    "sri lankan": "LKA", "nepalese": "NPL", "nepali": "NPL", "taiwanese": "TWN",
    "mongolian": "MNG", "kazakh": "KAZ", "kazakhstani": "KAZ", "uzbek": "UZB",
    "algerian": "DZA", "moroccan": "MAR", "tunisian": "TUN", "south african": "ZAF",
    "zimbabwean": "ZWE", "ugandan": "UGA", "rwandan": "RWA", "burundian": "BDI",
    "congolese": "COD", "ghanaian": "GHA", "malian": "MLI", "nigerien": "NER",
    "senegalese": "SEN", "ivorian": "CIV", "liberian": "LBR", "cameroonian": "CMR",
    "angolan": "AGO", "mozambican": "MOZ", "zambian": "ZMB", "namibian": "NAM",
    "chadian": "TCD", "mauritanian": "MRT", "fijian": "FJI", "kuwaiti": "KWT",
    "bahraini": "BHR", "omani": "OMN", "new zealander": "NZL", "haitian": "HTI",
    "nicaraguan": "NIC", "salvadoran": "SLV", "guatemalan": "GTM", "honduran": "HND",
    "panamanian": "PAN", "costa rican": "CRI", "dominican": "DOM", "jamaican": "JAM",
    "ecuadorian": "ECU", "bolivian": "BOL", "paraguayan": "PRY", "uruguayan": "URY",
    "estonian": "EST", "latvian": "LVA", "lithuanian": "LTU", "slovenian": "SVN",
    "macedonian": "MKD", "montenegrin": "MNE", "moldovan": "MDA", "kosovar": "XKX",
    "chechen": "RUS", "tajik": "TJK", "kyrgyz": "KGZ", "turkmen": "TKM", "cambodian": "KHM",
    "laotian": "LAO", "singaporean": "SGP", "soviet": "RUS", "korean": "KOR",
    "gazan": "PSE", "crimean": "UKR", "tibetan": "CHN", "uyghur": "CHN", "uighur": "CHN",
    "kiwi": "NZL", "aussie": "AUS", "gambian": "GMB", "sierra leonean": "SLE",
    "kampuchean": "KHM", "ghanian": "GHA", "guinean": "GIN", "beninese": "BEN",
    "togolese": "TGO", "burkinabe": "BFA", "malawian": "MWI", "botswanan": "BWA",
    "gabonese": "GAB", "djiboutian": "DJI", "bhutanese": "BTN", "maldivian": "MDV",
    "trinidadian": "TTO", "belizean": "BLZ", "surinamese": "SUR", "guyanese": "GUY",
    "bahamian": "BHS", "barbadian": "BRB", "maltese": "MLT", "icelander": "ISL",
    "monegasque": "MCO", "andorran": "AND", "rhodesian": "ZWE", "zairean": "COD",
    "zairian": "COD", "sahrawi": "ESH", "papuan": "PNG",
    "emirian": "ARE", "yugoslav": "SRB", "czechoslovak": "CZE",
}

# Seats of government and places that stand for a state in news copy.
METONYMS: dict[str, str] = {
    "white house": "USA", "washington": "USA", "pentagon": "USA", "state department": "USA",
    "capitol hill": "USA", "congress": "USA", "oval office": "USA", "foggy bottom": "USA",
    "kremlin": "RUS", "moscow": "RUS", "kyiv": "UKR", "kiev": "UKR", "bankova": "UKR",
    "beijing": "CHN", "zhongnanhai": "CHN", "downing street": "GBR", "number 10": "GBR",
    "london": "GBR", "whitehall": "GBR", "westminster": "GBR", "elysee": "FRA",
    "élysée": "FRA", "elysee palace": "FRA", "élysée palace": "FRA", "quai d'orsay": "FRA",
    "paris": "FRA", "berlin": "DEU", "tokyo": "JPN", "seoul": "KOR", "pyongyang": "PRK",
    "tehran": "IRN", "damascus": "SYR", "baghdad": "IRQ", "kabul": "AFG", "islamabad": "PAK",
    "new delhi": "IND", "ankara": "TUR", "budapest": "HUN", "warsaw": "POL", "jerusalem": "ISR",
    "knesset": "ISR", "cairo": "EGY", "riyadh": "SAU", "ottawa": "CAN", "canberra": "AUS",
    "brasilia": "BRA", "brasília": "BRA", "havana": "CUB", "caracas": "VEN", "minsk": "BLR",
    "tbilisi": "GEO", "taipei": "TWN", "rome": "ITA", "madrid": "ESP", "beirut": "LBN",
    "amman": "JOR", "doha": "QAT", "abu dhabi": "ARE", "tripoli": "LBY", "khartoum": "SDN",
    "addis ababa": "ETH", "nairobi": "KEN", "abuja": "NGA", "pretoria": "ZAF",
    "algiers": "DZA", "rabat": "MAR", "tunis": "TUN", "sanaa": "YEM", "muscat": "OMN",
    "kuwait city": "KWT", "manama": "BHR", "baku": "AZE", "yerevan": "ARM", "belgrade": "SRB",
    "zagreb": "HRV", "sarajevo": "BIH", "tirana": "ALB", "athens": "GRC", "nicosia": "CYP",
    "vienna": "AUT", "bern": "CHE", "stockholm": "SWE", "oslo": "NOR", "copenhagen": "DNK",
    "helsinki": "FIN", "dublin": "IRL", "lisbon": "PRT", "bucharest": "ROU", "sofia": "BGR",
    "prague": "CZE", "bratislava": "SVK", "vilnius": "LTU", "riga": "LVA", "tallinn": "EST",
    "chisinau": "MDA", "mexico city": "MEX", "bogota": "COL", "bogotá": "COL", "lima": "PER",
    "santiago": "CHL", "buenos aires": "ARG", "quito": "ECU", "la paz": "BOL",
    "managua": "NIC", "hanoi": "VNM", "bangkok": "THA", "jakarta": "IDN",
    "kuala lumpur": "MYS", "manila": "PHL", "naypyitaw": "MMR", "dhaka": "BGD",
    "colombo": "LKA", "kathmandu": "NPL", "khatmandu": "NPL", "ulaanbaatar": "MNG",
    "astana": "KAZ", "tashkent": "UZB", "the hague": "NLD", "amsterdam": "NLD",
    "brussels": "BEL", "wellington": "NZL", "monrovia": "LBR", "kinshasa": "COD",
    "kigali": "RWA", "kampala": "UGA", "mogadishu": "SOM", "harare": "ZWE", "luanda": "AGO",
    "maputo": "MOZ", "dakar": "SEN", "bamako": "MLI", "accra": "GHA", "abidjan": "CIV",
    "tel aviv": "ISR", "ramallah": "PSE",
}

# Metonyms that name an institution rather than a city: entity type ORG, sector.
INSTITUTION_METONYMS: dict[str, str] = {
    "white house": "GOV", "pentagon": "MIL", "state department": "GOV", "kremlin": "GOV",
    "downing street": "GOV", "number 10": "GOV", "elysee": "GOV", "élysée": "GOV",
    "elysee palace": "GOV", "élysée palace": "GOV", "quai d'orsay": "GOV", "whitehall": "GOV",
    "zhongnanhai": "GOV", "oval office": "GOV", "congress": "LEG", "capitol hill": "LEG",
    "knesset": "LEG", "bankova": "GOV", "foggy bottom": "GOV",
}

IGOS: dict[str, str] = {
    "nato": "NATO", "north atlantic treaty organization": "NATO",
    "north atlantic treaty organisation": "NATO", "north atlantic alliance": "NATO",
    "u.n.": "UN", "united nations": "UN", "security council": "UN",
    "u.n. security council": "UN", "un security council": "UN",
    "united nations security council": "UN", "u.n. general assembly": "UN",
    "un general assembly": "UN", "general assembly": "UN", "unicef": "UN", "unhcr": "UN",
    "unesco": "UN", "world food programme": "UN", "world food program": "UN", "unrwa": "UN",
    "eu": "EU", "e.u.": "EU", "european union": "EU", "european commission": "EU",
    "european council": "EU", "european parliament": "EU", "european central bank": "EU",
    "european community": "EU", "imf": "IMF", "international monetary fund": "IMF",
    "world bank": "WB", "world health organization": "WHO", "world health organisation": "WHO",
    "opec": "OPEC", "african union": "AU", "arab league": "ARL", "league of arab states": "ARL",
    "asean": "ASEAN", "osce": "OSCE", "wto": "WTO", "world trade organization": "WTO",
    "iaea": "IAEA", "international atomic energy agency": "IAEA",
    "international criminal court": "ICC", "international court of justice": "ICJ",
    "interpol": "IGO", "g7": "G7", "g-7": "G7", "group of seven": "G7", "g20": "G20",
    "g-20": "G20", "group of 20": "G20", "ecowas": "ECOWAS", "brics": "BRICS",
    "shanghai cooperation organization": "SCO", "organization of american states": "OAS",
    "gulf cooperation council": "GCC", "council of europe": "IGO", "oecd": "OECD",
    "red cross": "NGO", "international committee of the red cross": "NGO",
    "amnesty international": "NGO", "human rights watch": "NGO",
    "doctors without borders": "NGO", "medecins sans frontieres": "NGO",
    "médecins sans frontières": "NGO", "greenpeace": "NGO",
}

# Armed and political groups coded, as event datasets do, to the country they act in.
GROUPS: dict[str, tuple[str, str]] = {
    "hamas": ("PSE", "REB"), "hezbollah": ("LBN", "REB"), "hizbollah": ("LBN", "REB"),
    "islamic jihad": ("PSE", "REB"), "palestinian islamic jihad": ("PSE", "REB"),
    "fatah": ("PSE", "PTY"), "plo": ("PSE", "GOV"), "palestinian authority": ("PSE", "GOV"),
    "palestine liberation organization": ("PSE", "GOV"),
    "palestinian liberation organization": ("PSE", "GOV"), "taliban": ("AFG", "REB"),
    "houthis": ("YEM", "REB"), "houthi": ("YEM", "REB"), "al-shabab": ("SOM", "REB"),
    "al-shabaab": ("SOM", "REB"), "boko haram": ("NGA", "REB"), "unita": ("AGO", "REB"),
    "kurdistan workers' party": ("TUR", "REB"), "kurdistan workers party": ("TUR", "REB"),
    "farc": ("COL", "REB"), "eln": ("COL", "REB"), "pkk": ("TUR", "REB"),
    "hts": ("SYR", "REB"), "wagner": ("RUS", "MIL"), "wagner group": ("RUS", "MIL"),
    "idf": ("ISR", "MIL"), "israel defense forces": ("ISR", "MIL"),
    "tamil tigers": ("LKA", "REB"), "liberation tigers of tamil eelam": ("LKA", "REB"),
    "ltte": ("LKA", "REB"), "m23": ("COD", "REB"), "rapid support forces": ("SDN", "MIL"),
    "rsf": ("SDN", "MIL"), "ira": ("GBR", "REB"), "kla": ("XKX", "REB"),
    "moro islamic liberation front": ("PHL", "REB"), "milf": ("PHL", "REB"),
    "npfl": ("LBR", "REB"), "islamic salvation front": ("DZA", "REB"),
    "irgc": ("IRN", "MIL"), "revolutionary guards": ("IRN", "MIL"),
    "islamic revolutionary guard corps": ("IRN", "MIL"), "mossad": ("ISR", "SPY"),
    "cia": ("USA", "SPY"), "fbi": ("USA", "COP"), "fsb": ("RUS", "SPY"), "sbu": ("UKR", "SPY"),
    "kgb": ("RUS", "SPY"), "mi6": ("GBR", "SPY"), "shin bet": ("ISR", "SPY"),
}

# Role words -> PLOVER sector. Multi-word keys are matched before single words.
SECTORS: dict[str, str] = {
    "president": "GOV", "vice president": "GOV", "prime minister": "GOV", "minister": "GOV",
    "secretary": "GOV", "chancellor": "GOV", "premier": "GOV", "king": "GOV", "queen": "GOV",
    "emir": "GOV", "sultan": "GOV", "crown prince": "GOV", "prince": "GOV", "monarch": "GOV",
    "supreme leader": "GOV", "head of state": "GOV", "government": "GOV", "cabinet": "GOV",
    "regime": "GOV", "authorities": "GOV", "official": "GOV", "officials": "GOV",
    "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV", "press secretary": "GOV",
    "ambassador": "GOV", "diplomat": "GOV", "diplomats": "GOV", "envoy": "GOV",
    "negotiator": "GOV", "negotiators": "GOV", "delegation": "GOV", "aide": "GOV",
    "aides": "GOV", "adviser": "GOV", "advisor": "GOV", "governor": "GOV", "mayor": "GOV",
    "administration": "GOV", "ministry": "GOV", "department": "GOV", "leader": "GOV",
    "leaders": "GOV", "foreign ministry": "GOV", "rulers": "GOV", "ruler": "GOV",
    "administrators": "GOV", "junta": "MIL", "dictator": "GOV", "consul": "GOV",
    "senator": "LEG", "sen.": "LEG", "rep.": "LEG", "lawmaker": "LEG", "lawmakers": "LEG",
    "legislator": "LEG", "legislators": "LEG", "parliament": "LEG", "parliamentary": "LEG",
    "congressman": "LEG", "congresswoman": "LEG", "mp": "LEG", "mps": "LEG", "senate": "LEG",
    "assembly": "LEG", "national assembly": "LEG", "duma": "LEG", "speaker": "LEG",
    "legislature": "LEG",
    "army": "MIL", "military": "MIL", "troops": "MIL", "troop": "MIL", "soldiers": "MIL",
    "soldier": "MIL", "general": "MIL", "gen.": "MIL", "forces": "MIL", "navy": "MIL",
    "air force": "MIL", "warships": "MIL", "warplanes": "MIL", "jets": "MIL",
    "aircraft": "MIL", "commander": "MIL", "commanders": "MIL", "militiamen": "MIL",
    "defense ministry": "MIL", "defence ministry": "MIL", "armed forces": "MIL",
    "marines": "MIL", "admiral": "MIL", "adm.": "MIL", "colonel": "MIL", "col.": "MIL",
    "drones": "MIL", "artillery": "MIL", "tanks": "MIL", "paratroopers": "MIL",
    "security forces": "MIL", "coast guard": "MIL", "defense secretary": "GOV",
    "police": "COP", "policemen": "COP", "police department": "COP", "police force": "COP",
    "police officers": "COP", "riot police": "COP",
    "security chief": "COP", "border guards": "COP", "interior ministry": "COP",
    "rebels": "REB", "rebel": "REB", "insurgents": "REB", "insurgent": "REB",
    "militants": "REB", "militant": "REB", "guerrillas": "REB", "guerrilla": "REB",
    "guerillas": "REB", "militia": "REB", "militias": "REB", "separatists": "REB",
    "fighters": "REB", "jihadists": "REB", "extremists": "REB", "terrorists": "REB",
    "gunmen": "REB", "armed groups": "REB",
    "opposition": "OPP", "dissidents": "OPP", "dissident": "OPP", "opposition leader": "OPP",
    "party": "PTY", "protesters": "CVL", "protestors": "CVL", "demonstrators": "CVL",
    "students": "EDU", "civilians": "CVL", "residents": "CVL", "villagers": "CVL",
    "citizens": "CVL", "people": "CVL", "population": "CVL", "activists": "CVL",
    "landowners": "CVL", "farmers": "AGR", "refugees": "REF", "migrants": "REF",
    "asylum seekers": "REF", "workers": "LAB", "union": "LAB", "unions": "LAB",
    "trade union": "LAB", "strikers": "LAB", "company": "BUS", "companies": "BUS",
    "firm": "BUS", "firms": "BUS", "ceo": "BUS", "chief executive": "BUS",
    "businessmen": "BUS", "executives": "BUS", "bank": "BUS", "corporation": "BUS",
    "court": "JUD", "supreme court": "JUD", "constitutional court": "JUD", "judge": "JUD",
    "judges": "JUD", "justice": "JUD", "prosecutor": "JUD", "prosecutors": "JUD",
    "attorney general": "JUD", "tribunal": "JUD", "judiciary": "JUD",
    "journalist": "MED", "journalists": "MED", "newspaper": "MED", "reporters": "MED",
    "reporter": "MED", "media": "MED", "broadcaster": "MED", "editor": "MED",
    "doctors": "HLH", "doctor": "HLH", "hospital": "HLH", "nurses": "HLH",
    "clergy": "REL", "church": "REL", "priest": "REL", "bishop": "REL", "pope": "REL",
    "imam": "REL", "reverend": "REL", "rev.": "REL", "rabbi": "REL", "cleric": "REL",
    "clerics": "REL", "missionary": "REL",
    "spy": "SPY", "intelligence": "SPY", "spies": "SPY", "intelligence agency": "SPY",
    "teachers": "EDU", "university": "EDU", "professor": "EDU",
    "representative": "LEG", "lieutenant general": "MIL",
    "secretary general": "GOV", "secretary-general": "GOV", "rep": "LEG", "gov.": "GOV",
    "gov": "GOV", "gen": "MIL", "lt": "MIL", "col": "MIL", "adm": "MIL", "sen": "LEG",
    "vice-president": "GOV", "deputy": "GOV", "foreign minister": "GOV",
    "elders": "CVL", "politicians": "GOV", "settlers": "CVL", "immigrants": "REF",
    "hostage-takers": "REB", "kidnappers": "CRM", "criminals": "CRM", "gang": "CRM",
    "gangs": "CRM", "smugglers": "CRM", "traffickers": "CRM", "cartel": "CRM",
}

# Titles that stand before a personal name ("Foreign Minister Lavrov"). Each is
# a role; country and sector come from the words around it. Longest first wins.
TITLES: frozenset[str] = frozenset({
    "president", "vice president", "president-elect", "prime minister", "deputy prime minister",
    "minister", "foreign minister", "defense minister", "defence minister", "finance minister",
    "interior minister", "economy minister", "energy minister", "health minister",
    "justice minister", "trade minister", "deputy foreign minister", "secretary",
    "secretary of state", "secretary-general", "secretary general", "defense secretary",
    "defence secretary", "foreign secretary", "home secretary", "treasury secretary",
    "commerce secretary", "press secretary", "war secretary", "homeland security secretary",
    "health secretary", "energy secretary", "interior secretary", "chancellor", "premier",
    "king", "queen", "prince", "crown prince", "princess", "emir", "sultan", "sheikh", "pope",
    "supreme leader", "ayatollah", "senator", "sen.", "rep.", "representative",
    "congressman", "congresswoman", "gov.", "governor", "lt. gov.", "mayor", "speaker",
    "house speaker", "senate majority leader", "majority leader", "minority leader",
    "leader", "opposition leader", "general", "gen.", "lt. gen.", "maj. gen.", "brig. gen.",
    "admiral", "adm.", "colonel", "col.", "lt. col.", "major", "maj.", "captain", "capt.",
    "lieutenant", "lt.", "sgt.", "sergeant", "acting", "assistant", "interim", "commander", "field marshal", "marshal",
    "judge", "justice", "chief justice", "attorney general", "prosecutor", "ambassador",
    "envoy", "special envoy", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "chair", "ceo", "chief executive", "director", "chief", "commissioner", "head",
    "national security adviser", "national security advisor", "adviser", "advisor",
    "aide", "first lady", "vice-president", "vice chancellor", "deputy", "presidential envoy",
    "dr.", "rev.", "father", "bishop", "archbishop", "cardinal", "imam",
    "diplomat", "top diplomat", "chief diplomat", "negotiator", "chief negotiator",
    "coordinator", "special coordinator", "special representative",
})

# Nouns that relate an actor to another: "Israel's militia ally" is not Israel.
RELATIONS: frozenset[str] = frozenset({
    "ally", "allies", "proxy", "proxies", "enemy", "enemies", "foe", "foes", "rival", "rivals",
    "opponent", "opponents", "critic", "critics", "adversary", "adversaries", "neighbour",
    "neighbours", "neighbor", "neighbors", "counterpart", "counterparts", "partner",
    "partners", "nemesis", "detractors", "backers", "patron", "client",
})

# Courtesy titles: stripped from names but not a role.
HONORIFICS: frozenset[str] = frozenset({
    "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "madam",
    "mme.", "m.", "herr", "señor", "senor",
})

# Words that end up tagged as names in scraped pages but are page furniture.
FURNITURE: frozenset[str] = frozenset({
    "photo", "photos", "picture", "pictures", "image", "images", "video", "videos",
    "advertisement", "advertising", "sponsored", "sponsored content", "share", "share this",
    "subscribe", "newsletter", "staff", "getty", "getty images", "ap photo", "afp photo",
    "reuters photo", "file photo", "caption", "credit", "click", "read more", "related",
    "copyright", "all rights reserved", "twitter", "facebook", "whatsapp", "linkedin",
    "email", "print", "comments", "login", "sign up", "menu", "home", "watch", "listen",
    "getty images/afp", "shutterstock", "tags", "tag", "topics", "trending", "more",
})

# Abbreviated titles written out as roles ("Sen." -> "Senator").
ROLE_FORMS: dict[str, str] = {
    "sen.": "Senator", "rep.": "Representative", "gov.": "Governor", "lt. gov.": "Lieutenant Governor",
    "gen.": "General", "lt. gen.": "Lieutenant General", "maj. gen.": "Major General",
    "brig. gen.": "Brigadier General", "adm.": "Admiral", "col.": "Colonel",
    "lt. col.": "Lieutenant Colonel", "maj.": "Major", "capt.": "Captain", "lt.": "Lieutenant",
    "sgt.": "Sergeant", "rev.": "Reverend", "dr.": "Doctor",
}

# Last words of newspaper, agency and broadcaster names: such an ORG is media.
MEDIA_WORDS: frozenset[str] = frozenset({
    "news", "times", "post", "journal", "tribune", "herald", "gazette", "telegraph", "guardian",
    "daily", "radio", "tv", "television", "broadcasting", "press", "enquirer", "chronicle",
    "magazine", "network", "newspaper", "observer", "examiner", "courier", "sun", "star",
    "reuters", "bloomberg", "associated press", "news agency", "wire", "today", "independent",
})

# AP-style state abbreviations in datelines and party tags ("Springfield, Ill.").
US_STATE_ABBREVIATIONS: frozenset[str] = frozenset({
    "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.",
    "kan.", "ky.", "la.", "md.", "mass.", "mich.", "minn.", "miss.", "mo.", "mont.", "neb.",
    "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "okla.", "ore.", "pa.", "r.i.",
    "s.c.", "s.d.", "tenn.", "vt.", "va.", "wash.", "w.va.", "wis.", "wyo.", "d.c.",
    "washington, d.c.", "new york city", "nyc",
})

# Regions that are no country: GeoNames has towns of these names ("Africa" in Tunisia).
REGIONS: frozenset[str] = frozenset({
    "africa", "europe", "asia", "america", "north america", "south america", "latin america",
    "central america", "middle east", "the middle east", "mideast", "near east", "far east",
    "east asia", "southeast asia", "south asia", "central asia", "eastern europe",
    "western europe", "central europe", "the west", "west", "east", "north", "south", "central",
    "northern", "southern", "eastern", "western", "midwest", "the midwest",
    "gulf", "persian gulf", "the gulf", "balkans", "baltic", "baltics", "caucasus", "sahel",
    "horn of africa", "caribbean", "pacific", "atlantic", "arctic", "antarctica", "oceania",
    "scandinavia", "mediterranean", "asia-pacific", "indo-pacific", "eurasia", "sub-saharan africa",
    "west africa", "east africa", "north africa", "southern africa", "latin", "oriental",
})

# Last words of organisation names: a "PERSON" ending so is an organisation ("Patriot Coal").
ORG_WORDS: frozenset[str] = frozenset({
    "inc", "inc.", "corp", "corp.", "co", "co.", "llc", "ltd", "ltd.", "plc", "ag", "sa", "gmbh",
    "group", "bank", "coal", "oil", "energy", "gas", "airlines", "airways", "motors", "university",
    "college", "institute", "foundation", "association", "committee", "council", "party",
    "club", "union", "church", "ministry", "department", "agency", "commission", "fund",
    "company", "corporation", "holdings", "partners", "capital", "technologies", "systems",
    "industries", "international", "labs", "pharmaceuticals", "entertainment", "media",
    "studios", "records", "federation", "league", "society", "center", "centre", "trust",
    "authority", "board", "bureau", "office", "service", "services", "army", "navy", "police",
    "hospital", "school", "academy", "network", "forces", "brigade", "battalion", "movement",
    "front", "alliance", "coalition", "organization", "organisation", "assembly", "parliament",
})

# News organisations named by a single word or acronym, which NER often tags as a person or place.
OUTLETS: frozenset[str] = frozenset({
    "reuters", "bloomberg", "associated press", "ap", "afp", "agence france-presse", "xinhua",
    "tass", "ria novosti", "interfax", "cnn", "bbc", "al jazeera", "nhk", "yonhap", "kyodo",
    "fox news", "msnbc", "nbc", "cbs", "abc", "npr", "politico", "axios", "breitbart", "upi",
    "dpa", "ansa", "efe", "anadolu", "irna", "kcna", "sana", "wafa", "ukrinform", "itar-tass",
    "sputnik", "rt", "cnbc", "pbs", "c-span", "oan", "newsmax", "huffpost", "buzzfeed", "vox",
})
