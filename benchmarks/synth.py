"""Synthetic search cards for the search latency benchmark (deterministic, no data files).

Titles are 2–4 banking words (8–14 characters), two aliases, three tags and a body of
about 120 characters of banking phrases, so posting-list lengths look like a real,
much larger KB.
"""

from __future__ import annotations

import random

from assist.core.search.model import Doc

WORDS = (
    "信用卡 借记卡 储蓄卡 银行卡 挂失 补卡 换卡 激活 销户 注销 开户 冻结 解冻 止付 密码 重置 修改 "
    "锁定 解锁 转账 汇款 跨行 到账 退款 退货 扣款 还款 分期 逾期 罚息 利息 年费 手续费 额度 提额 "
    "临时额度 账单 最低还款 自动还款 征信 异议 投诉 理财 基金 保险 存款 定期 活期 利率 大额存单 "
    "贷款 房贷 车贷 消费贷 提前还款 放款 审批 手机银行 网上银行 短信通知 验证码 身份证 证件 "
    "过期 更新 实名 核实 身份 预留手机号 变更 地址 网点 柜台 预约 营业时间 外汇 结汇 购汇 汇率 "
    "境外 消费 取现 吞卡 自助设备 存款机 假币 零钱 硬币 积分 兑换 权益 优惠 活动 商户 二维码 "
    "支付 快捷支付 绑定 解绑 第三方 电信诈骗 冒充 客服 安全账户 屏幕共享 老年人 代办 授权 "
    "继承 遗产 司法 扣划 查询 流水 打印 证明 对账 余额 不足 失败 超时 限额 风险 评估 适当性 "
    "双录 营销 误导 承诺 收益 保本 赎回 申购 到期 续存 代扣 代缴 水电费 社保 医保 公积金 工资"
).split()
FILLER = "客户 如果 需要 请 先 后 可以 办理 告知 提醒 确认 按照 规定 及时 我行 相关 的 并 或 及 在 时".split()
CATEGORIES = (
    "银行卡/挂失", "银行卡/密码", "银行卡/开销户", "信用卡/账单", "信用卡/额度", "信用卡/分期",
    "贷款/房贷", "贷款/消费贷", "理财/销售", "理财/赎回", "反诈骗", "消费者权益保护", "个人信息保护",
    "交易争议", "外汇", "电子银行",
)
STAGES = ("开场", "身份核验", "业务处理", "风险提示", "结束")


def make_docs(n: int, seed: int = 20240601) -> list[Doc]:
    rnd = random.Random(seed)
    out: list[Doc] = []
    for i in range(n):
        title = "".join(rnd.sample(WORDS, rnd.randint(2, 4)))
        aliases = tuple("".join(rnd.sample(WORDS, 2)) for _ in range(2))
        tags = tuple(rnd.sample(WORDS, 3))
        parts: list[str] = []
        while sum(len(p) for p in parts) < 120:
            parts.append(rnd.choice(WORDS) if rnd.random() < 0.6 else rnd.choice(FILLER))
            if rnd.random() < 0.12:
                parts.append("，")
        out.append(
            Doc(
                id=f"syn-{i:06d}",
                title=title,
                aliases=aliases,
                tags=tags,
                body="".join(parts) + "。",
                category=rnd.choice(CATEGORIES),
                call_stages=tuple(rnd.sample(STAGES, rnd.randint(1, 3))),
                expired=rnd.random() < 0.05,
            )
        )
    return out


def make_queries(docs: list[Doc], n: int = 500, seed: int = 7) -> list[str]:
    """Type-ahead style queries: title fragments, initials, full pinyin, words."""
    from pypinyin import Style, lazy_pinyin

    rnd = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        d = rnd.choice(docs)
        t = d.title
        kind = rnd.randrange(5)
        if kind == 0:
            k = rnd.randint(2, 4)
            s = rnd.randrange(max(1, len(t) - k + 1))
            out.append(t[s : s + k])
        elif kind == 1:
            out.append("".join(lazy_pinyin(t[:5], style=Style.FIRST_LETTER)))
        elif kind == 2:
            out.append("".join(lazy_pinyin(t[:3])))
        elif kind == 3:
            out.append(rnd.choice(WORDS))
        else:
            out.append(t[:1])
    return out
