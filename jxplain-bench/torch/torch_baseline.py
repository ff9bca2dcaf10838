#!/usr/bin/env python3
"""Plain-PyTorch timings of the computations Captum batches, measured on this machine now.

Why: the Captum figures in ../shared/reference were measured once, on a machine of the same kind but at another time,
and this shared machine's speed drifts by 1.5x and more between sessions. This script times, in the same sitting as
`jxplain bench`, what Captum's batched calls compute (one autograd call over all rows, as Captum's Saliency,
InputXGradient, IntegratedGradients, NoiseTunnel, FeatureAblation, infidelity and sensitivity_max do), with plain
torch and none of Captum's own overhead: an upper bound on Captum's speed here and now. Its output has the layout of
the reference timings files, so `jxplain bench --captum torch-now.json` prints jxplain's speed over it.

Usage: /usr/bin/python3 jxplain-bench/torch/torch_baseline.py MODEL.json OUT.json [--threads 1]
(needs Debian's python3-torch, the PyTorch the reference used). Inputs: 113 rows of N(0, 1), float64; the explained
scalar is softmax(z)[class], as in the reference runs.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import torch


def load_network(path):
    """The jxplain network JSON (W is out x in; h = act(W h + b); ELU or identity) as a torch function."""
    with open(path) as f:
        spec = json.load(f)
    alpha = spec.get("elu_alpha", 1.0)
    layers = [(torch.tensor(l["W"], dtype=torch.float64), torch.tensor(l["b"], dtype=torch.float64), l["activation"])
              for l in spec["layers"]]
    for _, _, act in layers:
        if act not in ("elu", "identity", "none"):
            sys.exit(f"{path}: activation {act} is not handled by this script")
    target = spec.get("explained_output", {}).get("class", 1)

    def f(x):
        h = x
        for w, b, act in layers:
            h = h @ w.T + b
            if act == "elu":
                h = torch.nn.functional.elu(h, alpha)
        return torch.softmax(h, dim=1)[:, target]

    return f, layers[0][0].shape[1]


def gradient(f, x):
    x = x.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(f(x).sum(), x)  # rows are independent: the gradient of the sum is each row's
    return g


def timed(fn, min_seconds=1.0, max_repeats=200):
    for _ in range(3):
        fn()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < min_seconds and len(times) < max_repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rows", type=int, default=113)
    parser.add_argument("--min-time", type=float, default=1.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(11)
    f, d = load_network(args.model)
    n_rows = args.rows
    x = torch.randn(n_rows, d, dtype=torch.float64)
    dataset = "breast_cancer" if d == 15 else "simulated" if d == 2 else "unknown"

    # Gauss-Legendre nodes and weights on [0, 1], as Captum's "gausslegendre" IG (numpy's leggauss, rescaled)
    import numpy
    nodes, weights = numpy.polynomial.legendre.leggauss(50)
    alphas = torch.tensor((nodes + 1) / 2, dtype=torch.float64)
    alpha_weights = torch.tensor(weights / 2, dtype=torch.float64)

    def integrated_gradients():
        scaled = (alphas[:, None, None] * x[None, :, :]).reshape(-1, d)  # baseline 0: all 50 points in one call
        g = gradient(f, scaled).reshape(50, n_rows, d)
        return (alpha_weights[:, None, None] * g).sum(0) * x

    def feature_ablation():
        with torch.no_grad():
            fx = f(x)
            out = torch.empty(n_rows, d, dtype=torch.float64)
            for j in range(d):  # Captum's default: one feature per forward call
                ablated = x.clone()
                ablated[:, j] = 0.0
                out[:, j] = fx - f(ablated)
            return out

    def smoothgrad(n):
        def run():
            noisy = x.repeat(n, 1) + torch.randn(n * n_rows, d, dtype=torch.float64)  # sigma^2 = 1
            return gradient(f, noisy).reshape(n, n_rows, d).mean(0)
        return run

    attributions = gradient(f, x)  # Captum's infidelity takes the attributions as given: not timed

    def infidelity():
        noise = 0.1 * torch.randn(100, n_rows, d, dtype=torch.float64)
        with torch.no_grad():
            fx = f(x)
            f_perturbed = f((x[None] - noise).reshape(-1, d)).reshape(100, n_rows)
            dot = (noise * attributions[None]).sum(2)
            return ((dot - (fx[None] - f_perturbed)) ** 2).mean(0)

    def sensitivity_max():
        at_x = gradient(f, x)
        neighbours = x.repeat(10, 1) + (torch.rand(10 * n_rows, d, dtype=torch.float64) * 0.04 - 0.02)
        at_y = gradient(f, neighbours).reshape(10, n_rows, d)
        return ((at_y - at_x[None]).norm(dim=2) / at_x.norm(dim=1)[None]).max(0).values

    cases = [
        ({"method": "saliency"}, lambda: gradient(f, x).abs()),
        ({"method": "input_x_gradient"}, lambda: gradient(f, x) * x),
        ({"method": "ig_gausslegendre", "n_steps": 50}, integrated_gradients),
        ({"method": "feature_ablation"}, feature_ablation),
        ({"method": "smoothgrad", "n": 100, "sigma2": 1.0}, smoothgrad(100)),
        ({"method": "smoothgrad", "n": 1000, "sigma2": 1.0}, smoothgrad(1000)),
        ({"method": "infidelity", "explainer": "saliency", "noise_std": 0.1, "n_perturb_samples": 100}, infidelity),
        ({"method": "sensitivity_max", "explainer": "saliency"}, sensitivity_max),
    ]
    timings = []
    for keys, fn in cases:
        median, repeats = timed(fn, args.min_time)
        row = dict(keys, dataset=dataset, mode="batched", n_explanations=n_rows, repeats=repeats,
                   median_wall_s=median, explanations_per_s=n_rows / median)
        timings.append(row)
        print(f"{keys['method']:18s} {keys.get('n', ''):>5} {n_rows / median:14.1f} /s", flush=True)
    result = {
        "label": "plain PyTorch, this run",
        "what": "the computations of Captum's batched calls in plain torch (no Captum overhead), measured now",
        "torch_threads": args.threads,
        "cpu_count": os.cpu_count(),
        "torch": torch.__version__,
        "dtype": "float64",
        "loadavg_1_5_15_at_end": list(os.getloadavg()),
        "timings": timings,
    }
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
