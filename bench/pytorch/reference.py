"""PyTorch references for Gantry's training benchmark (bench/training.sh).

The same networks, initialisation, losses, optimiser settings, batch size and thread count as
Gantry's `vae`, `dcgan`, `pix2pix` and `stylegan` recipes (worker/src/main/java/io/gantry/worker/model/), trained on
the same Fashion-MNIST files with the same kind of loop: a shuffled pass per epoch, one
optimiser step per batch, the last batch short. Throughput is real training images per second
over the training steps only, after a warm-up of 50 steps, as TrainingBenchmark measures it.

    python reference.py vae EPOCHS THREADS [TRAIN_IMAGES]   # prints throughput and the held-out ELBO
    python reference.py dcgan EPOCHS THREADS
    python reference.py pix2pix EPOCHS THREADS  # the edges task, its inputs made in each step as Gantry's are
    python reference.py stylegan EPOCHS THREADS [TRAIN_IMAGES]

With REFERENCE_DEVICE=cuda in the environment it trains on the GPU (PyTorch's CUDA eager mode):
every tensor is made there, the data sets are moved there once, and each step's time ends with
the device's queue drained (scripts/gpu-check.sh).
"""
import gzip
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
DEVICE = torch.device(os.environ.get("REFERENCE_DEVICE", "cpu"))
WARM_UP = 50


TRAIN_IMAGES = None  # all of them, unless the command line limits them


def images(name):
    with gzip.open(f"{DATA}/{name}-images-idx3-ubyte.gz") as f:
        _, count, rows, cols = struct.unpack(">IIII", f.read(16))
        data = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).float().div(255).view(count, rows * cols)
        return (data[:TRAIN_IMAGES] if name == "train" and TRAIN_IMAGES else data).to(DEVICE)


def djl_init(module, std=None):
    """DJL's defaults: weights N(0, 2 / fan_in) (Xavier, in, magnitude 2), or N(0, std); biases 0."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            fan_in = m.weight[0].numel()
            nn.init.normal_(m.weight, 0.0, std if std is not None else math.sqrt(2.0 / fan_in))
            if m.bias is not None:
                nn.init.zeros_(m.bias)


class Vae(nn.Module):
    def __init__(self, latent=20, hidden=400):
        super().__init__()
        self.latent = latent
        self.encoder = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 2 * latent))
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, 784))
        djl_init(self)

    def negative_elbo(self, x):
        mean, log_var = self.encoder(x).chunk(2, dim=1)
        z = mean + (0.5 * log_var).exp() * torch.randn_like(mean)
        logits = self.decoder(z)
        kl = 0.5 * (mean.square() + log_var.exp() - 1 - log_var).sum(1)
        reconstruction = (F.softplus(logits) - x * logits).sum(1)
        return reconstruction + kl


def upsample():
    return nn.Upsample(scale_factor=2, mode="nearest")


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.shape[0], *self.shape)


def dcgan(latent=100, g=32, d=32):
    """ConvNets.generator and ConvNets.discriminator at 32x32."""
    gen = nn.Sequential(
        nn.Linear(latent, 4 * g * 16, bias=False), Reshape(4 * g, 4, 4), nn.BatchNorm2d(4 * g), nn.ReLU(),
        upsample(), nn.Conv2d(4 * g, 2 * g, 3, 1, 1, bias=False), nn.BatchNorm2d(2 * g), nn.ReLU(),
        upsample(), nn.Conv2d(2 * g, g, 3, 1, 1, bias=False), nn.BatchNorm2d(g), nn.ReLU(),
        upsample(), nn.Conv2d(g, 1, 3, 1, 1), nn.Tanh())
    disc = nn.Sequential(
        nn.Conv2d(1, d, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(d, 2 * d, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * d), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * d, 4 * d, 4, 2, 1, bias=False), nn.BatchNorm2d(4 * d), nn.LeakyReLU(0.2),
        nn.Conv2d(4 * d, 1, 4, 1, 0), Reshape(1))
    djl_init(gen, 0.02)
    djl_init(disc, 0.02)
    return gen, disc


def edges(x):
    """PairedTask.EDGES: the Sobel gradient's magnitude of (n, 1, rows, cols) images in [0, 1], a quarter of it, clipped."""
    kx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]).view(1, 1, 3, 3)
    padded = F.pad(x, (1, 1, 1, 1))
    gx, gy = F.conv2d(padded, kx), F.conv2d(padded, kx.transpose(2, 3))
    return (gx.square() + gy.square()).sqrt().div(4).clamp(0, 1)


def to_network(x):
    """Images.toNetwork: [0, 1] to [-1, 1], padded with -1 to 32x32."""
    return F.pad(x.mul(2).sub(1), (2, 2, 2, 2), value=-1.0)


class UNet(nn.Module):
    """UNet: four strided 4x4 convolutions down to 2x2, back up by upsampling + 3x3 convolution, skips stacked."""

    def __init__(self, c=32):
        super().__init__()
        widths = [c, 2 * c, 4 * c, 8 * c]
        self.down = nn.ModuleList()
        maps = 1
        for level, out in enumerate(widths):
            layers = [nn.Conv2d(maps, out, 4, 2, 1, bias=level == 0)]
            if level > 0:
                layers.append(nn.BatchNorm2d(out))
            self.down.append(nn.Sequential(*layers, nn.LeakyReLU(0.2)))
            maps = out
        self.up = nn.ModuleList()
        for level in (2, 1, 0):
            maps = widths[3] if level == 2 else 2 * widths[level + 1]
            self.up.append(nn.Sequential(
                upsample(), nn.Conv2d(maps, widths[level], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[level]), nn.ReLU()))
        self.out = nn.Sequential(upsample(), nn.Conv2d(2 * c, 1, 3, 1, 1), nn.Tanh())
        djl_init(self, 0.02)

    def forward(self, x):
        skips = []
        for block in self.down:
            x = block(x)
            skips.append(x)
        for i, block in enumerate(self.up):
            x = torch.cat([block(x), skips[2 - i]], 1)
        return self.out(x)


def patch_discriminator(d=32):
    """ConvNets.patchDiscriminator: (n, 2, 32, 32) to (n, 1, 7, 7) logits."""
    disc = nn.Sequential(
        nn.Conv2d(2, d, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(d, 2 * d, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * d), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * d, 1, 4, 1, 1))
    djl_init(disc, 0.02)
    return disc


class Equalized(nn.Module):
    """Equalized: weights N(0, 1 / lr_mul^2), scaled at every pass by gain / sqrt(fan_in) * lr_mul."""

    def __init__(self, inputs, outputs, kernel=0, gain=math.sqrt(2), lr_mul=1.0):
        super().__init__()
        shape = (outputs, inputs) if kernel == 0 else (outputs, inputs, kernel, kernel)
        self.weight = nn.Parameter(torch.randn(shape) / lr_mul)
        self.bias = nn.Parameter(torch.zeros(outputs))
        self.scale = gain / math.sqrt(self.weight[0].numel()) * lr_mul
        self.kernel, self.lr_mul = kernel, lr_mul

    def forward(self, x):
        w = self.weight * self.scale
        b = self.bias * self.lr_mul if self.lr_mul != 1 else self.bias
        return F.linear(x, w, b) if self.kernel == 0 else F.conv2d(x, w, b, padding=self.kernel // 2)


def leaky(x):
    return F.leaky_relu(x, 0.2)


def pixel_norm(x):
    return x / x.square().mean(1, keepdim=True).add(1e-8).sqrt()


class StyledLayer(nn.Module):
    """StyledLayer: convolution, scaled per-pixel noise, LeakyReLU, AdaIN with scale 1 + s."""

    def __init__(self, c, latent, convolves):
        super().__init__()
        self.conv = Equalized(c, c, 3) if convolves else None
        self.style = Equalized(latent, 2 * c, gain=1.0)
        self.noise_strength = nn.Parameter(torch.zeros(1, c, 1, 1))
        self.c = c

    def forward(self, x, w):
        if self.conv is not None:
            x = self.conv(x)
        n, _, h, wd = x.shape
        x = leaky(x + torch.randn(n, 1, h, wd) * self.noise_strength)
        centred = x - x.mean((2, 3), keepdim=True)
        normalised = centred / centred.square().mean((2, 3), keepdim=True).add(1e-8).sqrt()
        styles = self.style(w).view(n, 2, self.c, 1, 1)
        return normalised * (styles[:, 0] + 1) + styles[:, 1]


STYLE_LAYERS = 7


class StyleGenerator(nn.Module):
    """StyleGanGenerator: mapping network, learned constant, seven styled layers, 1x1 to grey."""

    def __init__(self, latent=64, mapping_layers=8, c=32):
        super().__init__()
        self.mapping = nn.ModuleList(Equalized(latent, latent, lr_mul=0.01) for _ in range(mapping_layers))
        self.constant = nn.Parameter(torch.ones(1, c, 4, 4))
        self.layers = nn.ModuleList(StyledLayer(c, latent, i > 0) for i in range(STYLE_LAYERS))
        self.to_image = Equalized(c, 1, 1, gain=1.0)
        self.register_buffer("w_average", torch.zeros(latent))
        self.latent = latent

    def forward(self, z):
        n = z.shape[0]
        w = pixel_norm(z.reshape(n * STYLE_LAYERS, self.latent))
        for layer in self.mapping:
            w = leaky(layer(w))
        with torch.no_grad():
            self.w_average.add_((w.mean(0) - self.w_average) * (1 - 0.995))
        styles = w.view(n, STYLE_LAYERS, self.latent)
        x = self.constant.expand(n, -1, -1, -1)
        for i, layer in enumerate(self.layers):
            if i % 2 == 1:
                x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = layer(x, styles[:, i])
        return self.to_image(x)


def minibatch_stddev(x):
    std = (x - x.mean(0, keepdim=True)).square().mean(0).add(1e-8).sqrt().mean()
    return torch.cat([x, std.view(1, 1, 1, 1).expand(x.shape[0], 1, x.shape[2], x.shape[3])], 1)


def full_discriminator(c=32):
    """ProganLayers.fullDiscriminator: 1x1 from the image, three blocks down to 4x4, ProGAN's top."""
    layers = [Equalized(1, c, 1), nn.LeakyReLU(0.2)]
    for _ in range(3):
        layers += [Equalized(c, c, 3), nn.LeakyReLU(0.2), Equalized(c, c, 3), nn.LeakyReLU(0.2), nn.AvgPool2d(2)]
    return nn.Sequential(*layers, Lambda(minibatch_stddev), Equalized(c + 1, c, 3), nn.LeakyReLU(0.2),
                         nn.Flatten(), Equalized(16 * c, c), nn.LeakyReLU(0.2), Equalized(c, 1, gain=1.0))


class Lambda(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return self.f(x)


class Clock:
    """Training seconds and images after the warm-up steps."""

    def __init__(self):
        self.steps = 0
        self.seconds = 0.0
        self.images = 0

    def step(self, started, n):
        if DEVICE.type == "cuda":
            torch.cuda.synchronize()
        self.steps += 1
        if self.steps > WARM_UP:
            self.seconds += time.perf_counter() - started
            self.images += n


def run_vae(epochs, batch=128):
    train, test = images("train"), images("t10k")
    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    clock = Clock()
    for epoch in range(1, epochs + 1):
        model.train()
        for idx in torch.randperm(len(train)).split(batch):
            started = time.perf_counter()
            loss = model.negative_elbo(train[idx]).mean()
            opt.zero_grad(set_to_none=False)
            loss.backward()
            opt.step()
            clock.step(started, len(idx))
        with torch.no_grad():
            elbo = -torch.cat([model.negative_elbo(x) for x in test.split(1000)]).mean().item()
        print(f"vae pytorch epoch {epoch}: test elbo {elbo:.2f}", flush=True)
    return clock, elbo


def adams(gen, disc):
    """Adam at 2e-4 with beta1 0.5 for G and for D, as Gantry's GAN recipes default to."""
    return (torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999)),
            torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999)))


def run_dcgan(epochs, batch=128, latent=100):
    x = images("train").view(-1, 1, 28, 28).mul(2).sub(1)
    train = F.pad(x, (2, 2, 2, 2), value=-1.0)
    gen, disc = dcgan(latent)
    opt_g, opt_d = adams(gen, disc)
    clock = Clock()
    for epoch in range(1, epochs + 1):
        for idx in torch.randperm(len(train)).split(batch):
            started = time.perf_counter()
            real = train[idx]
            n = len(idx)
            fake = gen(torch.randn(n, latent)).detach()
            loss_d = F.softplus(-disc(real)).mean() + F.softplus(disc(fake)).mean()
            opt_d.zero_grad(set_to_none=False)
            loss_d.backward()
            opt_d.step()
            loss_g = F.softplus(-disc(gen(torch.randn(n, latent)))).mean()
            opt_g.zero_grad(set_to_none=False)
            loss_g.backward()
            opt_g.step()
            clock.step(started, n)
        print(f"dcgan pytorch epoch {epoch}: loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f}", flush=True)
    return clock, None


def run_pix2pix(epochs, batch=64, l1_weight=100.0):
    train = images("train").view(-1, 1, 28, 28)
    gen, disc = UNet(), patch_discriminator()
    opt_g, opt_d = adams(gen, disc)
    clock = Clock()
    for epoch in range(1, epochs + 1):
        for idx in torch.randperm(len(train)).split(batch):
            started = time.perf_counter()
            images_now = train[idx]
            target, source = to_network(images_now), to_network(edges(images_now))
            fake = gen(source).detach()
            loss_d = (F.softplus(-disc(torch.cat([source, target], 1))).mean()
                      + F.softplus(disc(torch.cat([source, fake], 1))).mean()) / 2
            opt_d.zero_grad(set_to_none=False)
            loss_d.backward()
            opt_d.step()
            # D frozen during G's step, as Gantry's is (and the authors' code does)
            disc.requires_grad_(False)
            translated = gen(source)
            loss_g = F.softplus(-disc(torch.cat([source, translated], 1))).mean()
            opt_g.zero_grad(set_to_none=False)
            (loss_g + l1_weight * (translated - target).abs().mean()).backward()
            opt_g.step()
            disc.requires_grad_(True)
            clock.step(started, len(idx))
        print(f"pix2pix pytorch epoch {epoch}: loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f}", flush=True)
    return clock, None


def run_stylegan(epochs, batch=32, latent=64, mixing_prob=0.9):
    """StyleGanRecipe's step: D on real and (detached) fake, then G with D frozen, style-mixed draws."""
    train = to_network(images("train").view(-1, 1, 28, 28))
    gen, disc = StyleGenerator(latent), full_discriminator()
    opt_g = torch.optim.Adam(gen.parameters(), lr=1e-3, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(disc.parameters(), lr=1e-3, betas=(0.0, 0.99))

    def draw(n):
        z = torch.randn(n, 1, latent).repeat(1, STYLE_LAYERS, 1)
        if torch.rand(()) < mixing_prob:
            crossover = 1 + int(torch.rand(()) * (STYLE_LAYERS - 1))
            z = torch.cat([z[:, :crossover], torch.randn(n, 1, latent).repeat(1, STYLE_LAYERS, 1)[:, crossover:]], 1)
        return gen(z)

    clock = Clock()
    for epoch in range(1, epochs + 1):
        for idx in torch.randperm(len(train)).split(batch):
            started = time.perf_counter()
            real = train[idx]
            fake = draw(len(idx)).detach()
            loss_d = F.softplus(-disc(real)).mean() + F.softplus(disc(fake)).mean()
            opt_d.zero_grad(set_to_none=False)
            loss_d.backward()
            opt_d.step()
            disc.requires_grad_(False)
            loss_g = F.softplus(-disc(draw(len(idx)))).mean()
            opt_g.zero_grad(set_to_none=False)
            loss_g.backward()
            opt_g.step()
            disc.requires_grad_(True)
            clock.step(started, len(idx))
        print(f"stylegan pytorch epoch {epoch}: loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f}", flush=True)
    return clock, None


def main():
    global TRAIN_IMAGES
    model, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    TRAIN_IMAGES = int(sys.argv[4]) if len(sys.argv) > 4 else None
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.set_default_device(DEVICE)
    torch.manual_seed(1)
    clock, elbo = {"vae": run_vae, "dcgan": run_dcgan, "pix2pix": run_pix2pix, "stylegan": run_stylegan}[model](epochs)
    rate = clock.images / clock.seconds
    print(f"throughput {model} pytorch {rate:.1f}")
    if elbo is not None:
        print(f"elbo {model} pytorch {elbo:.2f}")


if __name__ == "__main__":
    main()
