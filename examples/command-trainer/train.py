#!/usr/bin/env python3
"""Reference program for SuperConvergence's command trainer (docs/training.md#command-trainer).

The worker starts this once per trial attempt and once per range test, with $SC_TRIAL_CONFIG naming a JSON file:
mode ("train" or "range_test"), the trial's hyperparameters, the per-step schedule file (step,lr,momentum), and in
training the checkpoint directory to save each epoch into and the directory to resume from. It prints one JSON line
per epoch (training) or per iteration (range test) on stdout and nothing else there; logs go to stderr.

With PyTorch installed it trains a small MLP on a fixed synthetic classification task, following the schedule step
by step. Without PyTorch (or with --made-up) it makes up a deterministic run of the same shape, so the protocol can be
tried anywhere python3 is.

Before a sweep starts, `sc` runs the program once more as its probe: a range test of 2 iterations with SC_PROBE=1 in
the environment, which must print its lines and exit 0 within a minute (or trainer.lineTimeout, when shorter). Honour
SC_PROBE by loading as little data as the two iterations need; a program that exits at once, prints nothing or prints
anything but protocol lines is refused there, with exit 2, instead of failing every trial of the sweep.
"""
import json
import math
import os
import sys
import threading


def emit(record):
    # One line per record, flushed at once: the worker times each line (trainer.lineTimeout).
    print(json.dumps(record), flush=True)


def log(message):
    print(message, file=sys.stderr, flush=True)


def exit_when_worker_is_gone():
    # The worker keeps stdin open and sends nothing; end-of-file means it is gone (killed, say): stop too.
    def watch():
        while sys.stdin.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def read_schedule(path):
    with open(path) as rows:
        next(rows)  # step,lr,momentum
        return [tuple(float(v) for v in row.split(",")[1:]) for row in rows]


def made_up(config, schedule):
    """A deterministic stand-in for training: accuracy grows with the LR spent, best near an optimum."""
    optimum = 0.4 * math.sqrt(config["batch_size"] / 128.0)
    if config["mode"] == "range_test":
        best = float("inf")
        for i, (lr, _) in enumerate(schedule, start=1):
            x = math.log10(lr / optimum)
            loss = 2.3 - 1.5 / (1 + math.exp(-3 * (x + 1.5))) + math.exp(3 * (x - 0.5))
            best = min(best, loss)
            if loss > 4 * best:
                return  # blown up: a range test says so by stopping
            emit({"iteration": i, "lr": lr, "loss": loss})
        return

    steps = config["steps_per_epoch"]
    progress = 0.0
    if config["resume_dir"]:
        with open(os.path.join(config["resume_dir"], "state.json")) as saved:
            progress = json.load(saved)["progress"]
    quality = math.exp(-math.log(config["max_lr"] / optimum) ** 2 / 2)
    for epoch in range(config["resume_epoch"] + 1, config["cycle_epochs"] + 1):
        lrs = [lr for lr, _ in schedule[(epoch - 1) * steps:epoch * steps]]
        progress += sum(lrs) / (config["max_lr"] * steps)
        accuracy = 0.1 + 0.85 * quality * (1 - math.exp(-1.5 * progress))
        save_dir = os.path.join(config["checkpoint_dir"], str(epoch))
        os.makedirs(save_dir)
        with open(os.path.join(save_dir, "state.json"), "w") as state:
            json.dump({"epoch": epoch, "progress": progress}, state)
        loss = 2.3 * (1 - accuracy) + 0.05
        emit({"epoch": epoch, "train_loss": loss, "test_loss": loss + 0.05, "accuracy": accuracy, "lr": lrs[-1]})


def with_torch(torch, config, schedule):
    """A small MLP on a fixed synthetic task (the same for every trial), SGD following the schedule step by step."""
    generator = torch.Generator().manual_seed(1234)
    features, classes, train_size, test_size = 32, 4, 4096, 1024
    if os.environ.get("SC_PROBE") == "1":
        # The probe run: two iterations need two batches, not the whole dataset.
        train_size, test_size = 2 * config["batch_size"], config["batch_size"]
    centres = torch.randn(classes, features, generator=generator) * 2
    labels = torch.randint(0, classes, (train_size + test_size,), generator=generator)
    inputs = centres[labels] + torch.randn(train_size + test_size, features, generator=generator) * 2.5
    train_x, train_y, test_x, test_y = inputs[:train_size], labels[:train_size], inputs[train_size:], labels[train_size:]

    torch.manual_seed(config["seed"])
    model = torch.nn.Sequential(torch.nn.Linear(features, 64), torch.nn.ReLU(), torch.nn.Linear(64, classes))
    optimizer = torch.optim.SGD(model.parameters(), lr=schedule[0][0], momentum=schedule[0][1], weight_decay=config["weight_decay"])
    loss_of = torch.nn.CrossEntropyLoss()
    batch = config["batch_size"]
    order = torch.Generator().manual_seed(config["seed"])

    def step(lr, momentum, index):
        for group in optimizer.param_groups:
            group["lr"], group["momentum"] = lr, momentum
        rows = torch.randint(0, train_size, (batch,), generator=order) if index is None else index
        optimizer.zero_grad()
        loss = loss_of(model(train_x[rows]), train_y[rows])
        loss.backward()
        optimizer.step()
        return loss.item()

    if config["mode"] == "range_test":
        best = float("inf")
        for i, (lr, momentum) in enumerate(schedule, start=1):
            loss = step(lr, momentum, None)
            if not math.isfinite(loss) or loss > 4 * best:
                return  # blown up: stop, and the curve ends here
            best = min(best, loss)
            emit({"iteration": i, "lr": lr, "loss": loss})
        return

    steps = config["steps_per_epoch"]
    if config["resume_dir"]:
        saved = torch.load(os.path.join(config["resume_dir"], "state.pt"))
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        order.set_state(saved["order"])
    for epoch in range(config["resume_epoch"] + 1, config["cycle_epochs"] + 1):
        model.train()
        losses = [step(lr, m, None) for lr, m in schedule[(epoch - 1) * steps:epoch * steps]]
        train_loss = sum(losses) / len(losses)
        if not math.isfinite(train_loss):
            emit({"diverged": True})
            return
        model.eval()
        with torch.no_grad():
            logits = model(test_x)
            test_loss = loss_of(logits, test_y).item()
            accuracy = (logits.argmax(1) == test_y).float().mean().item()
        save_dir = os.path.join(config["checkpoint_dir"], str(epoch))
        os.makedirs(save_dir)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "order": order.get_state()}, os.path.join(save_dir, "state.pt"))
        emit({"epoch": epoch, "train_loss": train_loss, "test_loss": test_loss, "accuracy": accuracy, "lr": schedule[epoch * steps - 1][0]})


def main():
    with open(os.environ["SC_TRIAL_CONFIG"]) as file:
        config = json.load(file)
    if config["protocol"] != 1:
        log(f"this script speaks protocol 1, not {config['protocol']}")
        return 2
    exit_when_worker_is_gone()
    schedule = read_schedule(config["schedule"])
    torch = None
    if "--made-up" not in sys.argv[1:]:
        try:
            import torch
        except ImportError:
            log("PyTorch is not installed: making up a deterministic run instead")
    log(f"{config['mode']} {config['trial_id']} attempt {config['attempt']}: batch {config['batch_size']}, {len(schedule)} steps")
    if torch is None:
        made_up(config, schedule)
    else:
        with_torch(torch, config, schedule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
