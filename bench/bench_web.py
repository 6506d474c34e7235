"""Web app load: latency and throughput of the report API and page; upload caps under load.

Starts ``storylens serve`` in a subprocess on 127.0.0.1 with a fresh store, creates the
example story by uploading ``examples/summit`` through ``POST /api/compare``, then sends a
fixed number of requests (default 2000, concurrency 20) with an async httpx client to
``GET /api/stories/{id}`` and ``GET /stories/{id}``, printing errors, p50/p99 latency,
requests per second and the server's CPU time per request (which, unlike the latencies,
does not depend on how busy the machine is). Before that, it fills a store with 5,000
generated stories (``STORYLENS_BENCH_STORIES``) and times the story list and
``GET /api/stories`` with paging, search, outlet and date filters from one client: each
must answer under 200 ms at p95. Then it measures small requests while
uploads of the maximum size keep arriving (a JSON Lines file of 5 MB holding thousands of
records, and a 5 MB text file): the small requests must answer within 2 s at p99 with no
error, and every upload must get its answer (4xx), not a dropped connection. Finally it
sends over-cap uploads (declared by Content-Length, and chunked without one) and checks
they get 413 while the server's RSS stays bounded.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "summit"
REQUESTS = int(os.environ.get("STORYLENS_BENCH_REQUESTS", "2000"))
CONCURRENCY = 20
CAP_MB = 5
OVER_CAP = 200 * 1024 * 1024  # bytes offered in each over-cap upload
RSS_BOUND = 64 * 1024 * 1024  # allowed RSS growth while refusing over-cap uploads
UNDER_UPLOADS = int(os.environ.get("STORYLENS_BENCH_UNDER_UPLOADS", "600"))  # small requests
UPLOADERS = 2  # clients sending maximum-size uploads meanwhile
SMALL_P99 = 2.0  # seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "storylens", "serve", "--db", str(db), "--port", str(port)]
    cmd += ["--max-upload-mb", str(CAP_MB)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"serve exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("serve did not start within 60 s")


def _upload_example(base: str) -> str:
    files = [("files", (p.name, p.read_bytes())) for p in sorted(EXAMPLE.iterdir()) if p.is_file()]
    t0 = time.perf_counter()
    resp = httpx.post(f"{base}/api/compare", files=files, timeout=600)
    took = time.perf_counter() - t0
    if resp.status_code != 201:
        raise RuntimeError(f"upload of {EXAMPLE} failed: {resp.status_code} {resp.text[:300]}")
    report = resp.json()
    print(
        f"   POST /api/compare examples/summit ({len(files)} files): {took:.2f} s, "
        f"{len(report['articles'])} articles, {len(report['claim_groups'])} claim groups"
    )
    return str(report["story_id"])


async def _load(base: str, path: str, total: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            queue.get_nowait()
            t0 = time.perf_counter()
            try:
                resp = await client.get(path)
                ok = resp.status_code == 200 and len(resp.content) > 0
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += 0 if ok else 1

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await client.get(path)  # warm the page cache once
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(CONCURRENCY)))
        wall = time.perf_counter() - t0
    return latencies, errors, wall


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


class _RssPeak:
    """Samples a process's RSS in a thread; ``peak`` is the highest seen."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.01)

    def __enter__(self) -> _RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _chunks(total: int) -> Iterator[bytes]:
    block = b"z" * (1024 * 1024)
    for _ in range(total // len(block)):
        yield block


def _over_cap(base: str, pid: int) -> None:
    baseline = psutil.Process(pid).memory_info().rss
    boundary = b"storylensbench"
    head = (
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="files"; '
        b'filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n'
    )
    ctype = f"multipart/form-data; boundary={boundary.decode()}"

    def declared() -> Iterator[bytes]:
        yield head
        yield from _chunks(OVER_CAP)

    cases = {
        "declared Content-Length": {
            "content": declared(),
            "headers": {"content-type": ctype, "content-length": str(len(head) + OVER_CAP)},
        },
        "chunked, no Content-Length": {
            "content": (b for b in [head, *_chunks(OVER_CAP)]),
            "headers": {"content-type": ctype},
        },
    }
    with _RssPeak(pid) as rss:
        for name, kwargs in cases.items():
            t0 = time.perf_counter()
            try:
                resp = httpx.post(f"{base}/api/compare", timeout=120, **kwargs)  # type: ignore[arg-type]
                status = str(resp.status_code)
            except httpx.HTTPError as exc:
                status = f"connection closed ({type(exc).__name__})"
            took = time.perf_counter() - t0
            offered = f"{OVER_CAP >> 20} MB offered, {name}"
            print(f"   over-cap upload ({offered}): {status} in {took:.2f} s")
    growth = rss.peak - baseline
    verdict = "bounded" if growth < RSS_BOUND else "NOT BOUNDED"
    print(
        f"   server RSS: {baseline / 2**20:.0f} MB before, peak {rss.peak / 2**20:.0f} MB "
        f"(+{growth / 2**20:.1f} MB, {verdict}, limit +{RSS_BOUND >> 20} MB)"
    )


def _max_size_bodies() -> dict[str, tuple[bytes, str]]:
    """Multipart bodies just under the cap: many JSON Lines records, and one long text."""
    boundary = "storylensmax"
    room = CAP_MB * 1024 * 1024 - 512

    def body(name: str, data: bytes) -> tuple[bytes, str]:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n"
        ).encode()
        return head + data + f"\r\n--{boundary}--\r\n".encode(), boundary

    record = b'{"text": "The harbour board of Lindqvist Bay met on Tuesday to add a crossing."}\n'
    sentence = b"The harbour board of Lindqvist Bay met on Tuesday and agreed to add a crossing. "
    return {
        "records.jsonl": body("records.jsonl", record * (room // len(record))),
        "long.txt": body("long.txt", sentence * (room // len(sentence))),
    }


async def _under_uploads(base: str, path: str) -> None:
    """Small requests while maximum-size uploads keep arriving."""
    bodies = _max_size_bodies()
    answers: dict[str, int] = {}
    dropped = 0
    stop = asyncio.Event()

    async def uploader(client: httpx.AsyncClient, name: str) -> None:
        nonlocal dropped
        data, boundary = bodies[name]
        headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
        while not stop.is_set():
            try:
                resp = await client.post("/api/compare", content=data, headers=headers)
                key = f"{name} {resp.status_code}"
                answers[key] = answers.get(key, 0) + 1
            except httpx.HTTPError:
                dropped += 1

    latencies: list[float] = []
    errors = 0
    async with (
        httpx.AsyncClient(base_url=base, timeout=300) as uploads,
        httpx.AsyncClient(base_url=base, timeout=30) as client,
    ):
        senders = [
            asyncio.create_task(uploader(uploads, name)) for name in list(bodies)[:UPLOADERS]
        ]
        await asyncio.sleep(1.0)  # the uploads are under way
        t0 = time.perf_counter()
        for _ in range(UNDER_UPLOADS):
            start = time.perf_counter()
            try:
                resp = await client.get(path)
                ok = resp.status_code == 200 and len(resp.content) > 0
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - start)
            errors += 0 if ok else 1
            await asyncio.sleep(0.01)
        wall = time.perf_counter() - t0
        stop.set()
        await asyncio.gather(*senders)
    p99 = _pct(latencies, 0.99) / 1000
    verdict = "OK" if errors == 0 and p99 <= SMALL_P99 and not dropped else "FAILED"
    sent = ", ".join(f"{k}: {v}" for k, v in sorted(answers.items()))
    print(
        f"   GET {{id}} during {CAP_MB} MB uploads: {UNDER_UPLOADS} requests in {wall:.1f} s, "
        f"{errors} errors, p50 {_pct(latencies, 0.5):.0f} ms, p99 {p99 * 1000:.0f} ms "
        f"(limit {SMALL_P99 * 1000:.0f} ms) ({verdict}); uploads answered: {sent}; "
        f"dropped: {dropped}"
    )


BROWSE_STORIES = int(os.environ.get("STORYLENS_BENCH_STORIES", "5000"))
BROWSE_REQUESTS = int(os.environ.get("STORYLENS_BENCH_BROWSE_REQUESTS", "100"))
BROWSE_P95_MS = 200.0
BROWSE_PATHS = (
    "/",
    "/?page=40",
    "/?q=floods&outlet=Coastal+Voice",
    "/?from=2026-03-01&to=2026-03-31&sort=first&order=asc",
    "/api/stories",
    "/api/stories?page=60&per_page=50",
    "/api/stories?q=trade+deal&from=2026-02-01",
    "/api/stories?outlet=harbor+ledger&to=2026-06-30",
)


def _browse(tmp: Path) -> None:
    """Story list and API latency (one client) on a store of generated stories."""
    from storylens.store import Store
    from storylens.stories.synthetic import fill_store

    db = Path(tmp) / "browse.db"
    t0 = time.perf_counter()
    with Store.open(str(db)) as store:
        articles = fill_store(store, BROWSE_STORIES, seed=8)
    print(
        f"   browse store: {BROWSE_STORIES} stories, {articles} articles "
        f"(filled in {time.perf_counter() - t0:.0f} s)"
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start(db, port)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for path in BROWSE_PATHS:
                client.get(path)  # warm
                lat: list[float] = []
                errors = 0
                for _ in range(BROWSE_REQUESTS):
                    t1 = time.perf_counter()
                    resp = client.get(path)
                    lat.append(time.perf_counter() - t1)
                    errors += resp.status_code != 200
                p95 = _pct(lat, 0.95)
                verdict = "OK" if p95 < BROWSE_P95_MS and not errors else "FAILED"
                print(
                    f"   GET {path}: {BROWSE_REQUESTS} requests, {errors} errors, "
                    f"p50 {_pct(lat, 0.5):.1f} ms, p95 {p95:.1f} ms ({verdict}: "
                    f"< {BROWSE_P95_MS:.0f} ms)"
                )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="storylens-bench-web-") as tmp:
        _browse(Path(tmp))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = _start(Path(tmp) / "bench.db", port)
        try:
            story = _upload_example(base)
            server = psutil.Process(proc.pid)
            for path in (f"/api/stories/{story}", f"/stories/{story}"):
                cpu0 = sum(server.cpu_times()[:2])
                lat, errors, wall = asyncio.run(_load(base, path, REQUESTS))
                cpu = (sum(server.cpu_times()[:2]) - cpu0) / (REQUESTS + 1) * 1000
                print(
                    f"   GET {path.replace(story, '{id}')}: {REQUESTS} requests, "
                    f"concurrency {CONCURRENCY}, {errors} errors"
                    f"{' (OK)' if errors == 0 else ' (FAILED)'}, p50 {_pct(lat, 0.5):.1f} ms, "
                    f"p99 {_pct(lat, 0.99):.1f} ms, {REQUESTS / wall:.0f} req/s, "
                    f"server CPU {cpu:.2f} ms/request"
                )
            asyncio.run(_under_uploads(base, f"/api/stories/{story}"))
            _over_cap(base, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    run()
