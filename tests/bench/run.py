"""The archive-scale benchmark (issue 6): build, load, serve, side by side.

    python -m tests.bench.run                       # 10k passages
    python -m tests.bench.run --sizes 10k,100k,1m   # the three sizes (1M takes a while)
    python -m tests.bench.run --sizes 100k --skip-build --questions 500

For each size it generates the synthetic archive (tests/bench/synthetic.py;
cached in `--data`, default var/bench), then measures and prints, with the
machine's core count and load average:

- build: `python -m index build` with 1 and 2 worker processes (wall time,
  articles/s with quote extraction, peak memory of the whole process tree as
  PSS and RSS, sampled every 0.1 s), and the index size on disk;
- cold start: a fresh process imports, opens the generation and answers one
  question (page cache warm, and cold: the generation's files evicted first
  with posix_fadvise DONTNEED);
- serving: `index.search.answer_question` (the full ask path) p50/p95/p99 over
  the questions (`make_questions`: speaker, role, speaker+topic, topic, who-said,
  dated, latest, typos), BM25 retrieval alone, the process's RSS/PSS/USS;
- throughput of 2 serving processes answering at once;
- the default engine (bm25s) against rank-bm25 on the same archive and the same
  questions (both built and served; rank-bm25 up to `--rank-bm25-up-to`), as
  ratios, and whether both give the same answers where scores are not tied;
- extraction alone (articles/s on one core: passages, attribution, tokens) and
  the attribution developer's tests/bench/attribution_speed.py (adversarial
  inputs) when it exists;
- the bot round trip through the loopback Bot API test server, when
  tests/botapi/ exists (otherwise reported as pending).

Results are also written to `DATA/<size>/results.json`.  Not a test: pytest
never collects this folder (see conftest.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from tests.bench.synthetic import ensure_archive, make_questions, parse_size, size_label

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {  # at 1M passages, on this 2-core machine
    "ask_p50_ms": 10.0,
    "ask_p95_ms": 25.0,
    "ask_p99_ms": 50.0,
    "build_s": 360.0,
    "build_peak_gib": 4.0,
    "cold_start_s": 2.0,
    "serving_mib": 1024.0,
    "engine_ratio_100k": 100.0,
    "bot_qps": 200.0,
    "bot_p95_ms": 150.0,
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def machine() -> str:
    load = os.getloadavg()
    return (
        f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"(now {time.strftime('%H:%M:%S')}), Python {platform.python_version()}, NumPy {np.__version__}"
    )


# ---------------------------------------------------------------------- process trees


class TreeMonitor(threading.Thread):
    """Peak memory of a process and all its descendants, sampled every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.every = every
        self.peak_pss = 0.0
        self.peak_rss = 0.0
        self.peak_main_rss = 0.0
        self.peak_procs = 0
        self.main_cpu = 0.0  # user + system seconds of the root process (last sample)
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            pss = rss = 0.0
            for i, p in enumerate(procs):
                try:
                    info = p.memory_full_info()
                except psutil.Error:
                    continue
                pss += getattr(info, "pss", info.rss)
                rss += info.rss
                if i == 0:
                    self.peak_main_rss = max(self.peak_main_rss, info.rss)
                    try:
                        t = p.cpu_times()
                        self.main_cpu = t.user + t.system
                    except psutil.Error:
                        pass
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def current_generation(index_dir: Path) -> Path:
    return index_dir / "generations" / (index_dir / "CURRENT").read_text().strip()


def evict(path: Path) -> None:
    """Drop a directory's files from the page cache (what a cold disk would give)."""
    for p in path.rglob("*"):
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


# ---------------------------------------------------------------------- build


def run_build(articles: Path, index_dir: Path, engine: str, workers: int, config: Path) -> dict[str, Any]:
    cmd = [
        sys.executable, "-m", "index", "build", str(articles), "--index", str(index_dir),
        "--engine", engine, "--workers", str(workers), "--quiet", "--config", str(config),
    ]
    log(f"  build: engine {engine}, {workers} worker(s) ...")
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    monitor = TreeMonitor(proc.pid)
    monitor.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    monitor.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}): {stderr.strip()[-2000:]}")
    counts: dict[str, int] = {}
    for line in stdout.splitlines():
        parts = line.replace("(", " ").replace(")", " ").split()
        for key in ("files", "articles", "passages", "quotes", "speakers"):
            if f"{key}:" in parts:
                counts[key] = int(parts[parts.index(f"{key}:") + 1])
    gen = current_generation(index_dir)
    manifest = json.loads((gen / "manifest.json").read_text())
    result = {
        "engine": engine,
        "workers": workers,
        "seconds": seconds,
        "build_seconds_reported": manifest.get("build_seconds"),
        "articles_per_s": counts.get("articles", 0) / seconds,
        "peak_pss_mib": monitor.peak_pss / 2**20,
        "peak_rss_mib": monitor.peak_rss / 2**20,
        "peak_main_rss_mib": monitor.peak_main_rss / 2**20,
        "processes": monitor.peak_procs,
        "cpu_s": cpu,
        "main_cpu_s": monitor.main_cpu,
        "load_before": load_before,
        "index_mib": dir_size(gen) / 2**20,
        "bm25_mib": (dir_size(gen / "bm25-quotes") + dir_size(gen / "bm25-passages")) / 2**20,
        "counts": counts,
        "timings": manifest.get("timings"),
    }
    log(
        f"    {seconds:.1f} s, {result['articles_per_s']:.0f} articles/s, peak PSS {result['peak_pss_mib']:.0f} MiB "
        f"(RSS sum {result['peak_rss_mib']:.0f}, main {result['peak_main_rss_mib']:.0f}), index {result['index_mib']:.0f} MiB, "
        f"CPU {cpu:.1f} s (main process {monitor.main_cpu:.1f} s), load before {load_before:.2f}"
    )
    return result


def derive_index(src_dir: Path, dst_dir: Path, engine: str) -> dict[str, Any]:
    """A generation in `dst_dir` holding `src_dir`'s current generation with its two BM25
    indexes rebuilt by `engine`: same records, arrays, speakers and tokenizer.

    The corpora are re-tokenized from the stored texts exactly as the builder does
    (a passage: its words, then its article's title; a quote: its words); the
    records and arrays of the copy are checked byte for byte against the source.
    """
    from index.engines import engine_class
    from index.engines.corpus import CorpusBuilder, encode
    from index.store import GenerationWriter, open_generation
    from index.tokenize import Tokenizer

    started = time.perf_counter()
    src = open_generation(src_dir)
    manifest = {k: v for k, v in src.manifest.items() if k not in ("format_version", "generation", "created", "libraries", "files")}
    tokenizer = Tokenizer.from_settings(manifest["tokenizer"])
    cls = engine_class(engine)
    with GenerationWriter(dst_dir, keep=1) as writer:
        for rel in sorted(src.manifest["files"]):
            path = src.path / rel
            if rel.endswith(".records.jsonl"):
                name = rel[: -len(".records.jsonl")]
                with writer.open_records(name) as sink, open(path, "rb") as f:
                    for line in f:
                        sink.append_encoded(line.rstrip(b"\n"))
            elif rel.endswith(".npy") and "/" not in rel and not rel.endswith(".offsets.npy"):
                writer.write_array(rel[:-4], np.load(path, allow_pickle=False))
            elif rel.endswith(".json") and "/" not in rel and rel != "manifest.json":
                writer.write_json(rel[:-5], json.loads(path.read_text(encoding="utf-8")))
        titles = [r["title"] for r in src.records("articles")]
        title_tokens = [tokenizer.tokenize(t) if t else [] for t in titles]
        t_tok = time.perf_counter()
        corpora = {}
        for part, records, text_of in (
            ("bm25-passages", src.records("passages"), lambda r: tokenizer.tokenize(r["t"]) + title_tokens[r["a"]]),
            ("bm25-quotes", src.records("quotes"), lambda r: tokenizer.tokenize(r["t"])),
        ):
            builder = CorpusBuilder()
            batch: list[list[str]] = []
            for r in records:
                batch.append(text_of(r))
                if len(batch) == 50_000:
                    builder.add(*encode(batch))
                    batch = []
            if batch:
                builder.add(*encode(batch))
            corpora[part] = builder.finish()
        tokenize_s = time.perf_counter() - t_tok
        t_eng = time.perf_counter()
        for part, corpus in corpora.items():
            cls.build_encoded(corpus).save(writer.subdir(part))
        engine_s = time.perf_counter() - t_eng
        manifest["engine"] = engine
        manifest["engine_version"] = cls.library_version
        manifest["derived_from"] = src.id
        gen = writer.commit(manifest)
    same = all(
        (src.path / rel).read_bytes() == (gen.path / rel).read_bytes()
        for rel in src.manifest["files"]
        if rel.endswith((".records.jsonl", ".npy")) and "/" not in rel
    )
    return {"seconds": time.perf_counter() - started, "tokenize_s": tokenize_s, "engine_build_s": engine_s, "same_records_and_arrays": same, "from": src.id}


# ---------------------------------------------------------------------- serving


def _spawn_serve(index_dir: Path, questions: Path, *extra: str) -> tuple[subprocess.Popen, float]:
    cmd = [sys.executable, "-m", "tests.bench.serve", "--index", str(index_dir), "--questions", str(questions), *extra]
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    return proc, t0


def serve(index_dir: Path, questions: Path, *, cold: bool = False, retrieval: bool = True, first_only: bool = False) -> dict[str, Any]:
    """Answer the questions in a fresh process; latencies, memory, cold start."""
    if cold:
        evict(current_generation(index_dir))
    qfile = questions
    if first_only:
        qfile = questions.with_suffix(".first.txt")
        qfile.write_text(questions.read_text().splitlines()[0] + "\n")
    proc, t0 = _spawn_serve(index_dir, qfile, *(["--retrieval"] if retrieval else []))
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"serve failed: {stderr.strip()[-3000:]}")
    out = json.loads(stdout.strip().splitlines()[-1])
    out["cold_start_s"] = out["t_first"] - t0
    out["import_s"] = out["t_imported"] - t0
    out["open_s"] = out["t_opened"] - out["t_imported"]
    out["first_s"] = out["t_first"] - out["t_opened"]
    return out


def throughput(index_dir: Path, questions: Path, procs: int, repeat: int = 1) -> dict[str, Any]:
    """`procs` serving processes answer the whole list at the same time."""
    running = [_spawn_serve(index_dir, questions, "--wait", "--repeat", str(repeat))[0] for _ in range(procs)]
    for p in running:
        line = p.stdout.readline()
        if not line:
            raise RuntimeError(f"serve failed: {p.stderr.read()[-3000:]}")
    for p in running:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in running:
        stdout, stderr = p.communicate()
        if p.returncode != 0:
            raise RuntimeError(f"serve failed: {stderr.strip()[-3000:]}")
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    start = min(r["t_go"] for r in results)
    end = max(r["t_done"] for r in results)
    answered = sum(len(r["latency_ms"]) for r in results)
    lat = np.concatenate([np.asarray(r["latency_ms"]) for r in results])
    return {
        "processes": procs,
        "answered": answered,
        "seconds": end - start,
        "qps": answered / (end - start),
        "p50_ms": float(np.percentile(lat, 50)),
        "p95_ms": float(np.percentile(lat, 95)),
        "pss_mib_each": [r["memory"]["pss"] for r in results],
    }


def percentiles(values: list[float]) -> dict[str, float]:
    a = np.asarray([v for v in values if v is not None], dtype=np.float64)
    if not a.size:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "mean": float("nan"), "max": float("nan"), "n": 0}
    return {
        "p50": float(np.percentile(a, 50)),
        "p95": float(np.percentile(a, 95)),
        "p99": float(np.percentile(a, 99)),
        "mean": float(a.mean()),
        "max": float(a.max()),
        "n": int(a.size),
    }


def by_kind(kinds: list[str], latency: list[float]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[float]] = {}
    for k, v in zip(kinds, latency, strict=False):
        groups.setdefault(k, []).append(v)
    return {k: percentiles(v) for k, v in sorted(groups.items())}


def _tie_groups(answers: list[tuple[int, float]], tol: float) -> list[set[int]]:
    """Consecutive answers whose scores differ by at most `tol`, as sets of quote ids."""
    groups: list[set[int]] = []
    last: float | None = None
    for qid, score in answers:
        if last is not None and abs(score - last) <= tol:
            groups[-1].add(qid)
        else:
            groups.append({qid})
        last = score
    return groups


def same_answers(top_a: list[list[tuple[int, float]]], top_b: list[list[tuple[int, float]]], tol: float = 1.5e-4) -> dict[str, Any]:
    """Compare two engines' answers question by question.

    Scores are rounded to 4 decimals, so answers within one rounding unit (`tol`)
    are a tie that float rounding may break either way: tied answers are compared
    as a set.  Per question: `identical` (same quotes in the same order), `same up
    to ties` (same quotes in every tie group; the last group may be cut by k on
    either side), or `differ`.
    """
    identical = up_to_ties = differ = 0
    examples: list[int] = []
    for n, (a, b) in enumerate(zip(top_a, top_b, strict=True)):
        if [x[0] for x in a] == [x[0] for x in b]:
            identical += 1
            continue
        ga, gb = _tie_groups(a, tol), _tie_groups(b, tol)
        ok = len(a) == len(b) and len(ga) == len(gb)
        for i in range(min(len(ga), len(gb)) if ok else 0):
            if i == len(ga) - 1:  # the last group may be cut differently at k
                ok = ga[i] <= gb[i] or gb[i] <= ga[i] or bool(ga[i] & gb[i])
            else:
                ok = ga[i] == gb[i]
            if not ok:
                break
        if ok:
            up_to_ties += 1
        else:
            differ += 1
            examples.append(n)
    return {"identical": identical, "same_up_to_ties": up_to_ties, "differ": differ, "examples": examples[:10]}


# ---------------------------------------------------------------------- extraction


def extraction_speed(articles_dir: Path, n: int = 1500) -> dict[str, Any]:
    """Articles/s on one core for each stage of the worker's job, in this process."""
    from index.attribution import attribute_quotes
    from index.ingest import read_file
    from index.passages import split_passages
    from index.tokenize import Tokenizer

    files = sorted(articles_dir.glob("*.jsonl"))
    articles = []
    t = time.perf_counter()
    for f in files:
        arts, _ = read_file(f)
        articles.extend(arts)
        if len(articles) >= n:
            break
    articles = articles[:n]
    read_s = time.perf_counter() - t
    tok = Tokenizer()
    stages: dict[str, float] = {}
    t = time.perf_counter()
    passages = [split_passages(a) for a in articles]
    stages["passages"] = time.perf_counter() - t
    t = time.perf_counter()
    quotes = [attribute_quotes(a) for a in articles]
    stages["attribution"] = time.perf_counter() - t
    t = time.perf_counter()
    for ps, qs in zip(passages, quotes, strict=True):
        tok.tokenize_many([p.text for p in ps])
        tok.tokenize_many([q.text for q in qs])
    stages["tokenize"] = time.perf_counter() - t
    total = sum(stages.values())
    words = sum(len(a.body.split()) for a in articles) / len(articles)
    return {
        "articles": len(articles),
        "words_per_article": words,
        "read_per_s": len(articles) / read_s,
        "per_s": {k: len(articles) / v for k, v in stages.items()},
        "all_per_s": len(articles) / total,
        "quotes_per_article": sum(map(len, quotes)) / len(articles),
    }


def attribution_bench() -> str:
    script = ROOT / "tests" / "bench" / "attribution_speed.py"
    if not script.exists():
        return "tests/bench/attribution_speed.py not found"
    proc = subprocess.run([sys.executable, str(script), "--articles", "200", "--repeat", "2"], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=1800)
    return (proc.stdout + (proc.stderr if proc.returncode else "")).strip()


# ---------------------------------------------------------------------- bot


def bot_roundtrip(index_dir: Path, questions: Path) -> dict[str, Any]:
    """Through the loopback Bot API test server, when the bot developer's pieces exist."""
    bench = ROOT / "tests" / "bench" / "bot_roundtrip.py"
    if not (ROOT / "tests" / "botapi").is_dir() or not (ROOT / "bot" / "telegram_app.py").exists():
        return {"status": "pending: tests/botapi/ (fake Bot API server) not there yet"}
    if not bench.exists():
        return {"status": "pending: tests/botapi/ exists; tests/bench/bot_roundtrip.py not written yet"}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.bench.bot_roundtrip", "--index", str(index_dir), "--questions", str(questions)],
        capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=3600,
    )
    if proc.returncode != 0:
        return {"status": f"failed: {proc.stderr.strip()[-1500:]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------- report


def _f(v: float | None, fmt: str = ".1f") -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "-"
    return format(v, fmt)


def print_report(r: dict[str, Any]) -> None:
    label = r["size"]
    print()
    print(f"=== {label} passages: {r['counts'].get('articles', 0):,} articles, {r['counts'].get('passages', 0):,} passages, "
          f"{r['counts'].get('quotes', 0):,} quotes, {r['counts'].get('speakers', 0):,} speakers ===")
    print(r["machine"])
    engines = list(r["engines"])
    head = f"{'':44s}" + "".join(f"{e:>14s}" for e in engines) + ("       ratio" if len(engines) > 1 else "")
    print(head)

    def row(label: str, values: list[float | None], fmt: str = ".1f", ratio: bool = True) -> None:
        cells = "".join(f"{_f(v, fmt):>14s}" for v in values)
        rat = ""
        if ratio and len(values) > 1 and values[0] and values[1]:
            rat = f"{values[1] / values[0]:>11.1f}x"
        print(f"{label:44s}{cells}{rat}")

    e = [r["engines"][k] for k in engines]
    for w in r["build_workers"]:
        row(f"build, {w} worker(s) [s]", [x["builds"].get(str(w), {}).get("seconds") for x in e])
        row("  articles/s (extraction included)", [x["builds"].get(str(w), {}).get("articles_per_s") for x in e], ".0f", ratio=False)
        row("  peak memory, tree PSS [MiB]", [x["builds"].get(str(w), {}).get("peak_pss_mib") for x in e], ".0f")
        row("  peak memory, tree RSS sum [MiB]", [x["builds"].get(str(w), {}).get("peak_rss_mib") for x in e], ".0f")
        row("  CPU, all processes / main process [s]", [None for _ in e], ratio=False)
        for x, name in zip(e, engines, strict=True):
            b = x["builds"].get(str(w))
            if b and "cpu_s" in b:
                print(f"{'    ' + name:44s}{b['cpu_s']:>14.1f}{b['main_cpu_s']:>8.1f}   (load before {b['load_before']:.2f})")
    for x, name in zip(e, engines, strict=True):
        d = x.get("derived")
        if d:
            print(f"{name}: index = the {engines[0]} generation {d['from']} with {name}'s BM25 indexes "
                  f"(re-tokenized {d['tokenize_s']:.1f} s, engine build + save {d['engine_build_s']:.1f} s; "
                  f"records and arrays identical: {d['same_records_and_arrays']})")
    bm25_build = []
    for x in e:
        d = x.get("derived")
        last = x["builds"].get(str(r["build_workers"][-1])) if x.get("builds") else None
        bm25_build.append(d["engine_build_s"] if d else ((last or {}).get("timings") or {}).get("bm25"))
    row("BM25 indexes, build + save [s]", bm25_build, ".1f")
    row("index on disk [MiB]", [x.get("index_mib") for x in e], ".0f")
    row("  of which BM25 [MiB]", [x.get("bm25_mib") for x in e], ".0f")
    row("cold start, page cache warm [s]", [x.get("cold_start_s") for x in e], ".2f")
    row("  imports / open / first answer [s]", [None for _ in e], ratio=False)
    for x, name in zip(e, engines, strict=True):
        if "import_s" in x:
            print(f"{'    ' + name:44s}{x['import_s']:>14.2f}{x['open_s']:>8.2f}{x['first_s']:>8.2f}")
    row("cold start, files evicted [s]", [x.get("cold_start_evicted_s") for x in e], ".2f")
    row("ask p50 [ms]", [x.get("ask", {}).get("p50") for x in e], ".2f")
    row("ask p95 [ms]", [x.get("ask", {}).get("p95") for x in e], ".2f")
    row("ask p99 [ms]", [x.get("ask", {}).get("p99") for x in e], ".2f")
    row("ask max [ms]", [x.get("ask", {}).get("max") for x in e], ".1f")
    row("ask p50, questions with BM25 [ms]", [x.get("ask_bm25", {}).get("p50") for x in e], ".2f")
    row("BM25 retrieval p50 [ms]", [x.get("retrieval", {}).get("p50") for x in e], ".2f")
    row("BM25 retrieval p95 [ms]", [x.get("retrieval", {}).get("p95") for x in e], ".2f")
    row("serving RSS [MiB]", [x.get("memory", {}).get("rss") for x in e], ".0f")
    row("serving PSS [MiB]", [x.get("memory", {}).get("pss") for x in e], ".0f")
    row("serving USS (private) [MiB]", [x.get("memory", {}).get("uss") for x in e], ".0f")
    row("serving anonymous (not file-backed) [MiB]", [x.get("memory", {}).get("anonymous") for x in e], ".0f")
    row("throughput, 2 processes [questions/s]", [x.get("throughput", {}).get("qps") for x in e], ".0f")
    if "compare" in r:
        c = r["compare"]
        print(f"same answers, bm25s vs rank-bm25, {sum(c[k] for k in ('identical', 'same_up_to_ties', 'differ'))} questions: "
              f"{c['identical']} identical, {c['same_up_to_ties']} the same up to ties (scores within 1e-4), {c['differ']} differ"
              + (f" (questions #{c['examples']})" if c["differ"] else ""))
        if "ask_p50_subset_ms" in c:
            ref = e[1].get("ask", {}).get("p50")
            print(f"rank-bm25 answered the first {c['questions']} questions only; on those, ask p50 bm25s "
                  f"{c['ask_p50_subset_ms']:.2f} ms vs rank-bm25 {ref:.2f} ms ({ref / c['ask_p50_subset_ms']:.0f}x)")
        if "retrieval_ratio_p50" in c:
            print(f"BM25 retrieval ratio rank-bm25 / bm25s on the same questions: p50 {c['retrieval_ratio_p50']:.0f}x, "
                  f"minimum over the questions {c['retrieval_ratio_min']:.1f}x")
    if "interleaved" in r:
        it = r["interleaved"]
        print(f"full ask path, both engines in one process, interleaved per question ({it['questions']} questions):")
        for label, ka, kb in (("all questions", "default", "reference"), ("questions with BM25", "default_bm25", "reference_bm25")):
            a_, b_ = it[ka], it[kb]
            print(f"  {label:20s} p50 {a_['p50']:8.2f} vs {b_['p50']:8.2f} ms ({b_['p50'] / a_['p50']:5.1f}x)   "
                  f"p95 {a_['p95']:8.2f} vs {b_['p95']:8.2f} ms ({b_['p95'] / a_['p95']:5.1f}x)")
    x = e[0]
    if "ask_by_kind" in x:
        print("ask latency by question kind (default engine) [ms]:")
        for k, p in x["ask_by_kind"].items():
            print(f"  {k:16s} n={p['n']:4d}  p50 {p['p50']:8.2f}  p95 {p['p95']:8.2f}  p99 {p['p99']:8.2f}  max {p['max']:8.1f}")
    if "answered_share" in x:
        print(f"questions with at least one answer: {x['answered_share'] * 100:.0f}%")
    if r.get("extraction"):
        ex = r["extraction"]
        print(
            f"extraction on one core ({ex['articles']} articles, {ex['words_per_article']:.0f} words, {ex['quotes_per_article']:.1f} quotes each): "
            + ", ".join(f"{k} {v:.0f}/s" for k, v in ex["per_s"].items())
            + f"; all three {ex['all_per_s']:.0f} articles/s"
        )
    if r.get("bot"):
        print("bot round trip: " + json.dumps(r["bot"]))


def run_size(n_passages: int, args: argparse.Namespace) -> dict[str, Any]:
    label = size_label(n_passages)
    data = Path(args.data) / label
    data.mkdir(parents=True, exist_ok=True)
    log(f"== {label} passages ==  ({machine()})")
    facts = ensure_archive(data, n_passages, seed=args.seed, workers=2, log=log)
    articles = data / "articles"
    questions = make_questions(facts, args.questions, seed=args.seed)
    qfile = data / "questions.txt"
    qfile.write_text("\n".join(q.text for q in questions) + "\n", encoding="utf-8")
    config = data / "bench-config.toml"
    config.write_text("[index]\nkeep_generations = 1\n", encoding="utf-8")
    engines = [e for e in args.engines.split(",") if e]
    if "rank-bm25" in engines and n_passages > parse_size(args.rank_bm25_up_to):
        engines.remove("rank-bm25")
    result: dict[str, Any] = {"size": label, "passages_target": n_passages, "machine": machine(), "engines": {}, "build_workers": []}
    prev_path = data / "results.json"
    previous = json.loads(prev_path.read_text()) if prev_path.exists() else {}
    workers_list = [int(w) for w in args.build_workers.split(",") if w]
    result["build_workers"] = workers_list
    for engine in engines:
        index_dir = data / f"index-{engine}"
        er: dict[str, Any] = {"builds": {}}
        if args.skip_build and (index_dir / "CURRENT").exists():
            er["builds"] = previous.get("engines", {}).get(engine, {}).get("builds", {})
            er["derived"] = previous.get("engines", {}).get(engine, {}).get("derived")
        elif engine != engines[0] and not args.separate_builds:
            # The same archive for both engines, whatever happens to the code meanwhile:
            # the default engine's generation with its BM25 indexes rebuilt by this engine.
            log(f"  {engine}: the {engines[0]} generation with {engine}'s BM25 indexes ...")
            er["derived"] = derive_index(data / f"index-{engines[0]}", index_dir, engine)
        else:
            # Default engine: every worker count; others: only the last (extraction is the same).
            for w in workers_list if engine == engines[0] else workers_list[-1:]:
                er["builds"][str(w)] = run_build(articles, index_dir, engine, w, config)
        gen = current_generation(index_dir)
        er["index_mib"] = dir_size(gen) / 2**20
        er["bm25_mib"] = (dir_size(gen / "bm25-quotes") + dir_size(gen / "bm25-passages")) / 2**20
        result["counts"] = json.loads((gen / "manifest.json").read_text()).get("counts", {})
        log(f"  serve ({engine}) ...")
        engine_qfile = qfile
        if engine != engines[0] and args.reference_questions and n_passages > parse_size("100k"):
            # The reference engine is slow at this size: the first N of the same questions.
            engine_qfile = data / f"questions-first{args.reference_questions}.txt"
            engine_qfile.write_text("\n".join(qfile.read_text(encoding="utf-8").splitlines()[: args.reference_questions]) + "\n", encoding="utf-8")
        s = serve(index_dir, engine_qfile)
        er["cold_start_s"] = s["cold_start_s"]
        er["import_s"], er["open_s"], er["first_s"] = s["import_s"], s["open_s"], s["first_s"]
        lat = s["latency_ms"]
        er["ask"] = percentiles(lat)
        kinds = s["kinds"]
        er["ask_by_kind"] = by_kind(kinds, lat)
        er["retrieval"] = percentiles(s["retrieval_ms"])
        uses_bm25 = [v is not None for v in s["retrieval_ms"]]
        er["ask_bm25"] = percentiles([v for v, u in zip(lat, uses_bm25, strict=True) if u])
        er["memory"] = s["memory"]
        er["answered_share"] = float(np.mean([n > 0 for n in s["n_answers"]]))
        er["top"] = s["top"]
        er["retrieval_ms"] = s["retrieval_ms"]
        er["latency_ms"] = lat
        log(f"    ask p50 {er['ask']['p50']:.2f} ms p95 {er['ask']['p95']:.2f} ms p99 {er['ask']['p99']:.2f} ms; "
            f"cold start {er['cold_start_s']:.2f} s; PSS {er['memory']['pss']:.0f} MiB")
        log("  cold start with the files evicted ...")
        er["cold_start_evicted_s"] = serve(index_dir, qfile, cold=True, retrieval=False, first_only=True)["cold_start_s"]
        if not args.no_throughput:
            log("  throughput, 2 processes ...")
            er["throughput"] = throughput(index_dir, engine_qfile, 2, repeat=1 if engine != "bm25s" else args.repeat)
        result["engines"][engine] = er
    if len(result["engines"]) > 1:
        # The full ask path of both engines in one process, question by question.
        log("  both engines in one process, interleaved ...")
        qsub = data / f"questions-first{args.reference_questions}.txt"
        qboth = qsub if qsub.exists() and n_passages > parse_size("100k") else qfile
        cmd = [sys.executable, "-m", "tests.bench.serve", "--index", str(data / f"index-{engines[0]}"),
               "--questions", str(qboth), "--interleave", str(data / f"index-{engines[1]}")]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
        if proc.returncode == 0:
            inter = json.loads(proc.stdout.strip().splitlines()[-1])["interleaved"]
            uses = [v is not None for v in result["engines"][engines[0]]["retrieval_ms"]][: len(inter["a"])]
            pa, pb = percentiles(inter["a"]), percentiles(inter["b"])
            ba = percentiles([v for v, u in zip(inter["a"], uses, strict=False) if u])
            bb = percentiles([v for v, u in zip(inter["b"], uses, strict=False) if u])
            result["interleaved"] = {"questions": len(inter["a"]), "default": pa, "reference": pb, "default_bm25": ba, "reference_bm25": bb}
    if len(result["engines"]) > 1:
        a, b = (result["engines"][e] for e in engines[:2])
        n_common = min(len(a["top"]), len(b["top"]))
        result["compare"] = same_answers(a["top"][:n_common], b["top"][:n_common])
        result["compare"]["questions"] = n_common
        pairs = [(x, y) for x, y in zip(a["retrieval_ms"][:n_common], b["retrieval_ms"][:n_common], strict=True) if x is not None and y is not None]
        if n_common < len(a["top"]):
            # Full-path latency of the default engine on the same subset, for a fair ratio.
            result["compare"]["ask_p50_subset_ms"] = float(np.percentile(a["latency_ms"][:n_common], 50))
        if pairs:
            ra = np.asarray([y / x for x, y in pairs])
            result["compare"]["retrieval_ratio_p50"] = float(np.percentile([y for _, y in pairs], 50) / np.percentile([x for x, _ in pairs], 50))
            result["compare"]["retrieval_ratio_min"] = float(ra.min())
    if not args.no_extraction:
        log("  extraction speed ...")
        result["extraction"] = extraction_speed(articles)
    if args.bot and "bm25s" in result["engines"]:
        result["bot"] = bot_roundtrip(data / "index-bm25s", qfile)
    result["machine_end"] = machine()
    if args.skip_build and previous:
        # A partial re-run (fewer engines): keep what it did not measure, marked as such.
        for name, er in previous.get("engines", {}).items():
            if name not in result["engines"]:
                result["engines"][name] = {**er, "from_previous_run": previous.get("machine")}
        for key in ("compare", "interleaved", "bot", "extraction"):
            if key not in result and key in previous:
                result[key] = previous[key]
    slim = json.loads(json.dumps(result))
    for er in slim["engines"].values():
        for k in ("top", "retrieval_ms", "latency_ms"):
            er.pop(k, None)
    prev_path.write_text(json.dumps(slim, indent=1))
    (data / "results-full.json").write_text(json.dumps(result))
    return result


def markdown(data: Path, sizes: list[str]) -> str:
    """A compact table of the stored results (DATA/<size>/results.json) for the README."""
    results = []
    for size in sizes:
        path = data / size_label(parse_size(size)) / "results.json"
        if path.exists():
            results.append(json.loads(path.read_text()))
    if not results:
        return "no stored results"

    def g(r: dict[str, Any], *keys: Any) -> Any:
        v: Any = r
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        return v

    def fmt(v: Any, f: str) -> str:
        return "-" if v is None else format(v, f)

    rows: list[tuple[str, list[str]]] = []
    rows.append(("articles / passages / quotes", [f"{g(r, 'counts', 'articles'):,} / {g(r, 'counts', 'passages'):,} / {g(r, 'counts', 'quotes'):,}" for r in results]))
    for w in ("1", "2"):
        rows.append((f"build, {w} worker(s): s (articles/s)", [
            f"{fmt(g(r, 'engines', 'bm25s', 'builds', w, 'seconds'), '.0f')} ({fmt(g(r, 'engines', 'bm25s', 'builds', w, 'articles_per_s'), '.0f')})" for r in results]))
        rows.append((f"build, {w} worker(s): peak memory, PSS of all processes", [
            f"{fmt(g(r, 'engines', 'bm25s', 'builds', w, 'peak_pss_mib'), '.0f')} MiB" for r in results]))
    rows.append(("index on disk (of which BM25)", [f"{fmt(g(r, 'engines', 'bm25s', 'index_mib'), '.0f')} MiB ({fmt(g(r, 'engines', 'bm25s', 'bm25_mib'), '.0f')})" for r in results]))
    rows.append(("cold start: fresh process, open, first answer", [f"{fmt(g(r, 'engines', 'bm25s', 'cold_start_s'), '.2f')} s (files evicted: {fmt(g(r, 'engines', 'bm25s', 'cold_start_evicted_s'), '.2f')} s)" for r in results]))
    rows.append(("ask, full path: p50 / p95 / p99", [
        f"{fmt(g(r, 'engines', 'bm25s', 'ask', 'p50'), '.1f')} / {fmt(g(r, 'engines', 'bm25s', 'ask', 'p95'), '.1f')} / {fmt(g(r, 'engines', 'bm25s', 'ask', 'p99'), '.1f')} ms" for r in results]))
    rows.append(("BM25 retrieval: p50 / p95", [
        f"{fmt(g(r, 'engines', 'bm25s', 'retrieval', 'p50'), '.2f')} / {fmt(g(r, 'engines', 'bm25s', 'retrieval', 'p95'), '.2f')} ms" for r in results]))
    rows.append(("serving memory: RSS / PSS / anonymous", [
        f"{fmt(g(r, 'engines', 'bm25s', 'memory', 'rss'), '.0f')} / {fmt(g(r, 'engines', 'bm25s', 'memory', 'pss'), '.0f')} / {fmt(g(r, 'engines', 'bm25s', 'memory', 'anonymous'), '.0f')} MiB" for r in results]))
    rows.append(("throughput, 2 serving processes", [f"{fmt(g(r, 'engines', 'bm25s', 'throughput', 'qps'), '.0f')} questions/s" for r in results]))
    rows.append(("rank-bm25: BM25 retrieval p50 (ratio)", [
        f"{fmt(g(r, 'engines', 'rank-bm25', 'retrieval', 'p50'), '.1f')} ms ({fmt(g(r, 'compare', 'retrieval_ratio_p50'), '.0f')}x)" for r in results]))
    def full_path(r: dict[str, Any]) -> str:
        it = r.get("interleaved")
        if it:  # both engines in one process, question by question: the fair ratio
            a, b = it["default_bm25"]["p50"], it["reference_bm25"]["p50"]
            return f"{a:.1f} vs {b:.1f} ms ({b / a:.0f}x; {it['questions']} questions, one process)"
        a, b = g(r, "engines", "bm25s", "ask_bm25", "p50"), g(r, "engines", "rank-bm25", "ask_bm25", "p50")
        return f"{fmt(a, '.1f')} vs {fmt(b, '.1f')} ms ({fmt((b or 0) / (a or 1), '.0f')}x)" if a and b else "-"

    rows.append(("ask p50 on questions using BM25: bm25s vs rank-bm25", [full_path(r) for r in results]))
    rows.append(("same answers bm25s / rank-bm25", [
        (f"{g(r, 'compare', 'identical')} of {g(r, 'compare', 'questions') or 300} identical, {g(r, 'compare', 'differ')} differ" if g(r, "compare") else "-") for r in results]))
    bot = [g(r, "bot", "runs") or [] for r in results]
    rows.append(("bot, 50 chats: saturation", [
        (f"{b[0]['qps']:.0f} questions/s, p95 {b[0]['p95_ms']:.0f} ms" if b else "-") for b in bot]))
    rows.append(("bot, 50 chats: offered 200/s", [
        (f"{b[1]['qps']:.0f} questions/s, p95 {b[1]['p95_ms']:.0f} ms" if len(b) > 1 else "-") for b in bot]))
    head = "| | " + " | ".join(f"{r['size']} passages" for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    lines.append("")
    lines += [f"- {r['size']}: {r['machine']}" for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k", help="comma-separated: 10k,100k,1m (passages)")
    parser.add_argument("--data", default=str(ROOT / "var" / "bench"), help="where archives and indexes go")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--engines", default="bm25s,rank-bm25")
    parser.add_argument("--rank-bm25-up-to", default="100k", help="largest size rank-bm25 is run at")
    parser.add_argument("--reference-questions", type=int, default=100,
                        help="above 100k passages, rank-bm25 answers only the first N questions")
    parser.add_argument("--build-workers", default="1,2")
    parser.add_argument("--skip-build", action="store_true", help="reuse the indexes already built")
    parser.add_argument("--separate-builds", action="store_true",
                        help="build the reference engine's index from the articles too, instead of "
                             "deriving it from the default engine's generation (same archive guaranteed)")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-extraction", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="times each throughput process answers the list")
    parser.add_argument("--attribution", action="store_true", help="also run tests/bench/attribution_speed.py")
    parser.add_argument("--bot", action="store_true", help="also measure the bot round trip (needs tests/botapi/)")
    parser.add_argument("--markdown", action="store_true",
                        help="print the stored results of --sizes as a Markdown table, run nothing")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(Path(args.data), args.sizes.split(",")))
        return 0
    print(machine())
    results = []
    for size in args.sizes.split(","):
        r = run_size(parse_size(size), args)
        print_report(r)
        results.append(r)
    if args.attribution:
        print()
        print("attribution_speed.py (one core):")
        print(attribution_bench())
    print()
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
