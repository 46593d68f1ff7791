"""Lint speed: 1 MB of call notes, dense red-line text, and growth with size (linear?).

    .venv/bin/python -m benchmarks.bench_lint [--mb 1.0] [--repeat 3]

Targets (issue 12): `assist lint` of 1 MB takes under a second; time grows linearly with the
input (doubling the text at most about doubles the time, also for adversarial input).
Prints figures only; asserts nothing. The "notes" text is ordinary call notes with about one
red-line or near-miss sentence in twenty (labelled corpus in tests/core/data); "dense" is
nothing but red lines and near-misses; "保本×n" and "0 0 0 …" are adversarial.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from pathlib import Path

import yaml

from assist.core.guidance import lint, load_rules

ROOT = Path(__file__).resolve().parents[1]
_NOTES = (
    "客户来电反映信用卡账单有疑问，坐席已核实身份并解释年费政策。",
    "客户称理财产品到期未兑付，已告知产品为非保本浮动收益型。",
    "已提醒客户银行工作人员不会索要密码和验证码，如有疑问拨打官方客服电话或96110。",
    "客户于3月15日在ATM取款2000元未吐钞，要求退款，已登记并告知15日内答复。",
    "本次通话时长12分钟，客户情绪平稳，已记录诉求。",
    "客户要求注销账户，已告知需持有效证件到网点办理。",
    "客户咨询分期手续费，已告知年化利率约13%及总费用。",
    "客户对扣费有异议，已核实为短信通知费，客户表示理解。",
)


def _corpus() -> list[str]:
    d = yaml.safe_load((ROOT / "tests" / "core" / "data" / "lint_corpus.yaml").read_text(encoding="utf-8"))
    return [x["text"] for x in d["flag"]] + [x["text"] for x in d["must_not"]]


def make(nbytes: int, dense: bool, seed: int = 7) -> str:
    rng = random.Random(seed)
    corpus = _corpus()
    out: list[str] = []
    n = 0
    while n < nbytes:
        s = rng.choice(corpus) if dense or rng.random() < 0.05 else rng.choice(_NOTES)
        s = s.rstrip("。") + "。"
        out.append(s)
        n += len(s.encode("utf-8"))
    return "".join(out)


def timed(text: str, rules, repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        found = len(lint(text, rules))
        best = min(best, time.process_time() - t0)
    return best, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    rules = load_rules(ROOT / "kb")
    print(f"rules: {len(rules.forbidden)} lint rules, {len(rules.disclosures)} disclosures, "
          f"loaded in {time.perf_counter() - t0:.2f} s")
    print("CPU seconds (process time, best of --repeat; the machine is shared)")
    size = int(args.mb * 1_000_000)
    for label, dense in (("notes", False), ("dense", True)):
        text = make(size, dense)
        secs, found = timed(text, rules, args.repeat)
        print(f"{label:6} {args.mb:.2f} MB ({len(text):,} chars): {secs:.2f} s, {found:,} findings")
    print("growth (time for 2x the text / time for x; linear ≈ 2):")
    for label, unit in (("dense", None), ("保本×n", "保本"), ("0 0 0 …", "0 "), ("random CJK", "")):
        times = []
        for mb in (0.125, 0.25, 0.5):
            n = int(mb * 1_000_000)
            if unit is None:
                text = make(n, True)
            elif unit:
                text = unit * (n // len(unit.encode("utf-8")))
            else:
                rng = random.Random(3)
                text = "".join(chr(rng.randint(0x4E00, 0x4FFF)) for _ in range(n // 3))
            times.append(timed(text, rules, 1)[0])
        ratios = ", ".join(f"{b / a:.2f}" for a, b in itertools.pairwise(times) if a > 0)
        print(f"  {label:10} 0.125/0.25/0.5 MB: {' / '.join(f'{t:.2f}' for t in times)} s; ratios {ratios}")


if __name__ == "__main__":
    main()
