"""PyTorch side of the Workbench benchmark: ResNet-18 training and inference throughput on
the same machine, with the same pipeline as the Workbench engine (uint8 NHWC images in memory,
index -> float NCHW normalised with ImageNet statistics, SGD momentum 0.9, class-weighted
cross-entropy, batch 64 for training and 256 for inference, all cores).

usage: /usr/bin/python3 bench/pytorch_resnet18.py SIZE TRAIN_STEPS INFER_BATCHES THREADS
prints one JSON line: {"size":..,"train_img_s":..,"infer_img_s":..}
"""
import json
import sys
import time

import torch
import torch.nn.functional as F
import torchvision

size, train_steps, infer_batches, threads = (int(a) for a in sys.argv[1:5])
torch.set_num_threads(threads)
torch.manual_seed(0)
count, batch, infer_batch, classes = 1024, 64, 256, 4
images = torch.randint(0, 256, (count, size, size, 3), dtype=torch.uint8)
labels = torch.randint(0, classes, (count,))
weights = torch.ones(classes)
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255
model = torchvision.models.resnet18(num_classes=classes)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)


def to_input(idx):
    x = images.index_select(0, idx).permute(0, 3, 1, 2).float()
    return ((x - mean) / std).contiguous()


def train_step(step):
    idx = torch.arange(step * batch, (step + 1) * batch) % count
    model.train()
    opt.zero_grad()
    loss = F.cross_entropy(model(to_input(idx)), labels[idx], weight=weights)
    loss.backward()
    opt.step()


for s in range(3):
    train_step(s)
start = time.perf_counter()
for s in range(train_steps):
    train_step(s)
train_rate = train_steps * batch / (time.perf_counter() - start)

model.eval()
with torch.no_grad():
    def infer(b):
        idx = torch.arange(b * infer_batch, (b + 1) * infer_batch) % count
        torch.softmax(model(to_input(idx)), 1)
    infer(0)
    start = time.perf_counter()
    for b in range(infer_batches):
        infer(b)
    infer_rate = infer_batches * infer_batch / (time.perf_counter() - start)

print(json.dumps({"size": size, "train_img_s": train_rate, "infer_img_s": infer_rate,
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
