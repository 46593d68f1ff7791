"""Generate tests/core/data/privacy_labelled.jsonl (run: .venv/bin/python tests/core/test_privacy_datagen.py).

Each line: {"text": ..., "spans": [[kind, start, end], ...]}. Expected spans come from
where the generator PUT each value (not from the detector). All numbers are synthetic
(assist.core.privacy.synth, fixed seed).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stdnum import luhn
from stdnum.cn import uscc

from assist.core.privacy import synth

OUT = Path(__file__).with_name("data") / "privacy_labelled.jsonl"


def _groups(s: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(p for p in out if p)


def fmt_mobile(rng: random.Random, form: str) -> str:
    m = synth.mobile(rng)
    return {
        "plain": m,
        "spaced": _groups(m, (3, 4, 4), " "),
        "dashed": _groups(m, (3, 4, 4), "-"),
        "plus86": "+86 " + _groups(m, (3, 4, 4), " "),
        "plus86c": "+86" + m,
        "plus86d": "+86-" + _groups(m, (3, 4, 4), "-"),
        "0086": "0086 " + m,
        "86": "86-" + m,
    }[form]


def fmt_card(rng: random.Random, form: str) -> str:
    c = synth.bank_card(rng, rng.choice((16, 16, 19)))
    return {"plain": c, "spaced": _groups(c, (4, 4, 4, 4), " "), "dashed": _groups(c, (4, 4, 4, 4), "-")}[form]


def fmt_id(rng: random.Random, form: str) -> str:
    if form == "legacy":
        return synth.id15(rng)
    i = synth.id18(rng, want_x=True if form == "x" else None)
    return {"plain": i, "x": i, "spaced": _groups(i, (6, 8, 4), " "), "dashed": _groups(i, (6, 8, 4), "-")}[form]


def fmt_landline(rng: random.Random, form: str) -> str:
    a, loc = synth.landline(rng)
    h = len(loc) - 4
    return {
        "dashed": f"{a}-{loc}", "spaced": f"{a} {loc[:h]} {loc[h:]}", "paren": f"({a}){loc}",
        "fwparen": f"（{a}）{loc[:h]}-{loc[h:]}", "plain": a + loc,
    }[form]


_EMAILS = ("zhangsan", "li.si88", "wang_wu", "cs.2024", "chen-xiao")
_DOMAINS = ("example.com", "example.cn", "mail.example.com.cn", "test.org")


def fmt_email(rng: random.Random, form: str) -> str:
    return f"{rng.choice(_EMAILS)}{rng.randint(1, 99) if form == 'num' else ''}@{rng.choice(_DOMAINS)}"


def fmt_uscc(rng: random.Random, form: str) -> str:
    return synth.uscc_code(rng, first={"y": "Y", "9": "9", "5": "5"}[form])


def fmt_secret(rng: random.Random, form: str) -> str:
    return {
        "pin": f"{rng.randint(0, 999999):06d}", "sms": f"{rng.randint(1000, 9999)}",
        "sms6": f"{rng.randint(100000, 999999)}", "cvv": f"{rng.randint(100, 999)}",
        "exp": f"{rng.randint(1, 12):02d}/{rng.randint(25, 33)}",
        "expy": f"20{rng.randint(25, 33)}年{rng.randint(1, 12)}月",
        "pw": rng.choice(("abc", "Qw", "zz")) + f"{rng.randint(1000, 99999)}",
    }[form]


FMT = {"mobile": fmt_mobile, "bank_card": fmt_card, "id_card": fmt_id, "landline": fmt_landline,
       "email": fmt_email, "uscc": fmt_uscc, "secret": fmt_secret}

# {kind:form} placeholders; every template is used with several seeds/forms.
TEMPLATES = [
    "客户来电称手机号{mobile:%s}收不到短信，已核实身份。",
    "回拨号码：{mobile:%s}，客户希望下午三点后联系。",
    "客户留的联系电话是{mobile:%s}，另有座机{landline:dashed}。",
    "客户手机{mobile:%s}，备用{mobile:plain}，均已登记。",
    "张女士（{mobile:%s}）投诉信用卡年费问题。",
    "客户卡号{bank_card:%s}被盗刷两笔，已建议挂失。",
    "借记卡 {bank_card:%s} 于昨日被冻结，客户要求解冻。",
    "客户报卡号{bank_card:%s}，手机{mobile:plain}，要求核查扣款。",
    "请核实尾号对应的卡{bank_card:%s}是否为本人持有",
    "客户身份证号{id_card:%s}，已与系统信息核对一致。",
    "证件号码：{id_card:%s}；客户要求修改预留手机号。",
    "代理人身份证{id_card:%s}，委托书已收到。",
    "客户提供的身份证 {id_card:%s} 与开户信息不符，已告知到网点办理。",
    "客户座机{landline:%s}，工作日可联系。",
    "单位电话 {landline:%s}，联系人王经理。",
    "客户邮箱{email:%s}，要求发送电子对账单。",
    "请把处理结果发到 {email:%s} ，客户不方便接电话。",
    "投诉企业统一社会信用代码{uscc:%s}，法定代表人已授权。",
    "机构代码：{uscc:%s}（社会团体），委托书原件已寄出。",
    "客户在电话里说出了密码是{secret:pin}，已提醒不要透露。",
    "客户报验证码{secret:sms}，已制止并提醒防诈骗。",
    "客户念了短信验证码：{secret:sms6}，坐席未记录并已提示风险。",
    "客户主动提供CVV {secret:cvv}，已告知无需提供。",
    "卡片有效期 {secret:exp}，客户称卡片即将到期。",
    "客户说卡有效期至{secret:expy}，要求提前换卡。",
    "客户说登录密码为{secret:pw}，已建议立即修改。",
    "客户告知动态码{secret:sms6}，已提醒动态码不能告诉任何人。",
    "客户{mobile:%s}称取款密码：{secret:pin}，已提示风险并建议改密。",
]
FORMS = {
    "mobile": ("plain", "spaced", "dashed", "plus86", "plus86c", "plus86d", "0086", "86"),
    "bank_card": ("plain", "spaced", "dashed"),
    "id_card": ("plain", "x", "spaced", "dashed", "legacy"),
    "landline": ("dashed", "spaced", "paren", "fwparen", "plain"),
    "email": ("plain", "num"),
    "uscc": ("y", "9", "5"),
}

# Sentences that must not be flagged at all (look-alikes).
NEGATIVES = [
    "客户反映2024年3月15日被扣款12800.00元，要求退还。",
    "本月扣款￥3580，客户称未授权。", "客户称损失13812345678元（口误，实为一万三千元）。",
    "工单号TS-0000-20240315-0012，已转二线。", "关联工单 TS-3201-20240101-0003 已结案。",
    "已告知客户可拨打95588或12378反映。", "反诈专线96110，客户已记录。",
    "客户拨打400-820-8888未接通。", "客服热线 400 669 5566 为官方号码。", "消保热线12363已告知。",
    "理财产品编号ZH2023001A，风险等级R3。", "产品代码 C1090522000123，期限1年期。",
    "基金代码000001，客户要求赎回。", "交易日期2024-03-15 14:30:22，金额5000元。",
    "日期 2024/03/15，流水号 20240315143022。", "验证码60秒内有效，客户没收到。",
    "客户称密码错误3次被锁卡。", "卡尾号1234的信用卡本月账单3,256.70元。",
    "客户手机尾号5678，已短信回访。", "客户要求6位数字密码重置指引。",
    "掩码后的卡号622202******7894不应再被识别。", "掩码手机138****5678。",
    "年化收益率3.85%，期限365天。", "客户于10:30来电，通话时长12分钟。",
    "身份证有效期至2035-08-01，客户已更新。", "利息共计1380元，分12期偿还。",
    "客户投诉共3笔，合计25000元。", "客户称2023年12月起每月扣费。",
    "版本号 v2.13.5，系统升级后无法登录。", "订单号 DD202403150001 未发货。",
    "快递单号SF1234567890，已签收。", "客户编号 CUST-00012345。",
    "房间号1302，楼层13层。", "营业网点编号0571001。",
    "投诉编号：2024031500012，来源：监管转办。", "验证码已发送，请客户注意查收。",
    "客户询问有效期多久，已解释为五年。", "PIN码忘记了，客户需要到网点重置。",
    "客户说CVV在卡背面，已提醒不要告诉他人。", "请客户拨打官方客服电话95533核实。",
    "客户的贷款合同号HT-2024-000123。", "账单日每月5日，还款日每月25日。",
    "客户积分12000分可兑换礼品。", "卡片额度50000元，临时额度20000元。",
    "客户称在ATM取款2000元未吐钞。", "交易流水 No.8800123456 已调阅。",
]


def _fill(template: str, rng: random.Random, form_for: dict[str, str]) -> dict:
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{(\w+):([\w%]+)\}", template):
        kind, form = m.group(1), m.group(2)
        if form == "%s":
            form = form_for[kind]
        text += template[pos:m.start()]
        value = FMT[kind](rng, form)
        spans.append([kind, len(text), len(text) + len(value)])
        text += value
        pos = m.end()
    return {"text": text + template[pos:], "spans": spans}


def generate(seed: int = 20240601) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    for t in TEMPLATES:
        kinds = [k for k in FORMS if f"{{{k}:%s}}" in t]
        n_forms = max((len(FORMS[k]) for k in kinds), default=1)
        for i in range(max(n_forms, 3) + 5):  # every form, plus some random repeats
            form_for = {k: FORMS[k][i % len(FORMS[k])] if i < n_forms else rng.choice(FORMS[k]) for k in kinds}
            rows.append(_fill(t, rng, form_for))
    for i in range(40):  # wrong check digits: not a valid number, but see the UnionPay rule
        good = synth.id18(rng) if i % 2 else synth.bank_card(rng, rng.choice((16, 19)))
        bad = synth.wrong_check(good, alphabet=rng.choice(("0123456789", "9876543210")))
        if luhn.is_valid(bad) or uscc.is_valid(bad):  # another kind by chance: not a negative
            continue
        text = f"客户报的号码{bad}核对不上，请客户重新确认。"
        # domain.md §5: "62 + 16–19 digits + Luhn fail" is a possible card, masked all the same;
        # an ID with a wrong check digit and no 身份证/证件 keyword before it is not flagged.
        possible_card = bad.startswith("62") and 16 <= len(bad) <= 19
        spans = [["bank_card", 6, 6 + len(bad)]] if possible_card else []
        rows.append({"text": text, "spans": spans, "check": bad})
    rows += [{"text": t, "spans": []} for t in NEGATIVES]
    return rows


if __name__ == "__main__":
    rows = generate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")
