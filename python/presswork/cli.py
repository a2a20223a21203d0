"""The ``presswork`` command.

``presswork analyze [PATH]`` runs the pipeline over a corpus (a folder of ``.txt`` files,
one ``.txt``, ``.jsonl``, ``.csv`` or ``.parquet`` file; the sample bundled with presswork
when no PATH is given), prints who said what — documents, sentences, the entities
mentioned most, the speakers quoted most with a quote each — and writes the five tables
with ``--out``.

Exit codes: 0 done (documents that could not be read are reported on stderr and skipped),
2 usage error, 3 unusable input (no such path, a bad gazetteer, nothing readable),
4 the tables could not be written, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from presswork import Analysis, Gazetteer

EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 130

#: How many entities and speakers the summary lists.
TOP = 5

#: Longest quote the summary prints (characters).
QUOTE_WIDTH = 90


class InputError(Exception):
    """The corpus or the gazetteer cannot be used; the message says why."""


def _load_corpus(path: str | None) -> tuple[pd.Series, str, list[str]]:
    """The documents (a Series by key), where they came from, and the problems met."""
    import pandas as pd

    from presswork import read_corpus, sample_texts

    if path is None:
        return pd.Series(sample_texts(), dtype=object), "the bundled sample", []
    corpus_path = Path(path)
    if not corpus_path.exists():
        raise InputError(f"{corpus_path}: no such file or folder")
    try:
        corpus = read_corpus(corpus_path)
    except (ValueError, TypeError, OSError) as error:
        raise InputError(f"{corpus_path}: {error}") from error
    failed = corpus["error"].notna()
    problems = [f"{row.source}: {row.error}" for row in corpus[failed].itertuples()]
    texts = corpus[~failed].set_index("key")["text"]
    return texts, str(corpus_path), problems


def _load_gazetteer(path: str | None, bundled: bool) -> tuple[Gazetteer | None, str]:
    """The gazetteer of ``--gazetteer`` (JSON Lines or CSV), else the bundled sample's
    when the bundled sample is analysed, else none."""
    from presswork import Gazetteer
    from presswork.datasets import bundled_gazetteer

    if path is None:
        if bundled:
            gazetteer = bundled_gazetteer("sample")
            return gazetteer, f"the bundled sample's gazetteer, {len(gazetteer)} entities"
        return None, "no gazetteer"
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{file}: no such gazetteer file")
    try:
        if file.suffix.lower() == ".csv":
            gazetteer = Gazetteer.read_csv(file)
        elif file.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            gazetteer = Gazetteer.read_jsonl(file)
        else:
            raise InputError(f"{file}: a gazetteer is a .jsonl or .csv file")
    except (ValueError, OSError) as error:
        message = str(error)
        raise InputError(message if str(file) in message else f"{file}: {message}") from error
    return gazetteer, f"{file.name}, {len(gazetteer)} entities"


def _write_tables(analysis: Analysis, out: Path, table_format: str) -> list[Path]:
    """Writes the five tables into ``out`` and returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in analysis.tables().items():
        target = out / f"{name}.{table_format}"
        if table_format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(analysis.arrow(name), target)
        elif table_format == "csv":
            _flat(frame).to_csv(target, index=False)
        else:
            _flat(frame).to_json(target, orient="records", lines=True, force_ascii=False)
        written.append(target)
    return written


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """List columns (``entities``, ``candidates``) as ``|``-joined text, for CSV and JSON
    writers that take plain values."""
    import pandas as pd

    lists = [c for c in frame.columns if isinstance(frame[c].dtype, pd.ArrowDtype)]
    if not lists:
        return frame
    joined = {c: frame[c].map(lambda v: "|".join(v) if v is not None else None) for c in lists}
    return frame.assign(**joined)


def _clip(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(analysis: Analysis, source: str, gazetteer_note: str, top: int = TOP) -> str:
    """The who-said-what summary the command prints."""
    documents = analysis.documents
    quotes = analysis.quotes[analysis.quotes["counted"]]
    mentions = analysis.mentions[analysis.mentions["counted"]]
    lines = [
        f"presswork: {len(documents):,} documents from {source} ({gazetteer_note})",
        f"  {int(documents['length'].sum()):,} characters, "
        f"{int(documents['paragraphs'].sum()):,} paragraphs, "
        f"{int(documents['sentences'].sum()):,} sentences, "
        f"{len(mentions):,} entity mentions, {len(quotes):,} quotes",
    ]
    repeated = int(documents["repeated_paragraphs"].sum())
    boilerplate = int(documents["boilerplate_paragraphs"].sum())
    if repeated or boilerplate:
        lines.append(
            f"  not counted: {repeated:,} repeated and {boilerplate:,} boilerplate paragraphs"
        )
    missing = int(documents["missing"].sum()) + int(documents["error"].notna().sum())
    if missing:
        lines.append(f"  {missing:,} documents missing or failed (see documents.error)")
    if "name" in mentions and len(mentions):
        known = mentions.dropna(subset=["name"])
        counts = known.groupby(["name", "type"], observed=True, dropna=False).size()
        lines += ["", "Entities mentioned most:"]
        for (name, kind), count in counts.sort_values(ascending=False).head(top).items():
            kind = "" if kind is None or kind != kind else f" ({kind})"
            lines.append(f"  {count:>5}  {name}{kind}")
    attributed = quotes.dropna(subset=["speaker"])
    if len(attributed):
        who = (
            attributed["entity_name"]
            .astype(object)
            .where(attributed["entity_name"].notna(), attributed["speaker"].astype(object))
        )
        lines += ["", "Speakers quoted most:"]
        for speaker, count in who.value_counts().head(top).items():
            said = attributed[who == speaker]
            statements = said[said["kind"] == "statement"]
            example = (statements if len(statements) else said).iloc[0]["text"]
            lines.append(f"  {count:>5}  {speaker}: “{_clip(example)}”")
    return "\n".join(lines)


def analyze(args: argparse.Namespace) -> int:
    """``presswork analyze``: see the module doc."""
    from presswork._core import _MAX_THREADS

    if args.threads is not None and not 1 <= args.threads <= _MAX_THREADS:
        print(f"presswork: --threads must be between 1 and {_MAX_THREADS}", file=sys.stderr)
        return EXIT_USAGE
    from presswork import EntityMatcher, Pipeline, Splitter

    try:
        texts, source, problems = _load_corpus(args.path)
        gazetteer, gazetteer_note = _load_gazetteer(args.gazetteer, bundled=args.path is None)
    except InputError as error:
        print(f"presswork: {error}", file=sys.stderr)
        return EXIT_INPUT
    for problem in problems:
        print(f"presswork: skipped {problem}", file=sys.stderr)
    if len(texts) == 0:
        print(f"presswork: no readable documents in {source}", file=sys.stderr)
        return EXIT_INPUT
    matcher = EntityMatcher(gazetteer) if gazetteer is not None else None
    pipeline = Pipeline(Splitter(newline=args.newline), matcher)
    analysis = pipeline.analyze(
        texts,
        progress=None if args.progress else False,
        paragraph_text=args.paragraph_text,
        threads=args.threads,
    )
    print(summary(analysis, source, gazetteer_note, top=args.top))
    if args.out is not None:
        try:
            written = _write_tables(analysis, Path(args.out), args.format)
        except (OSError, ImportError) as error:
            print(f"presswork: cannot write the tables to {args.out}: {error}", file=sys.stderr)
            return EXIT_OUTPUT
        names = ", ".join(p.name for p in written)
        print(f"\nwrote {names} to {args.out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``presswork analyze``."""
    parser = argparse.ArgumentParser(
        prog="presswork",
        description="News text to tidy tables: who is mentioned, who said what.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze_parser = commands.add_parser(
        "analyze",
        help="analyse a corpus: sentences, entity mentions, quotes and their speakers",
        description=(
            "Split every document into paragraphs and sentences, find the mentions of the "
            "gazetteer's entities and every direct quote with its speaker, print a summary "
            "(the entities mentioned most, the speakers quoted most with a quote each) and, "
            "with --out, write the tables documents, paragraphs, sentences, mentions and "
            "quotes. Repeated and boilerplate paragraphs are flagged and not counted. "
            "Without PATH, the sample bundled with presswork is analysed with its gazetteer."
        ),
        epilog=(
            "exit codes: 0 done (unreadable documents are reported and skipped), 2 usage "
            "error, 3 unusable input, 4 the tables could not be written"
        ),
    )
    analyze_parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a folder of .txt files, or a .txt, .jsonl, .csv or .parquet file",
    )
    analyze_parser.add_argument(
        "--gazetteer",
        metavar="FILE",
        help="entities to find and link speakers to (.jsonl, or .csv with id,name,type,aliases)",
    )
    analyze_parser.add_argument("--out", metavar="DIR", help="write the five tables here")
    analyze_parser.add_argument(
        "--format",
        choices=["parquet", "csv", "jsonl"],
        default="csv",
        help="table format for --out (default: csv; parquet needs pyarrow)",
    )
    analyze_parser.add_argument(
        "--threads", type=int, metavar="N", help="worker threads (default: all cores)"
    )
    analyze_parser.add_argument(
        "--paragraph-text",
        action="store_true",
        help="give the paragraphs table a text column (nearly the corpus again)",
    )
    analyze_parser.add_argument(
        "--newline",
        choices=["sentence", "paragraph", "space"],
        default="sentence",
        help="what a single line break means (default: sentence)",
    )
    analyze_parser.add_argument(
        "--top", type=int, default=TOP, metavar="N", help=f"list N of each (default: {TOP})"
    )
    analyze_parser.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help="no progress bar on long runs",
    )
    analyze_parser.set_defaults(run=analyze)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the command; returns its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        code: Any = args.run(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        print("presswork: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`presswork analyze | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
