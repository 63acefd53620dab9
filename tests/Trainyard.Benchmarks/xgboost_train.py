# One measurement of Python's side of the training benchmark (Debian's python3-xgboost 1.7.4, /usr/bin/python3):
# load the raw float32 file SyntheticMatrix.cs wrote, build the DMatrix, train, and serialize the model as JSON —
# the same work Trainyard's side does. Prints one line: rows=… seconds=… peak_kb=…
import resource
import sys
import time

import numpy as np
import xgboost as xgb

path, rows, columns, threads, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
start = time.perf_counter()
values = np.fromfile(path, dtype=np.float32)
features = values[: rows * columns].reshape(rows, columns)
labels = values[rows * columns :]
dtrain = xgb.DMatrix(features, label=labels, nthread=threads)
params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1, "nthread": threads, "seed": 0}
booster = xgb.train(params, dtrain, num_boost_round=rounds)
model = booster.save_raw("json")
seconds = time.perf_counter() - start
print(f"rows={rows} seconds={seconds:.4f} peak_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} model_bytes={len(model)}")
