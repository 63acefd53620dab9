"""libxgboost's side of the `score` benchmark (run by ScoreCommand with Debian's /usr/bin/python3).

    /usr/bin/python3 xgboost_score.py <folder> <rows> <rounds> <threads> <reps>

Makes a deterministic data set (20 features, 5% missing), trains a binary:logistic model, writes it to
<folder>/model.json and the scoring rows to <folder>/rows.f32 (row-major float32), then times libxgboost's
predict on those rows with <threads> threads and writes its predictions to <folder>/expected.f32.
Prints one line: rows=<n> seconds=<median of reps> (inplace_predict) cpu_seconds=<its process CPU time, median>
dmatrix_seconds=<median> (DMatrix + predict). CPU time is what "per core" divides by: on a shared machine wall time
also counts the time other processes held the cores.
"""
import os
import sys
import time

import numpy as np
import xgboost as xgb

folder, rows, rounds, threads, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
os.makedirs(folder, exist_ok=True)
rng = np.random.default_rng(42)


def data(n):
    x = rng.normal(size=(n, 20)).astype(np.float32)
    x[:, 15:] = rng.integers(0, 2, size=(n, 5))  # one-hot-like 0/1 columns, as the featurizer writes
    margin = x[:, 0] * 1.5 - x[:, 1] + np.sin(3 * x[:, 2]) + x[:, 3] * x[:, 4] + x[:, 15] - 0.5 * x[:, 16]
    y = (margin + rng.normal(scale=0.5, size=n) > 0).astype(np.float32)
    x[rng.random(x.shape) < 0.05] = np.nan
    return x, y


train_x, train_y = data(50_000)
booster = xgb.train({"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "tree_method": "hist", "seed": 0,
                     "nthread": threads}, xgb.DMatrix(train_x, label=train_y, missing=np.nan), rounds)
with open(os.path.join(folder, "model.json"), "wb") as f:
    f.write(booster.save_raw("json"))

x, _ = data(rows)
x.tofile(os.path.join(folder, "rows.f32"))
booster.set_param({"nthread": threads})


def median_seconds(run):
    run()  # warm-up
    wall, cpu = [], []
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return float(np.median(wall)), float(np.median(cpu))


inplace, inplace_cpu = median_seconds(lambda: booster.inplace_predict(x, missing=np.nan))
dmatrix, _ = median_seconds(lambda: booster.predict(xgb.DMatrix(x, missing=np.nan, nthread=threads)))
booster.inplace_predict(x, missing=np.nan).astype(np.float32).tofile(os.path.join(folder, "expected.f32"))
print(f"rows={rows} seconds={inplace:.6f} cpu_seconds={inplace_cpu:.6f} dmatrix_seconds={dmatrix:.6f}")
