"""The head-office web view in a real browser: Debian's headless Chromium driven by Selenium,
started here, against a real receiver (uvicorn, SQLite). Login, lockout, a team leader kept to
their branch (403), the register edited and exported, a notice written and published, its read
rate once a device acknowledged it. Screenshots of each page go to build/screenshots/.

Skips when chromium/chromedriver are missing; FAILS in strict mode (.ci/run installs them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assist.core.sync import protocol
from assist.hq.auth import COOKIE, Accounts
from assist.hq.store import Store
from tests.conftest import REPO, STRICT

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SHOTS = REPO / "build" / "screenshots"
PW = "correct horse battery staple"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        msg = "chromium and chromium-driver (Debian packages) are not installed; .ci/run installs them"
        if STRICT:
            pytest.fail("strict mode: " + msg, pytrace=False)
        pytest.skip(msg)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    driver.downloads = downloads  # type: ignore[attr-defined]
    yield driver
    driver.quit()


def _call(cid: str, red: bool, agent: str) -> dict:
    findings = [{"item": "red-lines-in-notes", "label": "备注中的红线用语", "red_line": True, "weight": 30,
                 "detail": "通话备注「验证码念一下」索要短信验证码", "card": "tip-taboo-alternatives", "rule": "sec-ask-otp",
                 "text": "验证码念一下"}] if red else []
    return {"call_id": cid, "started_at": "2026-11-30T01:00:00+00:00", "ended_at": "2026-11-30T01:05:00+00:00",
            "call_type": "咨询", "caller_masked": "139****0001", "topic": "信用卡", "agent_id": agent, "org_unit": "测试分行",
            "complaints": [], "qa": {"score": 70 if red else 100, "verdict": "红线" if red else "合格", "red_line": red,
                                     "findings": findings, "rubric_version": "1", "assessed_at": "2026-11-30T01:05:00+00:00"}}


def _complaint(cid: str, ticket: str, flags: list[str], due: str) -> dict:
    return {"id": cid, "ticket_no": ticket, "status": "处理中", "level": "复杂", "risk_flags": flags,
            "received_at": "2026-11-20T09:30", "due_date": due, "channel_A": "A0302", "business_B": "B03", "reason_C": "C07",
            "complainant_name": "张*", "contact_phone": "138****5678", "request": "退还年费", "facts": "未告知即扣年费（卡号6222021234567890123）",
            "org_unit": "测试分行", "agent_id": "A001", "product_name": "白金信用卡"}


@pytest.fixture
def hq(tmp_path, receivers):
    """A receiver with two branches' data, four staff accounts and web publishing configured."""
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    store = Store(url)
    store.migrate()
    acc = Accounts(store.db)
    acc.add("wang", "compliance", "", PW)
    acc.add("zhao", "qa", "", PW)
    acc.add("li", "team-leader", "0101", PW)
    acc.add("lock", "qa", "", PW)
    devs = {}
    for branch, n in (("0101", 1), ("0202", 2)):
        dev, _tok = store.device_add(branch)
        devs[branch] = dev
        recs = [protocol.Record("call", f"i{branch}:c{k}", 1, _call(f"c{branch}{k}", k == 0, f"A{branch}{k}")) for k in range(3)]
        recs.append(protocol.Record("complaint", f"cmp-{branch}", 1, _complaint(f"cmp-{branch}", f"{branch}-PC-20261120-000{n}",
                                                                                ["舆情"] if branch == "0202" else [], "2026-12-02")))
        store.upsert(dev, recs)
    kb = tmp_path / "kb"
    shutil.copytree(REPO / "kb", kb)
    from assist.core.kb.packs import keygen

    keygen(tmp_path / "hq.key")
    rx = receivers(url, env={"ASSIST_HQ_KB": str(kb), "ASSIST_HQ_PACK_KEY": str(tmp_path / "hq.key")})
    rx.store, rx.devices, rx.kb, rx.db_url = store, devs, kb, url
    yield rx
    store.close()


def shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / name))


def login(driver, base: str, name: str, password: str = PW) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(base + "/hq/login")
    driver.find_element(By.ID, "name").clear()
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    old = driver.find_element(By.ID, "login")
    old.click()
    wait_for(lambda: _stale(old))


def go(el) -> None:
    """Click what leads to another page, and wait until the browser left this one."""
    el.click()
    wait_for(lambda: _stale(el))


def _stale(el) -> bool:
    """The element's page is gone (Chromium says so in two ways while a new page replaces it)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    try:
        el.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise


def text(driver, css: str, timeout: float = 10.0) -> str:
    """The text of the element, waiting for the page that shows it (a form post may still load)."""
    from selenium.webdriver.common.by import By

    return wait_for(lambda: next((e.text for e in driver.find_elements(By.CSS_SELECTOR, css)), None), timeout)


def wait_for(cond, timeout: float = 10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_login_pages_and_logout(browser, hq):
    from selenium.webdriver.common.by import By

    base = hq.url
    browser.get(base + "/hq/queue")
    assert "/hq/login" in browser.current_url                 # not signed in: the login page
    shot(browser, "hq-login.png")
    login(browser, base, "zhao", "wrong password here")
    assert "用户名或密码不正确" in text(browser, "#error")
    login(browser, base, "zhao")
    assert "zhao · 质检" in text(browser, "#whoami")
    cookie = browser.get_cookie(COOKIE)
    assert cookie and cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    shot(browser, "hq-home.png")
    go(browser.find_element(By.LINK_TEXT, "复听队列"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#queue tbody tr.red")
    assert len(rows) == 2                                      # the red-line calls of both branches
    shot(browser, "hq-queue.png")
    go(rows[0].find_element(By.TAG_NAME, "a"))
    assert "索要短信验证码" in text(browser, "#findings")
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "review-verdict")).select_by_visible_text("需辅导")
    browser.find_element(By.ID, "review-comment").send_keys("已约谈，安排辅导")
    go(browser.find_element(By.ID, "review-save"))
    assert "需辅导 · zhao" in text(browser, "#review")
    shot(browser, "hq-call.png")
    for page, shot_name in (("/hq/complaints", "hq-complaints.png"), ("/hq/stats", "hq-stats.png")):
        browser.get(base + page)
        shot(browser, shot_name)
    assert "C07" in text(browser, "#by-reason")
    go(browser.find_element(By.ID, "logout"))
    assert "/hq/login" in browser.current_url
    browser.get(base + "/hq/queue")
    assert "/hq/login" in browser.current_url                 # the session is gone
    # the old cookie is dead at the server too
    r = httpx.get(base + "/hq/queue", cookies={COOKIE: cookie["value"]}, follow_redirects=False)
    assert r.status_code == 303


def test_lockout_after_failed_logins(browser, hq):
    base = hq.url
    for _ in range(4):
        login(browser, base, "lock", "not the password")
        assert "用户名或密码不正确" in text(browser, "#error")
    login(browser, base, "lock", "not the password")
    assert "账号已锁定" in text(browser, "#error")
    shot(browser, "hq-lockout.png")
    login(browser, base, "lock")                              # even the right password, while locked
    assert "账号已锁定" in text(browser, "#error") and "/hq/login" in browser.current_url
    r = subprocess.run([sys.executable, "-m", "assist.hq", "--db", hq.db_url, "user", "unlock", "lock"], capture_output=True,
                       text=True, cwd=REPO, timeout=60)
    assert r.returncode == 0, r.stderr
    login(browser, base, "lock")
    assert "lock · 质检" in text(browser, "#whoami")
    audit = [a["action"] for a in hq.store.audit()]
    assert "user_locked" in audit and "user_unlock" in audit


def test_a_team_leader_sees_only_their_branch(browser, hq):
    from selenium.webdriver.common.by import By

    base = hq.url
    login(browser, base, "li")
    assert "机构 0101" in text(browser, "#whoami")
    browser.get(base + "/hq/complaints/cmp-0101")
    assert "0101-PC-20261120-0001" in text(browser, "#ticket")
    assert "6222021234567890123" not in browser.page_source and "622202" in browser.page_source  # masked again here
    browser.get(base + "/hq/complaints/cmp-0202")
    assert "无权访问" in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "hq-forbidden.png")
    cookie = browser.get_cookie(COOKIE)["value"]
    assert httpx.get(base + "/hq/complaints/cmp-0202", cookies={COOKIE: cookie}).status_code == 403
    assert httpx.get(base + "/hq/complaints/cmp-0101", cookies={COOKIE: cookie}).status_code == 200
    assert httpx.get(base + "/hq/complaints?branch=0202", cookies={COOKIE: cookie}).status_code == 403
    browser.get(base + "/hq/queue?status=all")
    assert {td.text for td in browser.find_elements(By.CSS_SELECTOR, "#queue tbody td:nth-child(2)")} == {"0101"}
    browser.get(base + "/hq/complaints")
    assert "cmp-0202" not in browser.page_source


def test_the_register_is_edited_and_exported(browser, hq):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base = hq.url
    login(browser, base, "wang")
    browser.get(base + "/hq/register")
    shot(browser, "hq-register.png")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#register tbody a") if "备注中的红线用语" in a.text)
    go(link)
    Select(browser.find_element(By.ID, "status")).select_by_visible_text("整改中")
    go(browser.find_element(By.ID, "register-save"))
    assert "需要责任人和整改期限" in text(browser, "#error")    # a fix in progress needs an owner and a date
    browser.find_element(By.ID, "owner").send_keys("北京分行消保岗")
    browser.find_element(By.ID, "due_date").send_keys("2026/12/31")
    go(browser.find_element(By.ID, "register-save"))
    assert "YYYY-MM-DD" in text(browser, "#error")
    browser.find_element(By.ID, "due_date").clear()
    browser.find_element(By.ID, "due_date").send_keys("2026-12-31")
    browser.find_element(By.ID, "measures").send_keys("全员培训：不得索要验证码")
    go(browser.find_element(By.ID, "register-save"))
    assert "已保存" in text(browser, "#saved")
    shot(browser, "hq-register-entry.png")
    browser.get(base + "/hq/register")
    browser.find_element(By.ID, "export-xlsx").click()
    f = wait_for(lambda: next((p for p in browser.downloads.glob("risk-register-*.xlsx")), None))
    wait_for(lambda: f.stat().st_size > 0 and not list(browser.downloads.glob("*.crdownload")))
    from openpyxl import load_workbook

    ws = load_workbook(f).active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in r])) for r in ws.iter_rows(min_row=2)]
    mine = [r for r in rows if r["规则/问题"] == "red-lines-in-notes:sec-ask-otp"]
    assert {r["分支机构"] for r in mine} == {"0101", "0202"}
    edited = [r for r in mine if r["状态"] == "整改中"]
    assert len(edited) == 1 and edited[0]["责任人"] == "北京分行消保岗" and edited[0]["整改期限"] == "2026-12-31"
    assert any(r["来源"] == "投诉" and r["规则/问题"] == "C07" for r in rows)
    # a team leader reads the register of their branch but may not edit it
    login(browser, base, "li")
    cookie = browser.get_cookie(COOKIE)["value"]
    page = httpx.get(base + f"/hq/register/{_entry_id(hq, '0101')}", cookies={COOKIE: cookie})
    assert page.status_code == 200 and "register-form" not in page.text
    import re

    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = httpx.post(base + f"/hq/register/{_entry_id(hq, '0101')}", cookies={COOKIE: cookie},
                   data={"csrf": csrf, "owner": "x", "status": "已关闭"})
    assert r.status_code == 403
    r = httpx.post(base + f"/hq/register/{_entry_id(hq, '0101')}", cookies={COOKIE: cookie}, data={"owner": "x"})
    assert r.status_code == 403 and "CSRF" in r.text                # no token: refused before anything else


def _entry_id(hq, branch: str) -> int:
    from assist.hq import supervision
    from assist.hq.auth import User

    return next(e["id"] for e in supervision.register(hq.store, User("t", "compliance", ""), limit=None).rows
                if e["branch"] == branch and e["source"] == "finding")


def test_a_notice_is_written_published_and_its_read_rate_shown(browser, hq):
    from selenium.webdriver.common.by import By

    base = hq.url
    login(browser, base, "wang")
    browser.get(base + "/hq/notices")
    go(browser.find_element(By.ID, "new-notice"))
    browser.find_element(By.ID, "n-title").send_keys("冒充客服“退款”诈骗风险提示")
    browser.find_element(By.ID, "n-risk").send_keys("近期有不法分子冒充电商客服，以退款为由诱导客户提供验证码。")
    browser.find_element(By.ID, "n-say").send_keys("您把验证码告诉我，我帮您退款")   # a red line as "what to say"
    browser.find_element(By.ID, "n-dont").send_keys("您把验证码告诉我，我帮您退款")
    browser.find_element(By.ID, "n-effective").clear()
    browser.find_element(By.ID, "n-effective").send_keys("2026-11-01")
    go(browser.find_element(By.ID, "n-save"))
    assert "草稿" in text(browser, "#n-status")
    go(browser.find_element(By.ID, "n-publish"))
    assert "未发布" in text(browser, "#error") and "sec-ask-otp" in text(browser, "#error")
    assert (hq.kb / "VERSION").read_text().strip() == "2026.11.1"        # nothing changed
    # fix it in the edit form on the same page, then publish
    say = browser.find_element(By.CSS_SELECTOR, "form.stack textarea[name=say]")
    say.clear()
    say.send_keys("我行不会以退款为由要求您提供验证码或转账。")
    go(browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    shot(browser, "hq-notice-draft.png")
    go(browser.find_element(By.ID, "n-publish"))
    assert "2026.11.2" in text(browser, "#published") and "已发布" in text(browser, "#n-status")
    assert (hq.kb / "VERSION").read_text().strip() == "2026.11.2"
    assert list((hq.kb / "cards" / "风险提示函").glob("notice-*.md"))
    rates = {tr.find_elements(By.TAG_NAME, "td")[0].text: tr.text for tr in browser.find_elements(By.CSS_SELECTOR, "#read-rates tbody tr")}
    assert set(rates) == {"0101", "0202"} and all(t.endswith("0%") for t in rates.values())
    # an agent of 0101 acknowledges it on their PC; the receipt arrives with the sync
    nid = browser.current_url.split("/hq/notices/")[1].split("?")[0]
    ack = {"notice_id": nid, "version": 1, "title": "x", "must_read": True, "agent_id": "A01010",
           "read_at": "2026-11-30T02:00:00+00:00", "acknowledged_at": "2026-11-30T02:01:00+00:00", "kb_version": "2026.11.2"}
    hq.store.upsert(hq.devices["0101"], [protocol.Record("notice_ack", f"i0101:{nid}:v1:A01010", 2, ack)])
    browser.refresh()
    rates = {tr.find_elements(By.TAG_NAME, "td")[0].text: [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
             for tr in browser.find_elements(By.CSS_SELECTOR, "#read-rates tbody tr")}
    assert rates["0101"] == ["0101", "4", "1", "25%"] and rates["0202"][3] == "0%"   # 3 agents of calls + 1 of a complaint
    shot(browser, "hq-notice.png")
    browser.get(base + "/hq/notices")
    shot(browser, "hq-notices.png")
    assert "（1/8）" in text(browser, "#notices")                   # 1 of the 8 agents seen in both branches
