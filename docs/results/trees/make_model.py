#!/usr/bin/env python3
"""The tree ensemble of the TreeSHAP robustness comparison (docs/results/trees): XGBoost 1.7 (Debian's
python3-xgboost) on scikit-learn's copy of the Wisconsin breast-cancer data, standardised on a seeded 80/20
split's training part (so the Gaussian perturbations of C-LIME and of the metrics have one scale for every feature).
Writes model.json (XGBoost's JSON format) and test.csv (the standardised test rows and their label).

    /usr/bin/python3 make_model.py
"""
import numpy as np
import xgboost as xgb
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

data = load_breast_cancer()
x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, test_size=0.2, random_state=42,
                                                    stratify=data.target)
mean, scale = x_train.mean(axis=0), x_train.std(axis=0)
x_train = ((x_train - mean) / scale).astype(np.float32)
x_test = ((x_test - mean) / scale).astype(np.float32)
names = [n.replace(" ", "_") for n in data.feature_names]
booster = xgb.train({"objective": "binary:logistic", "max_depth": 4, "eta": 0.1, "seed": 7, "nthread": 1},
                    xgb.DMatrix(x_train, label=y_train, feature_names=names), num_boost_round=100)
booster.save_model("model.json")
accuracy = ((booster.predict(xgb.DMatrix(x_test, feature_names=names)) > 0.5) == y_test).mean()
print("test accuracy %.4f on %d rows" % (accuracy, len(y_test)))
with open("test.csv", "w") as f:
    f.write(",".join(names + ["label"]) + "\n")
    for row, label in zip(x_test.astype(np.float64), y_test):
        f.write(",".join(repr(float(v)) for v in row) + ",%d\n" % label)
