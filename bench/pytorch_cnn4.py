"""PyTorch twin of bench/Workbench.Bench/QuickStepThroughput.cs: the quick poster profile's two steps on CPU.

Classifier step: the engine's cnn4 (4 blocks of conv 3x3 without bias, batch norm, ReLU, 2x2 max pool; widths 32, 64,
128, 256; global average pool; linear head), 32 px, batch 32, SGD momentum 0.9 + weight decay, each image turned by a
random quarter turn and flipped at random (affine_grid + grid_sample, as the engine), uint8 NHWC images normalised per
batch. Pretraining step: SimCLR as the engine's (src/Workbench.Native/src/pretrain.cpp): two random-resized-crop views
per image (+ quarter turns and flips), one forward pass over both (batch norm over all 2n), projection head 256-256-128,
NT-Xent at temperature 0.5, batch 128.
Each in the default NCHW layout and in channels_last (model and input), so the engine is compared with PyTorch's best.

usage: /usr/bin/python3 bench/pytorch_cnn4.py TRAIN_STEPS PRETRAIN_STEPS THREADS
prints one JSON line: {"train": {"nchw":.., "channels_last":..}, "pretrain": {"nchw":.., "channels_last":..}}
(training-side images per second; a pretraining image is two views)
"""
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

# The same timing loop and precision context (BENCH_PRECISION) as the ResNet-18 figures.
from pytorch_resnet18 import autocast, images_per_second

count, size, batch, pretrain_batch, classes = 2048, 32, 32, 128, 4
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255


def cnn4():
    def block(i, o):
        return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True), nn.MaxPool2d(2)]
    layers = block(3, 32) + block(32, 64) + block(64, 128) + block(128, 256)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten())


def symmetries(n, gen):
    turns = torch.randint(0, 4, (n,), generator=gen)
    c = torch.where(turns == 0, 1.0, torch.where(turns == 2, -1.0, 0.0))
    s = torch.where(turns == 1, 1.0, torch.where(turns == 3, -1.0, 0.0))
    sx = (torch.rand(n, generator=gen) < 0.5).float() * -2 + 1
    sy = (torch.rand(n, generator=gen) < 0.5).float() * -2 + 1
    return c, s, sx, sy


def augment(x, gen):
    n = x.shape[0]
    c, s, sx, sy = symmetries(n, gen)
    zero = torch.zeros(n)
    theta = torch.stack([torch.stack([c * sx, -s * sy, zero], 1), torch.stack([s * sx, c * sy, zero], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def view(u8, gen):
    n = u8.shape[0]
    area = torch.rand(n, generator=gen) * 0.7 + 0.3
    ratio = torch.exp(torch.rand(n, generator=gen) * (math.log(4 / 3) - math.log(3 / 4)) + math.log(3 / 4))
    w, h = torch.sqrt(area * ratio).clamp(max=1), torch.sqrt(area / ratio).clamp(max=1)
    cx = (torch.rand(n, generator=gen) * 2 - 1) * (1 - w)
    cy = (torch.rand(n, generator=gen) * 2 - 1) * (1 - h)
    c, s, sx, sy = symmetries(n, gen)
    theta = torch.stack([torch.stack([w * c * sx, -w * s * sy, cx], 1), torch.stack([h * s * sx, h * c * sy, cy], 1)], 1)
    x = u8.permute(0, 3, 1, 2).float() / 255
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    return (x * 255 - mean) / std


def nt_xent(z1, z2, temperature=0.5):
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = (z @ z.t() / temperature).masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    return F.cross_entropy(sim, torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]))


def train_rate(images, labels, layout, steps):
    torch.manual_seed(0)
    net, head = cnn4().to(memory_format=layout), nn.Linear(256, classes)
    opt = torch.optim.SGD(list(net.parameters()) + list(head.parameters()), lr=0.02, momentum=0.9, weight_decay=5e-4)
    gen = torch.Generator().manual_seed(0)

    def step(s):
        idx = torch.arange(s * batch, (s + 1) * batch) % count
        x = (images.index_select(0, idx).permute(0, 3, 1, 2).float() - mean) / std
        x = augment(x, gen).contiguous(memory_format=layout)
        opt.zero_grad(set_to_none=True)
        with autocast():
            logits = head(net(x)).float()
        F.cross_entropy(logits, labels[idx]).backward()
        opt.step()

    return images_per_second(step, 5, steps, batch)


def pretrain_rate(images, layout, steps):
    torch.manual_seed(0)
    net = cnn4().to(memory_format=layout)
    head = nn.Sequential(nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 128))
    opt = torch.optim.SGD(list(net.parameters()) + list(head.parameters()), lr=0.1, momentum=0.9, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(0)

    def step(s):
        idx = torch.arange(s * pretrain_batch, (s + 1) * pretrain_batch) % count
        u8 = images.index_select(0, idx)
        x = torch.cat([view(u8, gen), view(u8, gen)]).contiguous(memory_format=layout)
        opt.zero_grad(set_to_none=True)
        with autocast():
            z = head(net(x)).float()
        nt_xent(z[:pretrain_batch], z[pretrain_batch:]).backward()
        opt.step()

    return images_per_second(step, 2, steps, pretrain_batch)


if __name__ == "__main__":
    train_steps, pretrain_steps, threads = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images = torch.randint(0, 256, (count, size, size, 3), dtype=torch.uint8)
    labels = torch.randint(0, classes, (count,))
    layouts = {"nchw": torch.contiguous_format, "channels_last": torch.channels_last}
    result = {"train": {k: train_rate(images, labels, v, train_steps) for k, v in layouts.items()},
              "pretrain": {k: pretrain_rate(images, v, pretrain_steps) for k, v in layouts.items()},
              "torch": torch.__version__, "threads": torch.get_num_threads()}
    print(json.dumps(result))
