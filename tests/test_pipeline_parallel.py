"""The pipeline gives the same tables on one thread, on two, in worker processes and
after a pickle round-trip: on the shared corpus and on generated news-like text."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pandas as pd
import pytest

from presswork import (
    Pipeline,
    PressworkTypeError,
    PressworkValueError,
    bundled_gazetteer,
    read_corpus,
    sample_texts,
)
from presswork._core import EntityMatcher

NAMES = ["Irina Volk", "Dmitry Peskov", "Анна Петрова", "José Núñez", "Claire Dumont"]
VERBS = ["said", "told reporters", "added", "wrote on Telegram", "warned"]


def generated(documents: int, seed: int = 11) -> pd.Series:
    """News-like documents: the sample's paragraphs shuffled with quotes of known people
    in every quote style, repeats, boilerplate lines and non-ASCII text."""
    rng = random.Random(seed)
    paragraphs = [p for text in sample_texts().values() for p in text.split("\n\n") if p.strip()]
    marks = [("“", "”"), ('"', '"'), ("« ", " »"), ("„", "“"), ("‘", "’")]
    texts = {}
    for n in range(documents):
        body = rng.sample(paragraphs, 4)
        for _ in range(rng.randint(1, 4)):
            name, verb = rng.choice(NAMES), rng.choice(VERBS)
            left, right = rng.choice(marks)
            quote = f"{left}We will not forget {rng.choice(NAMES)},{right} {name} {verb}."
            body.insert(rng.randrange(len(body) + 1), quote)
        if rng.random() < 0.2:
            body.append("Also read: “Moscow mourns” \u00a0?s=96&d=mm&r=g")
        if rng.random() < 0.1:
            body += body  # printed twice
        texts[f"gen-{n:03d}"] = "\n\n".join(body)
    return pd.Series(texts, dtype=object)


def corpus_texts(corpus_dir: Path | None) -> pd.Series:
    texts = generated(120)
    if corpus_dir is not None:
        corpus = read_corpus(corpus_dir)
        texts = pd.concat([corpus.set_index("key")["text"], texts])
    return texts


@pytest.fixture(scope="module")
def texts(request: pytest.FixtureRequest) -> pd.Series:
    corpus = Path(
        os.environ.get("PRESSWORK_CORPUS", Path(__file__).parents[2] / "shared" / "corpus")
    )
    return corpus_texts(corpus if corpus.is_dir() else None)


def make_pipeline() -> Pipeline:
    return Pipeline(matcher=EntityMatcher(bundled_gazetteer("corpus")))


def tables_of(texts: pd.Series) -> dict[str, pd.DataFrame]:
    return make_pipeline().analyze(texts, progress=False).tables()


def assert_same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for name in left:
        pd.testing.assert_frame_equal(
            left[name].reset_index(drop=True), right[name].reset_index(drop=True), obj=name
        )


CHILD = """
import pickle, sys
sys.path.insert(0, {tests!r})
from test_pipeline_parallel import tables_of
texts = pickle.load(open(sys.argv[1], "rb"))
pickle.dump(tables_of(texts), open(sys.argv[2], "wb"))
"""


@pytest.mark.parametrize("threads", [1, 2])
def test_one_and_two_threads_give_the_tables_of_this_process(
    texts: pd.Series, threads: int, tmp_path: Path
) -> None:
    here = tables_of(texts)
    (tmp_path / "texts.pkl").write_bytes(pickle.dumps(texts))
    env = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    code = CHILD.format(tests=str(Path(__file__).parent))
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "texts.pkl"), str(tmp_path / "out.pkl")],
        env=env,
        check=True,
    )
    assert_same(here, pickle.loads((tmp_path / "out.pkl").read_bytes()))
    assert len(here["quotes"]) > 150 and here["documents"]["repeated_paragraphs"].sum() > 0


def pool_threads(size: int) -> list[str]:
    """The names of this process' threads in presswork's pool of ``size`` threads (Linux)."""
    names = []
    for task in Path("/proc/self/task").iterdir():
        try:
            names.append((task / "comm").read_text().strip())
        except OSError:  # a thread that ended meanwhile
            continue
    return [n for n in names if n.startswith(f"presswork-{size}-")]


def test_a_threads_argument_runs_on_a_pool_of_that_size_with_the_same_tables(
    texts: pd.Series,
) -> None:
    pipeline = make_pipeline()
    default = pipeline.analyze(texts, progress=False).tables()
    for threads in (1, 3, 1):  # sizes side by side in one process, each pool kept
        assert_same(default, pipeline.analyze(texts, progress=False, threads=threads).tables())
    if sys.platform == "linux":
        assert len(pool_threads(3)) == 3 and len(pool_threads(1)) == 1


@pytest.mark.parametrize(
    ("threads", "error"),
    [
        (0, PressworkValueError),
        (-1, PressworkValueError),
        (10**6, PressworkValueError),
        (2.0, PressworkTypeError),
        (True, PressworkTypeError),
        ("2", PressworkTypeError),
    ],
)
def test_a_threads_argument_out_of_range_or_of_a_wrong_type_is_refused(
    threads: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="threads must be"):
        make_pipeline().analyze(["Text."], threads=threads)


def analyze_part(pipeline: Pipeline, part: pd.Series) -> dict[str, pd.DataFrame]:
    return pipeline.analyze(part, progress=False).tables()


def test_worker_processes_get_a_pickled_pipeline_and_give_the_same_tables(
    texts: pd.Series,
) -> None:
    pipeline = make_pipeline()
    parts = [texts.iloc[i : i + 37] for i in range(0, len(texts), 37)]
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(analyze_part, [pipeline] * len(parts), parts))
    joined = {name: pd.concat([r[name] for r in results], ignore_index=True) for name in results[0]}
    # Label columns are categoricals over the whole gazetteer: partitions concatenate
    # into the dtype one call gives.
    assert isinstance(joined["mentions"]["entity_id"].dtype, pd.CategoricalDtype)
    assert_same(tables_of(texts), joined)
    revived = pickle.loads(pickle.dumps(pipeline))
    assert_same(tables_of(texts), revived.analyze(texts, progress=False).tables())
