"""Write a synthetic corpus of wire-story files in the seed layout."""
import argparse
import hashlib
import random
import sys
from pathlib import Path

# Everything below is invented: word lists, places, people, organisations.
FIRST_NAMES = """
Amara Bastian Celia Dorin Elif Faro Greta Hollis Ines Jory Kesia Lorcan Mireille
Nuno Odile Pavel Quilla Rasmus Selin Tobiah Ulla Vesna Wendel Xanthe Yorick Zelia
Anouk Brisa Caius Delphine Emrys Filippa Gideon Hesper Ilario Junia Kasimir Liesel
Marek Nerys Orrin Perpetua Quentin Rosalind Sindre Thaddea Ugo Valka
""".split()
SURNAMES = """
Abernethy Brannock Castellane Dunmore Everard Fairweather Galloway Hartigan
Ibbotson Jessamy Kilbride Lanfranc Marchetti Nightingale Oakhurst Pellingham
Quarrie Rothwell Stavrou Thistlewood Underhill Valcourt Whitcombe Yardley Zuberi
Ashdown Blackwood Carrow Delacroix Elsworth Farquhar Greaves Holloway Illingworth
Jarrow Kettering Lockwood Merriweather Norbury Ormerod Penhaligon Radclyffe
""".split()
AGENCIES = ["AP", "Xinhua", "Reuters", "AFP", "EPA-EFE", "Getty Images"]
ORGANISATIONS = """
Valdoria Ministry of Culture|Port Ellery Police Department|Brennmark Coast Guard
|Harrowgate City Council|Lunaris Space Agency|Ostvik Fire Service
|Caldera Wildlife Trust|Northmere University|Saltmarsh Harbour Authority
|Greyfen Department of Transport|Kestrel Valley Water Board|Amberlight Foundation
|Ironbridge Museum|Fallowmere Red Cross|Tessaly Ministry of Health
|Westerhaven Port Authority|Quillon Navy|Marrowby Zoo|Copperhill Mining Company
|Duskwater Regional Hospital
""".replace("\n", "").split("|")
PLACES = [
    ("PORT ELLERY", "Valdoria"), ("HARROWGATE", "Brennmark"), ("OSTVIK", "Tessaly"),
    ("SALTMARSH", "Quillon"), ("NORTHMERE", "Valdoria"), ("CALDERA", "Brennmark"),
    ("GREYFEN", "Tessaly"), ("AMBERLIGHT", "Quillon"), ("DUSKWATER", "Valdoria"),
    ("WESTERHAVEN", "Brennmark"), ("COPPERHILL", "Tessaly"), ("MARROWBY", "Quillon"),
]
SUBJECTS = """
officials|the council|residents|the committee|investigators|rescue teams|farmers
|the regional government|lawmakers|engineers|teachers|the harbour board
|health workers|local traders|the ministry|volunteers|the mayor's office
""".replace("\n", "").split("|")
VERBS = """
announced|reviewed|approved|delayed|criticised|expanded|inspected|opened|closed
|debated|funded|rebuilt|postponed|welcomed|rejected|measured|restored
""".replace("\n", "").split("|")
OBJECTS = """
a new bridge over the river|plans for the eastern rail line|the annual harvest fair
|repairs to the old sea wall|a survey of the northern forests|the budget for schools
|a pilot scheme for night buses|the restoration of the clock tower|flood defences
|a ban on fishing near the reef|the reopening of the central library
|a programme of free health checks|water rationing in the hill districts
|a festival of lantern makers|the sale of the former tram depot
""".replace("\n", "").split("|")
TAILS = """
on Tuesday|after months of talks|despite strong objections|earlier this week
|ahead of the winter season|for the first time in a decade|without a public vote
|following a heavy storm|as costs continued to rise|in a brief ceremony
|at a packed meeting|under pressure from campaigners
""".replace("\n", "").split("|")
QUOTE_WORDS = """
we|will|not|stop|until|every|family|has|a|safe|home|this|is|a|good|day|for|the
|town|our|people|deserve|better|answers|and|the|work|must|go|on|nobody|expected
|it|to|happen|so|quickly|I|am|proud|of|what|they|built|together|there|is|more
|to|do|before|winter|comes
""".replace("\n", "").split("|")
SPEECH_VERBS = ["said", "told reporters", "added", "noted", "warned", "insisted",
                "pledged", "vowed", "wrote", "said in a statement"]
CAPTION_SCENES = """
A boat passes the lighthouse at dawn|Workers lift a steel beam into place
|Children play near the fountain in the main square|Smoke rises over the hills
|Visitors queue outside the museum|A farmer checks his crop after the rain
|Firefighters walk past a burned-out warehouse|Lanterns float on the harbour
|Commuters wait on a crowded platform|A crane stands over the half-built stadium
|Divers prepare to inspect the reef|Delegates arrive for the regional summit
""".replace("\n", "").split("|")
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
          "Sept.", "Oct.", "Nov.", "Dec."]


def build_credit_pool(rng, people=300):
    """A fixed set of invented photographers, the people credits come from."""
    names = set()
    while len(names) < people:
        names.add(f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}")
    return sorted(names)


def sentence(rng):
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    return text[0].upper() + text[1:] + "."


def quoted_words(rng):
    words = [rng.choice(QUOTE_WORDS) for _ in range(rng.randint(6, 22))]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def quote_paragraph(rng, speaker, speakers_intro):
    """A paragraph holding one quotation, its speaker before or after it."""
    words = quoted_words(rng)
    verb = rng.choice(SPEECH_VERBS)
    opening, closing = ("“", "”") if rng.random() < 0.8 else ('"', '"')
    surname = speaker.split()[-1]
    who = speaker if speaker not in speakers_intro else rng.choice([surname, "she", "he"])
    speakers_intro.add(speaker)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{opening}{words},{closing} {who} {verb}."
    if shape == 1:
        role = rng.choice(["a spokeswoman for the council", "the harbour master",
                           "a local shopkeeper", "the deputy minister"])
        verb = rng.choice(["said", "added", "noted"])
        return f"{opening}{words},{closing} {verb} {speaker}, {role}."
    if shape == 2:
        return f"{speaker} {verb}: {opening}{words}.{closing}"
    second = quoted_words(rng)
    return (f"{opening}{words},{closing} {who} {verb}. "
            f"{opening}{second}.{closing}")


def inline_credit(rng, photographer, organisation):
    """A credit in one of the shapes wire copy prints them in."""
    agency = rng.choice(AGENCIES)
    shape = rng.randrange(8)
    if shape == 0:
        return f"AP Photo/{photographer}", photographer
    if shape == 1:
        return f"AP Photo/{photographer}, File", photographer
    if shape == 2:
        return f"{photographer}/Xinhua via AP", photographer
    if shape == 3:
        return f"{organisation} via AP", "Uncredited"
    if shape == 4:
        return f"REUTERS/{photographer}", photographer
    if shape == 5:
        return f"Photo by {photographer}/Getty Images", photographer
    if shape == 6:
        return f"{photographer.upper()}/AFP via Getty Images", photographer
    return f"{agency} Photo/{photographer}", photographer


def caption_paragraph(rng, photographer, organisation, year):
    credit_line, credit_name = inline_credit(rng, photographer, organisation)
    prefix = "FILE - " if credit_line.endswith("File") else ""
    place = rng.choice(PLACES)
    when = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}"
    return (f"Caption {prefix}{rng.choice(CAPTION_SCENES)} in {place[0].title()}, "
            f"{place[1]}, on {when}. ({credit_line}) Credit: {credit_name}")


def make_document(rng, people):
    """One story's text, in the seed layout."""
    year = rng.randint(2015, 2024)
    date_roll = rng.random()
    if date_roll < 0.03:
        prefix = f" date {year}-{rng.randint(1, 12):02d} "  # partial: no date
    elif date_roll < 0.08:
        prefix = ""
    else:
        prefix = f" date {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "

    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
                  for _ in range(rng.randint(4, 30))]
    if rng.random() < 0.7:
        city, country = rng.choice(PLACES)
        agency = rng.choice(["(AP) ", ""])
        paragraphs[0] = f"{city}, {country} {agency}— {paragraphs[0]}"
    speakers_intro = set()
    speakers = rng.sample(people, 3)
    for _ in range(rng.randint(0, 8)):
        at = rng.randint(1, len(paragraphs))
        paragraphs.insert(at, quote_paragraph(rng, rng.choice(speakers), speakers_intro))
    head = []
    if rng.random() < 0.5:
        head.append(" ".join(w.capitalize() for w in sentence(rng).rstrip(".").split()[:9]))
    if rng.random() < 0.4:
        head.append(f"By {rng.choice(people).upper()}")
    captions = [caption_paragraph(rng, rng.choice(people), rng.choice(ORGANISATIONS), year)
                for _ in range(rng.randint(0, 12))]
    # Most captions trail the story, as in the seed; some sit among paragraphs.
    for caption in captions:
        if rng.random() < 0.25:
            paragraphs.insert(rng.randint(0, len(paragraphs)), caption)
        else:
            paragraphs.append(caption)
    text = prefix + "\n\n".join(head + paragraphs)
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.5:
        text += "\n"
    data = text.encode("utf-8")
    if rng.random() < 0.03:
        data = b"\xef\xbb\xbf" + data
    return data


def make_defect(rng):
    """An empty, binary or cut-off file: what a crawl also brings back."""
    kind = rng.randrange(3)
    if kind == 0:
        return b""
    if kind == 1:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(64, 2048)))
    return f" date {rng.randint(2015, 2024)}-0".encode()


def write_corpus(count, outdir, seed=1, defect_rate=0.03, duplicate_rate=0.02):
    """
    Write `count` files to `outdir`; return counts by kind.

    The same `count` and `seed` always give the same bytes.
    """
    rng = random.Random(seed)
    people = build_credit_pool(random.Random(seed * 7919 + 1))
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    stats = {"stories": 0, "defective": 0, "duplicates": 0}
    for index in range(count):
        roll = rng.random()
        if roll < defect_rate:
            data, kind = make_defect(rng), "defective"
        elif roll < defect_rate + duplicate_rate and written:
            data, kind = rng.choice(written), "duplicates"
        else:
            data, kind = make_document(rng, people), "stories"
            # Keeping every story for duplication would cost memory at 100,000.
            if len(written) < 2000:
                written.append(data)
            elif rng.random() < 0.01:
                written[rng.randrange(len(written))] = data
        stats[kind] += 1
        name = f"{index:06d}_{hashlib.sha256(data + str(index).encode()).hexdigest()[:16]}.txt"
        (outdir / name).write_bytes(data)
    return stats


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, help="how many files to write")
    parser.add_argument("outdir", type=Path, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.outdir.exists() and any(args.outdir.iterdir()):
        parser.error(f"{args.outdir} is not empty")
    stats = write_corpus(args.count, args.outdir, seed=args.seed)
    print(f"wrote {args.count} files to {args.outdir}: "
          + ", ".join(f"{n} {k}" for k, n in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
