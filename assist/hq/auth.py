"""Staff accounts of the head-office web view, separate from device tokens.

- Passwords: ``hashlib.scrypt`` (memory-hard; N=2^14, r=8, p=1: 16 MiB and ~50 ms a check),
  a random 16-byte salt each, stored as ``scrypt$N$r$p$salt$hash`` (base64). Never logged.
- Lockout: after ``MAX_FAILED`` wrong passwords in a row an account is locked for
  ``LOCK_MINUTES``; ``assist-hq user unlock NAME`` ends it early. An unknown name costs the same
  hash as a known one and gets the same answer.
- Sessions: a random token in a ``Secure; HttpOnly; SameSite=Strict`` cookie (``__Host-`` prefix),
  only its sha256 stored; idle timeout ``IDLE_MINUTES``, absolute ``MAX_HOURS``; a CSRF token per
  session checked on every form (and the ``Origin`` header when a browser sends one).
- Roles: ``compliance`` (everything; edits the register, root causes and notices), ``qa``
  (reviews calls, sets the sample rate), ``team-leader`` (reviews calls of their branch; reads).
  An account with a branch sees only that branch; a team leader must have one.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

ROLES = ("compliance", "qa", "team-leader")
ROLE_LABELS = {"compliance": "合规/消保", "qa": "质检", "team-leader": "班组长"}
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 12
MAX_PASSWORD = 200
MAX_FAILED = 5
LOCK_MINUTES = 15
IDLE_MINUTES = 30
MAX_HOURS = 10
COOKIE = "__Host-assist-hq"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")
_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


class AuthError(ValueError):
    """Bad account input (name, role, branch, password): the message names the field."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    branch: str            # "" = every branch

    @property
    def can_edit(self) -> bool:          # register, root causes, notices
        return self.role == "compliance"

    @property
    def can_review(self) -> bool:        # mark calls reviewed
        return self.role in ("qa", "team-leader", "compliance")

    @property
    def can_set_sample(self) -> bool:
        return self.role in ("qa", "compliance")

    def sees(self, branch: str) -> bool:
        return not self.branch or self.branch == branch


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    expires_at: str


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="seconds")


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    h = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${base64.b64encode(salt).decode()}${base64.b64encode(h).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, h = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=64 * 1024 * 1024, dklen=len(base64.b64decode(h)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(h))


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"password: at least {MIN_PASSWORD} characters, please (a passphrase is easiest to remember)")
    if len(password) > MAX_PASSWORD:
        raise AuthError(f"password: at most {MAX_PASSWORD} characters")
    if password.strip() != password or "\n" in password:
        raise AuthError("password: no leading or trailing spaces or line breaks")


def check_account(name: str, role: str, branch: str) -> None:
    if not _NAME_RE.match(name or ""):
        raise AuthError(f"name {name!r}: 2-40 letters, digits, '.', '_' or '-', starting with a letter or digit")
    if role not in ROLES:
        raise AuthError(f"role {role!r}: use one of {', '.join(ROLES)}")
    if role == "team-leader" and not branch:
        raise AuthError("--branch is required for a team leader (they see only their branch)")
    if branch and not re.fullmatch(r"[A-Za-z0-9]{1,16}", branch):
        raise AuthError(f"branch {branch!r}: 1-16 letters or digits, as in `assist-hq device add --branch`")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """Accounts and sessions over the receiver's database (``Store.db``)."""

    def __init__(self, db: Any):
        self.db = db

    # -- accounts ---------------------------------------------------------------------------------
    def add(self, name: str, role: str, branch: str, password: str) -> User:
        check_account(name, role, branch)
        check_password_rules(password)
        with self.db.tx() as cur:
            if cur.execute("SELECT 1 FROM hq_users WHERE name = ?", [name]).fetchone():
                raise AuthError(f"name {name!r}: an account with this name exists; choose another or `assist-hq user passwd`")
            cur.execute("INSERT INTO hq_users (name, role, branch, pw_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                        [name, role, branch, hash_password(password), iso(now())])
            self._audit(cur, "cli", "user_add", {"name": name, "role": role, "branch": branch})
        return User(name, role, branch)

    def set_password(self, name: str, password: str) -> None:
        check_password_rules(password)
        with self.db.tx() as cur:
            if cur.execute("UPDATE hq_users SET pw_hash = ?, failed = 0, locked_until = NULL WHERE name = ?",
                           [hash_password(password), name]).rowcount == 0:
                raise AuthError(f"no account {name!r}")
            cur.execute("DELETE FROM hq_sessions WHERE user_name = ?", [name])
            self._audit(cur, "cli", "user_passwd", {"name": name})

    def disable(self, name: str) -> None:
        with self.db.tx() as cur:
            if cur.execute("UPDATE hq_users SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL", [iso(now()), name]).rowcount == 0:
                raise AuthError(f"no active account {name!r}")
            cur.execute("DELETE FROM hq_sessions WHERE user_name = ?", [name])
            self._audit(cur, "cli", "user_disable", {"name": name})

    def unlock(self, name: str) -> None:
        with self.db.tx() as cur:
            if cur.execute("UPDATE hq_users SET failed = 0, locked_until = NULL WHERE name = ?", [name]).rowcount == 0:
                raise AuthError(f"no account {name!r}")
            self._audit(cur, "cli", "user_unlock", {"name": name})

    def accounts(self) -> list[dict[str, Any]]:
        with self.db.tx() as cur:
            rows = cur.execute("SELECT name, role, branch, created_at, disabled_at, failed, locked_until, last_login_at "
                               "FROM hq_users ORDER BY name").fetchall()
        keys = ("name", "role", "branch", "created_at", "disabled_at", "failed", "locked_until", "last_login_at")
        return [dict(zip(keys, r)) for r in rows]

    @staticmethod
    def _audit(cur: Any, actor: str, action: str, detail: dict[str, Any]) -> None:
        import json

        cur.execute("INSERT INTO hq_audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                    [iso(now()), actor[:100], action, json.dumps(detail, ensure_ascii=False)])

    # -- login ------------------------------------------------------------------------------------
    def login(self, name: str, password: str, at: dt.datetime | None = None) -> tuple[str | None, str]:
        """(session token, "") on success, else (None, reason) where reason is ``bad`` or
        ``locked:<until ISO>``. The token is returned once; only its hash is stored."""
        at = at or now()
        name = (name or "").strip()[:40]
        with self.db.tx() as cur:
            row = cur.execute("SELECT pw_hash, failed, locked_until, disabled_at, role, branch FROM hq_users WHERE name = ?",
                              [name]).fetchone()
            if row is None or row[3]:
                verify_password(password, _DUMMY)      # the same cost: no hint that the name exists
                return None, "bad"
            pw_hash, failed, locked_until, _dis, _role, _branch = row
            if locked_until and locked_until > iso(at):
                return None, f"locked:{locked_until}"
            if not verify_password(password, pw_hash):
                failed = int(failed or 0) + 1
                until = iso(at + dt.timedelta(minutes=LOCK_MINUTES)) if failed >= MAX_FAILED else None
                cur.execute("UPDATE hq_users SET failed = ?, locked_until = ? WHERE name = ?",
                            [0 if until else failed, until, name])
                if until:
                    self._audit(cur, name, "user_locked", {"name": name, "until": until})
                    return None, f"locked:{until}"
                return None, "bad"
            token = secrets.token_urlsafe(32)
            cur.execute("UPDATE hq_users SET failed = 0, locked_until = NULL, last_login_at = ? WHERE name = ?", [iso(at), name])
            cur.execute("INSERT INTO hq_sessions (id_hash, user_name, csrf, created_at, expires_at, last_seen_at) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [token_hash(token), name, secrets.token_urlsafe(32), iso(at),
                         iso(at + dt.timedelta(hours=MAX_HOURS)), iso(at)])
            cur.execute("DELETE FROM hq_sessions WHERE expires_at < ?", [iso(at)])
        return token, ""

    def session(self, token: str, at: dt.datetime | None = None) -> Session | None:
        """The live session for a cookie token (idle and absolute timeouts), refreshed."""
        if not token or len(token) > 100:
            return None
        at = at or now()
        with self.db.tx() as cur:
            row = cur.execute("SELECT s.csrf, s.expires_at, s.last_seen_at, u.name, u.role, u.branch, u.disabled_at "
                              "FROM hq_sessions s JOIN hq_users u ON u.name = s.user_name WHERE s.id_hash = ?",
                              [token_hash(token)]).fetchone()
            if row is None:
                return None
            csrf, expires, seen, name, role, branch, disabled = row
            idle_end = dt.datetime.fromisoformat(seen) + dt.timedelta(minutes=IDLE_MINUTES)
            if disabled or expires <= iso(at) or idle_end <= at:
                cur.execute("DELETE FROM hq_sessions WHERE id_hash = ?", [token_hash(token)])
                return None
            if (at - dt.datetime.fromisoformat(seen)).total_seconds() > 60:
                cur.execute("UPDATE hq_sessions SET last_seen_at = ? WHERE id_hash = ?", [iso(at), token_hash(token)])
        return Session(User(name, role, branch or ""), csrf, expires)

    def logout(self, token: str) -> None:
        with self.db.tx() as cur:
            cur.execute("DELETE FROM hq_sessions WHERE id_hash = ?", [token_hash(token)])


def csrf_ok(session: Session, sent: str) -> bool:
    return bool(sent) and hmac.compare_digest(session.csrf.encode(), sent.encode())
