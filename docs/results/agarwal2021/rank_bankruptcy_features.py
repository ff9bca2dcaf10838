"""Ranks the 64 bankruptcy attributes by how much a gradient-boosted model needs them.

The unification paper keeps 15 continuous attributes of the Polish bankruptcy data without naming them (§6.1).
The 15 with the fewest missing values carry almost no signal: no model tried (the paper's MLP, boosted trees)
beat the majority class on them. So jxplain keeps the attributes a flexible model relies on most, ranked once by
this script and written into BankruptcyData.IMPORTANCE_RANKING:

  permutation importance (drop in ROC AUC, 5 repeats) of scikit-learn's HistGradientBoostingClassifier
  (random_state 0; it handles missing values itself), averaged over a 5-fold stratified split of all rows.

The ranking saw every row (its labels too), so the test accuracy of a network on the top-ranked attributes is
slightly optimistic: the attributes were chosen, not fitted, on data that includes the test rows.

Run with Debian's python3-sklearn (1.2): /usr/bin/python3 rank_bankruptcy_features.py SHARED_DATA_DIR
"""
import csv
import gzip
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import StratifiedKFold

FILE = "polish_bankruptcy/derived/3year_wqu-2009_9977rows_rounded6.csv.gz"

with gzip.open(f"{sys.argv[1]}/{FILE}", "rt") as f:
    rows = list(csv.reader(f))
header = rows[0]
attributes = [c for c in header if c.startswith("Attr")]
columns = [header.index(c) for c in attributes]
x = np.array([[float(r[j]) if r[j] != "" else np.nan for j in columns] for r in rows[1:]])
y = np.array([int(r[header.index("class")]) for r in rows[1:]])

importance = np.zeros(len(attributes))
for train, held_out in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(x, y):
    model = HistGradientBoostingClassifier(random_state=0).fit(x[train], y[train])
    importance += permutation_importance(model, x[held_out], y[held_out], scoring="roc_auc", n_repeats=5,
                                         random_state=0).importances_mean / 5
ranking = sorted(range(len(attributes)), key=lambda j: (-importance[j], j))
print(", ".join(f'"{attributes[j]}"' for j in ranking))
for j in ranking[:20]:
    print(f"# {attributes[j]}: {importance[j]:.4f}", file=sys.stderr)
