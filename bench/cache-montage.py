#!/usr/bin/env python3
"""Montage of the same 12 random images (seeded) from one or more image-cache files of one data set, one row per file,
each pixel drawn 4x: what the model sees, e.g. whole frames against nucleus-centred crops (results/recipe.md).
Reads the ImageCache layout (ImageCacheFile.cs: version 1 whole frames, 2 crops). Usage: bench/cache-montage.py out.png a.wbcache b.wbcache ..."""
import struct, sys, zlib, random
def load(path):
    b = open(path, 'rb').read()
    version, size, listed, count = struct.unpack_from('<iiii', b, 8)
    if struct.unpack_from('<i', b, 56)[0] != 0:
        sys.exit(f"{path}: has decode failures, whose variable-length entries this montage does not read")
    off = 8 + 16 + 32 + 4 + count * 8 + (8 if version == 2 else 0)
    if version == 2:
        (nf,) = struct.unpack_from('<i', b, off - 4); off += nf * 4
    return b, off, size, count
def png(path, w, h, rows):
    raw = b''.join(b'\x00' + r for r in rows)
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
random.seed(1)
files = sys.argv[2:]
data = [load(f) for f in files]
ids = random.sample(range(data[0][3]), 12)
scale = 4
rows = []
for (b, off, size, count) in data:
    for y in range(size * scale):
        row = bytearray()
        for i in ids:
            base = off + i * size * size * 3 + (y // scale) * size * 3
            for x in range(size * scale):
                row += b[base + (x // scale) * 3: base + (x // scale) * 3 + 3]
            row += b'\xff\xff\xff' * 2
        rows.append(bytes(row))
    rows.append(b'\xff' * len(rows[-1]))
png(sys.argv[1], len(rows[0]) // 3, len(rows), rows)
