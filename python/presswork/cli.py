"""The ``presswork`` command.

``presswork analyze [PATH]`` splits a corpus (a folder of ``.txt`` files, or one file;
the bundled sample when no PATH is given), prints paragraphs and sentences per
document, and can write the sentence table with ``--out``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE, EXIT_INPUT = 0, 2, 3


def _read_corpus(path: Path) -> tuple[dict[str, str], list[str]]:
    """Texts of a .txt file or of the .txt files in a folder, and the problems met."""
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    texts, problems = {}, []
    for file in files:
        try:
            texts[file.stem] = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{file}: {error}")
    return texts, problems


def _write_table(frame, out: Path, table_format: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"sentences.{table_format}"
    if table_format == "csv":
        frame.to_csv(target, index=False)
    elif table_format == "jsonl":
        frame.to_json(target, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(target, index=False)
    return target


def analyze(args: argparse.Namespace) -> int:
    if args.threads is not None:
        if args.threads < 1:
            print("presswork: --threads must be at least 1", file=sys.stderr)
            return EXIT_USAGE
        # Read by rayon when its thread pool first starts, which is below.
        os.environ["RAYON_NUM_THREADS"] = str(args.threads)
    from presswork import Splitter, sample_texts

    if args.path is None:
        texts, problems, source = sample_texts(), [], "the bundled sample"
    else:
        path = Path(args.path)
        if not path.exists():
            print(f"presswork: {path}: no such file or folder", file=sys.stderr)
            return EXIT_INPUT
        texts, problems = _read_corpus(path)
        source = str(path)
    for problem in problems:
        print(f"presswork: skipped {problem}", file=sys.stderr)
    if not texts:
        print(f"presswork: no readable .txt documents in {source}", file=sys.stderr)
        return EXIT_INPUT

    splitter = Splitter(newline=args.newline)
    frame = splitter.sentences_frame(texts)
    paragraphs = frame.groupby("key", sort=False)["paragraph"].nunique()
    sentences = frame.groupby("key", sort=False).size()
    width = max(len(key) for key in texts)
    print(f"presswork {source}: {len(texts)} documents")
    print(f"{'document':<{width}}  paragraphs  sentences")
    for key in texts:
        print(f"{key:<{width}}  {paragraphs.get(key, 0):>10}  {sentences.get(key, 0):>9}")
    print(f"{'total':<{width}}  {int(paragraphs.sum()):>10}  {len(frame):>9}")
    if args.out is not None:
        target = _write_table(frame, Path(args.out), args.format)
        print(f"wrote {target}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presswork",
        description="News text to tidy tables: paragraphs and sentences (more to come).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze_parser = commands.add_parser(
        "analyze",
        help="split a corpus into paragraphs and sentences and summarise it",
        description=(
            "Split every document of a corpus into paragraphs and sentences and print "
            "counts per document. PATH is a .txt file or a folder of .txt files; "
            "without it, the sample bundled with presswork is analysed."
        ),
    )
    analyze_parser.add_argument("path", nargs="?", metavar="PATH", help="corpus file or folder")
    analyze_parser.add_argument("--out", metavar="DIR", help="write the sentence table here")
    analyze_parser.add_argument(
        "--format",
        choices=["parquet", "csv", "jsonl"],
        default="csv",
        help="table format for --out (default: csv; parquet needs pyarrow)",
    )
    analyze_parser.add_argument("--threads", type=int, metavar="N", help="worker threads")
    analyze_parser.add_argument(
        "--newline",
        choices=["sentence", "paragraph", "space"],
        default="sentence",
        help="what a single line break means (default: sentence)",
    )
    analyze_parser.set_defaults(run=analyze)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
