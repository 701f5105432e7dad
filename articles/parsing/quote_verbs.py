"""Words that attribute a quotation: speech verbs, and cues that a span is not one."""
import re

# Verbs that introduce or attribute direct speech, in the forms wire copy
# prints them (past, present third person). Gathered from attribution
# clauses in news copy: the common ones and the long tail of manner verbs.
_VERB_STEMS = """
said says say told tells added adds noted notes wrote writes tweeted tweets
posted posts insisted insists warned warns pledged pledges vowed vows
called calls asked asks explained explains stated declared declares
announced announces argued argues claimed claims contended contends
countered counters replied replies responded responds answered answers
recalled recalls remarked remarks observed observes acknowledged
acknowledges admitted admits conceded concedes confirmed confirms denied
denies stressed stresses emphasized emphasizes emphasised emphasises
underlined underscored underscores urged urges promised promises predicted
predicts suggested suggests cautioned cautions complained complains
lamented laments boasted boasts bragged joked jokes quipped quips mused
muses sighed shouted shouts yelled screamed cried whispered murmured
muttered exclaimed pleaded begged demanded demands reiterated
reiterates repeated repeats reported reports continued continues concluded
concludes testified testifies alleged alleges charged assured assures
reassured informed advised agreed agrees disagreed objected protested
mentioned mentions indicated indicates recounted recounts described
describes characterized characterised blasted slammed criticized
criticised praised praises hailed hails proclaimed estimated texted
emailed e-mailed messaged blogged maintained maintains asserted asserts
affirmed elaborated clarified retorted snapped thundered interjected
offered ventured wondered questioned threatened threatens commented
comments apologized apologised grumbled groaned gushed raved ranted
preached confessed confided disclosed revealed reveals signaled signalled
labeled labelled branded termed wrote read reads announced instructed
reminded reminds teased shared explained acknowledged conceded
found finds accused accuses
""".split()

# Russian and Ukrainian copy: «...», — заявила Мария Петрова.
_CYRILLIC_VERBS = """
сказал сказала сказали заявил заявила заявили отметил отметила отметили
добавил добавила добавили подчеркнул подчеркнула подчеркнули сообщил
сообщила сообщили написал написала написали пояснил пояснила пояснили
заявив сказав
""".split()

SPEECH_VERBS = frozenset(_VERB_STEMS + _CYRILLIC_VERBS)

# Present participles that attribute a quote to the subject of the clause
# they hang from: "The ministry issued a statement, saying ...".
PARTICIPLES = frozenset(
    """
    saying telling adding noting writing warning insisting arguing
    explaining calling asking stressing urging declaring stating claiming
    describing tweeting posting vowing pledging promising recalling
    observing remarking acknowledging admitting cautioning conceding
    emphasising emphasizing
    """.split()
)

# Verbs that may stand before the speaker: "..., said Doe, a spokeswoman."
INVERTABLE = frozenset(
    """
    said says added adds asked asks wrote writes explained noted recalled
    continued insisted warned replied answered observed remarked declared
    cautioned complained concluded countered offered quipped responded
    """.split()
    + _CYRILLIC_VERBS
)

# "said in a statement", "wrote in a letter": the channel is part of the
# verb phrase as printed.
CHANNELS = (
    r"(?:statement|news\s+release|press\s+release|release|post|"
    r"(?:\w+\s+)?posts?|tweet|interview|letter|speech|e-?mail|video|"
    r"message|briefing|news\s+conference|press\s+conference|address|"
    r"remarks|podcast|broadcast|blog\s+post|op-ed|essay|column|report|"
    r"filing|court\s+filing|memo|note|text(?:\s+message)?)"
)
CHANNEL_RE = re.compile(
    r"\s+in\s+(?:a|an|the|its|his|her|their|this|that|one)\s+"
    r"(?:[\w'’-]+\s+){0,3}?" + CHANNELS + r"\b",
    re.IGNORECASE,
)

# Passive and periphrastic attributions, matched before the single verbs.
PASSIVE_RE = re.compile(
    r"\b(?:was|is|were|are|has\s+been|had\s+been|been)\s+"
    r"(?:quoted|cited|heard|reported|recorded|filmed|seen)\s+"
    r"(?:by\s+[^,.;]{1,60}?\s+)?as\s+(?:saying|telling)\b"
    r"|\b(?:was|is|were|are)\s+(?:quoted|heard|recorded|filmed)\s+saying\b",
    re.IGNORECASE,
)

# "The U.N. quoted Bachelet as telling Wang ...": the speaker is the object.
QUOTED_AS_RE = re.compile(
    r"\b(?P<verb1>quoted|cited)\s+(?P<np>[^,.;:“”\"]{1,80}?)\s+as\s+"
    r"(?P<verb2>saying|telling|writing|stating|declaring)\b",
    re.IGNORECASE,
)

# Words that, right before a span, say it is a name, a title or a term
# rather than speech: `so-called "reform"`, `the film "Blue River"`.
NAMING_CUES = frozenset(
    """
    so-called dubbed nicknamed titled entitled headlined named christened
    title titles
    billed known term terms word words phrase phrases slogan
    slogans motto hashtag banner banners sign signs placard placards poster
    posters t-shirt t-shirts shirt shirts sticker stickers graffiti
    inscription inscriptions headline headlines caption label labels tag
    film films movie movies book books novel novels song songs album
    albums show shows series play plays musical opera documentary
    documentaries episode episodes poem poems painting paintings exhibition
    exhibit podcast column essay report reports article articles
    campaign campaigns program programme operation operations project
    brand app game games magazine newspaper website channel single track
    record records memoir biography manifesto anthem mantra catchphrase
    chant chants nickname
    """.split()
)

# Verbs after which a quoted span is written on something, not spoken.
WRITTEN_ON_RE = re.compile(
    r"\b(?:reads?|reading|read|emblazoned(?:\s+with)?|inscribed(?:\s+with)?|"
    r"bearing|bore|bears|printed(?:\s+with)?|painted(?:\s+with)?|"
    r"scrawled|carrying|carried|held\s+up|holding|waving|wore|wearing|"
    r"displayed|displaying)\s*:?\s*$",
    re.IGNORECASE,
)
