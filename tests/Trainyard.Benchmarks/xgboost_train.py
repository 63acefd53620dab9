# One measurement of Python's side of the training benchmark (Debian's python3-xgboost 1.7.4, /usr/bin/python3):
# load the raw float32 file SyntheticMatrix.cs wrote, build the DMatrix, train, and serialize the model as JSON —
# the same work Trainyard's side does. Prints one line: rows=… seconds=… peak_kb=… cpu=… and phase_<name>=… seconds
# (load, dmatrix, booster, first_round — which also bins the matrix —, other_rounds, copy — xgb.train returns a copy
# of the booster —, save), as Trainyard's side does.
import resource
import sys
import time

import numpy as np
import xgboost as xgb

path, rows, columns, threads, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])


class Phases(xgb.callback.TrainingCallback):
    """Marks the end of the booster's creation, of the first round and of the last, inside xgb.train."""

    def __init__(self, marks):
        super().__init__()
        self.marks = marks

    def before_training(self, model):
        self.marks.append(("booster", time.perf_counter()))
        return model

    def after_iteration(self, model, epoch, evals_log):
        if epoch == 0:
            self.marks.append(("first_round", time.perf_counter()))
        return False

    def after_training(self, model):
        self.marks.append(("other_rounds", time.perf_counter()))
        return model


before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
marks = [("start", start)]
values = np.fromfile(path, dtype=np.float32)
features = values[: rows * columns].reshape(rows, columns)
labels = values[rows * columns :]
marks.append(("load", time.perf_counter()))
dtrain = xgb.DMatrix(features, label=labels, nthread=threads)
marks.append(("dmatrix", time.perf_counter()))
params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1, "nthread": threads, "seed": 0}
booster = xgb.train(params, dtrain, num_boost_round=rounds, callbacks=[Phases(marks)])
marks.append(("copy", time.perf_counter()))
model = booster.save_raw("json")
marks.append(("save", time.perf_counter()))
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
phases = " ".join(f"phase_{name}={at - marks[i][1]:.4f}" for i, (name, at) in enumerate(marks[1:]))
print(f"rows={rows} seconds={seconds:.4f} peak_kb={usage.ru_maxrss} model_bytes={len(model)} "
      f"cpu={usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime:.4f} "
      f"involuntary_switches={usage.ru_nivcsw - before.ru_nivcsw} {phases}")
