"""zhixing benchmarks: generate data with a fixed seed, time zhixing and a
plain Python peer on it in the same run, print a Markdown table.

    python3 benches/bench.py            # 1k, 10k, 100k and 1M respondents
    python3 benches/bench.py --quick    # 1k and 10k only, fewer runs

The load of `zhixing serve` (task `serve`) is measured by a Rust program,
benches/serve_load.rs, run with `cargo bench --bench serve_load`; its
Markdown follows the table.

Wall time is the process's, from start to exit (stdout to /dev/null); peak
memory is the child's maximum resident set size from wait4(2). Each figure
is the median of several runs (fewer at 1M). Generated data lives in
target/bench-data/ and is reused while the generator and seed are unchanged.
Standard library only.
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402

DATA = ROOT / "target" / "bench-data"
BIN = ROOT / "target" / "release" / "zhixing"
PEER = HERE / "peer.py"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
GEN_VERSION = "1"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# Peak memory comes from GNU time where it is installed: a child's
# ru_maxrss as wait4 reports it counts the memory of the process that forked
# it (this interpreter, some 17 MiB) until it runs the command.
TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run_once(cmd, stdout=None, env=None, rss=True):
    """(wall seconds, peak RSS in MiB) of one run; fails loudly on a non-zero exit."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    report = DATA / "time.out"
    full = [TIME, "-f", "%M", "-o", str(report), *map(str, cmd)] if rss and TIME else list(map(str, cmd))
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=subprocess.PIPE, env=env)
        # Read stderr while waiting so that a chatty child cannot block.
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout:
            out.close()
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{err.decode(errors='replace')[-2000:]}")
    if rss and TIME:
        kib = int(report.read_text().split()[-1])
    else:
        kib = ru.ru_maxrss
    return wall, kib / 1024.0


def measure(cmd, runs, env=None, before=None, bare=False):
    """Median wall time and peak RSS of `runs` runs. `bare`: time the
    command alone (for a few milliseconds, starting GNU time would show) and
    take its memory from one more run."""
    walls, rss = [], []
    for _ in range(runs):
        if before:
            before()
        w, m = run_once(cmd, env=env, rss=not bare)
        walls.append(w)
        rss.append(m)
    if bare:
        rss = [run_once(cmd, env=env)[1]]
    return statistics.median(walls), max(rss)


def zx(*args):
    return [str(BIN), *map(str, args)]


def peer(*args):
    return [sys.executable, str(PEER), *map(str, args)]


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "rustc": rustc,
        "python": platform.python_version(),
        "commit": commit,
        "date": dt.date.today().isoformat(),
    }


def prepare(sizes, env):
    DATA.mkdir(parents=True, exist_ok=True)
    rubric_path = DATA / "rubric-core.json"
    with open(rubric_path, "wb") as f:
        subprocess.run(zx("rubric", "show", "core", "--format", "json"), stdout=f, check=True, env=env)
    rubric = json.loads(rubric_path.read_text(encoding="utf-8"))
    stamp = DATA / "stamp.json"
    want = {"gen": GEN_VERSION, "seed": gen.SEED, "rubric": rubric["version"]}
    have = json.loads(stamp.read_text()) if stamp.exists() else None
    if have != want:
        for p in DATA.glob("answers-*"):
            p.unlink()
    one = DATA / "one.toml"
    gen.write_one_toml(rubric, one)
    for label in sizes:
        n = SIZES[label]
        for ext, write in (("jsonl", gen.write_jsonl), ("csv", gen.write_csv)):
            p = DATA / f"answers-{label}.{ext}"
            if not p.exists():
                log(f"generating {p.name}")
                tmp = p.with_suffix(".tmp")
                write(rubric, n, tmp)
                tmp.rename(p)
    stamp.write_text(json.dumps(want))
    # Results, by zhixing itself, from the JSON Lines answers.
    for label in sizes:
        p = DATA / f"results-{label}.jsonl"
        log(f"scoring answers-{label}.jsonl into {p.name}")
        run_once(zx("score", DATA / f"answers-{label}.jsonl", "--format", "jsonl"), stdout=p, env=env)
    return rubric_path, one


def agree(rubric_path, env):
    """The peer and zhixing give the same scores (a check of both)."""
    a = DATA / "results-1k.jsonl"
    b = DATA / "peer-1k.jsonl"
    run_once(peer("score", rubric_path, DATA / "answers-1k.jsonl"), stdout=b, env=env)
    n = 0
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        for la, lb in zip(fa, fb):
            ra, rb = json.loads(la), json.loads(lb)
            pairs = [(ra["overall"]["score"], rb["overall"]["score"])]
            for sa, sb in zip(ra["sections"], rb["sections"]):
                pairs.append((sa["score"], sb["score"]))
                pairs += [(da["score"], db["score"]) for da, db in zip(sa["dimensions"], sb["dimensions"])]
            pa = [p["dimension"] for p in ra["priorities"]]
            pb = [p["dimension"] for p in rb["priorities"]]
            for x, y in pairs:
                if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9):
                    raise SystemExit(f"peer and zhixing disagree on line {n + 1}: {x} != {y}")
            if pa != pb:
                raise SystemExit(f"peer and zhixing rank priorities differently on line {n + 1}")
            n += 1
    b.unlink()
    return n


def fmt_time(s):
    if s is None:
        return "—"
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_mem(m):
    return "—" if m is None else f"{m:.0f} MiB" if m >= 10 else f"{m:.1f} MiB"


def serve_load(args):
    """The Markdown of benches/serve_load.rs: 500 participants (100 with --quick) against `zhixing serve`."""
    n = args.serve_participants or (100 if args.quick else 500)
    pace = args.serve_pace or ("0.2-0.6" if args.quick else "3-8")
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / "serve-load.md"
    out.unlink(missing_ok=True)
    cmd = ["cargo", "bench", "--quiet", "--bench", "serve_load", "--", "--participants", str(n), "--pace", pace,
           "--out", str(out)]
    log(" ".join(cmd))
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    if p.returncode != 0:
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        raise SystemExit(f"{text}\nserve load failed ({p.returncode}): errors or lost answers, see above")
    return out.read_text(encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1k and 10k only, fewer runs")
    ap.add_argument("--sizes", help="comma-separated, of 1k,10k,100k,1M")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure below 1M (default 5)")
    ap.add_argument("--runs-1m", type=int, default=3, help="runs per figure at 1M (default 3)")
    ap.add_argument("--peer-runs", type=int, default=3, help="runs per Python peer figure (1 at 1M)")
    ap.add_argument("--no-peer", action="store_true", help="leave out the Python peer")
    ap.add_argument("--no-build", action="store_true", help="use target/release/zhixing as it is")
    ap.add_argument("--only", help="comma-separated tasks: one,score,group,store,serve")
    ap.add_argument("--serve-participants", type=int, help="participants of the serve load (default 500; 100 with --quick)")
    ap.add_argument("--serve-pace", help="human pace of the serve load, MIN-MAX seconds an answer (default 3-8; 0.2-0.6 with --quick)")
    ap.add_argument("--out", help="also write the Markdown to this file")
    args = ap.parse_args()

    sizes = ["1k", "10k"] if args.quick else ["1k", "10k", "100k", "1M"]
    if args.sizes:
        sizes = [s.strip() for s in args.sizes.split(",")]
    runs = 3 if args.quick else args.runs
    only = set(args.only.split(",")) if args.only else {"one", "score", "group", "store", "serve"}

    if not args.no_build and only - {"serve"}:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if "serve" in only:
        # The serve load always goes through cargo (the bench's binary has a hashed name); built
        # here, before any timing, it is then up to date.
        log("cargo bench --bench serve_load --no-run")
        subprocess.run(["cargo", "bench", "--bench", "serve_load", "--no-run", "--quiet"], cwd=ROOT, check=True)
    if only == {"serve"}:
        text = serve_load(args)
        print(text)
        DATA.mkdir(parents=True, exist_ok=True)
        (DATA / "results-serve.md").write_text(text, encoding="utf-8")
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        return
    env = dict(os.environ, ZHIXING_LANG="zh", NO_COLOR="1", ZHIXING_STORE=str(DATA / "default-store.db"))
    env.pop("LC_ALL", None)
    rubric_path, one = prepare(sizes, env)
    if not args.no_peer and "1k" in sizes:
        log(f"peer agrees with zhixing on {agree(rubric_path, env)} results")

    rows = []  # (task, size, zx time, zx rss, peer time, peer rss, target)

    def row(task, label, zcmd, pcmd=None, target=None, before=None, bare=False):
        big = label == "1M"
        n = args.runs_1m if big else runs
        log(f"{task} {label}: zhixing ×{n}")
        zt, zm = measure(zcmd, n, env=env, before=before, bare=bare)
        pt = pm = None
        if pcmd and not args.no_peer:
            pn = 1 if big else args.peer_runs
            log(f"{task} {label}: peer ×{pn}")
            pt, pm = measure(pcmd, pn, env=env)
        rows.append((task, label, zt, zm, pt, pm, target))

    if "one" in only:
        n = runs
        runs = 30
        row("score one answers file (table)", "1", zx("score", one), target="< 5 ms", bare=True)
        row("score one answers file (json)", "1", zx("score", one, "--format", "json"), target="< 5 ms", bare=True)
        runs = n
    for label in sizes:
        a_jsonl = DATA / f"answers-{label}.jsonl"
        a_csv = DATA / f"answers-{label}.csv"
        res = DATA / f"results-{label}.jsonl"
        t = "< 1 s" if label == "100k" else None
        if "score" in only:
            row("score batch, JSON Lines → jsonl", label, zx("score", a_jsonl, "--format", "jsonl"),
                peer("score", rubric_path, a_jsonl), t)
            row("score batch, CSV → jsonl", label, zx("score", a_csv, "--format", "jsonl"),
                peer("score", rubric_path, a_csv), t)
        if "group" in only:
            row("group", label, zx("group", res, "--format", "json"), peer("group", rubric_path, res), t)
            row("group --by department", label, zx("group", res, "--by", "department", "--format", "json"),
                peer("group", rubric_path, res, "--by", "department"), t)
    if "store" in only and "100k" in sizes or (args.sizes and "store" in only):
        label = "100k" if "100k" in sizes else sizes[-1]
        res = DATA / f"results-{label}.jsonl"
        store = DATA / f"store-{label}.db"

        def fresh():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{store}{suffix}").unlink(missing_ok=True)

        row("import", label, zx("--store", store, "import", res), before=fresh)
        row("export → jsonl", label, zx("--store", store, "export", "--format", "jsonl"),
            target="< 2 s" if label == "100k" else None)
        row("export → csv", label, zx("--store", store, "export", "--format", "csv"))
        row("export → json", label, zx("--store", store, "export", "--format", "json"))

    m = machine()
    lines = [
        f"Measured {m['date']} on {m['cpus']} CPUs ({m['cpu']}), {m['memory']} memory, {m['os']}; "
        f"{m['rustc']}, Python {m['python']}; zhixing at {m['commit']}.",
        "",
        "| task | respondents | zhixing | peak RSS | Python peer | peer RSS | × faster | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for task, label, zt, zm, pt, pm, target in rows:
        ratio = f"{pt / zt:.0f}×" if pt else "—"
        lines.append(
            f"| {task} | {label} | {fmt_time(zt)} | {fmt_mem(zm)} | {fmt_time(pt)} | {fmt_mem(pm)} | {ratio} | "
            f"{target or ''} |"
        )
    g = {label: zm for task, label, _, zm, *_ in rows if task == "group"}
    if "10k" in g and "1M" in g:
        lines += ["", f"`group` peak memory, 1M against 10k results: {g['1M'] / g['10k']:.2f}× (target ≤ 2×)."]
    text = "\n".join(lines) + "\n"
    if "serve" in only:
        text += "\n" + serve_load(args)
    print(text)
    (DATA / "results.md").write_text(text, encoding="utf-8")
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
