"""Generate a synthetic KB of N cards in the real card format (deterministic, no real personal data).

    .venv/bin/python -m benchmarks.gen_kb 20000 /tmp/kb20k [--seed 7]

Titles, aliases and bodies are assembled from banking word lists; every card has a
script block with placeholders and a reminder block, and about a third have
``related`` ids. The output passes ``assist kb check`` apart from what the word
lists cannot know (it carries no rules/ folder, so no phrase lint applies).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

DOMAINS = {
    "银行卡": ("挂失", "补卡", "激活", "冻结", "解冻", "换卡", "年费", "密码重置"),
    "账户": ("开户", "销户", "限制", "实名", "变更"),
    "手机银行": ("登录", "转账", "人脸识别", "设备绑定", "限额"),
    "交易争议": ("未吐钞", "重复扣款", "退款未到账", "不认可交易"),
    "消费信贷": ("年化利率", "提前还款", "分期", "逾期"),
    "理财": ("适当性", "风险测评", "赎回", "到期兑付"),
    "保险": ("犹豫期", "退保", "回访"),
    "收费": ("短信费", "管理费", "跨行手续费"),
    "反诈骗": ("冒充客服", "安全账户", "屏幕共享", "刷单"),
}
SUBJECTS = ("借记卡", "信用卡", "储蓄账户", "手机银行", "网上银行", "理财产品", "消费贷款", "大额存单", "基金", "保险产品")
ACTIONS = ("办理", "咨询", "查询", "变更", "取消", "申请", "投诉", "解释", "提醒", "核实")
QUALIFIERS = ("境外", "老年客户", "代办", "夜间", "首次", "批量", "临时", "紧急", "线上", "柜面")
PHRASES = (
    "先核实客户身份，再按流程办理。", "告知客户办理所需的有效身份证件。", "提醒客户银行不会索要密码和短信验证码。",
    "如客户对处理结果不满意，可告知投诉渠道。", "涉及费用时先说明收费标准和依据。", "办理结果以系统记录为准。",
    "必要时转接二线专席处理。", "客户情绪激动时先安抚，再记录诉求。", "按规定在十五日内答复客户。",
    "提示客户注意账户资金安全。", "不得承诺处理结果，只说明流程和时限。", "对老年客户放慢语速，确认客户听清。",
)
ALIAS_TAILS = ("怎么办", "怎么弄", "在哪办", "要多久", "收费吗", "能撤销吗", "有什么要求")
STAGES = ("开场", "身份核验", "业务处理", "风险提示", "结束")
PLACEHOLDERS = ("{客户称呼|您}", "{工号}", "{受理编号}", "{答复期限}", "{答复方式:短信/电话/书面}")
TEMPLATE = """---
id: {id}
title: {title}
aliases: [{aliases}]
category: {category}
tags: [{tags}]
call_stages: [{stages}]
privacy_level: {level}
legal_basis:
  - 《银行保险机构消费者权益保护管理办法》（国家金融监督管理总局令2022年第9号）
related: [{related}]
version: {version}
owner: 消保部
reviewed_by: 合成数据
reviewed_at: 2026-11-01
effective_from: 2026-11-01
expires_at: 2030-11-01
---

{body}

```script name={script_name} stage={stage}
{script}
```

```reminder kind={kind}
{reminder}
```
"""


def card_text(i: int, n: int, rng: random.Random) -> tuple[str, str, str]:
    domain = rng.choice(list(DOMAINS))
    topic = rng.choice(DOMAINS[domain])
    subject, action, qual = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(QUALIFIERS)
    title = f"{qual}{subject}{topic}{action}"
    aliases = [f"{subject}{topic}{t}" for t in rng.sample(ALIAS_TAILS, 3)]
    body = "\n".join(
        ["".join(rng.sample(PHRASES, 3)), ""] + [f"- {p}" for p in rng.sample(PHRASES, 4)]
    )
    stage = rng.choice(STAGES)
    script = (f"{PLACEHOLDERS[0]}好，我是{PLACEHOLDERS[1]}号坐席。关于{subject}{topic}，"
              f"{rng.choice(PHRASES)}我们会通过{PLACEHOLDERS[4]}告知您结果。{{光标}}")
    related = [f"syn-{rng.randrange(n):06d}" for _ in range(rng.choice((0, 0, 1, 2)))]
    cid = f"syn-{i:06d}"
    text = TEMPLATE.format(
        id=cid, title=title, aliases=", ".join(aliases), category=f"{domain}/{topic}",
        tags=", ".join([topic, subject, qual]), stages=", ".join(sorted(rng.sample(STAGES, 2), key=STAGES.index)),
        level=rng.choice(("C1", "C2", "C3")), related=", ".join(r for r in related if r != cid),
        version=rng.randint(1, 5), body=body, script_name=f"{topic}{action}", stage=stage, script=script,
        kind=rng.choice(("privacy", "risk", "fraud", "info")), reminder=rng.choice(PHRASES),
    )
    return domain, cid, text


def generate(n: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (out / "cards").mkdir(parents=True, exist_ok=True)
    (out / "VERSION").write_text("2026.11.1-synthetic\n", encoding="utf-8")
    (out / "synonyms.yaml").write_text("groups:\n  - [挂失, 丢卡, 卡丢了]\n  - [手机银行, APP, 掌上银行]\n  - [信用卡, 贷记卡]\n", encoding="utf-8")
    for i in range(n):
        domain, cid, text = card_text(i, n, rng)
        d = out / "cards" / domain
        d.mkdir(exist_ok=True)
        (d / f"{cid}.md").write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of cards")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    generate(a.n, a.outdir, a.seed)
    print(f"{a.outdir}: {a.n} cards")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
