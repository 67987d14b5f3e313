"""bench/ope: the numpy peer of `rewind evaluate bandit`. IPS, SNIPS, DM, DR and SNDR with normal and 200-replicate
Poisson-bootstrap 95% intervals, on the arrays NumpyExport.java wrote; the reward model is a per-arm L2 logistic
regression on [1, x] fitted by Newton's method (IRLS), cross-fitted over 3 random folds. Prints the estimates, then
its own wall and CPU seconds last. Usage: python3 ope_numpy.py FOLDER [REPLICATES]"""
import os
import sys
import time

import numpy as np

start, cpu = time.perf_counter(), time.process_time()
folder = sys.argv[1]
B = int(sys.argv[2]) if len(sys.argv) > 2 else 200
x = np.load(os.path.join(folder, "x.npy"))
arm = np.load(os.path.join(folder, "arm.npy")).astype(np.int64)
prob = np.load(os.path.join(folder, "prob.npy"))
r = np.load(os.path.join(folder, "reward.npy"))
target = np.load(os.path.join(folder, "target.npy"))
n, k = target.shape
z = np.hstack([np.ones((n, 1)), x])
rng = np.random.default_rng(1)
fold = rng.integers(0, 3, n)


def logistic(zs, ys, l2=1.0, iters=25):
    beta = np.zeros(zs.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-zs @ beta))
        g = zs.T @ (p - ys) + l2 * beta
        h = (zs * (p * (1 - p))[:, None]).T @ zs + l2 * np.eye(zs.shape[1])
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


q = np.empty((n, k))
for f in range(3):
    train = fold != f
    theta = np.stack([logistic(z[train & (arm == a)], r[train & (arm == a)]) for a in range(k)])
    mine = fold == f
    q[mine] = 1 / (1 + np.exp(-z[mine] @ theta.T))

rows = np.arange(n)
w = target[rows, arm] / prob
q_logged = q[rows, arm]
dm = (target * q).sum(axis=1)
terms = np.stack([w * r, w, dm, dm + w * (r - q_logged), w * (r - q_logged)], axis=1)


def estimates(s, count):
    """IPS, SNIPS, DM, DR, SNDR from the column sums s of terms over count rows (s: ... x 5)."""
    return np.stack([s[..., 0] / count, s[..., 0] / s[..., 1], s[..., 2] / count, s[..., 3] / count,
                     s[..., 2] / count + s[..., 4] / s[..., 1]], axis=-1)


point = estimates(terms.sum(axis=0), n)
replicates = []
for chunk in range(0, B, 20):
    weights = rng.poisson(1.0, (min(20, B - chunk), n)).astype(np.float64)
    replicates.append(estimates(weights @ terms, weights.sum(axis=1)))
replicates = np.concatenate(replicates)
low, high = np.percentile(replicates, [2.5, 97.5], axis=0)
for name, v, lo, hi in zip(["IPS", "SNIPS", "DM", "DR", "SNDR"], point, low, high):
    print(f"{name:6s} {v:.6f} bootstrap [{lo:.6f}, {hi:.6f}]")
print(f"numpy: {n} rows, {k} arms, {B} replicates: {time.perf_counter() - start:.2f} s wall,"
      f" {time.process_time() - cpu:.2f} s CPU")
