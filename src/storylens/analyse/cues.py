"""Attribution cue lexicons: the verbs, nouns and adverbs that report speech or thought."""

from __future__ import annotations

from storylens.words import TITLE_ABBREVIATIONS as TITLES


def lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs of saying: content may be a clause, a quote, or a noun phrase.
SPEECH_CUES = lexicon(
    """say tell deny report state claim describe add insist warn call announce confirm explain
    note write argue accuse suggest acknowledge admit allege assert declare predict promise
    reveal stress urge ask reply respond tweet post testify indicate estimate complain contend
    remark recall publish specify list continue emphasize emphasise mention comment
    concede vow pledge threaten charge dismiss reject refute brief inform notify assure repeat
    announce disclose detail quote cite agree boast caution demand insist laud hail joke
    acknowledge counter retort conclude signal underline highlight point
    articulate confess confide proclaim recount brag gripe grumble moan admonish alert
    instruct preach clarify elaborate summarize summarise forecast
    speculate muse surmise hypothesize conjecture posit theorize opine rebut retract recant
    quip scoff sneer shout yell scream exclaim whisper mutter murmur fume rant rave marvel
    gush attest affirm avow vouch aver insinuate chant jeer heckle read thunder bellow sigh
    growl"""
)
# Speech acts that take a stand on something ("criticized the plan", "praised her record",
# "endorsed Cruz", "called for a ban"): attributions in their own right, but their object is
# what the source spoke about, not a claim the source made, so claims never cite them as a
# source (see ``Attribution.stance``). Attitudes with no act of communication are
# ``ATTITUDE_CUES`` below.
STANCE_CUES = lexicon(
    """criticize criticise praise endorse defend attack denounce condemn slam blast mock
    applaud thank blame decry lament oppose refuse decline propose recommend discuss express
    refer talk echo answer challenge dispute reiterate tout portray
    congratulate commend applaud scold rebuke chastise ridicule order rule remind question
    acclaim assail castigate censure compliment deride disparage excoriate fault lambaste
    reprimand reproach slander vilify berate belittle malign lampoon denigrate demonize
    smear insult taunt chide upbraid bash trash knock disavow repudiate renounce downplay
    champion trumpet protest object"""
)
# Attitudes: what someone is after or stands behind, with no act of communication ("wants a
# wall", "supports the bill", "plans to run", "seeks a recount"). PolNeAR labels them as
# attributions, so they are found (``Attribution.kind == "attitude"``), but they say what
# someone wants, not what anyone said: they never become quotes, never enter a claim's source
# chain or a speaker's record, and never make a claim of theirs one of the source's.
ATTITUDE_CUES = lexicon("""want support seek plan prefer favor favour back""")
# Feelings towards someone or something ("voters distrust her", "he admires Putin"): attitudes
# too, found only with a named person, organisation or group (or a pronoun) as subject.
FEELING_CUES = lexicon(
    """like love hate dislike trust distrust mistrust respect admire despise resent regret
    appreciate cherish detest loathe adore enjoy dread"""
)
ATTITUDE_CUES |= FEELING_CUES
# Public acts that take a position, which PolNeAR labels as attributions when a named source
# does them ("offered a plan", "issued a statement", "compared him to", "railed against",
# "laid out", "cast doubt on"): on `train` each is labelled in over half of its occurrences
# with a person, organisation or pronoun as subject. Found only with such a subject, and
# stances (never in a claim's source chain).
# Attacks in words ("hammered Clinton on trade", "ripped the plan"), pleas and requests,
# debates, and verbs that cast someone or something in a light ("dubbed him", "painted Trump
# as", "likened the deal to", "credited the union with") are such acts as well.
ACT_CUES = lexicon(
    """offer issue compare rail lay aim remember cast focus press sound deem present
    release push decide name nominate encourage advocate convince persuade embrace promote
    apologize voice reference envision imply hint characterize bemoan lash invoke interject
    retweet share introduce distance
    rip hammer pound grill skewer savage roast torch needle jab hit request beg implore
    plead petition guarantee debate spar clash feud quarrel bicker wrangle label brand dub
    paint depict liken equate link tie attribute credit frame interpret perceive regard
    stigmatize spotlight underscore reaffirm justify outline disagree rate unleash"""
)
# Deeds that take a position, with no words reported: voting, signing, suing and ruling
# ("voted to ban", "signed a treaty", "sued the state"), accepting, ignoring or resisting
# something, unveiling or displaying it, firing someone, determining or identifying
# something, a crowd's cheers and boos. PolNeAR labels them, so
# they are found with a named actor as subject, but as their own kind
# (``Attribution.kind == "act"``): what someone did is the outlet's claim about them, so
# they never split a claim, become a quote or make their subject a speaker. Acts of choosing
# ("picked Clinton"), campaigning, rallying, targeting, hiring and funding stay out: on
# `train` about a third of them or fewer are labelled.
DEED_CUES = lexicon(
    """vote approve sign veto block pass adopt repeal overturn impose ban sue file appoint
    accept ignore resist unveil circulate display negotiate contemplate mull demonstrate
    cheer boo lobby fire identify determine"""
)
ACT_CUES |= DEED_CUES
# Verbs that report a view only with a given particle, preposition or object ("pointed to",
# "spoke of", "saw him as", "took aim at", "put it", "made the case"): on `train` labelled in
# over half of their occurrences with a named actor as subject; found only then, as stances.
PHRASE_CUES = {
    "point": frozenset({"to"}),
    "speak": frozenset({"of", "about", "out"}),
    "see": frozenset({"as"}),
    "view": frozenset({"as"}),
    "take": frozenset({"aim", "stand", "position", "stance", "issue", "swipe", "shot", "jab"}),
    "put": frozenset({"it"}),
    "make": lexicon(
        """case argument comment point clear call claim promise pledge statement remark
        accusation pitch plea appeal vow prediction secret"""
    ),
    "raise": frozenset({"concern", "question", "doubt", "alarm", "objection"}),
    "draw": frozenset({"distinction", "contrast", "comparison", "line"}),
    "give": frozenset({"speech", "interview", "endorsement", "assessment", "warning"}),
    "throw": frozenset({"support", "weight"}),
    "lend": frozenset({"support", "voice"}),
    "reach": frozenset({"conclusion"}),
    "come": frozenset({"out"}),
    "stand": frozenset({"by", "behind"}),
    "double": frozenset({"down"}),
    "open": frozenset({"up"}),
    "hit": frozenset({"back", "out"}),
    "fire": frozenset({"back"}),
    "walk": frozenset({"back"}),
    "play": frozenset({"down"}),
    "shrug": frozenset({"off"}),
    "brush": frozenset({"off", "aside"}),
    "zero": frozenset({"in"}),
    "seize": frozenset({"on", "upon"}),
    "side": frozenset({"with", "against"}),
    "go": frozenset({"after"}),
    "vote": frozenset({"against", "for"}),
    "weigh": frozenset({"in"}),
}
# Prepositions a cue governs and that belong to it ("called for", "said of", "talked about",
# "referred to"): any cue takes "about", "of" and "against"; some take one more.
CUE_PREPOSITIONS = frozenset({"about", "of", "against"})
CUE_PREPOSITIONS_BY_LEMMA = {
    "call": frozenset({"for", "on"}),
    "press": frozenset({"for"}),
    "push": frozenset({"for"}),
    "argue": frozenset({"for"}),
    "refer": frozenset({"to"}),
    "point": frozenset({"to"}),
    "respond": frozenset({"to"}),
    "reply": frozenset({"to"}),
    "object": frozenset({"to"}),
    "allude": frozenset({"to"}),
    "speak": frozenset({"of", "about"}),
    "focus": frozenset({"on"}),
    "apologize": frozenset({"for"}),
    "comment": frozenset({"on"}),
    "see": frozenset({"as"}),
    "view": frozenset({"as"}),
    "go": frozenset({"after"}),
    "vote": frozenset({"against", "for"}),
}
# Verbs of thinking: content must be a finite clause ("hopes that ..."; "hopes to ..." is an
# attitude, left out). Perception and deliberation verbs that mostly report no one's view in
# news ("see", "feel", "consider", "understand"; and "speak", "maintain", "welcome" among the
# verbs of saying) are left out too: on PolNeAR train under a third of them are attributions.
COGNITIVE_CUES = lexicon(
    """believe think hope expect fear doubt worry suspect assume estimate reckon guess
    anticipate predict observe find show know view question wonder recognize learn realize"""
)
# What a law, rule or agreement lays down ("the law requires candidates to …", "standards
# that prohibit lawyers from …"): PolNeAR takes the text as the source. Found only with such a
# noun as subject, as deeds (``Attribution.kind == "act"``).
LAW_CUES = lexicon("require allow prohibit restrict authorize mandate permit forbid bar oblige")
LAW_NOUNS = lexicon(
    """law laws rule rules regulation regulations statute constitution amendment bill act
    order treaty agreement accord deal policy provision provisions standard standards code
    ordinance measure charter guideline guidelines resolution platform"""
)
# every verb lemma that can head a cue
CUE_LEMMAS = SPEECH_CUES | COGNITIVE_CUES | STANCE_CUES | ATTITUDE_CUES | ACT_CUES | LAW_CUES
CLAUSE_ONLY_EXTRA = lexicon("""find show know view charge demand""")
# Rejections whose content is a noun phrase ("rejected the offer", "questioned the figures")
# take a stand on something rather than report a claim of the source's.
NOUN_STANCE_CUES = frozenset({"reject", "dismiss", "question", "dispute", "refute"})
NEGATIVE_CUES = frozenset({"deny", "reject", "refute", "dismiss", "dispute"})
# what a denial may name before the clause it denies ("denied rumours that she leaked ...")
DENIED_NOUNS = lexicon(
    """rumour rumor report claim allegation suggestion accusation speculation assertion
    charge notion idea story"""
)
CLAUSE_ONLY_CUES = frozenset({"refute", "dispute", "observe", "know"})
CLAUSE_ONLY_CUES |= CLAUSE_ONLY_EXTRA
QUOTE_ONLY_CUES = frozenset({"continue", "read"})  # "the letter reads, “…”"
# cues whose non-clause content must hold a quotation ("added to her lead" is no speech)
WEAK_CUES = frozenset({"add", "agree", "ask", "respond", "reply", "write", "point", "post"})
PARTICLE_CUES = {"point": "out"}  # "pointed out" reports, "pointed to" does not
# verbs of saying that say nothing with these particles ("wrote off", "called up", "the army
# was called in to help": summoned, not speaking)
NOT_SAID_PARTICLES = {
    "write": frozenset({"off", "up", "down"}),
    "call": frozenset({"off", "up", "down", "in"}),
    "post": frozenset({"off", "up", "down"}),
}
# Titles and role nouns that introduce a person's name ("Defense Minister X", "spokesman X").
NAME_TITLES = lexicon(
    """
    president vice-president premier minister chancellor senator congressman congresswoman
    governor mayor general gen. gen lieutenant colonel col. admiral commander ambassador envoy
    secretary spokesman spokeswoman spokesperson leader chief director chairman chairwoman
    chair ceo king queen prince princess pope sheikh emir president-elect deputy judge justice
    mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir lord lady dame rep. sen. gov.
    ecologist economist analyst scientist researcher activist lawyer attorney journalist
    reporter correspondent editor author historian official diplomat negotiator
    sheriff undersheriff lt lt. sgt sgt. sergeant detective officer trooper captain capt
    capt. inspector constable prosecutor commissioner superintendent
    insp det supt cllr dci cpl maj brig col
    """
) | {title.casefold() for title in TITLES}  # the abbreviations the tokenizer keeps whole
# (and the British forms with no full stop: "Insp Dave Gaskin", "Cllr Ann Lee")
# words for a person by what they do: a source phrase a role can resolve to a name
PERSON_ROLES = lexicon(
    """spokesman spokeswoman spokesperson official minister president leader premier
    chancellor secretary governor mayor ambassador diplomat lawmaker senator aide adviser
    advisor analyst economist expert ecologist scientist witness man woman source
    congressman congresswoman representative candidate nominee judge justice attorney
    lawyer prosecutor general commander chairman chairwoman chair director manager chief
    executive founder head author reporter journalist columnist host anchor businessman
    businesswoman billionaire activist professor researcher historian strategist pollster
    mogul incumbent challenger frontrunner front-runner speaker sheriff officer
    ceo king queen prince pope bishop priest rabbi imam politician councillor councilor
    councilman councilwoman councilmember alderman alderwoman legislator assemblyman
    assemblywoman delegate trustee regulator"""
)
# roles many people of a story may hold: "the coroner" is the one named as such, never
# just the person the paragraph is about
OCCUPATIONS = lexicon(
    """coroner detective trooper deputy pastor coach doctor physician surgeon nurse paramedic
    firefighter medic commissioner superintendent inspector sergeant captain lieutenant
    constable undersheriff"""
)
PERSON_ROLES |= OCCUPATIONS
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# a report that is a thing spoken of, not words given: "he will do *what* he claims"
FREE_RELATIVES = frozenset({"what", "whatever"})
ADDRESSEE_CUES = lexicon("tell inform notify assure brief warn remind ask urge")
# bodies named after a person, who are not that person ("Holt's office", "the Walker campaign",
# "the Trump administration")
BODIES_OF_PEOPLE = lexicon("office administration government campaign family camp team foundation")
HEDGE_WORDS = lexicon(
    """reportedly allegedly apparently purportedly supposedly seemingly ostensibly
    rumoredly rumouredly"""
)
# words of likelihood: they hedge what they qualify ("will most likely not attend", "there
# are likely to be protests", "is unlikely to meet the Queen"); the outlet's own estimate,
# so framing does not count them among the hedges that hide a source
HEDGE_MODALS = lexicon("likely unlikely probably possibly perhaps maybe presumably")
HEDGE_PASSIVES = frozenset(
    {"believe", "say", "think", "report", "understand", "rumor", "rumour", "expect", "claim"}
    | {"allege"}
)
HEDGE_RAISING = frozenset({"appear", "seem"})
# Records and polls "show" what they hold: with such a subject, an evidence verb takes a noun
# content ("a poll showed Trump with a 16-point lead"), as a verb of saying does.
EVIDENCE_CUES = lexicon("show find indicate reveal suggest put")
EVIDENCE_NOUNS = lexicon(
    """poll polls survey surveys record records data email emails document documents study
    studies report reports result results figure figures filing filings number numbers
    analysis review census estimate estimates count tally tallies audit transcript
    transcripts memo letter log logs average averages video videos footage tape tapes photo
    photos image images chart charts map maps graph graphs table tables timeline model models
    projection projections forecast forecasts tracker evidence research paper papers
    investigation investigations probe inquiry test tests finding findings statistic
    statistics return returns exit survey sample testing"""
)
# Hedges as plain words, for finding them in text without a parse (framing): the
# adjectives that hedge a noun ("the alleged attack", "unconfirmed reports") and the
# participles of ``HEDGE_PASSIVES`` read as hedges before "to" ("is believed to").
HEDGE_ADJECTIVES = lexicon("alleged purported unconfirmed claimed claiming")
HEDGE_PARTICIPLES = lexicon("believed said thought understood")


# verbs that relay someone's words in the passive ("was quoted as saying", "was cited as
# saying"): the one quoted is the source
RELAYS = frozenset({"quote", "cite"})

# cues of asking: what they report is a question ("asked whether …"), no one's claim
QUESTION_CUES = frozenset({"ask", "question", "press"})
# words that name no one and nothing ("None of them were there", "nothing … indicated")
NOBODY = frozenset({"none", "nothing", "nobody", "noone"})
