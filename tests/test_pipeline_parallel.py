"""The pipeline gives the same tables on one thread, on two, in worker processes and
after a pickle round-trip: on the shared corpus and on generated news-like text."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
import threading
import time
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


class RecordingStream:
    """Texts read one at a time, recording on which thread each is read and whether the
    thread's ``threading.local`` still held what an earlier read on it stored."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = iter(texts)
        self._local = threading.local()
        self.reads: dict[int, int] = {}
        self.fresh: dict[int, int] = {}  # reads that found the thread's local empty

    def __iter__(self) -> RecordingStream:
        return self

    def __next__(self) -> str:
        thread = threading.get_ident()
        self.reads[thread] = self.reads.get(thread, 0) + 1
        if not hasattr(self._local, "seen"):
            self._local.seen = True
            self.fresh[thread] = self.fresh.get(thread, 0) + 1
        return next(self._texts)


def test_pool_threads_read_a_stream_in_one_python_thread_state_each(texts: pd.Series) -> None:
    # The pool's threads read the chunks with the GIL. Each keeps one Python thread state
    # for its life (a state made and dropped at every chunk cost a memory mapping each
    # time): so a thread-local set while reading one chunk is still there at the next.
    stream = RecordingStream(texts.tolist()[:400] * 2)
    tables = make_pipeline().analyze(stream, progress=False, chunk_size=4, threads=2).tables()
    assert len(tables["documents"]) == min(len(texts), 400) * 2
    pool = {t: n for t, n in stream.reads.items() if t != threading.get_ident()}
    assert pool and max(pool.values()) > 8, stream.reads  # the pool read many chunks
    assert all(stream.fresh[t] == 1 for t in stream.reads), (stream.fresh, stream.reads)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/thread-self (Linux)")
def test_the_calling_thread_sleeps_until_the_run_is_over(texts: pd.Series) -> None:
    # It is woken when the run ends (and every 50 ms to check for Ctrl-C), not as chunks
    # come in: each such wake-up took a core from the pool.
    def switches() -> int:
        status = Path("/proc/thread-self/status").read_text()
        return int(status.split("\nvoluntary_ctxt_switches:")[1].split()[0])

    pipeline, documents = make_pipeline(), texts.tolist()[:400] * 2
    pipeline.analyze(documents[:8], progress=False, threads=2)
    before, started = switches(), time.perf_counter()
    pipeline.analyze(iter(documents), progress=False, chunk_size=4, threads=2)
    woken, seconds = switches() - before, time.perf_counter() - started
    chunks = len(documents) // 4
    assert woken <= 4 + seconds / 0.05, (
        f"woken {woken} times for {chunks} chunks in {seconds:.3f} s"
    )


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
