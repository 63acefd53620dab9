#!/usr/bin/env python3
"""Where a container's start-to-ready time goes: one timeline per start, in ms from the engine's start call.

    python3 tests/Trainyard.Benchmarks/startup_trace.py --socket /tmp/x/docker.sock --image IMAGE [--runs 15] [--port 18900]
            [--env NAME=VALUE ...] [--workdir /app]

Needs root and perf (kernel tracepoints sched:sched_process_exec/exit, CLOCK_MONOTONIC), an engine on --socket with the
image (the builds benchmark leaves its build folders in $TMPDIR/trainyard-bench/builds/<aot|jit>: `docker build` there).
Each run creates the container as the builds benchmark does (host network, read-only root, /tmp on tmpfs), then, all on
CLOCK_MONOTONIC: the engine's start call (POST /containers/{id}/start on the socket, the same call Docker.DotNet makes),
runc create and runc start as the kernel sees them (exec and exit), the server's exec, the server's own log lines (JSON
console with a timestamp format set), the first TCP connect that succeeds, and the first 200 from /readyz (polled every
0.2 ms with a raw HTTP/1.1 request, a connection each). Prints every run and the medians of each phase.
"""
import argparse, datetime, http.client, json, re, socket, statistics, subprocess, sys, threading, time

mono = lambda: time.clock_gettime_ns(time.CLOCK_MONOTONIC)


class Engine(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("docker")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(self.path)


def call(path, method, url, body=None):
    engine = Engine(path)
    engine.request(method, url, json.dumps(body) if body is not None else None, {"Content-Type": "application/json"})
    response = engine.getresponse()
    data = response.read()
    engine.close()
    if response.status >= 300:
        raise RuntimeError(f"{method} {url}: {response.status} {data[:200]!r}")
    return data


def start_once(args, port):
    env = [f"ASPNETCORE_URLS=http://127.0.0.1:{port}", "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.ffffff "] + args.env
    spec = {"Image": args.image, "Env": env,
            "HostConfig": {"NetworkMode": "host", "ReadonlyRootfs": True, "Tmpfs": {"/tmp": "rw,size=16m"}}}
    if args.workdir:
        spec["WorkingDir"] = args.workdir
    cid = json.loads(call(args.socket, "POST", "/containers/create", spec))["Id"]
    points = {}

    def start():
        call(args.socket, "POST", f"/containers/{cid}/start")
        points["start call returned"] = mono()

    request = b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    points["wall - mono"] = time.time_ns() - mono()
    points["t0"] = mono()
    thread = threading.Thread(target=start)
    thread.start()
    while mono() - points["t0"] < 30e9:
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", port))
            points.setdefault("first connect", mono())
            s.sendall(request)
            if s.recv(100).startswith(b"HTTP/1.1 200"):
                points["ready"] = mono()
                break
        except OSError:
            pass
        finally:
            s.close()
        time.sleep(0.0002)
    thread.join()
    time.sleep(0.1)  # the console logger writes from its own thread
    logs = call(args.socket, "GET", f"/containers/{cid}/logs?stdout=1&stderr=1").decode("utf8", "replace")
    call(args.socket, "DELETE", f"/containers/{cid}?force=true")
    day = datetime.datetime.fromtimestamp((points["t0"] + points["wall - mono"]) / 1e9, datetime.timezone.utc)
    midnight = day.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    for line in logs.splitlines():
        m = re.search(r'"Timestamp":"(\d+):(\d+):(\d+)\.(\d+) ".*?"Message":"(serving|Now listening)', line)
        if m:
            h, mi, se, us, what = m.groups()
            wall = (midnight + (int(h) * 60 + int(mi)) * 60 + int(se)) * 1e9 + int(us) * 1e3
            points.setdefault("log: " + what, int(wall - points["wall - mono"]))
    return points


def kernel_events(path):
    """(time ns, kind, pid, detail) from perf script: exec of runc / the server, exit of a runc process group."""
    out = subprocess.run(["perf", "script", "-i", path, "-F", "comm,pid,time,event,trace", "--ns"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"\s*(.+?)\s+(\d+)\s+(\d+)\.(\d+):\s+(\S+):\s*(.*)", line)
        if m:
            comm, pid, s, ns, event, trace = m.groups()
            yield int(s) * 10**9 + int(ns.ljust(9, "0")), event.rstrip(":"), int(pid), comm, trace


def phases(points, events):
    t0 = points["t0"]
    window = [e for e in events if t0 <= e[0] <= points.get("ready", t0) + 50e6]
    runcs = [(t, pid) for t, ev, pid, comm, tr in window if ev == "sched:sched_process_exec" and "filename=/usr/sbin/runc" in tr]
    server = next((t for t, ev, pid, comm, tr in window if ev == "sched:sched_process_exec" and "filename=/app/" in tr), None)
    def exit_of(pid):
        return next((t for t, ev, p, comm, tr in window if ev == "sched:sched_process_exit" and p == pid and "group_dead=true" in tr), None)
    at = {"runc create": runcs[0][0] if runcs else None, "runc create exit": exit_of(runcs[0][1]) if runcs else None,
          "runc start": runcs[1][0] if len(runcs) > 1 else None, "server exec": server}
    at.update({k: v for k, v in points.items() if k not in ("t0", "wall - mono")})
    return {k: (v - t0) / 1e6 for k, v in at.items() if v is not None}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--socket", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--port", type=int, default=18900)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--workdir")
    args = parser.parse_args()
    data = f"/tmp/startup-trace-{args.port}.perf"
    perf = subprocess.Popen(["perf", "record", "-q", "-a", "-k", "CLOCK_MONOTONIC", "-o", data,
                             "-e", "sched:sched_process_exec", "-e", "sched:sched_process_exit"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    runs = []
    try:
        for i in range(args.runs):
            runs.append(start_once(args, args.port + i))
            time.sleep(0.3)
    finally:
        perf.send_signal(2)
        perf.wait()
    with open("/proc/loadavg") as f:
        print("load average at the end:", " ".join(f.read().split()[:3]))
    events = list(kernel_events(data))
    order = ["runc create", "runc create exit", "runc start", "server exec", "start call returned", "log: serving",
             "log: Now listening", "first connect", "ready"]
    table = [phases(p, events) for p in runs]
    print(" | ".join(order))
    for row in table:
        print(" | ".join(f"{row[k]:7.1f}" if k in row else "      -" for k in order))
    print("median (ms from the start call):")
    for k in order:
        values = [row[k] for row in table if k in row]
        if values:
            print(f"  {k:22} {statistics.median(values):7.1f}   min {min(values):7.1f}")
    gaps = [("start call → runc create (dockerd, containerd, shim)", None, "runc create"),
            ("runc create", "runc create", "runc create exit"),
            ("runc create exit → runc start", "runc create exit", "runc start"),
            ("runc start → server exec", "runc start", "server exec"),
            ("server exec → 'serving' (runtime, model, self-test, host)", "server exec", "log: serving"),
            ("'serving' → 'Now listening' (Kestrel)", "log: serving", "log: Now listening"),
            ("'Now listening' → first 200", "log: Now listening", "ready"),
            ("server exec → start call returned", "server exec", "start call returned")]
    print("median of each phase (ms):")
    for name, a, b in gaps:
        values = [row[b] - (row[a] if a else 0) for row in table if b in row and (a is None or a in row)]
        if values:
            print(f"  {name:58} {statistics.median(values):7.1f}   min {min(values):7.1f}")


if __name__ == "__main__":
    sys.exit(main())
