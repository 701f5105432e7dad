"""Speaker phrases around quotations, and their fullest names in the document."""
import collections
import re
from collections.abc import Sequence
from dataclasses import dataclass

PRONOUNS = frozenset("he she they it i we you".split())
GENDERED_PRONOUNS = {"he": "m", "she": "f"}

DETERMINERS = frozenset(
    """
    the a an one another his her its their our my your this these those
    some many several both each other most few all two three four five six
    seven eight nine ten
    """.split()
)

# Words that end a noun phrase when read backwards or forwards.
_STOP = frozenset(
    """
    and but or nor so yet because while when although though if that which
    who whom whose where why how than as after before since until unless
    whether also then later earlier previously once again still just even
    only not never is was were are be been being has have had will would
    shall should can could may might must do does did to into onto upon by
    about against between through during without within over under above
    below up down out off than like unlike said says say told tells
    according there here however meanwhile instead too very what
    """.split()
)
# Between nouns of one phrase: "a spokesman for the city".
_CONNECTORS = frozenset("of for from with at".split())
NAME_PARTICLES = frozenset(
    "de da di del della der den van von bin ibn al el la le du dos das ter ten st. y".split()
)

# Role and honorific words: stripped from names, never a first name.
TITLES = frozenset(
    """
    mr. mrs. ms. miss mx. dr. prof. professor sir dame lord lady president
    vice prime minister premier chancellor secretary secretary-general
    general gen. lt. col. maj. capt. sgt. cpl. pvt. adm. cmdr. brig. sen.
    senator rep. representative gov. governor mayor judge justice chief
    attorney commissioner ambassador director chairman chairwoman chair
    ceo cfo coo coach officer detective det. sheriff deputy inspector
    superintendent pope cardinal archbishop bishop rev. reverend father
    rabbi imam sheikh sheik emir sultan king queen prince princess emperor
    crown speaker leader councilman councilwoman councillor councilor
    congressman congresswoman assemblyman assemblywoman sister dean
    acting former high supreme spokesman spokeswoman spokesperson
    executive managing associate assistant head founder co-founder
    lawmaker minister-president pastor elder mullah ayatollah marshal
    corporal sergeant lieutenant captain colonel major admiral private
    trooper agent chairperson president-elect cmdr commander envoy commodore
    brigadier ensign airman seaman petty pro tem tempore datuk dato seri puan
    democrat republican opener striker goalkeeper midfielder defender
    quarterback batsman bowler skipper winger rookie incumbent challenger
    candidate nominee novelist actress rapper comedian economist analyst
    historian scientist researcher scientist-in-charge librarian principal
    superintendent chancellor provost treasurer auditor prosecutor
    lawyer counsel spokesperson organizer organiser activist volcanologist
    geologist meteorologist seismologist epidemiologist virologist
    biologist physician surgeon engineer architect photographer
    journalist reporter editor publisher pilot firefighter paramedic
    fisherman shopkeeper villager survivor witness caption credit nurse
    champion winner runner-up singer songwriter musician actor author writer
    artist player driver farmer teacher student owner resident worker miner
    soldier veteran priest nun monk midwife doctor entrepreneur investor
    retiree pensioner homeowner commuter shopper tourist visitor passenger
    motorist employee evacuee refugee detainee parent grandmother
    grandfather
    """.split()
) | frozenset(
    # Honorifics printed without a full stop (British and Commonwealth
    # style), South Asian, African and other honorifics, and the long tail
    # of public and professional offices that stand before a name.
    """
    mr mrs ms mx dr prof gen lt col maj capt sgt cpl pte pvt adm cdr cmdr
    brig sen rep gov supt insp det cllr rev fr. msgr. msgr hon hon. rt rt.
    honourable honorable excellency shri shrimati smt smt. sushri
    pandit maulana chief mallam ustaz datuk dato
    datin tun toh puan encik señor señora sra. sr. srta. herr frau monsieur
    madame mme mme. mlle mlle. m. dott. ing. engr. engr atty. atty esq.
    supervisor alderman alderwoman alderperson selectman selectwoman clerk
    comptroller controller assessor trustee regent magistrate constable
    warden registrar undersecretary under-secretary legislator delegate
    assemblymember councilmember administrator coordinator manager
    vice-president vice-chair vice-chairman vice-chancellor mp mla mep mpp
    msp tsar czar headteacher headmaster headmistress curator conductor
    referee umpire chef trainer jockey undersheriff patrolman ranger
    investigator examiner coroner ombudsman strategist adviser advisor
    consultant lecturer chaplain deacon cantor monsignor abbot canon
    vicar curate bailiff steward alcalde burgomaster ceo. deputy-director
    premier-elect governor-general attorney-general solicitor-general
    surgeon-general inspector-general postmaster-general auditor-general
    """.split()
)
# Words of organisations, places and times: never part of a person's name.
ORG_WORDS = frozenset(
    """
    ministry department office council committee commission agency
    nations united union party rights human security affairs organization
    organisation association institute university court bank group
    company corp. corp inc. inc ltd. ltd co. news press service services
    force forces army navy police province region county city state
    states republic kingdom federation assembly parliament congress senate
    house white federal national international global world health
    foundation center centre hospital school college authority board
    bureau administration government communist democratic republican
    socialist liberal conservative labour labor times post journal daily
    television tv radio network broadcasting corporation media airlines
    airport station church mosque temple street avenue road square park
    river lake mountain island islands valley district square bridge
    museum club team league cup games olympic olympics festival public
    power energy electric gas oil water utilities utility partners capital
    holdings systems technologies motors foods pharmaceuticals labs
    laboratory lab entertainment studios records insurance financial
    securities investments ventures solutions industries logistics
    communications telecom care alliance coalition society fund trust
    initiative movement caucus forum cooperative consortium observatory
    survey program programme project academy institution guard corps
    brigade battalion regiment division squad fc rovers wanderers athletic
    """.split()
)
NATIONALITIES = frozenset(
    """
    american british chinese russian ukrainian french german italian
    spanish japanese korean indian pakistani iranian iraqi israeli
    palestinian syrian turkish egyptian saudi afghan mexican canadian
    brazilian australian nigerian kenyan european african asian arab
    muslim christian catholic jewish uyghur tibetan taiwanese vietnamese
    thai filipino indonesian polish dutch belgian swiss swedish norwegian
    danish finnish greek irish scottish welsh english hungarian czech
    romanian serbian belarusian georgian armenian venezuelan colombian
    argentine chilean peruvian cuban haitian ethiopian somali sudanese
    lebanese jordanian emirati qatari yemeni libyan tunisian moroccan
    algerian malaysian singaporean burmese bangladeshi nepali mongolian
    kazakh uzbek u.s. u.n. un eu nato western eastern northern southern
    north south east west central new
    """.split()
)
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november
    december jan. feb. mar. apr. aug. sept. sep. oct. nov. dec. today
    yesterday tonight tomorrow morning afternoon evening night week month
    year weekend
    """.split()
)
# Plural or collective heads that speak without a determiner.
BARE_SPEAKERS = frozenset(
    """
    officials police authorities prosecutors investigators protesters
    residents witnesses experts analysts critics doctors scientists
    researchers lawmakers legislators activists organizers organisers
    supporters opponents parents students teachers workers employees
    officers agents soldiers troops diplomats sources observers economists
    advocates leaders members villagers survivors relatives neighbors
    neighbours fans voters farmers scholars historians media people
    others rescuers firefighters paramedics medics nurses staff
    """.split()
)
GENDERED_NOUNS = {
    **dict.fromkeys(
        """
        spokeswoman chairwoman businesswoman congresswoman councilwoman
        assemblywoman woman mother wife daughter sister grandmother aunt
        actress queen princess mrs. ms. miss madam girl widow niece
        mrs ms smt smt. shrimati sushri señora sra. frau madame mme mme.
        mlle mlle. alderwoman selectwoman headmistress
        datin puan dame lady granddaughter stepdaughter stepmother fiancee
        fiancée girlfriend
        """.split(),
        "f",
    ),
    **dict.fromkeys(
        """
        spokesman chairman businessman congressman councilman assemblyman
        man father husband son brother grandfather uncle king prince
        mr. sir boy widower nephew mr shri señor sr. herr monsieur m.
        alderman selectman headmaster encik lord grandson stepson stepfather
        fiance fiancé boyfriend
        """.split(),
        "m",
    ),
}
# Nouns for a person, beyond titles: "the former trucker", "the widow",
# "the high school senior" stand for someone the story named just before.
PERSON_NOUNS = frozenset(
    """
    trucker driver farmer fisherman nurse doctor surgeon teacher student
    pupil senior junior sophomore freshman teenager teen youngster toddler
    resident homeowner tenant landlord neighbour neighbor veteran retiree
    pensioner volunteer victim survivor witness owner shopkeeper trader
    vendor worker employee miner welder mechanic plumber electrician
    roofer builder carpenter baker chef cook waiter waitress cashier clerk
    pilot sailor soldier firefighter paramedic officer athlete player star
    runner swimmer climber rider cyclist golfer champion winner finalist
    veteran singer musician actor actress author writer poet painter artist
    filmmaker director designer architect engineer programmer entrepreneur
    founder mother father widow widower wife husband son daughter brother
    sister grandmother grandfather grandson granddaughter parent fan
    shopper customer passenger commuter manager coach captain
    striker defender midfielder goalkeeper forward winger pitcher catcher
    skipper batsman batter bowler opener keeper quarterback rookie
    all-rounder fly-half scrum-half flanker
    priest nun monk vicar chaplain
    """.split()
)
# Forms of address, which say nothing of an office.
HONORIFICS = frozenset(
    "mr. mrs. ms. miss mx. dr. prof. sir dame rev. reverend mr mrs ms dr".split()
)
# "the ministry" is the last organisation whose name holds one of these.
ORG_HEADS = {
    "ministry": ("ministry",),
    "agency": (
        "agency", "administration", "service", "bureau", "authority", "office",
        "commission",
    ),
    "company": (
        "company", "corp.", "corp", "corporation", "inc.", "inc", "ltd.",
        "ltd", "co.", "group", "llc", "plc", "holdings", "industries", "motors",
        "systems", "technologies", "foods", "pharmaceuticals", "airlines", "airways",
        "logistics", "communications", "telecom", "partners", "capital", "ventures",
        "solutions", "securities", "insurance", "financial", "entertainment", "studios",
        "labs", "dynamics", "energy", "electric", "mining", "motor",
    ),
    "firm": ("company", "corp.", "corporation", "inc.", "group", "llc", "plc"),
    "department": ("department",),
    "office": ("office",),
    "council": ("council",),
    "committee": ("committee",),
    "commission": ("commission",),
    "government": ("government",),
    "court": ("court",),
    "party": ("party",),
    "union": ("union",),
    "group": (
        "group", "organization", "organisation", "association", "union", "alliance",
        "coalition", "federation", "society", "foundation", "institute", "movement",
        "network", "campaign", "council", "league", "trust", "fund",
    ),
    "organization": ("organization", "organisation"),
    "organisation": ("organization", "organisation"),
    "association": ("association",),
    "embassy": ("embassy",),
    "university": ("university", "college"),
    "hospital": ("hospital",),
    "police": ("police",),
    "army": ("army",),
    "military": ("army", "forces", "military"),
    "bank": ("bank",),
    "board": ("board",),
    "authority": ("authority",),
    "bureau": ("bureau",),
    "institute": ("institute",),
    "foundation": ("foundation",),
    "federation": ("federation",),
    "league": ("league",),
    # "Harborough City", "Leeford United": football clubs' names.
    "club": ("club", "fc", "city", "united", "town", "rovers", "athletic", "wanderers"),
    "team": ("team",),
    "district": ("district",),
    "utility": ("power", "energy", "electric", "utility", "utilities", "water"),
    "airline": ("airlines", "airways", "air"),
    "newspaper": ("times", "post", "journal", "daily", "herald", "tribune", "gazette"),
    "broadcaster": ("television", "tv", "radio", "broadcasting", "news"),
    "network": ("network", "news", "tv"),
    "administration": ("administration",),
    "center": ("center", "centre"),
    "centre": ("center", "centre"),
    "service": ("service",),
    "coalition": ("coalition", "alliance"),
    "alliance": ("alliance",),
}
_OWNER = re.compile(
    r"^(.+?)['’]s\s+(?:response|reply|message|answer|words|advice|warning|verdict|"
    r"view|take|assessment|explanation|comment|reaction|retort|response to that)$"
)
_SPOKES = re.compile(
    r"^(?:an?|the|one|another)\s+(?:[\w'’.-]+\s+){0,3}?"
    r"(?:spokes(?:man|woman|person)|representative|official|officer|"
    r"spokespeople|statement|lawyer|attorney|member|source)\s+"
    r"(?:for|of|from|at|with)\s+(?P<org>.+)$",
    re.IGNORECASE,
)

_TOKEN = re.compile(r"\S+")
_ADVERBS = frozenset(
    """
    also later then previously earlier once again further simply just
    repeatedly flatly bluntly quietly angrily tearfully recently often
    had has have would will could should was is were are who
    """.split()
)


def _bare(token: str) -> str:
    """A token without surrounding punctuation and possessive ending."""
    token = token.strip("()[]{}\"“”«»,;:!?")
    if token[:3] in ("Al-", "El-"):
        token = token[0].lower() + token[1:]  # "Al-Nuaimi said" opens a sentence
    ending = token[-2:]
    if ending == "'s" or ending == "’s":
        return token[:-2]
    if ending == "s'" or ending == "s’":
        return token[:-1]
    return token


_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ud)-(?=[^\W\d_])")


def is_capitalised(token: str) -> bool:
    token = _ARTICLE.sub("", token.lstrip("(\"“«‘'"), count=1)
    return bool(token) and (token[0].isupper() or token[0].isdigit() and len(token) > 1
                            and any(c.isupper() for c in token))


_ABBREVIATIONS = frozenset(
    "st jr sr no vs co inc corp ltd gov sen rep ft mt gen col lt maj capt sgt "
    "adm cmdr rev dr mr mrs ms prof det brig cpl pvt".split()
)


def _is_abbreviation(token: str) -> bool:
    """U.N., Mr., Gen., J.: a period that does not end a sentence."""
    bare = token.rstrip(",;:")
    if not bare.endswith("."):
        return False
    core = bare[:-1]
    if "." in core or (len(core) == 1 and core.isalpha()):
        return True
    lower = core.lower()
    # Honorifics with a full stop ("Smt.", "Msgr.") come before a name.
    return lower in _ABBREVIATIONS or bare.lower() in TIME_WORDS or bare.lower() in TITLES


def _ends_phrase(token: str) -> bool:
    """Whether punctuation attached to the token closes the phrase."""
    stripped = token.rstrip("\"”’'»)")
    if not stripped:
        return True
    if stripped[-1] in ",;:!?":
        return True
    if stripped[-1] == "." and not _is_abbreviation(stripped):
        return True
    return False


def _np_word_ok(word: str) -> bool:
    bare = _bare(word)
    lower = bare.lower()
    if not lower or (lower in _STOP or lower in PRONOUNS) and not _ACRONYM.fullmatch(bare):
        return False  # "who", but "WHO Director Jane Doe"
    if any(c in word for c in "“”\"«»:;()[]"):
        return False  # "(Reuters)" in a dateline, a mark: outside any name
    return any(c.isalnum() for c in word)


def _valid_start(word: str) -> bool:
    lower = _bare(word).lower()
    if lower in DETERMINERS or lower in BARE_SPEAKERS:
        return True
    if lower in TIME_WORDS:
        return False
    return is_capitalised(word) and (lower not in _STOP or _ACRONYM.fullmatch(_bare(word)) is not None)


def np_before(text: str) -> str | None:
    """
    The noun phrase that ends `text`, the subject of a verb after it.

    "In a statement, the Foreign Ministry" -> "the Foreign Ministry";
    "Doe, a spokeswoman for the agency," -> "Doe"; None when the text does
    not end with a speaker-like phrase.
    """
    text = _PAREN_ACRONYM.sub("", text).rstrip()
    tokens = _TOKEN.findall(text)
    while tokens and _bare(tokens[-1]).lower() in _ADVERBS and not _ends_phrase(tokens[-1]):
        tokens.pop()
    while tokens and tokens[-1].lower().endswith("ly") and tokens[-1].islower() and len(tokens[-1]) > 4:
        tokens.pop()
    # "A government inquiry published last year": a time, then a participle.
    while len(tokens) > 2 and _bare(tokens[-1]).lower() in TIME_WORDS and _bare(
        tokens[-2]
    ).lower() in {"last", "this", "next", "on", "early", "late", "that", "each", "every"}:
        # The comma that closes an apposition stays: "Doe, who ... on Tuesday,"
        comma = tokens[-1].endswith(",")
        tokens = tokens[:-2]
        if comma and not tokens[-1].endswith(","):
            tokens[-1] += ","
    while len(tokens) > 2 and tokens[-1].islower() and tokens[-1].endswith("ed") and (
        _bare(tokens[-2]).lower() not in DETERMINERS
    ):
        tokens.pop()
    if not tokens:
        return None
    if tokens[-1].endswith(","):
        return _np_before_apposition(" ".join(tokens))
    return _trailing_np(tokens)


# "the National Electricity Supply Company (Nesco)": the short form.
_PAREN_ACRONYM = re.compile(r"\s+\([A-Z][A-Za-z]{1,7}\)(?=\s|,|$)")


def _inside_name(tokens: list[str], i: int) -> bool:
    """"An" in "Nguyen Van An": a capitalised word after a name's start."""
    return (
        tokens[i][:1].isupper()
        and i > 0
        and is_capitalised(tokens[i - 1])
        and not _ends_phrase(tokens[i - 1])
        and _bare(tokens[i - 1]).lower() not in DETERMINERS
    )


def _trailing_np(tokens: list[str]) -> str | None:
    last = tokens[-1]
    if _bare(last).lower() in PRONOUNS and _bare(last) == last:
        return last
    if not _np_word_ok(last) or _ends_phrase(last):
        return None
    best = None
    i = len(tokens) - 1
    count = 0
    while i >= 0 and count < 12:
        word = tokens[i]
        if i < len(tokens) - 1 and _ends_phrase(word):
            break
        lower = _bare(word).lower()
        if lower in _CONNECTORS or word == "&":
            # Only inside a phrase: "a spokesman for the city", "Keller & Frost".
            if best is None or i == 0 or not _np_word_ok(tokens[i - 1]):
                break
        elif not _np_word_ok(word):
            break
        elif _valid_start(word):
            best = i
            if lower in DETERMINERS and not (
                i > 0 and _bare(tokens[i - 1]).lower() in _CONNECTORS
            ) and not _inside_name(tokens, i):
                break
        i -= 1
        count += 1
    if best is None:
        return None
    # A lowercase role before a name belongs to it: "union president Jane Doe".
    if is_capitalised(tokens[best]) and _bare(tokens[best]).lower() not in DETERMINERS:
        start = best
        while (
            start > 0
            and best - start < 3
            and tokens[start - 1].islower()
            and _np_word_ok(tokens[start - 1])
            and _bare(tokens[start - 1]).lower() not in _CONNECTORS
            and not _ends_phrase(tokens[start - 1])
        ):
            start -= 1
        if start < best and (start == 0 or _bare(tokens[start - 1]).lower() in _STOP
                             or _ends_phrase(tokens[start - 1])):
            best = start
    if (
        best >= 2
        and tokens[best - 1] == "and"
        and is_capitalised(tokens[best])
        and is_capitalised(tokens[best - 2])
        and not tokens[best - 2].endswith(",")
    ):
        # "a spokesperson for the Department for Energy Security and Net
        # Zero": the "and" is inside a name that a description leads to.
        head = _trailing_np(tokens[: best - 1])
        if head and re.search(r"\s(?:for|of)\s", head) and head.split()[0].lower() in DETERMINERS:
            best -= len(head.split()) + 1
    phrase = tokens[best:]
    if _bare(phrase[0]).lower() in TIME_WORDS:
        return None
    result = " ".join(phrase).strip(",")
    return result or None


# Family and household: "her father", "his granddaughter".
_RELATIVE_NOUNS = frozenset(
    """
    parent parents child children sibling cousin partner spouse relative
    neighbor neighbour friend teammate coach lawyer attorney
    """.split()
)
_RELATIVE_BY_FIRST_NAME = re.compile(
    r"\b([A-Z][\w'’-]+)['’]s\s+(son|daughter|wife|husband|brother|sister|father|mother|"
    r"widow|widower|grandson|granddaughter),\s+([A-Z][\w'’-]+),"
)
_HONORIFIC_DOT = re.compile(
    r"(?<![\w.])((?:The\s+)?(?:Rev|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St))\."
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][\w.]*")
_ENDS_WITH_PLACE = re.compile(r"\b(?:in|at|from|near|of)\s+(?:[A-Z][\w.'’-]*\s*){1,3}$")


def _np_before_apposition(text: str) -> str | None:
    """Skip ", a spokeswoman," / ", 46," / ", who ...," back to the subject."""
    segments = [s.strip() for s in text.rstrip(",").split(",")]
    # The last segment(s) may be appositions of the one before.
    for position in range(len(segments) - 1, -1, -1):
        segment = segments[position]
        words = segment.split()
        if not words:
            continue
        first = _bare(words[0]).lower()
        previous = segments[position - 1] if position > 0 else ""
        apposition = (
            first in {"a", "an", "who", "which", "whose", "whom", "where", "himself", "herself",
                      "of", "from", "in", "another", "among"}  # "Doe, 46, of Springfield,"
            # "Holt, now a television pundit,"
            or (first in {"now", "then", "once", "formerly", "currently", "still", "also",
                          "later", "previously", "both", "each", "all"} and len(words) > 1)
            or words[0][0].isdigit()
            # "Doe, speaking at a rally," / "Doe, asked about it,"
            or (words[0].islower() and first.endswith(("ing", "ed")))
            or (first == "the" and previous and _trailing_np(previous.split()) is not None
                and is_capitalised(previous.split()[-1]))
            or (first in TITLES and len(words) > 1 and previous and not (
                is_capitalised(words[-1])
                and _bare(words[-1]).lower() not in TITLES | ORG_WORDS
                # "director of the Ratepayers Alliance" describes; it names no one
                and not {"of", "for", "the", "at"} & {w.lower() for w in words}
            ))
        )
        # "Jane Doe, D-Ore.,": a party and state; "speaking in Richmond,
        # Virginia,": the state of a place in the apposition before.
        apposition = apposition or _PARTY_TAG.fullmatch(segment) is not None or (
            position > 1 and len(words) <= 3 and _ENDS_WITH_PLACE.search(previous) is not None
        )
        if (
            not apposition
            and position > 0
            and len(words) <= 5
            and is_capitalised(words[-1])
            and all(is_capitalised(w) or _bare(w).lower() in NAME_PARTICLES for w in words)
            and _bare(words[-1]).lower() not in TITLES | ORG_WORDS
        ):
            # "The top Republican on the panel, Rep. Jane Doe,": the name.
            return " ".join(words)
        if apposition and position > 0:
            continue
        found = _trailing_np(words)
        if found is not None:
            return found
        return None
    return None


def np_after(text: str) -> str | None:
    """
    The noun phrase that starts `text`: the speaker after "said" or
    "according to". "Doe, a spokeswoman." -> "Doe";
    "a spokesman for the city on Monday" -> "a spokesman for the city".
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    first = tokens[0]
    if _bare(first).lower() in PRONOUNS:
        return _bare(first)
    role_prefix = False
    if not _valid_start(first) and first.islower():
        # "said board chair Jane Doe": lowercase roles, then a name.
        for position in range(1, min(4, len(tokens))):
            word = tokens[position - 1]
            if not word.islower() or not _np_word_ok(word) or _ends_phrase(word) or (
                _bare(word).lower() in _CONNECTORS
            ):
                break
            if is_capitalised(tokens[position]):
                role_prefix = True
                break
    if not role_prefix and (not _valid_start(first) or not _np_word_ok(first)):
        return None
    out = []
    for position, word in enumerate(tokens[:12]):
        lower = _bare(word).lower()
        if position > 0:
            if lower in TIME_WORDS or lower in {"in", "on", "during", "after", "at"} and not (
                lower == "at" and position + 1 < len(tokens) and is_capitalised(tokens[position + 1])
            ):
                break
            if lower in _CONNECTORS:
                if position + 1 >= len(tokens) or not _np_word_ok(tokens[position + 1]):
                    break
            elif lower == "and" and is_capitalised(out[-1]) and position + 1 < len(tokens) and (
                is_capitalised(tokens[position + 1]) and not _ends_phrase(out[-1])
            ):
                pass  # "Jammu and Kashmir Lieutenant Governor ..."
            elif not _np_word_ok(word):
                break
            elif (
                word.islower()
                and lower.endswith("ed")
                and _bare(tokens[position - 1]).lower() not in DETERMINERS | _CONNECTORS
            ):
                # "The ministry issued a statement": a verb ends the subject.
                break
        out.append(word)
        if _ends_phrase(word):
            break
    phrase = " ".join(out).rstrip(",;:.!?\"”’'»)")
    if out and out[-1].endswith(".") and _is_abbreviation(out[-1]):
        phrase = " ".join(out).rstrip(",;:!?\"”’'»)")
    # "the group's Asia director, Jane Doe": the name is in apposition.
    if out and out[-1].endswith(",") and (
        _bare(out[0]).lower() in DETERMINERS or any(w.endswith(("'s", "’s")) for w in out[:-1])
    ) and (
        out[-1].islower()
    ):
        rest = tokens[len(out) : len(out) + 5]
        name = []
        for word in rest:
            if not is_capitalised(word):
                break
            name.append(word)
            if _ends_phrase(word):
                break
        if 2 <= len(name) <= 4 and (len(name) == len(rest) or _ends_phrase(name[-1])):
            phrase += ", " + " ".join(name).rstrip(",;:.!?\"”’'»)")
    return phrase or None


def whole_np(text: str) -> str | None:
    """
    `text` as a speaker phrase if it is nothing else: "Doe, 46," -> "Doe";
    "the group's director, Jane Doe" is kept whole for its name.
    """
    text = _PAREN_ACRONYM.sub("", text).strip().strip(",").strip()
    if not text:
        return None
    segments = [s.strip() for s in text.split(",")]
    words = segments[0].split()
    while len(words) > 1 and (
        _bare(words[-1]).lower() in _ADVERBS
        or (words[-1].islower() and words[-1].endswith("ly") and len(words[-1]) > 4)
    ):
        words.pop()
    if not words or len(words) > 12:
        return None
    if len(words) == 1 and _bare(words[0]).lower() in PRONOUNS:
        found = _bare(words[0])
    elif "and" in words[1:-1]:
        # "Grant and Mayor Tom Hale": two speakers, both named.
        cut = words.index("and")
        left, right = _trailing_np(words[:cut]), _trailing_np(words[cut + 1 :])
        if not left or not right or len(left.split()) + len(right.split()) + 1 != len(words):
            return None
        found = " ".join(words)
    else:
        found = _trailing_np(words)
        if found is None or len(found.split()) != len(words):
            return None
    owner = _OWNER.match(found)
    if owner:
        return owner.group(1)  # "Hale's response:" -> Hale
    named = None
    for segment in segments[1:]:
        parts = segment.split()
        if not parts:
            continue
        first = _bare(parts[0]).lower()
        if first in {"who", "which", "whose", "whom", "where"} or parts[0][:1].isdigit():
            continue
        if all(is_capitalised(p) or _bare(p).lower() in NAME_PARTICLES for p in parts) and len(parts) <= 4:
            named = named or segment
            continue
        if len(parts) <= 8 and all(_np_word_ok(p) or _bare(p).lower() in _CONNECTORS for p in parts):
            continue
        return None
    if named and _bare(words[0]).lower() in DETERMINERS and not is_capitalised(words[-1]):
        return f"{found}, {named}"
    return found


# --- resolution -----------------------------------------------------------


@dataclass
class _Mention:
    position: int  # offset in the joined body; -1 for context
    tokens: tuple[str, ...]  # the name part, titles stripped
    gender: str | None
    possessive: bool = False  # "Doe's teammate": not who the sentence is about
    titles: frozenset = frozenset()  # "president" for "President Jane Doe"
    by_passive: bool = False  # "built by engineer John Ruiz": in the background
    # "said on France Inter", "who runs Drivers First": after a lowercase
    # verb or preposition, the object of a sentence rather than its subject.
    object_of: bool = False
    noted: bool = False  # recorded as a quote's speaker, not printed there


_JOINERS = NAME_PARTICLES | {"of", "for", "and"}
def _is_object(before: str) -> bool:
    """
    Whether a name after `before` is the object of its clause: after a
    preposition ("said on France Inter") or inside a relative clause ("who
    now runs the group Drivers First").
    """
    clause = re.split(r"[,.;:!?()—–]", before)[-1].split()
    words = [w.lower() for w in clause if w.lower() not in TITLES]
    if not words:
        return False
    if any(w in _RELATIVES for w in words):
        return True
    while len(words) > 1 and words[-1] in DETERMINERS:
        words.pop()
    return words[-1] in _PREPOSITIONS


_NICKNAME = re.compile(
    r"(?<![\w'’-])([A-Z][\w'’.-]*)"
    r"([ \t]+[“\"‘'][ \t]*(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?)?[ \t]*[”\"’'])"
    r"(?=[ \t]+[A-Z])"
)
# Printed forms of one office: "the congresswoman" after "Rep. Laura Doe".
_TITLE_ALIASES = {
    "congresswoman": {"congresswoman", "rep.", "rep", "representative", "congressman"},
    "congressman": {"congressman", "rep.", "rep", "representative", "congresswoman"},
    "representative": {"representative", "rep.", "rep"},
    "senator": {"senator", "sen.", "sen"},
    "governor": {"governor", "gov.", "gov"},
    "general": {"general", "gen.", "gen"},
    "professor": {"professor", "prof.", "prof"},
    "doctor": {"doctor", "dr.", "dr"},
    "reverend": {"reverend", "rev.", "rev"},
    "lawmaker": {"lawmaker", "rep.", "rep", "sen.", "sen", "senator", "representative",
                 "congressman", "congresswoman", "assemblyman", "assemblywoman"},
    "inspector": {"inspector", "insp.", "insp"},
    "superintendent": {"superintendent", "supt.", "supt"},
    "councillor": {"councillor", "cllr", "cllr.", "councilor", "councilman", "councilwoman"},
}
_RELATIVES = frozenset("who which whose whom".split())
_PREPOSITIONS = frozenset(
    "on in at from with to for of about into onto via against toward towards "
    "near over under through across behind beside between among without despite "
    "unlike like than beyond".split()
)
_HONORIFIC = re.compile(
    r"\b(Mr\.?|Mrs\.?|Ms\.?|Miss|Shri|Smt\.?|Shrimati)\s+"
    r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
)
_LONE_SPEAKER = re.compile(
    r"(?<![\w.’'-])([A-Z][\w’'-]+),([^,.;:“”\"]{1,60}),\s+"
    r"(?:said|says|told|added|noted|explained|recalled|insisted|wrote|asked)\b"
)
_SAID_PRONOUN = re.compile(r"\b(?:said|says|told|added|noted|wrote)\s+(he|she|his|her)\b")
_LOWER_RUN = re.compile(r"\b[a-z]+\b")
_GENDERED_WORDS = frozenset(w for w in GENDERED_NOUNS if w.isalpha())
_APPOSITION_BEFORE = re.compile(
    r"\b([A-Z][\w'’-]+),\s+(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,3}$"
)
_NAME_AFTER = re.compile(
    r"(?:\s+of\s+(?:\d+|[a-z]+)\s+(?:years|decades))?\s*,?\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|across|outside|inside|into|toward|towards|throughout|around|"
    r"visited|visit)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_OPENING_PRONOUN = re.compile(r"(?:He|She|His|Her)(?![\w'’-])")
_AGED = re.compile(r"^(?:the|a|an)\s+\d+-year-old(?:\s+\w+)?$")
# "Lobstermen's Cooperative", "Children's Hospital": the possessive is part
# of the name, not an owner as in "China's Foreign Ministry".
_GROUP_OWNER = re.compile(r"(?:men|people|children)['’]s$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+(?=[A-Z“\"])")
_CREDIT = re.compile(
    r"\([^()]*(?:/|\bPhoto\b|\bvia\b|Getty|Reuters|AFP|\bAP\b|EPA)[^()]*\)"
    r"|\[[^\[\]]*(?:/|Photo)[^\[\]]*\]"
    r"|Credit:[^\n]*|(?:Photo|Photograph)\s*:[^\n]*"
)
_ORG_NOUNS = "|".join(k for k in ORG_HEADS if k.isalpha())
# Words of one line; a full stop ends the name unless it abbreviates.
_ORG_NAME = (
    r"((?:[A-Z][\w&'’-]*(?:\.(?=\S)|(?<=\b[A-Z])\.)?[ \t]+"
    r"(?:(?:of|for|and|&|de|del|de[ \t]+la|du)[ \t]+)?){0,5}"
    r"[A-Z][\w&'’.-]*)"
)
_NOUN_THEN_NAME = re.compile(
    r"\b[Tt]he\s+(?:[a-z-]+\s+){0,2}?(" + _ORG_NOUNS + r"),\s+" + _ORG_NAME + r"\s*[,.]"
)
_NAME_THEN_NOUN = re.compile(
    r"(?<![\w'’.-])(?!(?:In|On|At|For|From|After|Before|During|With|By|Under|Over|Across|"
    r"Near|Inside|Outside|Despite|Amid|Since|Until|When|While|As|But|And|Yet|So)\s)"
    + _ORG_NAME + r",\s+(?:a|an|the)\s+"
    # "Pan Wei, a senior official with the ministry" is no ministry, nor is
    # "Jane Doe, the department's medical director".
    r"(?:(?!(?:with|at|of|for|from|in|to|on|by)\s)[\w'’-]+\s+){0,4}?(" + _ORG_NOUNS
    + r")\b(?!['’]s)"
)
# "the White Helmets civil defence group": a name, then what it is.
_NAME_IN_NOUN = re.compile(
    r"\b[Tt]he\s+((?:[A-Z][\w&'’-]*\s+){1,4})(?:[a-z][\w-]*\s+){0,3}?(" + _ORG_NOUNS + r")\b"
)
# "Auto parts maker Norvell Dynamics", "shares in Minera Sur": a company
# introduced by its trade.
_TRADE_THEN_NAME = re.compile(
    r"(?i:\b(?:maker|carmaker|automaker|chipmaker|drugmaker|retailer|miner|insurer|"
    r"lender|manufacturer|supplier|producer|developer|conglomerate|airline|"
    r"carrier|operator|firm|company|startup|start-up)|\bshares\s+(?:in|of))\s+"
    + _ORG_NAME
)
# Nouns that can stand for any organisation, whatever its name holds.
_ANY_ORG_HEADS = frozenset("agency organization organisation".split())
# Words that end a place's name before the office held there.
_JURISDICTIONS = frozenset(
    "county city state district town township parish borough municipal provincial".split()
)
_ROLE_SUFFIXES = ("ist", "ologist", "ician", "ographer", "eer", "man", "woman", "grader")
# Nouns for a nation's people that are no adjective: "Unseeded Pole Jane Doe".
_DEMONYMS = frozenset(
    "pole spaniard briton dane swede finn scot brit turk serb croat czech slovak "
    "greek swiss thai filipino filipina kiwi aussie".split()
)
# "the Spaniard" is the one named "of Spain" or "Spain's".
_DEMONYM_COUNTRY = {
    "spaniard": "Spain", "pole": "Poland", "briton": "Britain", "dane": "Denmark",
    "swede": "Sweden", "finn": "Finland", "scot": "Scotland", "turk": "Turkey",
    "serb": "Serbia", "croat": "Croatia", "greek": "Greece", "belgian": "Belgium",
    "frenchman": "France", "frenchwoman": "France", "german": "Germany",
    "italian": "Italy", "australian": "Australia", "canadian": "Canada",
    "russian": "Russia", "ukrainian": "Ukraine", "brazilian": "Brazil",
    "argentine": "Argentina", "norwegian": "Norway", "dutchman": "Netherlands",
    "dutchwoman": "Netherlands", "czech": "Czech Republic", "swiss": "Switzerland",
    "austrian": "Austria", "portuguese": "Portugal", "mexican": "Mexico",
    "japanese": "Japan", "chinese": "China", "kenyan": "Kenya", "ethiopian": "Ethiopia",
    "nigerian": "Nigeria", "indian": "India", "irishman": "Ireland",
    "irishwoman": "Ireland", "american": "United States", "kiwi": "New Zealand",
}
# Given names shaped like agent nouns: "Peter", "Victor" open names.
_AGENT_LIKE_NAMES = frozenset(
    """
    peter walter oliver jennifer christopher alexander esther heather skyler
    tyler hunter jasper homer roger xavier javier amber spencer dexter chester
    lester sawyer archer baxter parker carter porter foster fletcher webster
    tanner harper asher river ryder dieter pieter rainer werner gunther
    victor igor nestor hector taylor trevor connor conor eleanor heather
    jupiter jennifer jenifer christer kristofer alistair alastair
    """.split()
)


def _is_role_word(lower: str) -> bool:
    """A word for what someone is or does: "roofer", "goaltender", "brothers"."""
    if lower in PERSON_NOUNS or lower.endswith(_ROLE_SUFFIXES) or lower in _DEMONYMS:
        return True
    if lower.endswith("s") and (lower[:-1] in PERSON_NOUNS or lower[:-1] in GENDERED_NOUNS):
        return True
    return len(lower) >= 6 and lower.endswith(("er", "or")) and lower not in _AGENT_LIKE_NAMES
_TITLE_PARTS = ("-in-", "-elect", "-general", "-at-", "-of-")
_NOT_NAME = TITLES | ORG_WORDS | NATIONALITIES | TIME_WORDS | _STOP | PRONOUNS
# Organisation and place words that are also common surnames.
# Place words such as Hill or Park end far more place names ("Capitol
# Hill", "Central Park") than surnames, so only these end a name.
_SURNAME_LIKE = frozenset(
    "white young hall wood field rivers marsh king prince bishop dean major power "
    "marshal judge sheriff pope driver farmer singer player priest doctor "
    "miner warden steward clerk canon ranger regent deacon abbot vicar bailiff "
    "constable trainer manager curate examiner chancellor park".split()
)
# ... and these start one, surname first: "Park Ji-hoon".
_SURNAME_FIRST = frozenset("park".split())
PLACE_WORDS = frozenset(
    """
    hill hills heights beach bay port harbor harbour falls springs point
    creek canyon ridge forest desert coast peninsula gulf sea ocean strait
    plaza mall tower towers castle palace gardens garden stadium arena
    terminal village town township borough parish territory capitol
    downtown boulevard lane drive highway freeway county
    """.split()
)
_NOT_NAME_PART = (
    TITLES | ORG_WORDS | NATIONALITIES | TIME_WORDS | DETERMINERS | PLACE_WORDS
    | {"of", "for", "and", "on"}
)
# Capital letters of the Latin, Greek and Cyrillic scripts ("Étienne").
def _capital_ranges() -> str:
    """Capital letters of the Latin, Greek and Cyrillic scripts, as ranges."""
    capitals = [c for c in range(0x41, 0x530) if chr(c).isupper()]
    capitals += [c for c in range(0x1E00, 0x1F00) if chr(c).isupper()]
    ranges, start, previous = [], capitals[0], capitals[0]
    for code in capitals[1:] + [-1]:
        if code != previous + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = code
        previous = code
    return "".join(ranges)


_UPPER = _capital_ranges()
# "al-Haddad", "el-Sisi": a surname behind an Arabic article.
_ARTICLE_PREFIX = r"(?:al|el|ad|an|ar|as|ash|at|az|ud)-"
_CAP = rf"(?<![\w'’.\-])(?:{_ARTICLE_PREFIX})?[{_UPPER}][\w'’.\-]*"
_RUN = re.compile(
    rf"{_CAP}(?:[ \t]+(?:(?:of|for|and|&|de|da|di|del|della|der|den|van|von|"
    rf"bin|ibn|al|el|la|le|du|dos|das)[ \t]+)*{_CAP})*"
)


class SpeakerResolver:
    """The names a document gives, to turn speaker phrases into fullest names."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        context: Sequence[str] = (),
        *,
        quoted: Sequence[tuple[int, int]] = (),
    ):
        """`quoted`: (start, end) offsets of quotations, whose words name nobody."""
        self.body = "\n\n".join(paragraphs)
        masked = self.body
        if quoted:
            parts, last = [], 0
            for start, end in sorted(quoted):
                start = max(start, last)
                if end > start:
                    parts.append(masked[last:start])
                    parts.append(" " * (end - start))
                    last = end
            parts.append(masked[last:])
            masked = "".join(parts)
        # Gerald “Gerry” Whitmore is Gerald Whitmore: blank the nickname
        # and its marks so that the name reads as one run.
        masked = _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), masked)
        self._masked = masked
        self.context = "\n\n".join(context)
        self._common: dict[str, bool] = {}
        self.people: list[_Mention] = []
        self.orgs: list[tuple[int, str]] = []
        self.single: list[tuple[int, str, bool]] = []
        # Captions are read only when the body cannot name someone.
        self._context_people: list[_Mention] | None = None
        self._described_orgs: list[tuple[int, str, str]] | None = None
        self._context_orgs: list[tuple[int, str]] | None = None
        self._index(masked, 0)
        self._index_relatives()
        self._index_surnames()
        self._learn_gender(masked)
        self._learn_gender_from_pronouns()

    def _load_context(self):
        if self._context_people is not None:
            return
        people, orgs = self.people, self.orgs
        self.people, self.orgs = [], []
        # Photographers in photo credits are not the people quoted.
        context = _CREDIT.sub(" ", self.context)
        self._index(context, None)
        self._learn_gender(context)
        self._context_people, self._context_orgs = self.people, self.orgs
        self.people, self.orgs = people, orgs

    # Capitalised runs, joined over "of"/"for" ("Ministry of Foreign Affairs").
    @staticmethod
    def _runs(text: str):
        """Capitalised runs: (start, words, possessive, after a place word)."""
        for match in _RUN.finditer(text):
            group = match.group()
            if " " not in group and "\t" not in group:
                continue
            locative = _LOCATIVE.search(text, max(0, match.start() - 12), match.start())
            words = group.split()
            start = match.start()
            if _LOCATIVE.fullmatch(words[0] + " ") and len(words) > 1:
                # "In Leeds, care home manager ...": a sentence opening with
                # a place; the preposition is no first name.
                locative = True
                start = match.start() + group.index(words[1], len(words[0]))
                words = words[1:]
            run: list[str] = []
            for word in words:
                sentence_end = word[-1] == "." and not _is_abbreviation(word)
                core = word[:-1] if sentence_end else word
                run.append(_bare(core))
                possessive = core[-2:] in ("'s", "’s")
                if sentence_end or possessive:
                    yield start, run, possessive, locative
                    run, locative = [], None
            if run:
                yield start, run, False, locative

    def _index(self, text: str, offset: int | None):
        for match in _RUN.finditer(text) if offset is not None else ():
            word = match.group()
            if " " in word or "\t" in word:
                continue
            # Most runs are one word: keep them cheap.
            if word[-1] == "." and not _is_abbreviation(word):
                word = word[:-1]
            bare = _bare(word)
            lower = bare.lower()
            if lower in ORG_WORDS:
                self.orgs.append((-1 if offset is None else offset + match.start(), bare))
            elif offset is not None and lower not in _NOT_NAME:
                self.single.append(
                    (offset + match.start(), bare, word[-2:] in ("'s", "’s"))
                )
        for start, words, possessive, locative in self._runs(text):
            while words and words[-1].lower() in _JOINERS:
                words.pop()
            if not words:
                continue
            position = -1 if offset is None else offset + start
            self._index_org(words, position)
            if locative and offset is not None:
                continue  # "in Buenos Aires": a place
            if "and" in words:
                # "Jane Doe and John Roe" are two people; in "Minister of
                # Road Transport and Highways Jane Doe" the "and" is the
                # title's.
                cut = len(words) - words[::-1].index("and")
                self._index_person(words[: cut - 1], position, False)
                if not {"of", "for"} & {w.lower() for w in words[: cut - 1]}:
                    words = words[cut:]
            before = text[max(0, start - 40) : start].split()[-3:]
            roles = [w.lower() for w in before[-2:]]
            self._index_person(words, position, possessive, [r for r in roles if r in TITLES])
            if offset is not None and self.people and self.people[-1].position == position:
                lowered = [w.lower() for w in before]
                while lowered and (lowered[-1] in TITLES or lowered[-1] in {"the", "a", "an"}):
                    lowered.pop()
                self.people[-1].by_passive = bool(lowered) and lowered[-1] == "by"
                self.people[-1].object_of = _is_object(text[max(0, start - 80) : start])

    def _index_person(
        self, words: list[str], position: int, possessive: bool = False, roles=()
    ):
        """Record the person a capitalised run ends with, if any."""
        joiner = next((i for i, w in enumerate(words) if w.lower() in {"of", "for"}), None)
        if joiner:
            # "Lorna Kiptanui of Kenya"
            name = self._name_part(words[:joiner])
            if len(name) >= 2:
                self.people.append(_Mention(position, tuple(name), None, possessive))
        if words:
            name = self._name_part(words)
            if len(name) >= 2:
                gender = None
                for word in words[: len(words) - len(name)]:
                    gender = GENDERED_NOUNS.get(word.lower(), gender)
                titles = frozenset(
                    [w.lower() for w in words[: len(words) - len(name)]] + list(roles)
                )
                self.people.append(
                    _Mention(position, tuple(name), gender, possessive, titles)
                )
            elif len(name) == 1 and len(words) >= 2 and words[-2].lower() in TITLES:
                self.people.append(
                    _Mention(position, tuple(name), GENDERED_NOUNS.get(words[-2].lower()))
                )
            elif len(name) == 1 and position >= 0:
                self.single.append((position, name[0], possessive))

    def _index_relatives(self):
        """
        "Ellery's son, David," is David Ellery: a relative given by first
        name after the family's surname.
        """
        for match in _RELATIVE_BY_FIRST_NAME.finditer(self._masked):
            surname, noun, given = match.groups()
            if given.lower() in _NOT_NAME or surname.lower() in _NOT_NAME:
                continue
            self.people.append(
                _Mention(match.start(3), (given, _bare(surname)), GENDERED_NOUNS.get(noun))
            )

    def _index_surnames(self):
        """A lone "Doe" after "Jane Doe" is a mention of her, for recency."""
        # Only with an age or a role in apposition: "Google said" is a company.
        speakers = {
            m.start(1)
            for m in _LONE_SPEAKER.finditer(self._masked)
            if not m.group(1).isupper()
            and any(
                w.isdigit() or w in TITLES or w in GENDERED_NOUNS
                for w in re.findall(r"[\w-]+", m.group(2).lower())
            )
        }
        first_seen: dict[tuple[str, ...], int] = {}
        for mention in self.people:
            if mention.position >= 0:
                seen = first_seen.get(mention.tokens, mention.position)
                first_seen[mention.tokens] = min(seen, mention.position)
        for position, word, possessive in self.single:
            names = self._people_matching([word], self.people)
            if len(names) > 1:
                # "Caldwell" after Roy Caldwell, before his wife Brenda
                # Caldwell is introduced: only Roy can be meant yet.
                names = [n for n in names if first_seen.get(n, position) < position]
            if len(names) == 1:
                # "could pass without Doe": the object, not who speaks next
                object_of = _is_object(self._masked[max(0, position - 80) : position])
                self.people.append(
                    _Mention(position, names[0], None, possessive, object_of=object_of)
                )
            elif len(names) > 1:
                # Still a mention for recency: a gendered pronoun may tell
                # which of them is meant.
                self.people.append(_Mention(position, (word,), None, possessive))
            elif not names and position in speakers:
                # "Doe, a farmer, said ...": known by one name, but a person.
                self.people.append(_Mention(position, (word,), None, possessive))

    def _name_part(self, words: Sequence[str]) -> list[str]:
        """The trailing person name of a capitalised run, titles stripped."""
        name: list[str] = []
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            lower = word.lower()
            if lower in NAME_PARTICLES and name and _follows_given_name(words, index):
                name.insert(0, word)  # "Marieke de Vries", "Joost van der Berg"
                continue
            # "Park Ji-hoon", "Stephen King": the last (or, surname first,
            # the first) word may look like a place or a title.
            surname_like = (
                lower in _SURNAME_LIKE
                and not name
                and index > 0
                and words[index - 1].lower() not in _NOT_NAME_PART
            ) or (
                lower in _SURNAME_LIKE | _SURNAME_FIRST
                and len(name) == 1
                and (index == 0 or words[index - 1].lower() in TITLES)
            )
            if (
                (lower in _NOT_NAME_PART and not surname_like)
                or not is_capitalised(word)
                # A third name word back that is also a common word is
                # more likely a title: "Human Rights Michelle Bachelet".
                or (len(name) >= 2 and self._is_common_word(lower))
                or not any(c.isalpha() for c in word)
                or any(part in lower for part in _TITLE_PARTS)
                or len(name) >= 4
            ):
                break
            if len(name) == 2 and _is_role_word(lower):
                break  # "Volcanologist Jane Doe", "Roofer Dan Quint"
            if len(name) == 2 and index > 0 and words[index - 1].lower() in _JURISDICTIONS:
                break  # "Pima County Assessor Jane Doe": the word names an office
            if name and len(word) > 1 and word.isupper() and word.isalpha() and not (
                name[0].isupper()
            ):
                break  # "МИД Мария Захарова", "NASA Jane Doe": an acronym
            name.insert(0, word)
            if index > 0 and words[index - 1].lower() in {"of", "for"} or (
                # "Minister of Road Transport and Highways Devendra Rawat"
                len(name) >= 3 and index > 1 and words[index - 1].lower() == "and"
                and any(w.lower() in {"of", "for"} for w in words[: index - 1])
            ):
                # "Minister of Electricity Thabo Ramaphele": that word
                # names the office.
                name.pop(0)
                break
        while name and name[0].lower() in NAME_PARTICLES:
            name.pop(0)
        return name

    def _is_common_word(self, lower: str) -> bool:
        """Whether the body also uses `lower` as an ordinary lowercase word."""
        if lower not in self._common:
            pattern = r"(?<![\w'’-])" + re.escape(lower) + r"(?![\w'’-])"
            self._common[lower] = re.search(pattern, self.body) is not None
        return self._common[lower]

    def _index_org(self, words: list[str], position: int):
        if any(w.lower() in ORG_WORDS for w in words):
            while words and words[0].lower() == "the":
                words = words[1:]
            if words:
                self.orgs.append((position, " ".join(words)))

    def _learn_gender(self, text: str):
        """"Doe said she ...", "Mr. Doe", "Doe, a spokeswoman": genders the text states."""
        if "Mr" in text or "Ms" in text or "Miss" in text or "Shri" in text or "Smt" in text:
            for match in _HONORIFIC.finditer(text):
                self._set_gender(match.group(2).split(), GENDERED_NOUNS[match.group(1).lower()])
        # Gendered nouns first: "His wife, Dorothy Fenn, said he died" is
        # about him.
        self._learn_gender_from_nouns(text)
        for match in _SAID_PRONOUN.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()].split()
            if before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
                gender = "m" if match.group(1) in {"he", "his"} else "f"
                self._set_gender([_bare(before[-1])], gender)

    def _learn_gender_from_nouns(self, text: str):
        """"Doe, a spokeswoman", "his wife of 63 years, Jane Doe"."""
        # Anchor on the (rare) gendered nouns rather than on every capital.
        nouns = _GENDERED_WORDS & set(_LOWER_RUN.findall(text))
        if not nouns:
            return
        pattern = re.compile(r"\b(?:" + "|".join(sorted(nouns)) + r")\b")
        for match in pattern.finditer(text):
            gender = GENDERED_NOUNS[match.group()]
            before = _APPOSITION_BEFORE.search(text, max(0, match.start() - 60), match.start())
            if before:
                self._set_gender([before.group(1)], gender)
            after = _NAME_AFTER.match(text, match.end())
            if after:
                tokens = [t for t in after.group(1).split() if t.lower() not in TITLES]
                self._set_gender(tokens, gender)

    def _learn_gender_from_pronouns(self):
        """"Jane Doe, a nurse who said she ...": the next pronoun in the sentence."""
        mentions = sorted(self.people, key=lambda m: m.position)
        for index, mention in enumerate(mentions):
            if mention.position < 0:
                continue
            start = self._masked.find(mention.tokens[-1], mention.position)
            if start < 0:
                continue
            start += len(mention.tokens[-1])
            stop = min(len(self.body), start + 200)
            following = mentions[index + 1].position if index + 1 < len(mentions) else stop
            brk = _SENTENCE_BREAK.search(self.body, start, stop + 1)
            stop = min(stop, following, brk.start() if brk else stop)
            pronoun = _PRONOUN.search(self._masked, start, stop)
            if pronoun is None and brk is not None and brk.end() < following:
                # "Rao said the cost was high. She has treated ...": the
                # next sentence opens with a pronoun, and she was the only
                # person in hers.
                previous = mentions[index - 1] if index > 0 else None
                alone = previous is None or previous.position < 0 or previous.tokens == (
                    mention.tokens
                ) or _SENTENCE_BREAK.search(self.body, previous.position, mention.position)
                if alone:
                    pronoun = _OPENING_PRONOUN.match(self._masked, brk.end())
            if pronoun is None:
                continue
            gender = "m" if pronoun.group().lower() in {"he", "him", "his", "himself"} else "f"
            names = self._people_matching(mention.tokens, self.people)
            if len(names) == 1 and self._gender_of(names[0]) is None:
                mention.gender = gender

    def _set_gender(self, tokens, gender):
        candidates = self._people_matching(
            [t for t in tokens if t.lower() not in TITLES], self.people
        )
        if len(candidates) == 1:
            for mention in self.people:
                if mention.tokens == candidates[0] and mention.gender is None:
                    mention.gender = gender

    # --- lookups ---

    def _names_for(self, tokens: Sequence[str]) -> list[tuple[str, ...]]:
        """Fullest names for `tokens`: from the body, else from the captions."""
        names = self._people_matching(tokens, self.people)
        if not names:
            self._load_context()
            names = self._people_matching(tokens, self._context_people)
        return names

    @staticmethod
    def _people_matching(tokens: Sequence[str], people) -> list[tuple[str, ...]]:
        """Distinct fullest names holding `tokens` in order (Doe, Jane Doe)."""
        tokens = [t for t in tokens if t]
        if not tokens:
            return []
        found: list[tuple[str, ...]] = []
        for mention in people:
            name = mention.tokens
            if len(tokens) == 1:
                ok = tokens[0] in (name[-1], name[0])
            else:
                ok = _is_subsequence(tokens, name)
            if ok and name not in found:
                found.append(name)
        # "Jane Doe" inside "Jane Q. Doe" is one person.
        maximal = [
            n for n in found
            if not any(o != n and len(o) > len(n) and _is_subsequence(n, o) for o in found)
        ]
        return maximal

    def _gender_of(self, name: tuple[str, ...]) -> str | None:
        people = self.people + (self._context_people or [])
        genders = {m.gender for m in people if m.gender and _is_subsequence(m.tokens, name)}
        return genders.pop() if len(genders) == 1 else None

    def resolve(self, speaker: str | None, position: int, *, in_list=False) -> str | None:
        """
        The fullest name for `speaker` found at `position` of the body; the
        speaker as written when the document does not say who it is.
        `in_list`: one of several speakers, "Hank" in "Hank and Edna Doe".
        """
        found = self._resolve(speaker, position, in_list=in_list)
        if found and not in_list and " " not in found and is_capitalised(found) and (
            not self.is_person(found)
        ):
            # "KCNA" -> "Korean Central News Agency"; "Rovers" -> "Castleford
            # Rovers": the one longer name the document gives.
            if _ACRONYM.fullmatch(found):
                return self._expand_acronym(found) or found
            return self._fuller_org([found]) or found
        return found

    def _resolve(self, speaker: str | None, position: int, *, in_list=False) -> str | None:
        if speaker is None:
            return None
        phrase = speaker.strip()
        lower = phrase.lower()
        if lower in GENDERED_PRONOUNS:
            return self._resolve_pronoun(GENDERED_PRONOUNS[lower], position) or phrase
        if _AGED.match(lower):
            return self._resolve_pronoun(None, position) or phrase
        if lower in PRONOUNS:
            return phrase
        acronym = phrase[4:] if lower.startswith("the ") else phrase
        if _ACRONYM.fullmatch(acronym):
            expanded = self._expand_acronym(acronym)
            if expanded:
                return expanded  # "KCNA" -> "Korean Central News Agency"
        if " and " in phrase and not any(w.lower() in ORG_WORDS for w in phrase.split()):
            # "Grant and Mayor Tom Hale": each named in full.
            parts = [p.strip() for p in phrase.split(" and ")]
            first = [w for w in parts[0].split() if is_capitalised(w)]
            while first and (
                first[0].lower() in TITLES or first[0].lower().rstrip("s") in TITLES
            ):
                first.pop(0)
            if len(parts) == 2 and len(first) == 1 and len(parts[1].split()) == 2 and (
                first[0] == parts[0].split()[-1]
            ) and self.is_person(parts[1]) and not any(
                w.lower() in TITLES for w in parts[1].split()
            ):
                # "Walt and Marjorie Dunphy": one surname for both.
                second = self.resolve(parts[1], position) or parts[1]
                known = self._people_matching([first[0]], self.people)
                if all(n[0] == first[0] and n[-1] == second.split()[-1] for n in known):
                    return f"{first[0]} and {second}"
            if all(parts) and all(self.is_person(p) for p in parts):
                return " and ".join(
                    self.resolve(p, position, in_list=True) or p for p in parts
                )
        if ", " in phrase:
            named = phrase.rsplit(", ", 1)[1]
            if all(is_capitalised(w) for w in named.split()):
                return self._resolve_name(named.split(), position) or named
        for joiner in (" of ", " from "):
            if joiner in phrase and lower.split()[0] not in DETERMINERS and self.is_person(
                phrase.split(joiner)[0]
            ):
                # "Sen. Jane Doe of Ohio", "Lakshmi Devi from Andhra Pradesh"
                found = self._resolve_name(phrase.split(joiner)[0].split(), position)
                if found:
                    return found
        spokes = _SPOKES.match(phrase)
        if spokes:
            # "a spokesman for the Foreign Ministry" -> "Foreign Ministry";
            # "a spokesman for the city" names nobody and stays as written.
            org = spokes.group("org").strip()
            return self._resolve_org_phrase(org.split(), position) or phrase
        words = phrase.split()
        # "China's Foreign Ministry" -> "Foreign Ministry".
        for index, word in enumerate(words[:-1]):
            if word.endswith(("'s", "’s")) and not _GROUP_OWNER.search(word) and (
                all(is_capitalised(w) or w.lower() in _JOINERS for w in words[index + 1 :])
                or (words[-1].lower() in ORG_HEADS and is_capitalised(word))
            ):
                words = words[index + 1 :]  # "China's commerce ministry"
                break
        first = words[0].lower()
        if first in {"the", "its", "their"} and len(words) >= 2 and all(
            w.lower() in TITLES or w.lower() in {"former", "then", "new"} for w in words[1:]
        ):
            # "the president" after "President Jane Marsh"; "the bank ...
            # its governor" before "Governor Jane Marsh"
            found = self._resolve_title(words[-1].lower(), position)
            if found:
                return found
        if first in {"her", "his", "their"} and len(words) == 2 and (
            words[1].lower() in GENDERED_NOUNS or words[1].lower() in _RELATIVE_NOUNS
        ):
            found = self._resolve_relative(words[1].lower(), position)
            if found:
                return found  # "her father" after "her father, Jordi Ferrandiz"
        if first == "the" and self._describes_a_person(words[1:]):
            noun = words[-1].lower()
            found = (
                self._resolve_title(noun, position)
                or self._resolve_description(noun, position)
                or self._resolve_recent_person(noun, position)
            )
            if found:
                return found
        if first == "the" and len(words) == 2 and words[1].lower() in _DEMONYM_COUNTRY:
            # "the Spaniard" after "Elena Vasquez of Spain" or "Spain's Elena Vasquez"
            country = _DEMONYM_COUNTRY[words[1].lower()]
            lookups = [self._resolve_from_place, self._resolve_owned_by]
            owned_at = self._masked.rfind(country + "'s", 0, position)
            owned_at = max(owned_at, self._masked.rfind(country + "’s", 0, position))
            if owned_at > self._masked.rfind("of " + country, 0, position):
                lookups.reverse()  # the latest mention of the country decides
            found = (
                lookups[0](country, position)
                or lookups[1](country, position)
                or self._resolve_recent_person(words[1].lower(), position)
            )
            if found:
                return found
        if first == "the" and len(words) == 2 and words[1].lower() not in ORG_HEADS and (
            words[1].lower() not in BARE_SPEAKERS
        ):
            # "The Republican responded" after "her Republican challenger,
            # state Sen. Daniel Whitaker"
            found = self._resolve_description(words[1], position)
            if found:
                return found
            if words[1].islower():
                found = self._indefinite_antecedent(words[1], position)
                if found:
                    return found
        if first == "the" and len(words) == 3 and is_capitalised(words[1]) and (
            words[2].lower() in TITLES and words[2].lower() not in ORG_HEADS
        ):
            # "the Arizona Republican" after "Sen. Jane Doe of Arizona"
            found = self._resolve_from_place(words[1], position)
            if found:
                return found
        if first in DETERMINERS:
            found = self._resolve_org_phrase(words, position)
            if found:
                return found
            # "The shop workers' union Usdaw": a name after its description;
            # not "the delegation in Tbilisi", a place.
            trailing = []
            for word in reversed(words):
                if not is_capitalised(word):
                    break
                trailing.insert(0, word)
            if trailing and len(trailing) < len(words) and (
                words[-len(trailing) - 1].lower() not in {"in", "at", "near", "from"}
            ):
                return self._resolve_name(trailing, position) or " ".join(trailing)
            if first == "the" and len(words) > 2 and words[-1].lower() in ORG_HEADS:
                leading = []
                for word in words[1:-1]:
                    if not is_capitalised(word):
                        break
                    leading.append(word)
                middle = len(words) - 2 - len(leading)
                if leading and middle and (len(leading) > 1 or middle > 1):
                    # "the White Helmets civil defence group"; but "the
                    # Delhi high court" is that court's whole name.
                    return " ".join(leading)
                return self._org_by_modifiers(words[1:]) or " ".join(
                    words[1:]
                )  # "the transport ministry"
            return phrase
        if is_capitalised(words[-1]):
            found = self._resolve_name(words, position)
            if found:
                return found
        trailing = []
        for word in reversed(words):
            if not is_capitalised(word):
                break
            trailing.insert(0, word)
        if 0 < len(trailing) < len(words) and words[-len(trailing) - 1].lower() not in (
            _CONNECTORS | {"of", "for", "and", "in", "near"}
        ):
            # "Environmental group Blue Harbour": the name after its description.
            return " ".join(trailing)
        found = self._org_by_modifiers(words)
        if found:
            return found  # "China's commerce ministry" -> "Ministry of Commerce"
        if any(w.lower() in ORG_WORDS or w.lower() in {"of", "for"} for w in words):
            return " ".join(words)
        if all(is_capitalised(w) for w in words) and not in_list:
            return self._fuller_org(words) or phrase
        return phrase

    def _expand_acronym(self, acronym: str) -> str | None:
        """The one name in the document whose initials spell `acronym`."""
        found = set()
        for _, run, _, _ in self._runs(self._masked + "\n\n" + self.context):
            words = [w for w in run if w.lower() not in {"the", "of", "for", "and", "&"}]
            for start in range(len(words)):
                initials = "".join(w[0] for w in words[start:]).upper()
                if initials == acronym.upper() and len(words) - start >= 2:
                    first = run.index(words[start])
                    found.add(" ".join(run[first:]))
        return found.pop() if len(found) == 1 else None

    def _fuller_org(self, words: Sequence[str]) -> str | None:
        """
        The one longer name the body gives an organisation named short:
        "the Red Cross" after "the Philippine Red Cross", "Meridian" after
        "Meridian Midstream". Runs holding a title or a date name a person
        or a moment, not the organisation.
        """
        words = [_bare(w) for w in words]
        size = len(words)
        found = set()
        runs = (
            part
            for _, run, _, _ in self._runs(self._masked)
            for part in " ".join(run).split(" and ")
        )
        for run in map(str.split, runs):
            # "Houston-based Meridian Midstream": the place is no part of it.
            while run and (run[0].lower() == "the" or re.search(r"-[a-z]", run[0])):
                run = run[1:]
            if len(run) <= size or not (run[:size] == words or run[-size:] == words):
                continue
            extra = run[size:] if run[:size] == words else run[: len(run) - size]
            if any(
                w.lower() in TITLES or w.lower().rstrip("s") in TITLES
                or w.lower() in TIME_WORDS or w.lower() in _STOP
                for w in extra
            ):
                continue
            found.add(" ".join(run))
        return found.pop() if len(found) == 1 else None

    def _indefinite_antecedent(self, noun: str, position: int) -> str | None:
        """
        "An MCD official, who ... The official said": the unnamed speaker a
        sentence before `position` opened with, as it was introduced.
        """
        pattern = re.compile(
            r"(?:^|(?<=\n)|(?<=[.!?][\"”’'] )|(?<=[.!?] ))(?:A|An)\s+(?:[\w'’.-]+\s+){0,3}?"
            + re.escape(noun)
            + r"(?![\w'’-])"
        )
        matches = list(pattern.finditer(self.body, 0, max(0, position)))
        if not matches:
            return None
        found = np_after(self.body[matches[-1].start() : position])
        if found and noun in found.lower().split():
            return found
        return None

    def _resolve_owned_by(self, country: str, position: int) -> str | None:
        """The person last printed as "`country`'s Jane Doe" before `position`."""
        pattern = re.compile(re.escape(country) + r"['’]s\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")
        found = [m.group(1) for m in pattern.finditer(self._masked, 0, max(0, position))]
        return self._resolve_name(found[-1].split(), position) if found else None

    def _resolve_from_place(self, place: str, position: int) -> str | None:
        """The person last named as "of `place`" before `position`, if one."""
        pattern = re.compile(r"\s+of\s+" + re.escape(place) + r"(?![\w'’-])")
        people = [m for m in self.people if m.position >= 0 and not m.noted]
        for match in reversed(list(pattern.finditer(self._masked, 0, max(0, position)))):
            # The name must end right where "of <place>" starts.
            holders = [
                m for m in people
                if m.position < match.start()
                and self._masked[m.position : match.start()].endswith(" ".join(m.tokens))
                and not re.search(r"[,;:!?\n]", self._masked[m.position : match.start()])
            ]
            if holders:
                names = self._people_matching(holders[-1].tokens, self.people)
                if len(names) == 1:
                    return " ".join(names[0])
        return None

    def _resolve_org_phrase(self, words: list[str], position: int) -> str | None:
        if words and words[0].lower() == "the":
            words = words[1:]
        if not words:
            return None
        if all(is_capitalised(w) or w.lower() in _JOINERS for w in words) and not (
            len(words) == 1 and words[0].lower() in ORG_HEADS
        ):
            return self._fuller_org(words) or " ".join(words)
        if len(words) == 1 and words[0].lower() in ORG_HEADS:
            head = words[0].lower()
            heads = ORG_HEADS[head]
            lone = words[0]
            # "The company, Koster Chemie, ..." names the company outright.
            described = [(p, name) for p, name, h in self._described() if h == head]
            before = [o for o in self.orgs if 0 <= o[0] < position and _has_head(o[1], heads)]
            before = [(p, _org_name(n, heads)) for p, n in before]
            before += [d for d in described if d[0] < position]
            pool = [_org_name(o[1], heads) for o in self.orgs if _has_head(o[1], heads)]
            pool += [name for _, name in described]
            if not pool:
                self._load_context()
                pool = [_org_name(o[1], heads) for o in self._context_orgs if _has_head(o[1], heads)]
            # "The Ministry" itself names no ministry.
            before = [b for b in before if b[1].lower() not in heads]
            pool = [name for name in pool if name.lower() not in heads]
            if before:
                # The body named most often as a subject, the latest of those:
                # "the club" is the one the story is about, not the one it
                # was beaten by.
                subjects = [b for b in before if not self._is_object_at(b[0])] or before
                counts = collections.Counter(name for _, name in subjects)
                return max(subjects, key=lambda b: (counts[b[1]], b[0]))[1]
            if len(set(pool)) == 1:
                return pool[0]
            if not pool and head in _ANY_ORG_HEADS:
                # "The Japan Coast Guard said ... the agency said": no name
                # holds the word, so the noun stands for the last body named.
                named = [o for o in self.orgs if 0 <= o[0] < position]
                if named:
                    return max(named)[1]
            if is_capitalised(lone):
                return lone
        return None

    def _is_object_at(self, position: int) -> bool:
        """Whether the name at `position` is an object: "beaten by Leeford"."""
        before = self._masked[max(0, position - 80) : position]
        return _is_object(before) or re.search(r"\bby\s+(?:the\s+)?$", before) is not None

    def _org_by_modifiers(self, words: Sequence[str]) -> str | None:
        """
        The organisation the document names in full for a lowercase
        description of it: "commerce ministry" -> "Ministry of Commerce".
        """
        if len(words) < 2 or not all(w.islower() for w in words):
            return None
        head = words[-1]
        if head not in ORG_HEADS:
            return None
        heads = ORG_HEADS[head]
        wanted = {w for w in words[:-1] if w not in _JOINERS}
        found = set()
        self._load_context()
        for _, org in self.orgs + self._context_orgs:
            if not _has_head(org, heads):
                continue
            name = _org_name(org, heads)
            if wanted <= {w.lower() for w in name.split()}:
                found.add(name)
        return found.pop() if len(found) == 1 else None

    def _described(self) -> list[tuple[int, str, str]]:
        """Organisations named in apposition to what they are: (position, name, noun)."""
        if self._described_orgs is None:
            found = []
            for match in _NOUN_THEN_NAME.finditer(self._masked):
                found.append((match.start(), match.group(2).strip(), match.group(1).lower()))
            for match in _NAME_THEN_NOUN.finditer(self._masked):
                name = match.group(1).strip()
                before = self._masked[max(0, match.start() - 12) : match.start()].split()
                if name.lower() in TIME_WORDS or (before and before[-1] in _PREPOSITIONS):
                    continue  # "in April, the ministry said": no apposition
                found.append((match.start(), name, match.group(2).lower()))
            for match in _NAME_IN_NOUN.finditer(self._masked):
                found.append((match.start(), match.group(1).strip(), match.group(2).lower()))
            for match in _TRADE_THEN_NAME.finditer(self._masked):
                name = match.group(1).strip()
                found += [(match.start(1), name, "company"), (match.start(1), name, "firm")]
            self._described_orgs = found
        return self._described_orgs

    def _resolve_name(self, words: Sequence[str], position: int | None = None) -> str | None:
        tokens = [_bare(w) for w in words]
        for index, token in enumerate(tokens[1:], 1):
            previous = tokens[index - 1]
            if token.lower() in _CONNECTORS and previous.islower() and previous not in TITLES:
                return None  # "analysts at Pembroke Capital": a relation
        title_gender = None
        for token in tokens:
            title_gender = GENDERED_NOUNS.get(token.lower(), title_gender)
        name = self._name_part(tokens)
        if not name and len(tokens) == 1 and is_capitalised(tokens[0]):
            name = tokens  # a lone "White" is looked up as it stands
        if not name:
            return None
        candidates = self._names_for(name)
        if title_gender and len(candidates) > 1:
            candidates = [c for c in candidates if self._gender_of(c) == title_gender]
        if position is not None and len(candidates) > 1:
            # "Hoover said" before "his wife, Linda Hoover" is first named:
            # only the people named so far can be meant.
            named = {
                m.tokens for m in self.people if 0 <= m.position < position and not m.noted
            }
            earlier = [c for c in candidates if c in named]
            if len(earlier) == 1:
                candidates = earlier
        if len(candidates) == 1:
            return " ".join(candidates[0])
        if not candidates and len(name) < len(tokens):
            dropped = tokens[: len(tokens) - len(name)]
            if all(t.lower() in TITLES for t in dropped):
                return " ".join(name)
            # "North Korea", "British Airways", "West Ham": the first word
            # is part of the name, not a title.
            if all(is_capitalised(t) for t in tokens) and not any(
                t.lower() in TITLES for t in dropped
            ):
                return " ".join(tokens)
            return " ".join(name)
        return None

    def _resolve_pronoun(self, gender: str | None, position: int) -> str | None:
        """
        The most recent person before `position` who fits `gender`; None
        when another such person is named in the same sentence. Without a
        gender ("the 46-year-old") the sentence's first person is taken.
        """
        recent = sorted(
            (m for m in self.people if 0 <= m.position < position),
            key=lambda m: m.position,
            reverse=True,
        )
        # Someone named only after the "by" of a passive ("backed by Senator
        # Joe Ruiz") is rarely who speaks next; "Ledger editor Jane Doe"
        # names a paper, not a second person.
        foreground = [
            m for m in recent if not m.by_passive and not self._modifies_a_role(m)
        ]
        if foreground:
            recent = foreground
        chosen = None
        for mention in recent:
            names = self._people_matching(mention.tokens, self.people)
            if len(names) > 1 and gender:
                # "Caldwell" for Roy, not his wife Brenda Caldwell: "he".
                fitting = [n for n in names if self._gender_of(n) in (None, gender)]
                if len(fitting) == 1:
                    names = fitting
            if len(names) != 1:
                continue
            name = names[0]
            known = self._gender_of(name)
            if gender and known and known != gender:
                continue
            if chosen is None and gender and self._after_same_pronoun(mention.position, gender):
                # "He said the trains run between Victoria Terminus and ...":
                # the sentence is still about him, not about whom it names.
                continue
            if chosen is None:
                chosen = (name, mention.position, known, mention.possessive, mention.object_of)
                continue
            if name == chosen[0]:
                continue
            # From the name itself: the dot of "Sen. Jane Doe" ends no sentence.
            name_at = self.body.find(mention.tokens[-1], mention.position, chosen[1] + 1)
            if _SENTENCE_BREAK.search(self.body, max(name_at, mention.position), chosen[1] + 1):
                break
            if mention.possessive:
                continue  # "Doe's teammate Jane Roe": the sentence is about Roe
            if chosen[3] or (chosen[4] and not mention.object_of):
                # "Renaud said on France Inter": the subject, not the object.
                chosen = (name, mention.position, known, False, mention.object_of)
                continue
            if mention.object_of and not chosen[4]:
                continue
            if gender is None:
                # "X held off Y ... the 31-year-old said": the subject.
                chosen = (name, mention.position, known, False, mention.object_of)
                continue
            # Another fitting person in the same sentence: unclear.
            if not (chosen[2] == gender and known != gender):
                return None
            break
        return " ".join(chosen[0]) if chosen else None

    @staticmethod
    def _describes_a_person(words: Sequence[str]) -> bool:
        """
        "former trucker", "high school senior", "coach": lowercase words
        ending in a noun for a person. "the teenager's mother" is somebody
        else than the teenager, and is left alone.
        """
        return bool(words) and len(words) <= 4 and all(
            w.islower() and w[-2:] not in ("'s", "’s") for w in words
        ) and (words[-1] in PERSON_NOUNS or words[-1] in GENDERED_NOUNS) and (
            words[-1] not in ORG_HEADS
        )

    def _resolve_recent_person(self, noun: str, position: int) -> str | None:
        """
        The person a description such as "the coach" stands for when no one
        holds it as a title: the one named last, within the two paragraphs
        before the one at `position`, who holds no other title and fits its
        gender.
        """
        window = position
        for _ in range(3):  # this paragraph and the two before it
            window = self._masked.rfind("\n\n", 0, window)
        gender = GENDERED_NOUNS.get(noun)
        titled = {
            name
            for m in self.people
            if m.titles - PERSON_NOUNS - HONORIFICS - {"the"}
            for name in self._people_matching(m.tokens, self.people)
        }
        for mention in sorted(self.people, key=lambda m: m.position, reverse=True):
            if not window < mention.position < position:
                continue
            if self._modifies_a_role(mention):
                continue  # "Cedar Bluff resident Tomás Reyes": a place
            names = self._people_matching(mention.tokens, self.people)
            if len(names) > 1 and gender:
                # "Fenn" after Harold and Dorothy Fenn: "the widow" is hers.
                names = [n for n in names if self._gender_of(n) == gender]
            if len(names) != 1:
                return None
            if names[0] in titled or (
                gender and self._gender_of(names[0]) not in (None, gender)
            ):
                continue
            return " ".join(names[0])
        return None

    def _resolve_relative(self, noun: str, position: int) -> str | None:
        """
        The person the document names as someone's `noun`: "her father,
        Jordi Ferrandiz", "Mariel Doe, daughter of the late coach", the
        latest before `position`, else the only one in the captions.
        """
        name = r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)"
        noun = re.escape(noun)
        pattern = re.compile(
            rf"(?:\b(?:[Hh]er|[Hh]is|[Tt]heir)|[A-Z][\w-]+['’]s)\s+(?:[a-z-]+\s+){{0,2}}?{noun}"
            rf"(?:\s+of\s+\d+\s+years)?,\s+{name}"
            rf"|{name},\s+(?:\d+,\s+)?(?:(?:her|his|their|the)\s+)?{noun}\b"
        )
        for text, stop in ((self._masked, position), (self.context, None)):
            names = [
                (m.group(1) or m.group(2)).strip()
                for m in pattern.finditer(text, 0, stop if stop is not None else len(text))
            ]
            names = [n for n in names if n.split()[0].lower() not in DETERMINERS]
            if names and (stop is not None or len(set(names)) == 1):
                found = self._resolve_name(names[-1].split(), position)
                return found or names[-1]
        return None

    def _modifies_a_role(self, mention: "_Mention") -> bool:
        """"Ledger" in "Ledger editor Jane Doe": a name before a role word."""
        end = self._masked.find(mention.tokens[-1], max(mention.position, 0))
        if mention.position < 0 or end < 0:
            return False
        following = self._masked[end + len(mention.tokens[-1]) :].split()[:1]
        return bool(following) and following[0] in PERSON_NOUNS | TITLES

    def _after_same_pronoun(self, position: int, gender: str) -> bool:
        """Whether the sentence holding `position` opens with "He" (or "She")."""
        start = max(
            (m.end() for m in _SENTENCE_BREAK.finditer(self._masked, 0, position)), default=0
        )
        start = max(start, self._masked.rfind("\n", 0, position) + 1)
        opening = _OPENING_PRONOUN.match(self._masked, start)
        if opening is None or opening.end() > position or opening.group() in ("His", "Her"):
            return False  # "Her neighbour, Nur Aini, said": about the neighbour
        return ("m" if opening.group() == "He" else "f") == gender

    def _resolve_title(self, title: str, position: int) -> str | None:
        """The person last named with `title` before `position`, or the only one."""
        titles = _TITLE_ALIASES.get(title, {title})
        holders = [m for m in self.people if titles & m.titles]
        gender = GENDERED_NOUNS.get(title)
        if gender:
            # "the congresswoman" after Rep. Laura Whitaker and Sen. Dan Whitaker
            holders = [
                m for m in holders
                if len(self._people_matching(m.tokens, self.people)) == 1
                and self._gender_of(self._people_matching(m.tokens, self.people)[0]) != (
                    "m" if gender == "f" else "f"
                )
            ]
        before = [m for m in holders if 0 <= m.position < position]
        if before:
            mention = max(before, key=lambda m: m.position)
        elif len({m.tokens for m in holders}) == 1:
            mention = holders[0]
        else:
            return None
        names = self._people_matching(mention.tokens, self.people)
        return " ".join(names[0]) if len(names) == 1 else None

    def _resolve_description(self, noun: str, position: int) -> str | None:
        """
        The person a description word was last attached to before
        `position`: "Rep. Laura Whitaker, a Democrat", "her Republican
        challenger, state Sen. Daniel Whitaker". None unless one person fits.
        """
        pattern = re.compile(r"(?<![\w-])" + re.escape(noun) + r"(?![\w-])", re.IGNORECASE)
        people = sorted(
            (m for m in self.people if m.position >= 0 and not m.noted), key=lambda m: m.position
        )
        # "The Rev. Tomasz Wilk, the parish priest,": an honorific's full
        # stop ends no clause.
        text = _HONORIFIC_DOT.sub(lambda m: m.group(1) + " ", self._masked)
        for match in reversed(list(pattern.finditer(text, 0, max(0, position)))):
            clause_start = max(text.rfind(c, 0, match.start()) for c in ".;:!?\n")
            # A name right after the word in its clause, or the name whose
            # apposition (", a Democrat") holds the word.
            after = [
                m for m in people
                if match.end() <= m.position <= match.end() + 40
                and not re.search(r"[.;:!?\n]", text[match.end() : m.position])
            ]
            before = [
                m for m in people
                if clause_start < m.position < match.start()
                and re.fullmatch(
                    r"[^,.;:!?\n]*,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}",
                    text[m.position : match.start()],
                )
            ]
            for candidates in (after[:1], before[-1:]):
                if candidates:
                    names = self._people_matching(candidates[0].tokens, self.people)
                    if len(names) == 1:
                        return " ".join(names[0])
        return None

    def is_person(self, phrase: str) -> bool:
        """Whether `phrase` names a person the document names."""
        words = [_bare(w) for w in phrase.split() if w[:1].isupper()]
        name = self._name_part(words) if words else []
        return bool(name) and bool(self._people_matching(name, self.people))

    def note_speaker(self, name: str, position: int, gender: str | None = None):
        """Record a resolved speaker as a person mentioned at `position`."""
        tokens = tuple(name.split())
        if tokens and all(is_capitalised(t) for t in tokens) and not any(
            t.lower() in ORG_WORDS for t in tokens
        ):
            self.people.append(_Mention(position, tokens, gender, noted=True))


def _follows_given_name(words: Sequence[str], index: int) -> bool:
    """Whether the particles ending at `index` come after a capitalised name."""
    while index > 0 and words[index - 1].lower() in NAME_PARTICLES:
        index -= 1
    return index > 0 and words[index - 1][:1].isupper()


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    iterator = iter(long)
    return all(any(s == t for t in iterator) for s in short)


def _has_head(org: str, heads: Sequence[str]) -> bool:
    return any(w.lower() in heads for w in org.split())


def _org_name(org: str, heads: Sequence[str]) -> str:
    """"China's Foreign Ministry spokesman" -> "Foreign Ministry"."""
    words = org.split()
    last = max(i for i, w in enumerate(words) if w.lower() in heads)
    end = last + 1
    while end + 1 < len(words) and words[end] == "&":
        end += 2  # "Sonoran Power & Light"
    while end + 1 < len(words) and words[end].lower() in {"of", "for", "on"}:
        end += 2
        while end < len(words) and words[end].lower() not in {"of", "for", "on"} and (
            words[end].lower() not in TITLES
        ):
            end += 1
    start = 0
    for i in range(last - 1, -1, -1):
        if words[i].lower() == "the" or words[i].endswith(("'s", "’s")):
            start = i + 1
            break
    return " ".join(words[start:end])
