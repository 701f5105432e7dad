"""Score the wire-story parser on a folder of hand-annotated documents."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import evaluation, parsing

FIGURE_LABELS = {
    "quote_precision": "quote precision",
    "quote_recall": "quote recall",
    "quote_f1": "quote F1",
    "speaker_accuracy": "speaker accuracy (resolved)",
    "raw_speaker_accuracy": "speaker agreement (as written)",
    "credit_photographer": "credit: photographer",
    "credit_agency": "credit: agency",
    "credit_distributor": "credit: distributor",
    "credit_is_file_photo": "credit: file photo",
    "credit_all_four": "credit: all four right",
    "paragraphs": "paragraphs",
    "date": "date",
    "dateline": "dateline",
    "byline": "byline",
    "headline": "headline",
}


class Command(BaseCommand):
    help = (
        "Run the parser on DIR/*.txt and score it against the NAME.gold.json "
        "beside each file: quotes, speakers, photo credits, paragraphs, date, "
        "dateline and byline."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder of NAME.txt + NAME.gold.json pairs")
        parser.add_argument("--verbose", action="store_true", help="list every miss")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the figures as JSON")

    def handle(self, *args, directory, verbose, as_json, **options):
        folder = Path(directory)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a directory.")
        documents, skipped = [], []
        for text_path in sorted(folder.glob("*.txt")):
            gold_path = text_path.with_name(text_path.stem + ".gold.json")
            if not gold_path.exists():
                skipped.append(text_path.name)
                continue
            try:
                gold = evaluation.load_gold(gold_path)
            except ValueError as error:
                raise CommandError(str(error)) from error
            try:
                text = parsing.decode_wire_bytes(text_path.read_bytes())
                predicted = evaluation.story_as_dict(parsing.parse_wire_story(text))
            except parsing.UnreadableDocument as error:
                # Scored as a story with nothing found, so it still counts.
                self.stderr.write(f"Unreadable {text_path.name}: {error}")
                predicted = evaluation.story_as_dict(None)
            documents.append((text_path.stem, gold, predicted))
        for name in skipped:
            self.stderr.write(f"Skipped {name}: no {Path(name).stem}.gold.json beside it.")
        if not documents:
            raise CommandError(
                f"No annotated documents (NAME.txt with NAME.gold.json) in {folder}."
            )

        report = evaluation.evaluate(documents)
        if as_json:
            self._write_json(report, skipped, verbose)
        else:
            self._write_table(report, verbose)

    def _write_json(self, report, skipped, verbose):
        payload = {
            "figures": report.figures(),
            "counts": report.counts(),
            "skipped": skipped,
        }
        if verbose:
            payload["misses"] = [
                {"document": m.document, "field": m.field, "expected": m.expected, "got": m.got}
                for m in report.misses
            ]
        self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))

    def _write_table(self, report, verbose):
        if verbose:
            for miss in report.misses:
                self.stdout.write(
                    f"{miss.document}  {miss.field}\n"
                    f"    expected: {miss.expected!r}\n    got:      {miss.got!r}"
                )
            self.stdout.write("")
        counts = report.counts()
        self.stdout.write(
            f"{counts['documents']} documents, {counts['gold_quotes']} gold quotes "
            f"({counts['predicted_quotes']} predicted, {counts['matched_quotes']} matched), "
            f"{counts['gold_photos']} gold photos ({counts['predicted_photos']} predicted, "
            f"{counts['missing_photos']} missing, {counts['extra_photos']} extra)"
        )
        width = max(len(label) for label in FIGURE_LABELS.values())
        for key, value in report.figures().items():
            shown = "n/a" if value is None else f"{value:.3f}"
            self.stdout.write(f"  {FIGURE_LABELS[key]:<{width}}  {shown}")
