#!/usr/bin/env python3
"""Writes impressions.csv and items.csv: a small recommender log in the shape real logs come in (one row per
impression, user features in their own columns, items' features in a separate catalogue, text timestamps in local
time), with three rows a user's log might really hold: an impossible date and a missing propensity. Deterministic;
run it from this folder to regenerate the committed files."""
import csv
import math
import random

rng = random.Random(20261202)
GENRES = ["news", "sport", "music"]
DEVICES = ["mobile", "desktop", "tablet"]
items = [(f"item-{i:02d}", round(rng.uniform(0.5, 9.5), 2), GENRES[i % 3]) for i in range(1, 9)]

with open("items.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["item_id", "price", "genre"])
    w.writerows(items)

with open("impressions.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["impression_id", "shown_at", "user", "age", "device", "item_shown", "propensity", "clicked"])
    for n in range(60):
        device = DEVICES[rng.randrange(3)]
        age = rng.randint(18, 70)
        # the logging policy: a softmax over the items that prefers cheap items on mobile
        scores = [(-0.3 * price if device == "mobile" else 0.1 * price) for _, price, _ in items]
        z = sum(math.exp(s) for s in scores)
        probs = [math.exp(s) / z for s in scores]
        k = rng.choices(range(len(items)), weights=probs)[0]
        item, price, genre = items[k]
        p_click = 0.6 if (genre == "sport") == (device != "mobile") else 0.15
        clicked = 1 if rng.random() < p_click else 0
        # local time in Paris from 23:30 on 1 December 2026: rows up to 01:00 on 2 December in Paris are 1 December in UTC
        minute = 23 * 60 + 30 + 3 * n
        day = 1 + minute // (24 * 60)
        shown_at = f"{day:02d}/12/2026 {minute // 60 % 24:02d}:{minute % 60:02d}:{rng.randrange(60):02d}"
        propensity = f"{probs[k]:.6f}"
        if n == 17:
            shown_at = "31/02/2026 10:00:00"  # no such date
        if n == 33:
            propensity = "n/a"
        w.writerow([f"imp-{n:04d}", shown_at, f"u{rng.randrange(20):03d}", age, device, item, propensity, clicked])
