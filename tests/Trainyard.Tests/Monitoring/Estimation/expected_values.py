# The expected numbers in IsotonicCalibrationTests and ConfidenceBasedEstimateTests, computed by the reference
# implementations: scikit-learn's IsotonicRegression (Debian's python3-sklearn 1.2.1) and NannyML's CBPE formulas
# (nannyml/performance_estimation/confidence_based/metrics.py: estimate_roc_auc, estimate_accuracy, estimate_precision,
# estimate_recall, estimate_f1), written out in numpy because nannyml is not installable here.
# Run: /usr/bin/python3 tests/Trainyard.Tests/Monitoring/Estimation/expected_values.py
import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import auc, roc_auc_score

np.set_printoptions(precision=17)

# Isotonic: ties in score (0.3 three times, 0.7 twice), violators, a label-sorted tie.
scores = np.array([0.05, 0.1, 0.1, 0.2, 0.3, 0.3, 0.3, 0.35, 0.4, 0.5, 0.55, 0.6, 0.7, 0.7, 0.8, 0.9, 0.95])
labels = np.array([0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1])
ir = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(scores, labels)
print("X_thresholds_", repr(ir.X_thresholds_.tolist()))
print("y_thresholds_", repr(ir.y_thresholds_.tolist()))
queries = np.array([-1.0, 0.0, 0.05, 0.075, 0.1, 0.25, 0.3, 0.32, 0.5, 0.52, 0.7, 0.75, 0.95, 1.0, 2.0])
print("predict", repr(ir.predict(queries).tolist()))


def nannyml_estimate_roc_auc(true_y_pred_proba, model_y_pred_proba):
    sorted_index = np.argsort(model_y_pred_proba)[::-1]
    model_y_pred_proba = model_y_pred_proba[sorted_index]
    true_y_pred_proba = true_y_pred_proba[sorted_index]
    tps = np.cumsum(true_y_pred_proba)
    fps = 1 + np.arange(len(true_y_pred_proba)) - tps
    tps = np.r_[0, tps]
    fps = np.r_[0, fps]
    tps = np.round(tps, 5)
    fps = np.round(fps, 5)
    return auc(fps / fps[-1], tps / tps[-1])


def tie_grouped_roc_auc(p, scores):
    """The same curve with equal scores as one point: scikit-learn's AUC of every row once as a positive with weight
    p and once as a negative with weight 1 - p. Equals NannyML's wherever the scores are distinct."""
    both = np.r_[scores, scores]
    return roc_auc_score(np.r_[np.ones(len(p)), np.zeros(len(p))], both, sample_weight=np.r_[p, 1 - p])


def nannyml_binary(y_pred, p):
    tp = np.sum(np.where(y_pred == 1, p, 0)); fp = np.sum(np.where(y_pred == 1, 1 - p, 0))
    fn = np.sum(np.where(y_pred == 0, p, 0)); tn = np.sum(np.where(y_pred == 0, 1 - p, 0))
    return dict(tp=tp, fp=fp, tn=tn, fn=fn, accuracy=(tp + tn) / len(y_pred), precision=tp / (tp + fp),
                recall=tp / (tp + fn), f1=tp / (tp + 0.5 * (fp + fn)))


# CBPE: reference rows calibrate; monitored rows (distinct scores, so the order of ties cannot matter) are estimated.
# The rows come from integer arithmetic that C# repeats exactly (Samples in ConfidenceBasedEstimateTests).
ref_scores = np.array([((i * 37) % 200 + 0.5) / 200 for i in range(200)])
ref_labels = np.array([1 if ((i * 53) % 97) / 97 < s * s else 0 for i, s in enumerate(ref_scores)])
mon_scores = np.array([(2 * j + 1) / 120 for j in range(60)])
cal = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(ref_scores, ref_labels)
p = cal.predict(mon_scores)
threshold = 0.5
y_pred = (mon_scores >= threshold).astype(int)
print("binary", {k: float(v) for k, v in nannyml_binary(y_pred, p).items()})
print("roc_auc", float(nannyml_estimate_roc_auc(p, mon_scores)), "tie-grouped", float(tie_grouped_roc_auc(p, mon_scores)))

# Multiclass: three classes, one-vs-rest calibration, rows normalised, macro averages (NannyML's multiclass CBPE).
k = 3


def row(a, b, c):
    return [a / (a + b + c), b / (a + b + c), c / (a + b + c)]


ref_probs = np.array([row((i * 7) % 11 + 1, (i * 5) % 13 + 1, (i * 3) % 7 + 1) for i in range(300)])
ref_u = [((i * 31) % 100) / 100 for i in range(300)]
ref_y = np.array([0 if u < r[0] else 1 if u < r[0] + r[1] else 2 for u, r in zip(ref_u, ref_probs)])
mon_probs = np.array([row((j * 3) % 5 + 2, (j * 7) % 4 + 1, j % 3 + 1) for j in range(80)])
cals = [IsotonicRegression(out_of_bounds="clip", increasing=True).fit(ref_probs[:, c], (ref_y == c).astype(int)) for c in range(k)]
cp = np.column_stack([cals[c].predict(mon_probs[:, c]) for c in range(k)])
den = cp.sum(axis=1)[:, None]
cp = np.divide(cp, den, out=np.full_like(cp, 1 / k), where=den != 0)
pred = mon_probs.argmax(axis=1)
per = [nannyml_binary((pred == c).astype(int), cp[:, c]) for c in range(k)]
print("mc_accuracy", float(np.mean(cp[np.arange(len(pred)), pred])))
for m in ["precision", "recall", "f1"]:
    print("mc_macro_" + m, float(np.mean([e[m] for e in per])))
# mon_probs repeats rows, so NannyML's figure depends on argsort's order within ties; Trainyard groups them.
print("mc_macro_auc", float(np.mean([nannyml_estimate_roc_auc(cp[:, c], mon_probs[:, c]) for c in range(k)])),
      "tie-grouped", float(np.mean([tie_grouped_roc_auc(cp[:, c], mon_probs[:, c]) for c in range(k)])))
