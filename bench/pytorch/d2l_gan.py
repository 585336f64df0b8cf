"""The GAN of Dive into Deep Learning ("Generative Adversarial Networks", d2l.ai), its PyTorch
code ported line by line, without the d2l package: d2l.load_array is a shuffled DataLoader, and
the animator's last epoch averages are what the book prints (loss_D 0.694, loss_G 0.692).

Then, over the given seeds, the figures bench/d2l-gan.sh compares with Gantry's: the last
epoch's loss_D and loss_G, and the mean and covariance errors of 10,000 samples of G against the
true mean b and covariance A^T A (Euclidean and Frobenius norms of the differences, as Gantry's
val/mean_error and val/cov_error).

    python d2l_gan.py SEED...      # one line per seed: seed, mean_error, cov_error, loss_D, loss_G
"""
import sys

import torch
from torch import nn

MOMENT_SAMPLES = 10_000


def load_array(data_arrays, batch_size, is_train=True):
    """d2l.load_array."""
    dataset = torch.utils.data.TensorDataset(*data_arrays)
    return torch.utils.data.DataLoader(dataset, batch_size, shuffle=is_train)


def update_D(X, Z, net_D, net_G, loss, trainer_D):
    """Update discriminator."""
    batch_size = X.shape[0]
    ones = torch.ones((batch_size,), device=X.device)
    zeros = torch.zeros((batch_size,), device=X.device)
    trainer_D.zero_grad()
    real_Y = net_D(X)
    fake_X = net_G(Z)
    # Do not need to compute gradient for `net_G`, detach it from
    # computing gradients.
    fake_Y = net_D(fake_X.detach())
    loss_D = (loss(real_Y, ones.reshape(real_Y.shape)) +
              loss(fake_Y, zeros.reshape(fake_Y.shape))) / 2
    loss_D.backward()
    trainer_D.step()
    return loss_D


def update_G(Z, net_D, net_G, loss, trainer_G):
    """Update generator."""
    batch_size = Z.shape[0]
    ones = torch.ones((batch_size,), device=Z.device)
    trainer_G.zero_grad()
    # We could reuse `fake_X` from `update_D` to save computation
    fake_X = net_G(Z)
    # Recomputing `fake_Y` is needed since `net_D` is changed
    fake_Y = net_D(fake_X)
    loss_G = loss(fake_Y, ones.reshape(fake_Y.shape))
    loss_G.backward()
    trainer_G.step()
    return loss_G


def train(net_D, net_G, data_iter, num_epochs, lr_D, lr_G, latent_dim):
    # The book also takes `data` to plot its first 100 points beside G's samples; nothing is drawn here.
    loss = nn.BCEWithLogitsLoss(reduction='sum')
    for w in net_D.parameters():
        nn.init.normal_(w, 0, 0.02)
    for w in net_G.parameters():
        nn.init.normal_(w, 0, 0.02)
    trainer_D = torch.optim.Adam(net_D.parameters(), lr=lr_D)
    trainer_G = torch.optim.Adam(net_G.parameters(), lr=lr_G)
    for epoch in range(num_epochs):
        # Train one epoch
        metric = [0.0, 0.0, 0]  # loss_D, loss_G, num_examples
        for (X,) in data_iter:
            batch_size = X.shape[0]
            Z = torch.normal(0, 1, size=(batch_size, latent_dim))
            metric[0] += float(update_D(X, Z, net_D, net_G, loss, trainer_D))
            metric[1] += float(update_G(Z, net_D, net_G, loss, trainer_G))
            metric[2] += batch_size
    loss_D, loss_G = metric[0] / metric[2], metric[1] / metric[2]
    return loss_D, loss_G


def run(seed):
    torch.manual_seed(seed)
    X = torch.normal(0.0, 1, (1000, 2))
    A = torch.tensor([[1, 2], [-0.1, 0.5]])
    b = torch.tensor([1, 2])
    data = torch.matmul(X, A) + b

    batch_size = 8
    data_iter = load_array((data,), batch_size)

    net_G = nn.Sequential(nn.Linear(2, 2))
    net_D = nn.Sequential(
        nn.Linear(2, 5), nn.Tanh(),
        nn.Linear(5, 3), nn.Tanh(),
        nn.Linear(3, 1))

    lr_D, lr_G, latent_dim, num_epochs = 0.05, 0.005, 2, 20
    loss_D, loss_G = train(net_D, net_G, data_iter, num_epochs, lr_D, lr_G, latent_dim)

    with torch.no_grad():
        fake = net_G(torch.normal(0, 1, size=(MOMENT_SAMPLES, latent_dim))).double()
    mean_error = torch.linalg.norm(fake.mean(0) - b.double())
    cov_error = torch.linalg.norm(torch.cov(fake.T) - (A.T @ A).double())
    return float(mean_error), float(cov_error), loss_D, loss_G


if __name__ == "__main__":
    torch.set_num_threads(1)
    for seed in map(int, sys.argv[1:]):
        print("d2l-gan pytorch %d %.4f %.4f %.4f %.4f" % ((seed,) + run(seed)), flush=True)
