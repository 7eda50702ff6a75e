"""PyTorch side of the Workbench benchmark: ResNet-18 training and inference throughput on
the same machine, with the same pipeline as the Workbench engine (uint8 NHWC images in memory,
index -> float NCHW normalised with ImageNet statistics, SGD momentum 0.9, class-weighted
cross-entropy, batch 64 for training and 256 for inference, THREADS intra-op threads).

Each figure in each layout a PyTorch user on CPU would pick: the default NCHW, and channels_last
(model and input; PyTorch's own advice for CPU convolutions), inference also under
torch.inference_mode() -- so the engine is compared with PyTorch's best setting, not its default.

usage: /usr/bin/python3 bench/pytorch_resnet18.py SIZE TRAIN_STEPS INFER_BATCHES THREADS
prints one JSON line: {"size":.., "train": {"nchw":.., "channels_last":..},
                       "infer": {"nchw":.., "channels_last":.., "channels_last_inference_mode":..}}  (img/s)
usage: /usr/bin/python3 bench/pytorch_resnet18.py --round SIZE POOL EPOCH_IMAGES THREADS
the whole-round twin of the engine's (bench/Workbench.Bench/RoundThroughput.cs), in PyTorch's
best layout: scores POOL images (probabilities + 512-d embeddings, batch 256), then trains one
epoch of EPOCH_IMAGES images (batch 64) with rotation, flips and shifts; prints
{"score_s":.., "epoch_s":..}.

BENCH_PRECISION=bf16 in the environment runs every forward pass (and the loss) under PyTorch's own CPU autocast,
torch.autocast("cpu", dtype=torch.bfloat16), the twin of the engine's --precision bf16; the loss is taken in float32.
"""
import contextlib
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F
import torchvision

CL = torch.channels_last
count, batch, infer_batch, classes = 1024, 64, 256, 4
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255


def autocast():
    """The forward passes' precision context: PyTorch's CPU autocast to bf16, or nothing (fp32)."""
    if os.environ.get("BENCH_PRECISION", "fp32") == "bf16":
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def to_input(images, idx, layout):
    x = images.index_select(0, idx).permute(0, 3, 1, 2).float()
    return ((x - mean) / std).contiguous(memory_format=layout)


def new_model(layout):
    model = torchvision.models.resnet18(num_classes=classes).to(memory_format=layout)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    return model, opt


def augment(x, gen):
    """The engine's rotate 0-360 + both flips + shift <= 12.5% (src/Workbench.Native/src/augment.cpp)."""
    n = x.shape[0]
    angle = torch.rand(n, generator=gen) * 2 * math.pi
    sx = (torch.rand(n, generator=gen) < 0.5).float() * -2 + 1
    sy = (torch.rand(n, generator=gen) < 0.5).float() * -2 + 1
    tx = torch.rand(n, generator=gen) * 0.5 - 0.25
    ty = torch.rand(n, generator=gen) * 0.5 - 0.25
    c, s = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([c * sx, -s * sy, tx], 1), torch.stack([s * sx, c * sy, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def images_per_second(step, warmup, steps, images_per_step):
    """Runs step(0..warmup-1) untimed, then times step(0..steps-1); also used by pytorch_cnn4.py."""
    for s in range(warmup):
        step(s)
    start = time.perf_counter()
    for s in range(steps):
        step(s)
    return steps * images_per_step / (time.perf_counter() - start)


def train_rate(images, labels, weights, layout, steps):
    model, opt = new_model(layout)

    def step(s):
        idx = torch.arange(s * batch, (s + 1) * batch) % count
        model.train()
        opt.zero_grad()
        with autocast():
            logits = model(to_input(images, idx, layout)).float()
        loss = F.cross_entropy(logits, labels[idx], weight=weights)
        loss.backward()
        opt.step()

    return images_per_second(step, 3, steps, batch)


def infer_rate(images, layout, mode, batches):
    model, _ = new_model(layout)
    model.eval()
    with mode(), autocast():
        def infer(b):
            idx = torch.arange(b * infer_batch, (b + 1) * infer_batch) % count
            torch.softmax(model(to_input(images, idx, layout)).float(), 1)
        infer(0)
        start = time.perf_counter()
        for b in range(batches):
            infer(b)
        return batches * infer_batch / (time.perf_counter() - start)


def throughput(size, train_steps, infer_batches):
    torch.manual_seed(0)
    images = torch.randint(0, 256, (count, size, size, 3), dtype=torch.uint8)
    labels = torch.randint(0, classes, (count,))
    weights = torch.ones(classes)
    train = {"nchw": train_rate(images, labels, weights, torch.contiguous_format, train_steps),
             "channels_last": train_rate(images, labels, weights, CL, train_steps)}
    infer = {"nchw": infer_rate(images, torch.contiguous_format, torch.no_grad, infer_batches),
             "channels_last": infer_rate(images, CL, torch.no_grad, infer_batches),
             "channels_last_inference_mode": infer_rate(images, CL, torch.inference_mode, infer_batches)}
    return {"size": size, "train": train, "infer": infer}


def whole_round(size, pool, epoch_images):
    torch.manual_seed(0)
    images = torch.randint(0, 256, (pool, size, size, 3), dtype=torch.uint8)
    labels = torch.randint(0, classes, (pool,))
    weights = torch.tensor([1.0, 2.0, 1.0, 0.5])
    model, opt = new_model(CL)
    fc, model.fc = model.fc, torch.nn.Identity()  # the backbone's output is the embedding
    gen = torch.Generator().manual_seed(0)

    start = time.perf_counter()
    model.eval()
    probs, embeddings = torch.empty(pool, classes), torch.empty(pool, 512)
    with torch.inference_mode(), autocast():
        for b in range(0, pool, infer_batch):
            idx = torch.arange(b, min(b + infer_batch, pool))
            e = model(to_input(images, idx, CL)).float()
            probs[b:b + len(idx)] = torch.softmax(fc(e), 1)
            embeddings[b:b + len(idx)] = e
    score = time.perf_counter() - start

    order = torch.randperm(pool, generator=gen)[:epoch_images]
    start = time.perf_counter()
    model.train()
    for b in range(0, epoch_images - batch + 1, batch):
        idx = order[b:b + batch]
        x = augment(to_input(images, idx, torch.contiguous_format), gen).contiguous(memory_format=CL)
        opt.zero_grad()
        with autocast():
            logits = fc(model(x)).float()
        F.cross_entropy(logits, labels[idx], weight=weights).backward()
        opt.step()
    epoch = time.perf_counter() - start
    return {"size": size, "pool": pool, "epoch_images": epoch_images, "score_s": score, "epoch_s": epoch}


if __name__ == "__main__":
    if sys.argv[1] == "--round":
        size, pool, epoch_images, threads = (int(a) for a in sys.argv[2:6])
        torch.set_num_threads(threads)
        result = whole_round(size, pool, epoch_images)
    else:
        size, train_steps, infer_batches, threads = (int(a) for a in sys.argv[1:5])
        torch.set_num_threads(threads)
        result = throughput(size, train_steps, infer_batches)
    result.update(torch=torch.__version__, threads=torch.get_num_threads())
    print(json.dumps(result))
