"""Start gunicorn on loopback for a benchmark, and load it with a bounded client."""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(database_url, **extra):
    """Production settings on plain HTTP, for loopback benchmarks only."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-use"),
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_ACCESSLOG="",
        # A worker restart in the middle of a measurement would show as noise.
        GUNICORN_MAX_REQUESTS="0",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Gunicorn:
    """
    A gunicorn serving `app` on 127.0.0.1 and a free port, stopped on exit.

    Use as a context manager; the server is stopped also when the block
    raises, including on Ctrl-C.
    """

    def __init__(self, app, env, workers=2, log_path=None, chdir=BASE_DIR):
        self.app = app
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.chdir = chdir
        self.log_path = log_path or os.devnull
        self.proc = None

    def __enter__(self):
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", self.app,
                "-c", str(BASE_DIR / "gunicorn.conf.py"),
                "--bind", f"{HOST}:{self.port}",
                "--workers", str(self.workers),
                "--chdir", str(self.chdir),
                "--no-control-socket",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def _wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; "
                                   f"see {self.log_path}")
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start within {timeout} s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"


def get(port, path, timeout=30):
    """GET a path from the server; return (status, body bytes)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def percentile(sorted_values, share):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def thread_load(port, paths, *, clients=4, seconds=10.0, max_requests=None):
    """
    Request `paths` in turn from `clients` threads for `seconds` (or until
    `max_requests`), keeping connections alive where the server allows.

    Returns requests, errors (non-200 or socket failures), requests per
    second and latencies in ms (sorted).
    """
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    latencies, errors, made = [], [], [0]
    error_samples = []

    def worker(offset):
        conn = None
        i = offset
        local_lat, local_err = [], 0
        while time.monotonic() < deadline:
            with lock:
                if max_requests is not None and made[0] >= max_requests:
                    break
                made[0] += 1
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=30)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    local_err += 1
                    if len(error_samples) < 5:
                        error_samples.append(f"{response.status} {path}")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                local_err += 1
                if len(error_samples) < 5:
                    error_samples.append(f"{type(exc).__name__}: {exc} {path}")
                if conn is not None:
                    conn.close()
                conn = None
            local_lat.append((time.perf_counter() - started) * 1000)
        if conn is not None:
            conn.close()
        with lock:
            latencies.extend(local_lat)
            errors.append(local_err)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": sum(errors),
        "error_samples": error_samples,
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
    }


WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk_available():
    return shutil.which("wrk") is not None


def wrk_load(url, *, connections=4, seconds=10):
    """Load one URL with wrk; return requests, errors, req/s, p50 and p99 in ms."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
         "--latency", url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    lat = {int(p): float(v) * scale[u] for p, v, u in WRK_LATENCY.findall(out)}
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(g) for g in sock.groups()) if sock else 0)
    return {
        "requests": requests,
        "errors": errors,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": lat.get(50, float("nan")),
        "p99_ms": lat.get(99, float("nan")),
    }
