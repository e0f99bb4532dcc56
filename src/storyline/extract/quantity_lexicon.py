"""Word lists and tables that the quantity extractor applies (see :mod:`.quantities`).

Why a constants module: the rules in ``quantities.py`` stay readable and the lists can grow
(a new currency, a new person noun) without touching code. Everything here is lower case
unless it says otherwise; multi-word phrases are matched with flexible whitespace.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words in ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


# ----------------------------------------------------------------------------- modifiers
# phrase -> (bound, approximate). ``bound`` says which side the stated figure limits:
# "low" (more than 40 → low=40, high=None), "high" (up to 12 → low=None, high=12) or
# None (a point value). "nearly"/"almost" stay point values that are approximate: news uses
# them for figures that are close, and a reader compares them with the figure itself.
PRE_MODIFIERS: dict[str, tuple[str | None, bool]] = {
    "about": (None, True),
    "around": (None, True),
    "round about": (None, True),
    "roughly": (None, True),
    "approximately": (None, True),
    "approx.": (None, True),
    "nearly": (None, True),
    "almost": (None, True),
    "close to": (None, True),
    "some": (None, True),
    "an estimated": (None, True),
    "estimated": (None, True),
    "circa": (None, True),
    "ca.": (None, True),
    "~": (None, True),
    "more or less": (None, True),
    "in the region of": (None, True),
    "of the order of": (None, True),
    "on the order of": (None, True),
    "more than": ("low", False),
    "over": ("low", False),
    "at least": ("low", False),
    "upwards of": ("low", False),
    "upward of": ("low", False),
    "in excess of": ("low", False),
    "above": ("low", False),
    "exceeding": ("low", False),
    "no fewer than": ("low", False),
    "no less than": ("low", False),
    "not less than": ("low", False),
    "a minimum of": ("low", False),
    "well over": ("low", False),
    "well above": ("low", False),
    "north of": ("low", False),
    "just over": ("low", True),
    "just above": ("low", True),
    "slightly more than": ("low", True),
    "a little over": ("low", True),
    "up to": ("high", False),
    "fewer than": ("high", False),
    "less than": ("high", False),
    "under": ("high", False),
    "below": ("high", False),
    "at most": ("high", False),
    "no more than": ("high", False),
    "not more than": ("high", False),
    "a maximum of": ("high", False),
    "as many as": ("high", True),
    "as much as": ("high", True),
    "as high as": ("high", True),
    "just under": ("high", True),
    "just below": ("high", True),
    "shy of": ("high", True),
    "just shy of": ("high", True),
    "slightly less than": ("high", True),
}

# Modifiers written after the figure ("40 or more", "50-plus", "40-odd").
POST_MODIFIERS: dict[str, tuple[str | None, bool]] = {
    "or more": ("low", False),
    "and more": ("low", False),
    "or above": ("low", False),
    "and above": ("low", False),
    "and up": ("low", False),
    "plus": ("low", False),
    "+": ("low", False),
    "or so": (None, True),
    "odd": ("low", True),
    "or fewer": ("high", False),
    "or less": ("high", False),
    "at most": ("high", False),
}

# Words that make "over"/"under" a preposition of time or place, not a bound:
# "over three days of talks" is a duration, not "more than three days".
TIME_PREPOSITION_BOUNDS = frozenset({"over", "under"})

# Verbs that take "over" as a particle ("took over 40 towns" = seized them), so "over"
# after them is not a bound even when the parser says so.
OVER_PARTICLE_VERBS = frozenset({"take", "hand", "turn", "sign", "give", "pass", "win"})

# Age cues written before the figure ("aged 45", "at the age of 45").
AGE_PREFIXES = ("at the age of", "aged", "age", "ages")

# ------------------------------------------------------------------------- vague amounts
# Vague quantifiers as (low, high) ranges, always approximate. Convention: a plural scale
# word spans one order of magnitude, from the word's own value to the next ("thousands" →
# 1,000-10,000, "tens of thousands" → 10,000-100,000, matching DESIGN §4); "dozens" runs from
# two dozen to a gross (12 dozen), the convention of docs/eval.md; "scores" starts at two
# score. "several" is 3-9 (more than "a few", fewer than "dozens"), "a few"/"a handful" 2-5,
# "a couple" 2-3.
# "many" only occurs before a scale word ("many thousands" = "thousands").
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "few": (2, 5),
    "handful": (2, 5),
    "couple": (2, 3),
    "several": (3, 9),
    "many": (1, 10),
    "tens": (10, 100),
    "dozens": (24, 144),
    "scores": (40, 100),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "millions": (1_000_000, 10_000_000),
    "billions": (1_000_000_000, 10_000_000_000),
    "trillions": (1_000_000_000_000, 10_000_000_000_000),
}

# ------------------------------------------------------------------------------- percent
PERCENT_UNITS: dict[str, str] = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage point": "percentage point",
    "percentage points": "percentage point",
    "percent points": "percentage point",
    "basis point": "basis point",
    "basis points": "basis point",
    "bps": "basis point",
}

# ------------------------------------------------------------------------------ currency
# Symbols and prefixes written before the figure. Longest first is handled by the regex
# builder. "$" alone is USD: news outside the US writes "A$", "C$" for other dollars.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "$US": "USD",
    "USD": "USD",
    "$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "RUB": "RUB",
    "₴": "UAH",
    "UAH": "UAH",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "CHF": "CHF",
    "CNY": "CNY",
    "JPY": "JPY",
    "CAD": "CAD",
    "AUD": "AUD",
}

# Currency names written after the figure ("500 rubles", "2 million US dollars").
# Ambiguous names are left out: "won" (a verb), "real", plain "peso" and "krone".
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "new zealand dollars": "NZD",
    "singapore dollars": "SGD",
    "taiwan dollars": "TWD",
    "dollars": "USD",
    "dollar": "USD",
    "bucks": "USD",
    "cents": "USD",  # value is scaled by CURRENCY_FRACTIONS
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "pounds": "GBP",  # "pounds of" is a weight: see quantities._unit_after
    "pound": "GBP",
    "pence": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rouble": "RUB",
    "kopecks": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnas": "UAH",
    "hryvnya": "UAH",
    "hryvnyas": "UAH",
    "hryvni": "UAH",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupees": "INR",
    "rupee": "INR",
    "swiss francs": "CHF",
    "francs": "CHF",
    "lira": "TRY",
    "liras": "TRY",
    "shekels": "ILS",
    "shekel": "ILS",
    "naira": "NGN",
    "rand": "ZAR",
    "reais": "BRL",
    "zlotys": "PLN",
    "zloty": "PLN",
    "forints": "HUF",
    "forint": "HUF",
    "dirhams": "AED",
    "dirham": "AED",
    "riyals": "SAR",
    "riyal": "SAR",
    "tenge": "KZT",
    "lari": "GEL",
    "manats": "AZN",
    "manat": "AZN",
    "drams": "AMD",
    "koruna": "CZK",
    "korunas": "CZK",
    "crowns": "CZK",
    "kroner": "NOK",
    "kronor": "SEK",
    "krona": "SEK",
    "lei": "RON",
    "leva": "BGN",
    "lev": "BGN",
    "dinars": "RSD",
    "som": "KGS",
    "somoni": "TJS",
    "sums": "UZS",
    "pesos": "MXN",
    "won": "KRW",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
}

# Minor units: the value is scaled to the major unit ("50 cents" → 0.5 USD).
CURRENCY_FRACTIONS: dict[str, float] = {"cents": 0.01, "pence": 0.01, "kopecks": 0.01}

# Scale abbreviations glued to a numeral ("2.5bn", "$5m", "£30k"). "m" is a million only
# in a money context or before a noun that is not a length ("5m people"); else a metre.
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}

# ------------------------------------------------------------------------------ durations
DURATION_UNITS: dict[str, str] = {
    "seconds": "second",
    "second": "second",
    "secs": "second",
    "minutes": "minute",
    "minute": "minute",
    "mins": "minute",
    "hours": "hour",
    "hour": "hour",
    "hrs": "hour",
    "days": "day",
    "day": "day",
    "weeks": "week",
    "week": "week",
    "months": "month",
    "month": "month",
    "years": "year",
    "year": "year",
    "yrs": "year",
    "decades": "decade",
    "decade": "decade",
    "centuries": "century",
    "century": "century",
}

# --------------------------------------------------------------------- physical measures
# Written unit -> SI or common symbol. Plural and British/American spellings included.
MEASURE_UNITS: dict[str, str] = {
    "square kilometres": "km2",
    "square kilometers": "km2",
    "square kilometre": "km2",
    "square kilometer": "km2",
    "sq km": "km2",
    "km2": "km2",
    "km²": "km2",
    "square miles": "mi2",
    "square mile": "mi2",
    "sq miles": "mi2",
    "square metres": "m2",
    "square meters": "m2",
    "sq m": "m2",
    "m2": "m2",
    "m²": "m2",
    "square feet": "ft2",
    "sq ft": "ft2",
    "cubic metres": "m3",
    "cubic meters": "m3",
    "cubic metre": "m3",
    "cubic meter": "m3",
    "kilowatt hours": "kWh",
    "kilowatt-hour": "kWh",
    "kilowatt hour": "kWh",
    "megawatt-hour": "MWh",
    "megawatt hour": "MWh",
    "m3": "m3",
    "kilometres per hour": "km/h",
    "kilometers per hour": "km/h",
    "km/h": "km/h",
    "kph": "km/h",
    "kmh": "km/h",
    "miles per hour": "mph",
    "mph": "mph",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "miles": "mi",
    "mile": "mi",
    "nautical miles": "nmi",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "centimetres": "cm",
    "centimeters": "cm",
    "cm": "cm",
    "millimetres": "mm",
    "millimeters": "mm",
    "mm": "mm",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "inch": "in",
    "kilograms": "kg",
    "kilogrammes": "kg",
    "kilogram": "kg",
    "kilos": "kg",
    "kg": "kg",
    "grams": "g",
    "grammes": "g",
    "gram": "g",
    "g": "g",
    "milligrams": "mg",
    "mg": "mg",
    "metric tons": "t",
    "metric tonnes": "t",
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "t": "t",
    "lbs": "lb",
    "lb": "lb",
    "ounces": "oz",
    "oz": "oz",
    "litres": "l",
    "liters": "l",
    "litre": "l",
    "liter": "l",
    "l": "l",
    "millilitres": "ml",
    "milliliters": "ml",
    "ml": "ml",
    "gallons": "gal",
    "gallon": "gal",
    "barrels": "bbl",
    "barrel": "bbl",
    "bbl": "bbl",
    "hectares": "ha",
    "hectare": "ha",
    "ha": "ha",
    "acres": "acre",
    "acre": "acre",
    "degrees celsius": "°C",
    "degrees centigrade": "°C",
    "degrees fahrenheit": "°F",
    "°c": "°C",
    "°f": "°F",
    "celsius": "°C",
    "fahrenheit": "°F",
    "degrees": "°",
    "megawatts": "MW",
    "megawatt": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gigawatt": "GW",
    "gw": "GW",
    "kilowatts": "kW",
    "kw": "kW",
    "kilowatt-hours": "kWh",
    "kwh": "kWh",
    "megawatt-hours": "MWh",
    "mwh": "MWh",
    "gigawatt-hours": "GWh",
    "gwh": "GWh",
    "twh": "TWh",
    "bcm": "bcm",
    "knots": "kn",
    "decibels": "dB",
    "db": "dB",
    "gigabytes": "GB",
    "gb": "GB",
    "terabytes": "TB",
    "tb": "TB",
    "megabytes": "MB",
    "mb": "MB",
}

# Symbols that may be glued to a numeral ("5km", "20kg", "100mph"), case-sensitive where
# case matters ("MW" vs "mW" is moot in news; we accept both cases via MEASURE_UNITS).
ATTACHED_UNITS = frozenset(
    {"km", "kg", "cm", "mm", "mg", "ml", "kmh", "kph", "mph", "ha", "ft", "lb", "lbs", "oz"}
    | {"mw", "gw", "kw", "kwh", "mwh", "gwh", "twh", "bcm", "gb", "tb", "mb", "km2", "m2"}
    | {"g", "t", "l", "m"}
)

# Units written before the figure: "a magnitude 6.1 earthquake", "the strongest of
# magnitude 4.8" (word -> unit).
PRE_UNITS: dict[str, str] = {"magnitude": "magnitude"}

# Multipliers: "10 times", "threefold", "twice".
MULTIPLIER_WORDS: dict[str, float] = {"twice": 2, "thrice": 3}

# ------------------------------------------------------------------------------ per / rate
# Period or unit that a rate is "per": "$2,000 a month", "12 hours a day", "per capita".
PER_NOUNS: dict[str, str] = {
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "night": "day",
    "week": "week",
    "fortnight": "fortnight",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "annum": "year",
    "capita": "person",
    "head": "person",
    "person": "person",
    "people": "person",
    "inhabitant": "person",
    "resident": "person",
    "share": "share",
    "barrel": "bbl",
    "tonne": "t",
    "ton": "t",
    "kilo": "kg",
    "kilogram": "kg",
    "litre": "l",
    "liter": "l",
    "gallon": "gal",
}
# Plural forms that no suffix rule undoes (the counted-noun unit is a singular lemma).
IRREGULAR_PLURALS: dict[str, str] = {
    "wolves": "wolf",
    "leaves": "leaf",
    "knives": "knife",
    "lives": "life",
    "wives": "wife",
    "halves": "half",
    "shelves": "shelf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "selves": "self",
    "scarves": "scarf",
    "hooves": "hoof",
    "wharves": "wharf",
    "heroes": "hero",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "echoes": "echo",
    "vetoes": "veto",
    "torpedoes": "torpedo",
    "volcanoes": "volcano",
    "mosquitoes": "mosquito",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "indices": "index",
    "appendices": "appendix",
    "matrices": "matrix",
    "vertebrae": "vertebra",
}
# Nouns whose plural is the same word, or that look plural but are not.
INVARIANT_NOUNS = words(
    """
    series species news means headquarters barracks crossroads aircraft sheep deer fish
    offspring bus gas lens census virus status bonus campus chaos atlas canvas corpus
    """
)

# Words after "per" that do not name a rate's denominator ("per cent" is a unit).
NOT_PER = words("cent cents centum se the a an")

PER_ADVERBS: dict[str, str] = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "annually": "year",
    "yearly": "year",
    "per annum": "year",
    "a year": "year",
}

# Adjectives on the noun a sum is for that give its period ("a monthly salary of 204,000
# roubles" → per month).
PER_ADJECTIVES: dict[str, str] = {
    "hourly": "hour",
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "annual": "year",
    "yearly": "year",
}

# --------------------------------------------------------------------------- person nouns
# Counted nouns that denote people (lemmas). NER NORP/PERSON heads ("40 Ukrainians") count
# as people too. Occupations that also name machines ("bombers", "fighters" as jets,
# "operators" as firms) are left out on purpose.
PERSON_NOUNS = words(
    """
    people person persons individual man woman child boy girl adult baby infant toddler
    teenager teen youth adolescent kid minor elder pensioner retiree senior widow orphan
    mother father parent son daughter sibling brother sister relative husband wife
    inhabitant resident citizen national civilian local villager settler foreigner
    immigrant emigrant migrant refugee evacuee asylum-seeker seeker expat expatriate
    passenger commuter tourist visitor pilgrim worshipper believer fan spectator
    soldier serviceman servicewoman servicemember troop trooper marine sailor airman
    pilot crewman conscript draftee recruit reservist volunteer mercenary veteran cadet
    officer commander general colonel sergeant guard warden sniper medic paramedic
    combatant fighter militant rebel insurgent guerrilla partisan jihadist extremist
    separatist terrorist gunman attacker assailant raider looter rioter protester
    protestor demonstrator activist dissident opponent critic supporter campaigner
    striker picketer marcher inmate prisoner convict detainee captive hostage abductee
    pow internee defendant suspect offender criminal felon murderer killer rapist thief
    robber smuggler trafficker kidnapper hacker spy agent informant witness survivor
    victim casualty fatality patient doctor nurse surgeon physician dentist pharmacist
    teacher professor student pupil scholar researcher scientist engineer expert
    specialist analyst economist journalist reporter correspondent editor photographer
    blogger lawyer attorney judge prosecutor investigator detective inspector monitor
    observer peacekeeper diplomat ambassador envoy official bureaucrat minister
    lawmaker legislator parliamentarian mp senator congressman congresswoman deputy
    councillor councilor mayor governor politician candidate delegate representative
    voter member leader executive employee staffer worker laborer labourer miner farmer
    fisherman firefighter rescuer responder volunteer shareholder investor customer
    client consumer buyer borrower debtor taxpayer subscriber viewer listener reader
    user follower athlete player coach priest monk nun bishop imam rabbi cleric pastor
    artist actor actress writer author musician singer clergyman policeman policewoman
    cop gendarme trainee nominee employee retiree detainee returnee deportee draftee
    appointee escapee evacuee amputee conscientious objector homeless unemployed police
    personnel staff respondent participant attendee applicant recipient beneficiary
    contestant interviewee occupant tenant homeowner driver rider cyclist pedestrian
    motorist traveller traveler caregiver carer guest trader broker banker entrepreneur
    founder colleague friend neighbour neighbor classmate graduate alumnus newborn
    defector deserter mobilised mobilized prosecutor associate accomplice aide adviser
    advisor assistant partner spouse fiance fiancee girlfriend boyfriend cousin uncle aunt
    nephew niece grandchild grandparent grandmother grandfather twin heir descendant
    stranger bystander onlooker mourner parishioner congregant spokesman spokeswoman
    spokesperson chairman chairwoman president director manager secretary clerk intern
    apprentice consultant mechanic electrician plumber builder porter courier cleaner
    waiter chef cook vendor shopkeeper merchant seller donor juror magistrate plaintiff
    claimant petitioner litigant parolee addict smoker beggar lifeguard diver astronaut
    cosmonaut seaman crew crewmember poacher ranger bodyguard paratrooper commando
    infantryman militiaman schoolchild schoolgirl schoolboy undergraduate
    lecturer academic accountant auditor landlord owner fugitive exile squatter nomad
    herder shepherd hunter colonist slave workman
    """
)

# Verbs whose bare numeric *subject* is people: human actions ("Thousands marched",
# "about 15,000 joined the protest", "12 voted against"). Kept apart from PERSON_VERBS,
# whose object is people too, because "joined 5 groups" or "signed 3 deals" count things.
PERSON_SUBJECT_VERBS = words(
    """
    march protest gather rally demonstrate attend join vote flee die riot chant sing shout
    cheer applaud pray mourn queue camp walk sign apply enlist volunteer register travel
    cross escape survive surrender perish starve drown strike petition boycott emigrate
    migrate return arrive turn throng flock converge descend swarm crowd
    participate parade picket occupy storm clash fight resign quit testify sue complain
    watch visit live work sleep shelter hide defect desert mutiny stay take
    """
)

# Nouns whose "of" complement is a number of people: "a town of 9,000", "a crowd of 5,000",
# "a force of 3,000" (the figure is a population or a head count).
PERSON_GROUP_NOUNS = words(
    """
    town city village country nation community population island region province state
    district municipality suburb hamlet settlement capital metropolis neighbourhood
    neighborhood camp crowd force army workforce team group delegation congregation
    audience gathering contingent battalion brigade regiment division unit company
    membership electorate
    """
)

# Words before "under five", "over 65" that make the figure an age ("children under five").
AGE_GROUP_NOUNS = words(
    """
    children child kids boys girls babies infants people adults persons men women those
    anyone everyone residents patients voters pensioners workers drivers
    """
)

# Verbs whose bare numeric subject or object is people ("At least 6 were killed",
# "Police arrested 12").
PERSON_VERBS = words(
    """
    kill injure wound hurt die arrest detain evacuate rescue displace abduct kidnap
    execute hospitalize hospitalise drown free release deport recruit mobilize mobilise
    conscript pardon convict sentence jail imprison hire employ enlist sign flee force
    expel strand trap bury sicken infect vaccinate treat feed house shelter draw attract
    leave
    """
)

# Adjectives used as nouns for people in casualty reports ("40 dead", "12 wounded").
PERSON_ADJECTIVES = frozenset({"dead", "wounded", "injured", "missing", "hurt", "displaced"})

# ------------------------------------------------------------------------- not quantities
# Words after which a figure is an identifier, not an amount ("Article 328", "No. 2").
ID_PRECEDERS = words(
    """
    no no. nos nos. number num. # № art. article articles section sections sec. paragraph
    para clause chapter chap. part item page pages p. pp. unit units room flight route
    highway interstate motorway platform gate bus tram line lines channel seat row block
    building district ward zone sector phase stage level grade category class version
    model episode season round game match bill resolution decree order law code decision
    protocol amendment rule regulation figure fig. table appendix annex exhibit box lot
    camp colony facility cell ik sizo apartment apt. flat suite floor number
    """
)

MONTHS = words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday tue tues wed thurs fri")

# Nouns of time that mark a prepositional phrase as a time adjunct, not part of what is
# counted ("women serving time in Russia [at the start of the invasion]").
TEMPORAL_NOUNS = words(
    """
    start beginning end time moment outset height close middle wake course run-up eve
    onset period day week month year decade century morning afternoon evening night
    weekend season spring summer autumn fall winter january february march april may june
    july august september october november december monday tuesday wednesday thursday
    friday saturday sunday today yesterday tomorrow past future
    """
)

# Nouns that say nothing about what money is for; a money figure governed by one of them
# takes its ``counts`` from further up ("the equivalent of $2,000" → not "equivalent").
EMPTY_MONEY_NOUNS = frozenset(
    {"equivalent", "total", "sum", "amount", "figure", "tune", "excess", "upwards", "region"}
    | {"average", "maximum", "minimum", "order", "range", "estimate", "value", "worth"}
)

# Verbs whose subject is what a bare figure measures ("The death toll rose to 40",
# "Inflation hit 10%").
MEASURE_VERBS = words(
    """
    rise fall increase decrease grow drop decline climb jump surge soar plunge slump tumble
    reach hit top exceed total stand amount number cost double triple edge slip dip gain
    shrink contract expand sink rebound ease fetch near surpass
    """
)

# Subjects whose bare figure counts people ("The death toll rose to 40").
PERSON_AGGREGATES = frozenset({"toll", "death toll", "casualty", "turnout", "headcount"}) | words(
    "crowd attendance audience population workforce membership electorate congregation"
)

# Nouns whose "of" complement is what a bare figure counts ("the number of refugees rose to
# 40,000" → counts "refugees").
COUNT_NOUNS = frozenset({"number", "total", "count", "tally", "figure", "toll"})

# Pronouns that send a partitive ("thousands of them") back to an earlier quantity.
ANAPHORIC_PRONOUNS = frozenset({"them", "those", "these", "whom", "us", "you"})

# Determiners dropped from the front of ``counts``: they say nothing about what is counted.
DROPPED_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})

# Words before "N-N" that make it a score, not a range ("won 3-1").
SCORE_CUES = frozenset({"won", "win", "wins", "beat", "beats", "lost", "lose", "loses", "drew"})
SCORE_CUES_AFTER = frozenset({"win", "victory", "defeat", "loss", "draw", "lead", "vote"})

# Words after "N-" that make the figure part of an idiom or a fraction, not an amount
# ("one-off", "two-thirds", "one-sided").
HYPHEN_SKIP = words(
    """
    off sided time way ways third thirds quarter quarters half halves fifth fifths tenth
    tenths on to and or party liner shot size fits stop
    """
)
