"""Word lists for the source (attribution) and hedge extractors.

Why a constants module: the extractors in :mod:`storyline.extract.sources` and
:mod:`storyline.extract.hedges` are small rule engines over the dependency parse; what they
recognise is decided by these lists, which reviewers can read and extend without touching
the code. Lists hold lowercase lemmas (spaCy's English lemmatizer) unless a name says
otherwise; they are written as whitespace-separated words for readability.

Calibration: the verb classes were grown from the reporting verbs of news English (PARC 3.0
and PolNeAR guidelines: "say", "tell" and "according to" make up about 80% of speech
attributions) and checked on the PolNeAR *train* split only; the dev split was kept for
reporting (``benchmarks/polnear.py``).
"""

from __future__ import annotations

import re

from storyline import langpacks


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


def _pack_words(name: str) -> frozenset[str]:
    """The list ``name`` of the English pack's ``attribution.yaml`` as a set (new English
    word lists live there, not in code)."""
    value = langpacks.load("en").section("attribution").get(name, ())
    return frozenset(str(word).lower() for word in value)


# ------------------------------------------------------------------------- attribution cues

#: Verbs of saying and writing that put forward a claim (docs/eval.md, "Sources"). They are
#: cues when they introduce content ("ask" too: a reported question puts words in a
#: speaker's mouth the same way): a clausal complement ("said that …"), a quotation, a
#: parenthetical ("…, he said, …") or an inverted report ("…, said the official").
#: Deliberately absent, because they attribute no claim: commitments and desires (promise,
#: vow, pledge, swear, assure, guarantee, threaten, want, demand, urge), directives and acts
#: (order, instruct, decree, propose, recommend, advise, publish), forecasts (predict,
#: forecast, project, expect), evaluations and reactions (welcome, praise, criticize,
#: condemn, thank, hail, defend, express, agree, protest), musing (wonder, question) and
#: denials (deny, reject, dismiss, dispute, rebut), which are hedges instead.
SPEECH_VERBS: frozenset[str] = _words(
    """
    say tell add write report announce state claim confirm explain note argue insist
    warn acknowledge admit allege assert contend declare reply respond suggest tweet post
    testify recall complain concede disclose reveal emphasize emphasise stress ask
    estimate maintain observe comment remark mention reiterate repeat affirm inform caution
    boast brag joke quip shout yell scream whisper exclaim quote charge counter retort
    answer lament speculate continue describe blog text email cable radio clarify concur
    recount relate narrate underscore underline highlight calculate accuse blame
    assess communicate
    """
)

#: Verbs that attribute a claim only in the passive with an agent ("the claim was
#: corroborated by the head of a rights group"); active, "the comments corroborate other
#: reports", they weigh evidence rather than report speech.
PASSIVE_ONLY_CUES: frozenset[str] = _words("corroborate")

#: Verbs that report what a text says, only with a text as subject: '"…," the statement
#: read', 'reads the card of the document'; a person who reads reports nothing.
DOCUMENT_SPEECH_VERBS: frozenset[str] = _words("read")

#: Verbs of saying that can sit in a relative clause on the claim's own subject: "a figure
#: he said was 10 times lower" (the figure, not the saying, is the claim's subject).
RELATIVE_SAY_VERBS: frozenset[str] = _words("say claim estimate insist allege argue contend")

#: Verbs that report only a clause or a quotation ('"…," she continued', "continued that
#: …"); with an infinitive, a gerund or an object they name an ongoing act ("continues to
#: face questions", "continued campaigning"), not speech.
CLAUSE_ONLY_CUES: frozenset[str] = _words("continue")

#: Pictures and recordings, which depict rather than state ("the footage shows a man being
#: killed"); posting verbs and what they put up as an act ("posted a letter").
VISUAL_NOUNS: frozenset[str] = _pack_words("visual_nouns")
POSTING_VERBS: frozenset[str] = _pack_words("posting_verbs")
POSTED_THINGS: frozenset[str] = _pack_words("posted_things")

#: Prepositions that turn a cue verb into a request or a sanction rather than a report:
#: "asked for $1.9 billion", "what supporters are asking for", "cited the agency for
#: security lapses". With no clause or quotation beside them they attribute no claim.
NON_REPORTING_PREPOSITIONS: dict[str, frozenset[str]] = {
    "ask": frozenset({"for"}),
    "cite": frozenset({"for"}),
}

#: Objects of "claim" that are won or taken, not asserted: "the attack claimed the lives of
#: 30 people", "claimed the nomination", "claiming residency in Ireland", "as it claims
#: more territory". "Claimed victory" is not among them: it states that one has won.
NON_CONTENT_CLAIM_OBJECTS: frozenset[str] = _words(
    """
    life lives nomination territory residency title seat crown throne prize
    land ground mantle lead majority share spot place medal championship ownership
    custody asylum benefit compensation damages control
    """
)

#: Verbs whose passive subject is the addressee: "inmates were told that …", "recruiters
#: are being asked how many …" name who heard, not who spoke; with no agent they attribute
#: the claim to no one a reader could weigh, and blind annotators leave them out.
ADDRESSEE_VERBS: frozenset[str] = _words("tell ask inform")

#: Verbs whose noun-phrase object can be the reported content on its own ("the ministry
#: confirmed the deaths", "officials estimated the damage at …"), without a clause or a
#: quotation. Not "admit" ("admitting patients") nor "concede" ("conceded defeat"): with a
#: plain object they name an act, so they report only a clause or a quotation.
OBJECT_CONTENT_VERBS: frozenset[str] = _words(
    """
    announce confirm report reveal disclose claim acknowledge allege estimate cite tweet
    post describe reiterate stress emphasize emphasise affirm calculate
    """
)

#: Verbs whose infinitive complement is the reported claim ("claimed to have seen the
#: convoy"). Not "tell", "warn" or "urge": "told them to leave" is a directive, not a claim.
INFINITIVE_CONTENT_VERBS: frozenset[str] = _words("claim")

#: Passive cues that raise their subject into a reported infinitive ("he is said to have
#: signed", "the ship was reported to be sinking"): a claim from no named source. Not
#: "tell" or "ask": "was told to leave" is a directive.
RAISING_CUES: frozenset[str] = _words("say report claim allege rumor rumour")

#: Verbs of accusation whose content is the object of "of"/"for" ("accused the ministry of
#: lying", "blamed Kyiv for the delay"). Not "charge" (billing sense).
CHARGE_VERBS: frozenset[str] = _words("accuse blame")

#: Verbs whose subject is evidence rather than a speaker ("the poll shows that …", "the
#: audit found that …"). They are cues only with a clausal complement and a document or
#: data subject: a court's or an investigator's finding ("judges found that …") is a
#: judgement, an act the events stage records, not a report of someone else's claim.
EVIDENCE_VERBS: frozenset[str] = _words(
    "show find indicate suggest reveal conclude demonstrate prove confirm determine"
)

#: Evidence verbs that are not also verbs of saying: their subject must be a document.
EVIDENCE_ONLY_VERBS: frozenset[str] = _words(
    "show find indicate conclude demonstrate prove determine"
)

#: Heads under which an infinitival cue still reports speech that took place ("went on to
#: say", "continued to insist", "was quick to point out", "used to say"). Any other head
#: ("plans to publish", "refused to say", "is expected to announce") leaves it unsaid.
IMPLICATIVE_HEADS: frozenset[str] = _words(
    "go continue proceed keep quick hasten rush use begin start"
)

#: Modal auxiliaries that make a cue hypothetical: "residents can report damage", "the
#: ministry will announce": no claim has been put forward yet. ("would" stays: it is the
#: past of "will" in reported narrative.)
HYPOTHETICAL_MODALS: frozenset[str] = _words("can could may might must should shall will 'll ca")

#: Nouns for spokespeople: with "for"/"of"/"at" and a named or definite organisation ("a
#: spokeswoman for the Federal Penitentiary Service") they speak for that organisation,
#: which makes them a named source.
SPOKESPERSON_NOUNS: frozenset[str] = _words(
    "spokesperson spokesman spokeswoman representative secretary"
)

#: Nouns for the one person who leads or founds a body. Singular, with a named or definite
#: body ("the head of the Wagner group", "the founder of the movement") or a definite
#: determiner ("the mercenary chief", "Wagner chief" after the name was given), they
#: identify that person, so the source is not anonymous. Plural ("union leaders") they are
#: unnamed members of a group.
LEADER_NOUNS: frozenset[str] = _words(
    """
    head chief leader founder co-founder cofounder commander minister director chairman
    chairwoman chairperson boss
    """
)

#: Cue verbs whose object is the source ("…, citing the minister"): their gerund names a
#: new source, so it never goes on with the attribution it hangs on (``attribution.yaml``).
OBJECT_SOURCE_VERBS: frozenset[str] = _pack_words("object_source_verbs")

#: People of whom someone has many ("his neighbour"): possessed, still unnamed.
ONE_OF_MANY_NOUNS: frozenset[str] = _pack_words("one_of_many_nouns")

#: Words that single one of them out again ("her only friend", "his best friend").
SINGLING_OUT_MODIFIERS: frozenset[str] = _pack_words("singling_out_modifiers")

#: Adjectives that leave a plural body unnamed ("Western governments").
VAGUE_BODY_MODIFIERS: frozenset[str] = _pack_words("vague_body_modifiers")

#: Phrasal reporting verbs: lemma → particle ("point out", "spell out").
PHRASAL_CUES: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "spell": frozenset({"out"}),
    "lay": frozenset({"out"}),
    "speak": frozenset({"out"}),
    "write": frozenset({"in"}),
    "chime": frozenset({"in"}),
    "weigh": frozenset({"in"}),
}

#: Nouns that report content when they take a that-clause ("Trump's claim that …",
#: "reports that …", "a statement from the ministry that …").
NOUN_CUES: frozenset[str] = _words(
    """
    claim statement assertion warning remark comment report allegation accusation
    admission insistence argument suggestion announcement testimony acknowledgment
    acknowledgement confirmation contention
    """
)

#: Objects of "cite" that are reasons, not sources ("citing concerns", "citing health").
NON_SOURCE_OBJECTS: frozenset[str] = _words(
    """
    concern reason health security need example fear lack difference circumstance cost
    risk problem issue
    """
)

#: Line-opening labels that end in a colon but name no speaker ("Update:", "Watch:").
COLON_LABELS: frozenset[str] = _words(
    """
    update updated breaking exclusive watch video videos photo photos note editor correction
    related read source sources analysis opinion live q a tags share transcript
    advertisement listen see also warning disclaimer quote quotes background context
    reference summary recap
    """
)

#: Adverbs that attribute the sentence to unnamed reports ("Russia reportedly …").
#: "allegedly" is a hedge, not a source (see POSSIBLE_WORDS).
ADVERB_CUES: frozenset[str] = _words("reportedly reputedly")

#: Two-word prepositions that introduce a source ("according to X"). Key: first word.
PREPOSITION_CUES: dict[str, str] = {"according": "to"}

#: One-word prepositions that introduce a source when set off from the clause ("…, per
#: Russia's Verstka", "As per local reports, …"); "$5 per person" is a rate, not a source.
SINGLE_PREPOSITION_CUES: frozenset[str] = _words("per")

#: Objects of "according to" that are plans and forecasts, not sources: "according to his
#: forecasts, 4,000 will volunteer" predicts; it reports no claim of someone else.
NON_SOURCE_PREPOSITION_OBJECTS: frozenset[str] = _words(
    """
    forecast prediction projection plan expectation intention hope wish schedule
    preference rule custom tradition principle instruction taste need
    """
)

#: Nouns for the occasion of a statement ("said Senator X in an interview", "the minister
#: at a briefing"): a phrase "in/at/during/on" + one of them after the source names where
#: it was said, not who, so it is left out of the source phrase.
SPEECH_OCCASION_NOUNS: frozenset[str] = _words(
    """
    interview statement briefing conference call speech address appearance remark
    hearing broadcast podcast rally post video
    """
)

#: Prepositions that introduce such an occasion.
OCCASION_PREPOSITIONS: frozenset[str] = _words("in at during on")

#: Nouns of a speech act that a passive "make" puts in someone's mouth ("The claim was
#: made by the army", "The announcement was made by the minister").
MADE_BY_NOUNS: frozenset[str] = _words(
    """
    claim statement announcement remark comment allegation accusation admission assertion
    declaration report revelation disclosure confirmation
    """
)

#: Verbs that report on a topic without a clause: "CBS News reported on the case of …":
#: the object of "on" is the reported content.
TOPIC_CUES: frozenset[str] = _words("report inform")

#: Prepositions that introduce what a cue reports on ("reported on the case", "writes
#: about this").
TOPIC_PREPOSITIONS: frozenset[str] = _pack_words("topic_prepositions")

#: Words that point back to what was just told ("Mediazona writes about *this*."): such a
#: topic makes a bare cue vouch for the sentence before it (``attribution.yaml``).
BACK_REFERENCES: frozenset[str] = _pack_words("back_references")

#: Lowercased word sequences in which a speech verb is not a report ("needless to say",
#: "that is to say", "let's say"). Checked on the tokens ending at the verb.
NON_REPORTING_SAY: tuple[tuple[str, ...], ...] = (
    ("needless", "to", "say"),
    ("that", "is", "to", "say"),
    ("suffice", "it", "to", "say"),
    ("safe", "to", "say"),
    ("fair", "to", "say"),
    ("hard", "to", "say"),
    ("let", "'s", "say"),
    ("let", "us", "say"),
    ("so", "to", "speak"),
    ("truth", "be", "told"),
    ("all", "told"),
)

# ---------------------------------------------------------------------------- who speaks

#: Common nouns that denote people or groups of people; an attribution to one of these
#: without a personal name is anonymous ("officials", "a source close to the ministry",
#: "two former inmates", "residents", "people familiar with the matter").
PERSON_NOUNS: frozenset[str] = _words(
    """
    source official officer resident witness person people man woman inmate prisoner
    convict soldier serviceman servicewoman veteran relative friend neighbor neighbour
    employee worker staffer staff aide adviser advisor diplomat analyst expert observer
    activist lawyer attorney doctor nurse spokesperson spokesman spokeswoman representative
    member insider investigator commander fighter volunteer recruit recruiter guard warden
    mother father wife husband son daughter parent child family villager local citizen
    voter student teacher journalist reporter correspondent blogger user commentator
    critic supporter opponent lawmaker legislator politician deputy executive manager
    director negotiator mediator envoy prosecutor judge detective agent operative
    participant survivor victim refugee migrant detainee captive hostage medic paramedic
    contractor mercenary pilot sailor scientist researcher economist strategist pollster
    consultant historian professor academic specialist leader chief head
    organizer organiser protester demonstrator campaigner someone somebody anyone others
    individual eyewitness bystander onlooker passenger driver farmer owner businessman
    businesswoman trader interlocutor candidate nominee
    """
)

#: Nouns for institutions; "the defense ministry said" names an organisation, which is a
#: named (not anonymous) source under our rule, unless it is indefinite ("a company").
ORG_NOUNS: frozenset[str] = _words(
    """
    ministry government department agency office administration kremlin cabinet
    presidency court tribunal police army military navy force command headquarters
    service company firm corporation bank council committee commission parliament
    assembly legislature senate congress party campaign embassy consulate mission
    organisation organization group movement union federation association institute
    university newspaper outlet network channel broadcaster regime authority
    watchdog secretariat bureau directorate media intelligence unit troop
    """
) | _pack_words("org_nouns")

#: Bodies named by a mass noun: identified by a determiner or a country ("the
#: intelligence", "Ukrainian intelligence"), unnamed without one ("Western intelligence").
MASS_BODY_NOUNS: frozenset[str] = _words("intelligence")

#: Institutions that a bare plural still identifies ("authorities said", "police said"):
#: the body in charge where the report is set. Other bare plural organisations ("rights
#: groups said", "unions said", "local media outlets reported") are unnamed, so anonymous.
OFFICIAL_COLLECTIVES: frozenset[str] = _words(
    "authority police military army navy government troop force"
)

#: Nouns for texts and measurements that speak for themselves ("the report said",
#: "a poll shows"); they are not people, so never anonymous.
DOCUMENT_NOUNS: frozenset[str] = _words(
    """
    report study poll survey statement document email letter memo lawsuit complaint
    filing indictment ruling verdict decision order decree law bill resolution data
    figure record analysis assessment estimate review audit census investigation inquiry
    article story post tweet message video footage transcript interview book paper note
    notice release communique announcement website page polling research result datum
    data statistic statistics count tally database register registry account reporting
    calculation certificate
    """
)

#: Documents that pass on what others say; as a bare plural with no named author ("reports
#: said", "according to local media reports") they are unnamed reports, so anonymous,
#: unlike a definite or authored one ("the report said", "reports by Amnesty").
HEARSAY_NOUNS: frozenset[str] = _words("report rumor rumour account claim")

#: Adjectives that leave a hearsay noun unattributed ("a new report", "unconfirmed
#: reports"); any other ("an internal report", "a military report") makes it some body's
#: own document, which speaks for that body.
HEARSAY_ADJECTIVES: frozenset[str] = _words(
    "new recent latest local media unconfirmed unverified earlier other further numerous"
)

#: Participles that make their agent the author of a document ("the account given by a
#: guard", "a survey conducted by the IRC"), unlike "records reviewed by reporters".
AUTHOR_VERBS: frozenset[str] = _words(
    "give provide write compile publish release prepare issue produce conduct carry author"
)

#: Titles held by one identifiable person in context; "the president said" with a definite
#: or possessive determiner identifies its holder, so it is not anonymous.
UNIQUE_TITLES: frozenset[str] = _words(
    """
    president vice-president premier chancellor king queen pope governor mayor chairman
    chairwoman chairperson ceo speaker patriarch emperor monarch ombudsman
    """
)

#: Determiners and quantifiers that leave a common-noun source unidentified.
INDEFINITE_DETERMINERS: frozenset[str] = _words(
    "a an some several many few various numerous one two three four multiple other another any"
)

#: Quantifier pronouns that stand for unnamed people ("some say", "many believe").
ANONYMOUS_PRONOUNS: frozenset[str] = _words(
    "some many others few most several someone somebody anyone everyone all both"
)

#: Adjectives that mark a source as unnamed ("an anonymous official").
ANONYMOUS_MODIFIERS: frozenset[str] = _words("anonymous unnamed unidentified undisclosed")

#: Sentences in which the text says the source is unnamed; any source in the sentence is
#: anonymous ("who spoke on condition of anonymity", "whose names are being withheld").
ANONYMITY_MARKERS: re.Pattern[str] = re.compile(
    r"""\b(?:
        on\s+(?:the\s+)?conditions?\s+(?:of|that)\s+(?:anonymity|(?:he|she|they|it)\s+not\s+be)
      | (?:requested|insisted\s+on|granted|given)\s+anonymity
      | anonymously
      | (?:asked|requested|declined|refused|wished|did\s+not\s+want|didn['’]t\s+want)
        \s+(?:not\s+)?to\s+be\s+(?:named|identified|quoted\s+by\s+name)
      | not\s+authori[sz]ed\s+to\s+(?:speak|talk|comment|discuss)
      | (?:names?|identit(?:y|ies))\s+(?:is|are|was|were|has\s+been|have\s+been|being)
        (?:\s+being)?\s+withheld
      | withheld\s+(?:his|her|their)\s+names?
      | (?:declined|refused)\s+to\s+(?:give|provide|reveal)\s+(?:his|her|their)\s+names?
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# ---------------------------------------------------------------------------------- hedges

#: Single words that make a claim merely possible ("potentially", "allegedly",
#: "the suspected attacker"). Adverbs and adjectives; matched on the lowercase form.
POSSIBLE_WORDS: frozenset[str] = _words(
    """
    potentially possibly perhaps maybe probably likely unlikely allegedly apparently
    supposedly purportedly seemingly presumably conceivably suspected alleged purported
    rumored rumoured ostensibly arguably reputed
    """
)

#: Epistemic modals; "could" counts unless negated ("could not" is inability, or an
#: unknown when followed by verify/confirm, see UNKNOWN_PATTERNS).
POSSIBLE_MODALS: frozenset[str] = _words("may might could")

#: Raising verbs that weaken the clause they take ("appears to have", "seems to").
POSSIBLE_VERBS: frozenset[str] = _words("seem appear")

#: Adjectives that hedge only as predicates ("a recount was possible"); attributive "a
#: possible strike" names a plan, not a hedged claim.
POSSIBLE_PREDICATES: frozenset[str] = _words("possible conceivable plausible")

#: Passive belief frames: "is believed to", "is thought to", "is suspected of", "is feared
#: to", "is presumed", and reduced ones ("people believed to be trapped"). Not "is expected
#: to": a forecast about the future, like "expects" and "is scheduled", is no hedge.
POSSIBLE_PASSIVES: frozenset[str] = _words("believe think suspect fear presume rumor rumour")

#: Phrases that leave a claim's truth unknown. Matched case-insensitively over the text;
#: the scope is the rest of the clause after the match.
UNKNOWN_PATTERNS: re.Pattern[str] = re.compile(
    r"""\b(?:
        (?:it['’]s|(?:it\s+)?(?:is|was|remains|remained|was\s+still|is\s+still|has\s+been
        |had\s+been))
        \s+(?:also\s+|still\s+|not\s+yet\s+|not\s+immediately\s+|not\s+)?
        (?:unclear|unknown|uncertain|not\s+(?:immediately\s+|yet\s+)?(?:clear|known|certain))
        (?:\s+(?:if|whether))?
      | unconfirmed | unverified | unverifiable
      | (?:could|can|cannot|can['’]t|couldn['’]t)\s+(?:not\s+)?(?:be\s+)?(?:independently\s+)?
        (?:verif(?:y|ied)|confirm(?:ed)?)
      | (?:did|does|do|has|have|had)\s*(?:not|n['’]t)\s+(?:yet\s+|immediately\s+)?
        (?:been\s+)?(?:confirm(?:ed)?|verif(?:y|ied))
      | (?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:confirmed|verified)
      | (?:declined|declines|refused|refuses)\s+to\s+confirm
      | (?:declined|declines|refused|refuses)\s+to\s+(?:say|disclose|reveal|specify)
        (?=\s+(?:whether|if|how|what|who|whom|where|when|why|which)\b)
      | no\s+(?:independent\s+)?(?:confirmation|verification)
      | not\s+(?:be\s+)?(?:independently\s+)?(?:confirmed|verified)
    )""",
    re.IGNORECASE | re.VERBOSE,
)

#: Phrases that deny or reject a claim, or report its absence: certainty ``negated``.
#: Refusals without content ("declined to comment", "refused to say") are not hedges: they
#: change no claim's certainty (the events stage records them as acts); with content
#: ("refused to say whether …") they leave it unknown (UNKNOWN_PATTERNS).
NEGATED_PATTERNS: re.Pattern[str] = re.compile(
    r"""\b(?:
        (?:denied|denies|deny|denying)
      | (?:rejected|rejects|dismissed|dismisses)\s+(?:the\s+|these\s+|those\s+|such\s+)?
        (?:claims?|allegations?|reports?|accusations?|suggestions?|assertions?)
      | (?:there\s+(?:is|was|were|are|has\s+been|have\s+been)\s+)?no
        \s+(?:evidence|proof|sign|indication|record)s?
      | there\s+(?:is|was|were|are)\s+no
    )""",
    re.IGNORECASE | re.VERBOSE,
)

#: Negation particles that negate the verb they attach to ("did not sign up", "never").
NEGATION_WORDS: frozenset[str] = _words("not n't never")

#: Words after "not" that make it a focus or additive marker, not a negation ("not only",
#: "not just"). Copulas are handled apart.
NEGATION_IGNORED_HEADS: frozenset[str] = _words("only just")

#: Negative pronouns that deny the clause they are the subject or object of ("nobody was
#: hurt", "nothing was found"); "no one" and "none" are handled with them.
NEGATIVE_PRONOUNS: frozenset[str] = _words("nobody nothing none")

#: Modals that keep a negated clause possible rather than denied: "may not survive",
#: "might not hold" (certainty ``possible``, with the modal as the span).
POSSIBLE_NEGATED_MODALS: frozenset[str] = _words("may might")

#: Deontic modals: "convicts should not be used" states a norm, not that the event did not
#: happen, so their negation is no hedge.
DEONTIC_MODALS: frozenset[str] = _words("should must ought need shall")

#: Adverbs that turn "no" into a small amount ("almost no rain", "virtually no damage"):
#: the clause reports little, it does not deny.
APPROXIMATORS: frozenset[str] = _words("almost nearly virtually practically hardly barely")

#: Refusals and non-responses: a negated "respond", "reply" or "comment" ("did not respond
#: to a request for comment") reports that someone did not speak; it negates no claim.
NON_RESPONSE_VERBS: frozenset[str] = _words("respond reply comment")

#: Objects that make "did not return/answer X" a non-response ("did not return calls").
NON_RESPONSE_OBJECTS: frozenset[str] = _words(
    "call message email e-mail request question inquiry enquiry query letter"
)
