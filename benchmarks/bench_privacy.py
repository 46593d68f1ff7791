"""Scan 1 MB of mixed Chinese agent notes with find_pii and mask; print MB/s.

    .venv/bin/python -m benchmarks.bench_privacy [--mb 1.0] [--repeat 3]

Target (issue 6): scanning 1 MB takes under 1 s. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time

from assist.core.privacy import find_pii, mask, synth

_FILLER = (
    "客户来电反映信用卡账单有疑问，坐席已核实身份并解释年费政策。",
    "客户称理财产品到期未兑付，已告知产品为非保本浮动收益型。",
    "工单号TS-0000-20240315-0012已转二线处理，预计3个工作日内回复。",
    "已提醒客户银行工作人员不会索要密码和验证码，如有疑问拨打95588或96110。",
    "客户于2024年3月15日14:30在ATM取款2000元未吐钞，要求退款。",
    "本次通话时长12分钟，客户情绪平稳，已记录诉求。",
    "客户要求注销账户，已告知需持有效证件到网点办理。",
)


def make_text(target_bytes: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    pii = (
        lambda: f"客户手机{synth.mobile(rng)}，",
        lambda: f"卡号{synth.bank_card(rng)}被盗刷，",
        lambda: f"身份证{synth.id18(rng)}已核对，",
        lambda: f"座机{'-'.join(synth.landline(rng))}，",
        lambda: f"客户说验证码{rng.randint(1000, 9999)}，",
        lambda: "邮箱zhangsan@example.com，",
    )
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        s = rng.choice(pii)() if rng.random() < 0.3 else rng.choice(_FILLER)
        s += "\n" if rng.random() < 0.2 else ""
        parts.append(s)
        size += len(s.encode("utf-8"))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="text size in MB of UTF-8 (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported (default 3)")
    args = ap.parse_args(argv)
    text = make_text(int(args.mb * 1_000_000))
    mb = len(text.encode("utf-8")) / 1_000_000
    for name, fn in (("find_pii", find_pii), ("mask", mask)):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = fn(text)
            times.append(time.perf_counter() - t0)
        best = min(times)
        extra = f"{len(result)} spans" if name == "find_pii" else f"{len(result)} chars out"
        print(f"{name:9s} {mb:.2f} MB ({len(text)} chars) in {best:.3f} s best of {args.repeat}"
              f" = {mb / best:.2f} MB/s; {extra}; target < 1 s per MB: {'OK' if best / mb < 1 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
