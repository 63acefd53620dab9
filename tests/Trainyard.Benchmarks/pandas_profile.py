"""The pandas side of the benchmark: the same work as Trainyard's profile scan (read every field, summarise each
column, count missing values). Prints one line the benchmark parses. Run with Debian's /usr/bin/python3."""
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
start = time.perf_counter()
frame = pd.read_csv(path)
summary = frame.describe(include="all")
missing = frame.isna().sum()
seconds = time.perf_counter() - start
# ru_maxrss is in kilobytes on Linux: the process's peak resident set, like VmHWM.
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"rows={len(frame)} seconds={seconds:.4f} peak_kb={peak_kb} columns={summary.shape[1]} missing={int(missing.sum())}")
