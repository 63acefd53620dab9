"""Parity fixtures for the managed scorer: models trained and scored by libxgboost (Python's xgboost 1.7.4).

Run from the repository root with Debian's Python (the one that has xgboost):
    /usr/bin/python3 tests/Trainyard.Tests/Runtime/Fixtures/make_fixtures.py

For each sample data set it writes, beside this script:
  <name>.model.json       the booster, booster.save_raw('json')
  <name>.featurizer.json  Trainyard's featurizer definition for the same encoding
  <name>.rows.json        raw test rows (as the model server receives them) and libxgboost's predictions
The encoding mirrors Trainyard.Runtime's featurizer: numeric as float32 with NaN for missing, categorical one-hot
over the training categories (schema order), NaN in every slot when missing, 0 in every slot when unseen.
Half of the test rows are perturbed copies with missing values and unseen categories.
"""
import json
import os

import numpy as np
import pandas as pd
import xgboost as xgb
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
TEST_ROWS = 150

DATASETS = {
    "credit": dict(csv="credit_data.csv", schema="credit-risk.schema.yml", label="Status", classes=["good", "bad"],
                   params={"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "base_score": 0.28}, rounds=40),
    "penguins": dict(csv="penguins.csv", schema="penguins.schema.yml", label="species", classes=["Adelie", "Chinstrap", "Gentoo"],
                     params={"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.3}, rounds=12),
    "ames": dict(csv="ames.csv", schema="ames.schema.yml", label="Sale_Price", classes=[],
                 params={"objective": "reg:squarederror", "max_depth": 4, "eta": 0.2, "base_score": 160000}, rounds=40),
}


def encode(frame, columns):
    blocks = []
    for column in columns:
        values = frame[column["name"]]
        if column["encoding"] == "numeric":
            blocks.append(values.to_numpy(dtype=np.float64).astype(np.float32)[:, None])
        else:
            slots = np.stack([(values == c).to_numpy(dtype=np.float32) for c in column["categories"]], axis=1)
            slots[values.isna().to_numpy()] = np.nan
            blocks.append(slots)
    return np.concatenate(blocks, axis=1)


def perturb(frame, columns, rng):
    frame = frame.copy()
    for column in columns:
        name = column["name"]
        blank = rng.random(len(frame)) < 0.3
        frame[name] = frame[name].astype(object).where(~blank, None)
        if column["encoding"] == "one_hot":
            unseen = (rng.random(len(frame)) < 0.1) & ~blank
            frame.loc[unseen, name] = "never_seen_in_training"
    return frame


def raw(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def make(name, spec):
    schema = yaml.safe_load(open(os.path.join(ROOT, "pipelines", spec["schema"])))
    frame = pd.read_csv(os.path.join(ROOT, "data", spec["csv"]), keep_default_na=False, na_values=[""])
    rng = np.random.default_rng(7)
    order = rng.permutation(len(frame))
    cut = int(len(frame) * 0.75)
    train, test = frame.iloc[order[:cut]], frame.iloc[order[cut:]].head(TEST_ROWS)

    columns = []
    for column in schema["columns"]:
        if column["name"] == spec["label"]:
            continue
        if column["type"] == "numeric":
            columns.append({"name": column["name"], "encoding": "numeric"})
        else:
            present = set(train[column["name"]].dropna())
            columns.append({"name": column["name"], "encoding": "one_hot",
                            "categories": [c for c in column["categories"] if c in present]})

    label = train[spec["label"]]
    y = label.map({c: i for i, c in enumerate(spec["classes"])}).to_numpy() if spec["classes"] else label.to_numpy()
    booster = xgb.train({**spec["params"], "seed": 0, "nthread": 1, "tree_method": "hist"},
                        xgb.DMatrix(encode(train, columns), label=y, missing=np.nan), spec["rounds"])

    rows = pd.concat([test, perturb(test, columns, rng)])
    matrix = encode(rows, columns)
    predicted = booster.predict(xgb.DMatrix(matrix, missing=np.nan))
    assert np.array_equal(predicted, booster.inplace_predict(matrix, missing=np.nan)), "predict and inplace_predict differ"
    expected = predicted.reshape(len(rows), -1)

    names = [c["name"] for c in columns]
    with open(os.path.join(HERE, f"{name}.model.json"), "wb") as f:
        f.write(booster.save_raw("json"))
    with open(os.path.join(HERE, f"{name}.featurizer.json"), "w") as f:
        json.dump({"format": "trainyard-featurizer", "version": 1, "columns": columns,
                   "label": {"name": spec["label"], "classes": spec["classes"]}}, f, indent=1)
    with open(os.path.join(HERE, f"{name}.rows.json"), "w") as f:
        json.dump({"columns": names,
                   "rows": [[raw(v) for v in row] for row in rows[names].itertuples(index=False)],
                   "expected": [[float(v) for v in row] for row in expected]}, f, separators=(",", ":"))
    print(f"{name}: {booster.num_boosted_rounds()} rounds, {matrix.shape[1]} features, {len(rows)} rows, "
          f"{np.isnan(matrix).any(axis=1).sum()} with missing values")


if __name__ == "__main__":
    for name, spec in DATASETS.items():
        make(name, spec)
