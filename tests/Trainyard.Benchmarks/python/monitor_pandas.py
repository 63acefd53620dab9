"""The pandas + scipy side of the Monitor benchmark: the same work as Monitor on a prediction log (the model server's
JSON lines), as a Python team would write it without Evidently (not installable here). Reads the log, keeps the
window's lines, then per input column against the training data: two-sample KS (scipy.stats.ks_2samp) for numeric
columns, χ² (scipy.stats.chisquare) for categorical ones, and PSI (numeric: the training deciles as bins;
categorical: the categories); the live scores' PSI against the test predictions' deciles; latency p50/p95/p99 in
total and per caller. Prints one line the benchmark parses. Run with Debian's /usr/bin/python3.

usage: monitor_pandas.py <log.jsonl> <training.csv> <predictions.csv> <from ISO> <to ISO> [json|read_json]
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats

log, training_csv, predictions_csv, start_text, end_text = sys.argv[1:6]
reader = sys.argv[6] if len(sys.argv) > 6 else "json"
EPS = 1e-4  # floor for empty bins, as PSI implementations commonly use


def psi(reference_shares, live_shares):
    r = np.maximum(reference_shares, EPS)
    l = np.maximum(live_shares, EPS)
    return float(np.sum((l - r) * np.log(l / r)))


def numeric_shares(values, bounds):
    counts = np.bincount(np.searchsorted(bounds, values, side="left"), minlength=len(bounds) + 1)
    return counts / max(counts.sum(), 1)


start = time.perf_counter()
cpu = time.process_time()
# The reference: the training data and the test predictions (read inside the timed part, as Monitor reads its package).
training = pd.read_csv(training_csv).drop(columns=["Status"])
test_scores = pd.read_csv(predictions_csv)["probability_bad"].to_numpy()

if reader == "read_json":
    frame = pd.read_json(log, lines=True, convert_dates=False)
    inputs = pd.DataFrame(frame["inputs"].tolist())
    scores = np.array([o[0]["probabilities"]["bad"] for o in frame["outputs"]])
else:
    rows, times, callers, latencies, scores = [], [], [], [], []
    with open(log, "rb") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn last line, as Monitor skips it
            times.append(record["time"])
            callers.append(record["caller"])
            latencies.append(record["latency_ms"])
            rows.append(record["inputs"])
            scores.append(record["outputs"][0]["probabilities"]["bad"])
    frame = pd.DataFrame({"time": times, "caller": callers, "latency_ms": latencies})
    inputs = pd.DataFrame(rows)
    scores = np.array(scores)

at = pd.to_datetime(frame["time"], utc=True)
in_window = ((at >= pd.Timestamp(start_text)) & (at < pd.Timestamp(end_text))).to_numpy()
frame, inputs, scores = frame[in_window], inputs[in_window], scores[in_window]

results = {}
for column in training.columns:
    reference = training[column].dropna()
    live = inputs[column].dropna() if column in inputs else pd.Series([], dtype=float)
    if pd.api.types.is_numeric_dtype(reference):
        live = pd.to_numeric(live, errors="coerce").dropna().to_numpy()
        ks = stats.ks_2samp(reference.to_numpy(), live)
        bounds = np.unique(np.quantile(reference, np.linspace(0.1, 0.9, 9)))
        results[column] = (ks.pvalue, psi(numeric_shares(reference, bounds), numeric_shares(live, bounds)))
    else:
        reference_counts = reference.value_counts()
        live_counts = live.value_counts()
        categories = reference_counts.index.union(live_counts.index)
        reference_shares = reference_counts.reindex(categories, fill_value=0).to_numpy() / len(reference)
        observed = live_counts.reindex(categories, fill_value=0).to_numpy()
        expected = np.maximum(reference_shares, EPS)
        expected = expected / expected.sum() * observed.sum()
        chi = stats.chisquare(observed, expected)
        results[column] = (chi.pvalue, psi(reference_shares, observed / max(observed.sum(), 1)))

deciles = np.unique(np.quantile(test_scores, np.linspace(0.1, 0.9, 9)))
score_psi = psi(numeric_shares(test_scores, deciles), numeric_shares(scores, deciles))
latency = frame["latency_ms"].quantile([0.5, 0.95, 0.99])
per_caller = frame.groupby("caller")["latency_ms"].quantile([0.5, 0.95, 0.99]).unstack()
seconds = time.perf_counter() - start
cpu = time.process_time() - cpu

peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux: the peak resident set, like VmHWM
drifted = [c for c, (p, _) in results.items() if p < 0.05]
print("drifted (p < 0.05): " + ", ".join(drifted) + "; psi " + ", ".join(f"{c}={v:.4f}" for c, (_, v) in results.items())
      + f"; score psi {score_psi:.4f}; p50/p95/p99 {latency.iloc[0]:.3f}/{latency.iloc[1]:.3f}/{latency.iloc[2]:.3f} ms; callers {len(per_caller)}")
print(f"rows={len(frame)} seconds={seconds:.4f} cpu={cpu:.4f} peak_kb={peak_kb}")
