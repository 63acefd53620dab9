"""The Python peer of Trainyard.Serving for the `serve` benchmark: FastAPI + uvicorn + xgboost serving the same
model package (read from the same OCI layout), one row per request, encoded as the featurizer does (one-hot for
categories, NaN for missing). Usage: python3 serve_xgboost.py <layout folder> <tag> <port>"""
import json, math, os, sys

import numpy as np
import uvicorn
import xgboost
from fastapi import FastAPI, Request

layout, tag, port = sys.argv[1], sys.argv[2], int(sys.argv[3])


def blob(digest):
    with open(os.path.join(layout, "blobs", "sha256", digest.split(":")[1]), "rb") as f:
        return f.read()


index = json.load(open(os.path.join(layout, "index.json")))
manifest = json.loads(blob(next(m["digest"] for m in index["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag)))
files = {layer["annotations"]["org.opencontainers.image.title"]: layer["digest"] for layer in manifest["layers"]}
featurizer = json.loads(blob(files["featurizer.json"]))
signature = json.loads(blob(files["signature.json"]))
booster = xgboost.Booster()
booster.load_model(bytearray(blob(files["model.json"])))
# One row per request: one thread. With xgboost's default (all cores) each predict wakes an OpenMP team and waits at
# its barrier for the other core, which on a busy machine costs far more than the prediction (see docs/benchmarks.md).
booster.set_param({"nthread": 1})
columns = featurizer["columns"]
width = sum(len(c["categories"]) if c["encoding"] == "one_hot" else 1 for c in columns)
output = signature["output"]
app = FastAPI()


def encode(row):
    features = np.full((1, width), np.nan, dtype=np.float32)
    offset = 0
    for column in columns:
        value = row.get(column["name"])
        if column["encoding"] == "one_hot":
            categories = column["categories"]
            if value is not None and value != "":
                features[0, offset:offset + len(categories)] = 0
                if str(value) in categories:
                    features[0, offset + categories.index(str(value))] = 1
            offset += len(categories)
        else:
            if value is not None and value != "":
                features[0, offset] = float(value) if not isinstance(value, bool) else float(value)
            offset += 1
    return features


@app.post("/v1/predict")
async def predict(request: Request):
    row = await request.json()
    p = float(booster.inplace_predict(encode(row))[0])
    classes = output["classes"]
    return {"predictions": [{"label": classes[1] if p >= output["threshold"] else classes[0],
                             "probabilities": {classes[0]: 1 - p, classes[1]: p}}]}


@app.get("/healthz")
async def healthz():
    return "ok"


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
