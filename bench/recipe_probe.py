"""Plain-PyTorch twin of the quick recipe, to tell engine effects from recipe effects.

Reads the engine's own 32-px BCCD cache (same pixels), draws its own 50/50 random split, 2%
stratified labelled set and 1,000 validation images from the training half's unlabelled part,
trains a 4-block CNN like the engine's `cnn4`, and prints validation accuracy. Switches turn the
engine's choices (Kaiming fan-out init, ImageNet normalisation) on and off one at a time.
Usage: /usr/bin/python3 bench/recipe_probe.py --lr 0.05 --seed 0 [--init default] [--norm unit]
"""
import argparse, math, os, time
import torch, torch.nn as nn, torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--seed", type=int, default=0)
p.add_argument("--epochs", type=int, default=40)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--wd", type=float, default=5e-4)
p.add_argument("--init", choices=["kaiming", "default"], default="kaiming")
p.add_argument("--norm", choices=["imagenet", "unit"], default="imagenet")
p.add_argument("--cache", default="data/cache/bccd-32px.wbcache")
a = p.parse_args()
torch.set_num_threads(1)
torch.manual_seed(a.seed)
g = torch.Generator().manual_seed(a.seed)
rint = lambda hi: int(torch.randint(hi, (1,), generator=g))

# TRAIN then TEST folders, classes EOSINOPHIL, LYMPHOCYTE, MONOCYTE, NEUTROPHIL (the loader's order).
counts = [2497, 2483, 2478, 2499, 623, 620, 620, 624]
y = torch.cat([torch.full((c,), i % 4) for i, c in enumerate(counts)]).long()
n, s = len(y), 32
with open(a.cache, "rb") as f:
    f.seek(os.path.getsize(a.cache) - n * s * s * 3)
    raw = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).view(n, s, s, 3)
x = raw.permute(0, 3, 1, 2).float() / 255
if a.norm == "imagenet":
    x = (x - torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)) / torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)

def sample(ids, k):
    return ids[torch.randperm(len(ids), generator=g)[:k]]
train = torch.randperm(n, generator=g)[: n // 2]
labelled = torch.cat([sample(train[y[train] == c], round(0.02 * int((y[train] == c).sum()))) for c in range(4)])
rest = train[~torch.isin(train, labelled)]
val = sample(rest, 1000)

def block(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2))
net = nn.Sequential(block(3, 32), block(32, 64), block(64, 128), block(128, 256),
                    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(256, 4))
if a.init == "kaiming":
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=0.9, weight_decay=a.wd)
steps_per_epoch = math.ceil(len(labelled) / a.batch)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, a.epochs * steps_per_epoch)
start = time.time()
for epoch in range(a.epochs):
    net.train()
    perm = labelled[torch.randperm(len(labelled), generator=g)]
    correct = 0
    for b in range(steps_per_epoch):
        idx = perm[b * a.batch:(b + 1) * a.batch]
        xb = x[idx].clone()
        for j in range(len(idx)):  # a random element of the dihedral group: quarter turn + flips
            k = rint(4); img = torch.rot90(xb[j], k, (1, 2))
            if rint(2): img = img.flip(2)
            if rint(2): img = img.flip(1)
            xb[j] = img
        out = net(xb)
        loss = F.cross_entropy(out, y[idx])
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        correct += (out.argmax(1) == y[idx]).sum().item()
net.eval()
with torch.no_grad():
    acc = (net(x[val]).argmax(1) == y[val]).float().mean().item()
print(f"probe lr {a.lr} seed {a.seed} init {a.init} norm {a.norm}: validation {100 * acc:.1f}% "
      f"(last epoch train acc {100 * correct / len(labelled):.0f}%, {time.time() - start:.0f}s)")
