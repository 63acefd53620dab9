# Reference predictions for XGBoostParityTests, from Python's xgboost 1.7.4 (Debian's python3-xgboost).
# Run from this folder with Debian's Python (it has numpy and xgboost):  /usr/bin/python3 parity_reference.py
# It writes parity_data.csv (once, deterministically) and prints what the C# tests paste.
import numpy as np
import xgboost as xgb

rng = np.random.RandomState(20240611)
rows, columns = 440, 6
x = rng.normal(size=(rows, columns)).astype(np.float32)
signal = x[:, 0] * 1.5 - x[:, 1] + 0.5 * x[:, 2] * x[:, 3] + rng.normal(scale=1.0, size=rows)
x[rng.uniform(size=x.shape) < 0.1] = np.nan  # about 10% missing, after the labels were drawn
binary = (signal > 0).astype(np.float32)
multiclass = np.digitize(signal, [-0.7, 0.7]).astype(np.float32)
regression = (signal * 3 + 10).astype(np.float32)

with open("parity_data.csv", "w") as f:
    f.write(",".join([f"f{j}" for j in range(columns)] + ["binary", "multiclass", "regression"]) + "\n")
    for i in range(rows):
        cells = ["" if np.isnan(v) else "%.9g" % v for v in x[i]]
        cells += ["%.9g" % binary[i], "%.9g" % multiclass[i], "%.9g" % regression[i]]
        f.write(",".join(cells) + "\n")

# Read back what the C# side reads, so both train on the same float32 values.
data = np.genfromtxt("parity_data.csv", delimiter=",", skip_header=1, dtype=np.float64).astype(np.float32)
features = data[:, :columns]
names = [f"f{j}" for j in range(columns)]
train, valid, test = slice(0, 300), slice(300, 400), slice(400, 440)
common = {"tree_method": "hist", "max_depth": 3, "eta": 0.3, "nthread": 2, "seed": 7}
tasks = {
    "binary": ({"objective": "binary:logistic", "eval_metric": "auc"}, columns),
    "multiclass": ({"objective": "multi:softprob", "num_class": 3, "eval_metric": "mlogloss"}, columns + 1),
    "regression": ({"objective": "reg:squarederror", "eval_metric": "rmse"}, columns + 2),
}
for task, (params, label_column) in tasks.items():
    labels = data[:, label_column]
    dtrain = xgb.DMatrix(features[train], label=labels[train], feature_names=names, nthread=2)
    dvalid = xgb.DMatrix(features[valid], label=labels[valid], feature_names=names, nthread=2)
    dtest = xgb.DMatrix(features[test], feature_names=names, nthread=2)
    bst = xgb.train({**common, **params}, dtrain, num_boost_round=200,
                    evals=[(dvalid, "validation")], early_stopping_rounds=10, verbose_eval=False)
    best = bst[: bst.best_iteration + 1]
    predictions = best.predict(dtest).reshape(-1)
    print(f"{task}: best_iteration={bst.best_iteration} best_score={bst.best_score} rounds={bst.num_boosted_rounds()}")
    print(", ".join("%.9gf" % p for p in predictions))
    if task == "regression":
        for kind in ("total_gain", "gain"):
            print(kind, ", ".join('["%s"] = %.9gf' % (k, v) for k, v in best.get_score(importance_type=kind).items()))
