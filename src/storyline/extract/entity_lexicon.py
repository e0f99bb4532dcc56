"""Word lists the entity extractor applies: demonyms, place aliases, facility and group nouns.

Why hand-written data: the demonym table (country → adjective and people nouns) is not in
spaCy, and the usual source, pycountry, has names but no demonyms and is not a dependency.
About 190 countries and 40 regions cover what news English uses; a demonym that is missing
only costs recall ("Bhutanese" is then dropped, never mislabelled). Every table is plain data,
so a reviewer can extend it without reading the code that applies it
(:mod:`storyline.extract.entities`).
"""

from __future__ import annotations


def _names(block: str) -> frozenset[str]:
    """Comma-separated names in a text block (dense word lists stay readable as text)."""
    return frozenset(name.strip() for name in block.split(",") if name.strip())


#: Canonical country (or territory) name → demonyms (adjective, person, people). Every form
#: links to the country as a LOC mention ("Russian", "Russians" → Russia). Ambiguous forms are
#: left out on purpose: "Korean" (which Korea?), "Jewish"/"Arab"/"Kurdish" (peoples, not
#: states), "English"/"Spanish" stay (they name England and Spain far more often than a
#: language in news prose, and languages are rarely annotated as entities).
COUNTRY_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghan", "Afghans"),
    "Albania": ("Albanian", "Albanians"),
    "Algeria": ("Algerian", "Algerians"),
    "Andorra": ("Andorran", "Andorrans"),
    "Angola": ("Angolan", "Angolans"),
    "Argentina": ("Argentine", "Argentinian", "Argentines", "Argentinians"),
    "Armenia": ("Armenian", "Armenians"),
    "Australia": ("Australian", "Australians"),
    "Austria": ("Austrian", "Austrians"),
    "Azerbaijan": ("Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"),
    "Bahrain": ("Bahraini", "Bahrainis"),
    "Bangladesh": ("Bangladeshi", "Bangladeshis"),
    "Belarus": ("Belarusian", "Belarusians", "Belarussian"),
    "Belgium": ("Belgian", "Belgians"),
    "Benin": ("Beninese",),
    "Bolivia": ("Bolivian", "Bolivians"),
    "Bosnia and Herzegovina": ("Bosnian", "Bosnians"),
    "Botswana": ("Botswanan",),
    "Brazil": ("Brazilian", "Brazilians"),
    "Bulgaria": ("Bulgarian", "Bulgarians"),
    "Burkina Faso": ("Burkinabe",),
    "Burundi": ("Burundian", "Burundians"),
    "Cambodia": ("Cambodian", "Cambodians"),
    "Cameroon": ("Cameroonian", "Cameroonians"),
    "Canada": ("Canadian", "Canadians"),
    "Central African Republic": (),
    "Chad": ("Chadian", "Chadians"),
    "Chile": ("Chilean", "Chileans"),
    "China": ("Chinese",),
    "Colombia": ("Colombian", "Colombians"),
    "Congo": ("Congolese",),
    "Costa Rica": ("Costa Rican", "Costa Ricans"),
    "Croatia": ("Croatian", "Croatians", "Croat", "Croats"),
    "Cuba": ("Cuban", "Cubans"),
    "Cyprus": ("Cypriot", "Cypriots"),
    "Czech Republic": ("Czech", "Czechs"),
    "Denmark": ("Danish", "Dane", "Danes"),
    "Djibouti": ("Djiboutian",),
    "Dominican Republic": ("Dominican", "Dominicans"),
    "DR Congo": (),
    "Ecuador": ("Ecuadorian", "Ecuadorean", "Ecuadorians"),
    "Egypt": ("Egyptian", "Egyptians"),
    "El Salvador": ("Salvadoran", "Salvadorans", "Salvadorian"),
    "England": ("English",),
    "Eritrea": ("Eritrean", "Eritreans"),
    "Estonia": ("Estonian", "Estonians"),
    "Eswatini": ("Swazi",),
    "Ethiopia": ("Ethiopian", "Ethiopians"),
    "Fiji": ("Fijian", "Fijians"),
    "Finland": ("Finnish", "Finns"),
    "France": ("French", "Frenchman", "Frenchmen", "Frenchwoman"),
    "Gabon": ("Gabonese",),
    "Gambia": ("Gambian", "Gambians"),
    "Georgia": ("Georgian", "Georgians"),
    "Germany": ("German", "Germans"),
    "Ghana": ("Ghanaian", "Ghanaians"),
    "Greece": ("Greek", "Greeks"),
    "Guatemala": ("Guatemalan", "Guatemalans"),
    "Guinea": ("Guinean", "Guineans"),
    "Haiti": ("Haitian", "Haitians"),
    "Honduras": ("Honduran", "Hondurans"),
    "Hong Kong": ("Hongkonger", "Hongkongers"),
    "Hungary": ("Hungarian", "Hungarians"),
    "Iceland": ("Icelandic", "Icelander", "Icelanders"),
    "India": ("Indian", "Indians"),
    "Indonesia": ("Indonesian", "Indonesians"),
    "Iran": ("Iranian", "Iranians"),
    "Iraq": ("Iraqi", "Iraqis"),
    "Ireland": ("Irish", "Irishman", "Irishmen"),
    "Israel": ("Israeli", "Israelis"),
    "Italy": ("Italian", "Italians"),
    "Ivory Coast": ("Ivorian", "Ivorians"),
    "Jamaica": ("Jamaican", "Jamaicans"),
    "Japan": ("Japanese",),
    "Jordan": ("Jordanian", "Jordanians"),
    "Kazakhstan": ("Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"),
    "Kenya": ("Kenyan", "Kenyans"),
    "Kosovo": ("Kosovar", "Kosovars"),
    "Kuwait": ("Kuwaiti", "Kuwaitis"),
    "Kyrgyzstan": ("Kyrgyz", "Kyrgyzstani"),
    "Laos": ("Laotian", "Laotians"),
    "Latvia": ("Latvian", "Latvians"),
    "Lebanon": ("Lebanese",),
    "Liberia": ("Liberian", "Liberians"),
    "Libya": ("Libyan", "Libyans"),
    "Liechtenstein": (),
    "Lithuania": ("Lithuanian", "Lithuanians"),
    "Luxembourg": ("Luxembourgish", "Luxembourger", "Luxembourgers"),
    "Madagascar": ("Malagasy",),
    "Malawi": ("Malawian", "Malawians"),
    "Malaysia": ("Malaysian", "Malaysians"),
    "Maldives": ("Maldivian", "Maldivians"),
    "Mali": ("Malian", "Malians"),
    "Malta": ("Maltese",),
    "Mauritania": ("Mauritanian", "Mauritanians"),
    "Mauritius": ("Mauritian", "Mauritians"),
    "Mexico": ("Mexican", "Mexicans"),
    "Moldova": ("Moldovan", "Moldovans"),
    "Monaco": ("Monegasque",),
    "Mongolia": ("Mongolian", "Mongolians"),
    "Montenegro": ("Montenegrin", "Montenegrins"),
    "Morocco": ("Moroccan", "Moroccans"),
    "Mozambique": ("Mozambican", "Mozambicans"),
    "Myanmar": ("Burmese",),
    "Namibia": ("Namibian", "Namibians"),
    "Nepal": ("Nepali", "Nepalese", "Nepalis"),
    "Netherlands": ("Dutch", "Dutchman", "Dutchmen"),
    "New Zealand": ("New Zealander", "New Zealanders"),
    "Nicaragua": ("Nicaraguan", "Nicaraguans"),
    "Niger": ("Nigerien", "Nigeriens"),
    "Nigeria": ("Nigerian", "Nigerians"),
    "North Korea": ("North Korean", "North Koreans"),
    "North Macedonia": ("Macedonian", "Macedonians"),
    "Norway": ("Norwegian", "Norwegians"),
    "Oman": ("Omani", "Omanis"),
    "Pakistan": ("Pakistani", "Pakistanis"),
    "Palestine": ("Palestinian", "Palestinians"),
    "Panama": ("Panamanian", "Panamanians"),
    "Papua New Guinea": ("Papua New Guinean",),
    "Paraguay": ("Paraguayan", "Paraguayans"),
    "Peru": ("Peruvian", "Peruvians"),
    "Philippines": ("Filipino", "Filipinos", "Filipina", "Philippine"),
    "Poland": ("Polish", "Poles"),
    "Portugal": ("Portuguese",),
    "Qatar": ("Qatari", "Qataris"),
    "Romania": ("Romanian", "Romanians"),
    "Russia": ("Russian", "Russians"),
    "Rwanda": ("Rwandan", "Rwandans"),
    "Saudi Arabia": ("Saudi", "Saudis", "Saudi Arabian"),
    "Scotland": ("Scottish", "Scot", "Scots"),
    "Senegal": ("Senegalese",),
    "Serbia": ("Serbian", "Serbians", "Serb", "Serbs"),
    "Sierra Leone": ("Sierra Leonean",),
    "Singapore": ("Singaporean", "Singaporeans"),
    "Slovakia": ("Slovak", "Slovaks", "Slovakian"),
    "Slovenia": ("Slovenian", "Slovenians", "Slovene", "Slovenes"),
    "Somalia": ("Somali", "Somalis"),
    "South Africa": ("South African", "South Africans"),
    "South Korea": ("South Korean", "South Koreans"),
    "South Sudan": ("South Sudanese",),
    "Spain": ("Spanish", "Spaniard", "Spaniards"),
    "Sri Lanka": ("Sri Lankan", "Sri Lankans"),
    "Sudan": ("Sudanese",),
    "Sweden": ("Swedish", "Swede", "Swedes"),
    "Switzerland": ("Swiss",),
    "Syria": ("Syrian", "Syrians"),
    "Taiwan": ("Taiwanese",),
    "Tajikistan": ("Tajik", "Tajiks", "Tajikistani"),
    "Tanzania": ("Tanzanian", "Tanzanians"),
    "Thailand": ("Thai", "Thais"),
    "Togo": ("Togolese",),
    "Trinidad and Tobago": ("Trinidadian", "Trinidadians"),
    "Tunisia": ("Tunisian", "Tunisians"),
    "Turkey": ("Turkish", "Turk", "Turks"),
    "Turkmenistan": ("Turkmen",),
    "Uganda": ("Ugandan", "Ugandans"),
    "Ukraine": ("Ukrainian", "Ukrainians"),
    "United Arab Emirates": ("Emirati", "Emiratis"),
    "United Kingdom": ("British", "Briton", "Britons"),
    "United States": ("American", "Americans"),
    "Uruguay": ("Uruguayan", "Uruguayans"),
    "Uzbekistan": ("Uzbek", "Uzbeks", "Uzbekistani"),
    "Venezuela": ("Venezuelan", "Venezuelans"),
    "Vietnam": ("Vietnamese",),
    "Wales": ("Welsh",),
    "Yemen": ("Yemeni", "Yemenis"),
    "Zambia": ("Zambian", "Zambians"),
    "Zimbabwe": ("Zimbabwean", "Zimbabweans"),
}

#: Regions, continents and cities that have demonyms of their own.
REGION_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Africa": ("African", "Africans"),
    "Asia": ("Asian", "Asians"),
    "Europe": ("European", "Europeans"),
    "Latin America": ("Latin American", "Latin Americans"),
    "Scandinavia": ("Scandinavian", "Scandinavians"),
    "Balkans": ("Balkan",),
    "Baltics": ("Baltic",),
    "Crimea": ("Crimean", "Crimeans"),
    "Chechnya": ("Chechen", "Chechens"),
    "Dagestan": ("Dagestani", "Dagestanis"),
    "Siberia": ("Siberian", "Siberians"),
    "Soviet Union": ("Soviet", "Soviets"),
    "Moscow": ("Muscovite", "Muscovites"),
    "Kashmir": ("Kashmiri", "Kashmiris"),
    "Catalonia": ("Catalan", "Catalans"),
    "Texas": ("Texan", "Texans"),
    "California": ("Californian", "Californians"),
    "Florida": ("Floridian", "Floridians"),
    "Quebec": ("Quebecer", "Quebecers", "Quebecois"),
    "Bavaria": ("Bavarian", "Bavarians"),
    "Sicily": ("Sicilian", "Sicilians"),
    "Tibet": ("Tibetan", "Tibetans"),
    "Gaza": ("Gazan", "Gazans"),
}

#: Other spellings → canonical name. Transliteration variants map to the spelling the
#: country itself uses (Kyiv, Kharkiv, Odesa), abbreviations to the full name.
PLACE_ALIASES: dict[str, str] = {
    "St. Petersburg": "Saint Petersburg",
    "St Petersburg": "Saint Petersburg",
    "St.Petersburg": "Saint Petersburg",
    "Petersburg": "Saint Petersburg",
    "Kiev": "Kyiv",
    "Kharkov": "Kharkiv",
    "Odessa": "Odesa",
    "Lvov": "Lviv",
    "Nikolaev": "Mykolaiv",
    "Nikolayev": "Mykolaiv",
    "Zaporozhye": "Zaporizhzhia",
    "Zaporizhia": "Zaporizhzhia",
    "Zaporozhzhia": "Zaporizhzhia",
    "Dnepr": "Dnipro",
    "Dnipropetrovsk": "Dnipro",
    "Artyomovsk": "Bakhmut",
    "Lugansk": "Luhansk",
    "Donbass": "Donbas",
    "Chernigov": "Chernihiv",
    "Rovno": "Rivne",
    "Vinnitsa": "Vinnytsia",
    "Russian Federation": "Russia",
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "United States of America": "United States",
    "America": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Czechia": "Czech Republic",
    "Holland": "Netherlands",
    "Burma": "Myanmar",
    "Côte d'Ivoire": "Ivory Coast",
    "Cote d'Ivoire": "Ivory Coast",
    "Türkiye": "Turkey",
    "Turkiye": "Turkey",
    "UAE": "United Arab Emirates",
    "U.A.E.": "United Arab Emirates",
    "DRC": "DR Congo",
    "Democratic Republic of Congo": "DR Congo",
    "Democratic Republic of the Congo": "DR Congo",
    "DPRK": "North Korea",
    "Republic of Korea": "South Korea",
    "Gaza Strip": "Gaza",
    "Washington, D.C.": "Washington",
    "Washington DC": "Washington",
    "Mainland China": "China",
    "Peking": "Beijing",
    "Bombay": "Mumbai",
    "Calcutta": "Kolkata",
    "Saigon": "Ho Chi Minh City",
}

#: Names that are places far more often than anything else, found even when spaCy misses
#: them (it often does for Ukrainian and Russian towns). Names that are also common given
#: names or words (Jordan, Chad, Victoria, Nice, Georgia…) are left to spaCy.
PLACES: frozenset[str] = _names(
    """
    Moscow, Saint Petersburg, Kyiv, Kharkiv, Odesa, Lviv, Dnipro, Mykolaiv, Zaporizhzhia,
    Kherson, Donetsk, Luhansk, Mariupol, Bakhmut, Avdiivka, Vuhledar, Soledar, Sievierodonetsk,
    Lysychansk, Kramatorsk, Sloviansk, Pokrovsk, Chasiv Yar, Toretsk, Kupiansk, Izium, Bucha,
    Irpin, Hostomel, Chernihiv, Sumy, Poltava, Vinnytsia, Rivne, Lutsk, Uzhhorod, Ternopil,
    Zhytomyr, Cherkasy, Kropyvnytskyi, Melitopol, Berdiansk, Enerhodar, Nova Kakhovka, Kakhovka,
    Robotyne, Crimea, Sevastopol, Simferopol, Kerch, Donbas, Belgorod, Kursk, Bryansk, Voronezh,
    Rostov, Rostov-on-Don, Krasnodar, Novorossiysk, Sochi, Volgograd, Samara, Saratov, Kazan,
    Nizhny Novgorod, Yekaterinburg, Chelyabinsk, Ufa, Omsk, Novosibirsk, Tomsk, Krasnoyarsk,
    Irkutsk, Vladivostok, Khabarovsk, Murmansk, Arkhangelsk, Kaliningrad, Pskov, Tver, Yaroslavl,
    Ryazan, Kaluga, Smolensk, Lipetsk, Tambov, Penza, Mordovia, Chuvashia, Tatarstan,
    Bashkortostan, Chechnya, Dagestan, Ingushetia, Buryatia, Yakutia, Tuva, Karelia, Siberia,
    Urals, Grozny, Makhachkala, Segezha, Pokrov, Kharp, Transnistria, Abkhazia, South Ossetia,
    Minsk, Tbilisi, Yerevan, Baku, Chisinau, Astana, Almaty, Tashkent, Bishkek, Dushanbe,
    Ashgabat, London, Paris, Berlin, Madrid, Rome, Lisbon, Dublin, Brussels, Amsterdam,
    The Hague, Vienna, Prague, Warsaw, Budapest, Bucharest, Sofia, Belgrade, Zagreb, Athens,
    Ankara, Istanbul, Helsinki, Stockholm, Oslo, Copenhagen, Tallinn, Riga, Vilnius, Bratislava,
    Ljubljana, Geneva, Zurich, Munich, Hamburg, Frankfurt, Milan, Barcelona, Marseille, Lyon,
    Manchester, Edinburgh, Glasgow, Belfast, Washington, New York, Los Angeles, Chicago, Houston,
    San Francisco, Miami, Boston, Seattle, Atlanta, Philadelphia, Detroit, New Orleans, Ottawa,
    Toronto, Montreal, Vancouver, Mexico City, Havana, Caracas, Bogota, Lima, Santiago,
    Buenos Aires, Brasilia, Rio de Janeiro, Sao Paulo, Beijing, Shanghai, Hong Kong, Shenzhen,
    Wuhan, Taipei, Tokyo, Osaka, Seoul, Pyongyang, Manila, Jakarta, Bangkok, Hanoi,
    Ho Chi Minh City, Kuala Lumpur, Singapore, New Delhi, Delhi, Mumbai, Kolkata, Chennai,
    Bangalore, Karachi, Lahore, Islamabad, Peshawar, Quetta, Rawalpindi, Multan, Faisalabad,
    Kabul, Kandahar, Herat, Dhaka, Kathmandu, Colombo, Tehran, Baghdad, Damascus, Beirut, Amman,
    Jerusalem, Tel Aviv, Gaza, West Bank, Riyadh, Jeddah, Doha, Dubai, Abu Dhabi, Muscat, Sanaa,
    Cairo, Tripoli, Tunis, Algiers, Rabat, Khartoum, Addis Ababa, Nairobi, Kampala, Kigali,
    Dar es Salaam, Kinshasa, Lagos, Abuja, Accra, Dakar, Bamako, Niamey, Johannesburg, Cape Town,
    Pretoria, Harare, Luanda, Sydney, Melbourne, Canberra, Auckland, Wellington, Europe, Asia,
    Africa, Latin America, South America, North America, Middle East, Central Asia, Caucasus,
    Balkans, Baltics, Arctic, Antarctica, Black Sea, Sea of Azov, Baltic Sea, Mediterranean,
    Red Sea, Persian Gulf, Pacific, Atlantic, Sahel, Kashmir, Xinjiang, Tibet, Darfur, Punjab,
    Sindh, Balochistan, Kurdistan
    """
)

#: Ambiguous single words left out of :data:`PLACES` searches even though they name
#: countries in the demonym table: spaCy decides these from context.
AMBIGUOUS_PLACE_NAMES: frozenset[str] = _names(
    """
    Chad, Jordan, Niger, Guinea, Mali, Oman, America, US, Petersburg, Pokrov, Georgian,
    Dominican, Scot, Scots, Swazi, Turk
    """
)

#: Organisations that a bare name or acronym identifies unambiguously: the surface form →
#: canonical (full) name. Government seats used as metonyms stay ORG ("the Kremlin said").
ORG_ALIASES: dict[str, str] = {
    "Kremlin": "Kremlin",
    "White House": "White House",
    "Pentagon": "Pentagon",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "United Nations": "United Nations",
    "EU": "European Union",
    "E.U.": "European Union",
    "European Union": "European Union",
    "NATO": "NATO",
    "Nato": "NATO",
    "North Atlantic Treaty Organization": "NATO",
    "IAEA": "International Atomic Energy Agency",
    "FSIN": "Federal Penitentiary Service",
    "FSB": "Federal Security Service",
    "ICC": "International Criminal Court",
    "IMF": "International Monetary Fund",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "UNHCR": "UNHCR",
    "UNICEF": "UNICEF",
    "Wagner": "Wagner Group",
    "Wagner Group": "Wagner Group",
    "PMC Wagner": "Wagner Group",
    "Doctors Without Borders": "Doctors Without Borders",
    "Médecins Sans Frontières": "Doctors Without Borders",
    "Medecins Sans Frontieres": "Doctors Without Borders",
    "MSF": "Doctors Without Borders",
    "Reporters Without Borders": "Reporters Without Borders",
    "Amnesty International": "Amnesty International",
    "Human Rights Watch": "Human Rights Watch",
    "Red Cross": "Red Cross",
    "International Committee of the Red Cross": "International Committee of the Red Cross",
    "ICRC": "International Committee of the Red Cross",
    "World Health Organization": "World Health Organization",
    "World Bank": "World Bank",
    "Interpol": "Interpol",
    "Europol": "Europol",
    "Interfax": "Interfax",
    "TASS": "TASS",
    "Reuters": "Reuters",
    "Associated Press": "Associated Press",
    "Agence France-Presse": "Agence France-Presse",
    "AFP": "Agence France-Presse",
}

#: Surface forms of :data:`ORG_ALIASES` searched in text even when spaCy misses them (only
#: forms that are never ordinary words).
ORG_SEARCH_FORMS: frozenset[str] = _names(
    """
    Kremlin, Pentagon, NATO, IAEA, FSIN, FSB, UNHCR, UNICEF, OSCE, Doctors Without Borders,
    Médecins Sans Frontières, Medecins Sans Frontieres, MSF, Reporters Without Borders,
    Amnesty International, Human Rights Watch, Red Cross,
    International Committee of the Red Cross, ICRC, World Health Organization, World Bank,
    Interpol, Europol, Interfax, TASS, Reuters, Associated Press, Agence France-Presse, AFP
    """
)

#: Words that, right after a name, make it a region and belong to the mention ("Vladimir
#: region", "Ardan Province", "Kherson oblast").
REGION_WORDS: frozenset[str] = _names(
    """
    region, province, oblast, krai, kray, district, county, governorate, prefecture, canton,
    voivodeship, municipality, raion
    """
)

#: Nouns for settlements and territories: "the town of X", "the capital, X", "X, a port
#: city" and "the X city council" show that X is a place whatever spaCy called it.
PLACE_NOUNS: frozenset[str] = _names(
    """
    town, city, village, capital, region, province, district, country, state, island,
    municipality, county, commune, settlement, suburb, hamlet, republic, port, enclave,
    territory, oblast
    """
)

#: Adjectives that put a place name in a part of it ("central Serov", "northern Gaza").
PLACE_PART_ADJECTIVES: frozenset[str] = _names(
    """
    central, northern, southern, eastern, western, northeastern, northwestern, southeastern,
    southwestern, downtown, rural, suburban, coastal
    """
)

#: Nouns after a possessive name that only a country (or region) has: "Estavia's economy".
STATE_POSSESSIONS: frozenset[str] = _names(
    """
    economy, government, president, prime minister, parliament, capital, army, armed forces,
    military, border, borders, population, central bank, constitution, foreign minister,
    foreign ministry, interior ministry, defense ministry, defence ministry, health ministry,
    territory, gdp, currency, embassy, ambassador
    """
)

#: Words after a capitalised name that make it a natural feature (a LOC): "Drava River".
NATURAL_FEATURES: frozenset[str] = _names(
    """
    River, Lake, Mountains, Valley, Sea, Bay, Gulf, Strait, Desert, Peninsula,
    Island, Islands, Canal, Creek, Forest, Plateau, Delta
    """
)

#: Names whose leading capitalised "The" is part of the name (kept even sentence-initially).
NAMES_WITH_THE: frozenset[str] = _names(
    """
    The New York Times, The Washington Post, The Wall Street Journal, The Guardian,
    The Economist, The Times, The Moscow Times, The Insider, The Hague, The Associated Press,
    The Atlantic, The Telegraph, The Independent
    """
)

#: Long function words a Title Case headline may leave in lower case ("Floods Sweep Over …");
#: they do not count against the headline being Title Case.
TITLE_STOP_WORDS: frozenset[str] = _names(
    """
    with, from, into, over, after, about, that, this, than, their, will, have, were, amid
    """
)

#: Titles that spaCy sometimes includes at the start of a PERSON span.
PERSON_TITLES: frozenset[str] = _names(
    """
    Mr, Mr., Mrs, Mrs., Ms, Ms., Dr, Dr., Prof, Prof., Sir, Dame, President, Prime, Minister,
    General, Gen., Col., Colonel, Lt., Sgt., Senator, Sen., Rep., Governor, Gov., Mayor, Judge,
    Justice, Pope, King, Queen, Prince, Princess, Chancellor, Secretary, Commander
    """
)

#: Nouns for a person in an apposition after a name ("Marina Sokolova, his sister"; "X, a
#: lawyer"): the name is a person's whatever label spaCy gave it.
PERSON_APPOSITIVES: frozenset[str] = _names(
    """
    sister, brother, mother, father, wife, husband, son, daughter, aunt, uncle, cousin, widow,
    grandmother, grandfather, niece, nephew, girlfriend, boyfriend, fiancee, lawyer, attorney,
    spokesman, spokeswoman, spokesperson, founder, economist, analyst, teacher, doctor,
    researcher, professor, activist, journalist, editor, reporter, colleague, friend, neighbor,
    neighbour, chairman, chairwoman, commander, soldier, prisoner, inmate, resident, farmer,
    worker, nurse, student, priest, veteran, mayor, governor, deputy, lawmaker
    """
)

#: Lower-case roles written right before a personal name ("former governor Pavel Orlov",
#: "lawyer Yelena Markova"): the name is a person's whatever label spaCy gave it.
PERSON_ROLES: frozenset[str] = PERSON_APPOSITIVES | _names(
    """
    governor, minister, president, premier, senator, judge, colonel, general, sergeant,
    captain, lieutenant, major, commander, spokesman, spokeswoman, director, chief, ceo,
    chairman, head, ambassador, envoy, adviser, advisor, coach, striker, midfielder,
    defender, goalkeeper, singer, actor, actress, author, writer, poet, artist, businessman,
    businesswoman, tycoon, oligarch, blogger, dissident, opposition leader, leader, bishop,
    archbishop, rabbi, imam, cardinal, patriarch, deputy, investigator, prosecutor, detective,
    officer, pilot, scientist, historian, economist, lawmaker, councillor, councilor
    """
)

#: Words spaCy labels as entities that never are (diseases, web furniture, headings).
JUNK_NAMES: frozenset[str] = _names(
    """
    covid, covid-19, coronavirus, omicron, leave a reply, reply, share, comment, comments, photo,
    video, getty, email, advertisement, read more, related, subscribe, newsletter, update,
    breaking, justice, defense, defence, foreign, interior, finance, health, education, economy,
    energy, agriculture, transport, culture, labor, labour, trade, home, prime, deputy,
    emergency, emergencies
    """
)

# ------------------------------------------------------------------------------- facilities

#: Head nouns of facilities (lower case). A capitalised name
#: before one of these makes a named facility ("Lefortovo prison", "Kakhovka dam").
FACILITY_HEADS: frozenset[str] = _names(
    """
    nuclear power plant, nuclear power station, power plant, power station, steel plant,
    steelworks, penal colony, correctional colony, prison colony, labor camp, labour camp,
    prison camp, filtration camp, detention center, detention centre, remand prison, air base,
    airbase, airfield, airport, naval base, military base, prison, jail, colony, camp, dam,
    bridge, refinery, plant, factory, mine, hospital, stadium, pipeline, port, seaport,
    cathedral, monastery, railway station, police station
    """
)

#: Last words of spans spaCy calls ORG that are really facilities or units ("Butyrka Prison",
#: "Azov Brigade").
FACILITY_LAST_WORDS: frozenset[str] = _names(
    """
    prison, jail, colony, camp, airport, airbase, airfield, dam, bridge, refinery, steelworks,
    stadium, hospital, brigade, regiment, battalion
    """
)

#: Lower-case words allowed between a facility's name and its head noun.
FACILITY_MODIFIERS: frozenset[str] = _names(
    """
    nuclear, power, steel, oil, gas, chemical, military, naval, air, penal, correctional,
    corrective, labor, labour, prison, detention, pretrial, pre-trial, remand, hydroelectric,
    thermal, coal, women's, maximum-security, high-security, strict-regime, general-regime,
    international, psychiatric, children's, regional, city, central, federal
    """
)

#: Facility heads that name a kind, not one place: with only a place or demonym before them
#: ("the Moscow prison", "Russian factories") they are no facility name.
GENERIC_FACILITY_HEADS: frozenset[str] = _names(
    """
    prison, jail, colony, camp, hospital, factory, plant, mine, cathedral, monastery,
    police station, stadium
    """
)

#: Capitalised words that never start a facility's or unit's name.
NOT_NAME_WORDS: frozenset[str] = _names(
    """
    The, A, An, In, At, From, To, Of, On, For, And, With, By, Inside, Near, Outside, His, Her,
    Their, Its, Our, Two
    """
)

#: Facility heads that, singular and followed by in/near/outside + a place, make an unnamed
#: but specific facility ("a prison outside St. Petersburg").
LOCATIVE_FACILITY_HEADS: frozenset[str] = _names(
    """
    prison, jail, colony, camp, center, centre, base, airfield, airport, plant, factory,
    refinery, hospital, dam, bridge, mine, port, cemetery, road, highway, school, dormitory,
    clinic, warehouse, market, mosque, church, checkpoint, station, shelter, orphanage,
    barracks, compound, depot, building, stadium, university, morgue, bakery, hotel
    """
)
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset({"in", "near", "outside", "at"})

#: Nouns of military units: after an ordinal ("155th Marine Brigade") or a capitalised name
#: ("Azov Brigade") they make a FAC mention, the issue's convention for units.
UNIT_NOUNS: frozenset[str] = _names(
    """
    Brigade, Regiment, Division, Battalion, Army, Corps, Fleet, Squadron, Detachment, Flotilla
    """
)
#: Lower-case words allowed between a unit's ordinal and its noun ("25th separate airborne
#: brigade").
UNIT_MODIFIERS: frozenset[str] = _names(
    """
    separate, guards, marine, motorized, motorised, rifle, airborne, assault, mechanized,
    mechanised, tank, artillery, air, mountain, special, forces, combined, arms, naval, infantry,
    territorial, defense, defence, national, guard, operational, jaeger, presidential, brigade
    """
)
#: Russian penal institutions written as code plus number ("IK-2", "SIZO-1").
FACILITY_CODES: tuple[str, ...] = ("IK", "SIZO", "LIU", "KP", "IZ", "ShIZO", "LTP", "VK", "PKT")

# ----------------------------------------------------------------------------------- groups

#: Plural nouns for categories of people a researcher tracks: any plural use is a GROUP
#: mention ("convicts", "former inmates", "Military recruiters").
GROUP_HEADS: frozenset[str] = _names(
    """
    inmates, prisoners, convicts, detainees, captives, hostages, pows, criminals, offenders,
    defendants, suspects, debtors, recruiters, recruits, conscripts, draftees, reservists,
    servicemen, servicewomen, soldiers, troops, fighters, mercenaries, volunteers, veterans,
    deserters, officers, officials, guards, snipers, medics, paratroopers, marines, militants,
    insurgents, rebels, separatists, partisans, peacekeepers, civilians, residents, refugees,
    evacuees, migrants, immigrants, seekers, foreigners, voters, protesters, protestors,
    demonstrators, activists, dissidents, journalists, reporters, lawyers, prosecutors,
    investigators, judges, doctors, nurses, workers, employees, miners, farmers, students,
    teachers, patients, victims, survivors, relatives, widows, pensioners, lawmakers,
    legislators, senators, diplomats, rescuers, firefighters, candidates, supporters, opponents,
    critics, analysts, economists, executives, shareholders, investors, consumers, customers,
    villagers, citizens, nationals, orphans, minors, teenagers, objectors, men, women, children,
    girls, boys, adults, youths, families, mothers, fathers, wives, husbands, parents, sons,
    daughters, kids, babies, infants, spouses, neighbors, neighbours, friends, colleagues,
    associates, witnesses, eyewitnesses, bystanders, onlookers, visitors, tourists, passengers,
    pilgrims, commuters, motorists, pedestrians, drivers, pilots, sailors, fishermen, engineers,
    scientists, researchers, experts, specialists, forecasters, meteorologists, epidemiologists,
    physicians, surgeons, paramedics, caregivers, inspectors, auditors,
    commanders, generals, ministers, politicians, parliamentarians, deputies, councillors,
    councilors, mayors, governors, leaders, authorities, police, policemen, gunmen, attackers,
    assailants, kidnappers, smugglers, traffickers, looters, rioters, extremists, terrorists,
    jihadists, combatants, militiamen, commandos, cadets, contractors, laborers, labourers,
    builders, strikers, unionists, organizers, organisers, campaigners, advocates, lobbyists,
    donors, taxpayers, retirees, tenants, homeowners, landlords, owners, households, staffers,
    aides, advisers, advisors, consultants, negotiators, mediators, observers, envoys,
    ambassadors, clerics, priests, monks, nuns, worshippers, believers, spectators,
    athletes, players, coaches, academics, professors, scholars, historians, pupils,
    graduates, jurors, plaintiffs, applicants, deportees, returnees, detectives, hackers,
    traders, bankers, entrepreneurs, managers, inhabitants, locals,
    settlers, herders, shepherds, hunters, climbers, hikers
    """
)

#: Group heads that are also verbs ("the army recruits", "she volunteers"): when the tagger
#: calls one a verb (VBZ), it counts only as a noun in a noun's slot.
VERBAL_GROUP_HEADS: frozenset[str] = _names(
    """
    recruits, guards, volunteers, suspects, rebels, witnesses, nurses, judges, advocates,
    associates, engineers, police, forces, doctors, pilots, coaches, aides, parents, mothers,
    fathers, hunters, traders
    """
)

#: Endings of agent nouns ("forecasters", "organizers", "campaigners"): a plural with one of
#: these that is the subject of a verb of saying is a group of people even when unlisted.
AGENT_SUFFIXES: tuple[str, ...] = ("ers", "ors", "ists", "ians", "ants", "ees", "men")

#: Plurals with an agent ending that name things, not people ("papers said", "committees
#: warned").
NOT_AGENT_NOUNS: frozenset[str] = _names(
    """
    papers, numbers, letters, computers, orders, others, indicators, sectors, factors, sensors,
    monitors, centers, centres, matters, quarters, headquarters, waters, powers, borders,
    chambers, registers, markers, posters, meters, committees, fees, degrees, lists, plants,
    grants, errors, doors, floors, reactors, motors, tractors, filters, layers, containers,
    shelters, towers, figures, elements, documents, statements, arguments, comments, events,
    governments, departments, parliaments, agreements
    """
)

#: Verbs (lemmas) whose subject is a person or a body of people ("Engineers warned").
SPEECH_VERBS: frozenset[str] = _names(
    """
    say, tell, warn, estimate, welcome, argue, complain, accuse, urge, demand, claim, allege,
    insist, deny, confirm, predict, fear, believe, report, add, note, describe, recall, explain,
    testify, protest, criticize, criticise, condemn, praise, call, ask, vow, pledge, announce
    """
)

#: Nouns too general to be a group alone: they count only with a qualifying modifier
#: ("displaced people", "service members", "government forces"), never bare or with just a
#: number ("200 people").
GENERIC_GROUP_HEADS: frozenset[str] = _names(
    """
    people, persons, individuals, members, forces
    """
)

#: Words that end a group's left edge: quantifiers and vague amounts are counts, not part of
#: the category ("most Russian servicewomen" → "Russian servicewomen").
GROUP_STOP_MODIFIERS: frozenset[str] = _names(
    """
    other, such, same, more, most, many, much, few, fewer, several, various, certain, numerous,
    additional, some, all, both, each, every, any, no, only, last, first, next, dozens, hundreds,
    thousands, millions, tens, scores, dozen, hundred, thousand, million, billion, least, total,
    estimated, approximately, about, around, nearly, almost, roughly, over, under, up, less,
    these, those, their, own, remaining, further, extra, latest, s, 's, ’s, whose, what, which
    """
)
