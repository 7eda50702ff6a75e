"""Reference NT-Xent values for NtXentTests (run once with /usr/bin/python3; the numbers are committed there).

The input is the fixed, formula-made projection pair the test builds too (no file). The loss is written out term by
term from the SimCLR paper (eq. 1, averaged over all 2n anchors), in float64, independently of the engine's code.
"""
import math
import torch

def inputs(n, dim):
    z1 = torch.tensor([[math.sin(1.0 + 0.7 * i + 0.3 * d) for d in range(dim)] for i in range(n)], dtype=torch.float64)
    z2 = torch.tensor([[math.cos(0.5 + 0.4 * i - 0.9 * d) for d in range(dim)] for i in range(n)], dtype=torch.float64)
    return z1, z2

def nt_xent(z1, z2, t):
    z = torch.nn.functional.normalize(torch.cat([z1, z2]), dim=1)
    n2 = z.shape[0]
    n = n2 // 2
    total = 0.0
    for i in range(n2):
        positive = (i + n) % n2
        denominator = sum(torch.exp(z[i] @ z[k] / t) for k in range(n2) if k != i)
        total += -torch.log(torch.exp(z[i] @ z[positive] / t) / denominator)
    return float(total / n2)

for n, dim, t in [(4, 3, 0.5), (4, 3, 0.1), (6, 5, 0.2)]:
    z1, z2 = inputs(n, dim)
    print(f"n={n} dim={dim} t={t}: {nt_xent(z1, z2, t):.9f}")
