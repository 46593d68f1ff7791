#!/usr/bin/env bash
# Packaging CI (Debian 12, as root or with sudo): build everything this machine can build, then
# prove that the .deb installs, runs and uninstalls cleanly.
#
#   1. apt: install the build/test tools that are missing (nsis, desktop-file-utils, xvfb, …)
#   2. packaging/build.sh: one-folder app -> .deb -> portable archive -> makensis compile-check;
#      packaging/tests/test_package_frozen.py on the built app
#   3. install the .deb (apt resolves Depends); run the INSTALLED `assist`:
#      --version (version + build time), doctor, kb check on the bundled KB, the panel under
#      xvfb-run (window found, screenshot), keyring with a real Secret Service and without one
#   4. portable archive: doctor reports its paths under <folder>/userdata
#   5. benchmarks/bench_package.py (sizes, start-up times)
#   6. dpkg -r: /opt/assist, /usr/bin/assist and the desktop entry are gone; user data untouched
#
# Exits non-zero with "ci.sh: FAIL: <reason>" on the first failure. Screenshot and logs in
# packaging/out/ci/. Env: SKIP_BUILD=1 reuses packaging/out (faster re-runs), SKIP_BENCH=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
T_START=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"

fail() { echo "ci.sh: FAIL: $*" >&2; exit 1; }
step() { echo; echo "== ci.sh: $* =="; }
ok() { echo "ci.sh: ok: $*"; }

# ---- 1. system tools ---------------------------------------------------------------------
step "system packages"
PKGS=(
  nsis desktop-file-utils dbus-daemon dbus-bin gnome-keyring libsecret-tools
  xvfb xauth x11-utils imagemagick binutils zstd
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1
  libxcb-shm0 libxcb-xkb1 libx11-xcb1 libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3
  fonts-wqy-microhei fontconfig
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "ci.sh: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]}"
else
  ok "all tools present"
fi

# ---- 2. build ------------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then make venv || fail "make venv"; fi
if ! .venv/bin/python -m PyInstaller --version >/dev/null 2>&1; then
  .venv/bin/pip install -q -c requirements/constraints.txt -e ".[package]" || fail "installing the package extra"
fi
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  step "build"
  packaging/build.sh || fail "packaging/build.sh"
fi
step "pytest checks on the frozen build (packaging/tests/test_package_frozen.py)"
ASSIST_PACKAGE_TESTS=1 .venv/bin/python -m pytest --rootdir=. -c pyproject.toml -q -p no:cacheprovider packaging/tests/test_package_frozen.py \
  || fail "packaging/tests/test_package_frozen.py"
VERSION=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
DEB=$(ls packaging/out/assist_"$VERSION"_*.deb 2>/dev/null | head -1)
PORTABLE=$(ls packaging/out/assist-"$VERSION"-linux-*-portable.tar.gz 2>/dev/null | head -1)
[ -f "$DEB" ] || fail "no .deb for $VERSION in packaging/out"
[ -f "$PORTABLE" ] || fail "no portable archive for $VERSION in packaging/out"
ls packaging/out/assist-"$VERSION"-setup-STANDIN.exe >/dev/null 2>&1 || fail "makensis output missing"
OUTCI="$ROOT/packaging/out/ci"
rm -rf "$OUTCI" && mkdir -p "$OUTCI"
WORK=$(mktemp -d /tmp/assist-ci.XXXXXX)
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

# ---- 3. install ------------------------------------------------------------------------------
step "install $(basename "$DEB")"
if dpkg-query -W -f='${Status}' assist 2>/dev/null | grep -q "install ok installed"; then
  echo "ci.sh: removing a previously installed assist"
  $SUDO dpkg -r assist >/dev/null || fail "dpkg -r of the previous install"
fi
[ ! -e /opt/assist ] || fail "/opt/assist exists but no assist package is installed: not touching it"

# User data that must survive install and removal: a default-location profile (a fake HOME, so
# the real ~/.local/share/assist is never touched) and the --basedir folder used below.
FAKEHOME="$WORK/home"
mkdir -p "$FAKEHOME/.local/share/assist"
echo "sentinel $(date +%s%N)" > "$FAKEHOME/.local/share/assist/ci-sentinel.txt"
BASE="$WORK/basedir"

t0=$(date +%s%N)
# apt-get install ./x.deb runs dpkg -i and resolves the Depends from the archive.
$SUDO apt-get install -y -qq "$(realpath "$DEB")" > "$OUTCI/apt-install.log" 2>&1 \
  || { tail -20 "$OUTCI/apt-install.log"; fail "apt-get install ./$(basename "$DEB") (dpkg -i)"; }
dpkg-query -W -f='${Status} ${Version}' assist | grep -q "install ok installed $VERSION" || fail "assist $VERSION not installed"
echo "ci.sh: installed in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
[ "$(command -v assist)" = "/usr/bin/assist" ] || fail "assist is not /usr/bin/assist on PATH (got '$(command -v assist)')"
[ -x /opt/assist/assist ] || fail "/opt/assist/assist missing"
[ -f /usr/share/applications/assist.desktop ] || fail "desktop entry missing"
desktop-file-validate /usr/share/applications/assist.desktop || fail "installed desktop entry invalid"
[ -f /usr/share/icons/hicolor/scalable/apps/assist.svg ] || fail "icon missing"
ok "installed: /opt/assist, /usr/bin/assist, desktop entry, icons"

step "installed assist --version"
V=$(cd / && assist --version) || fail "assist --version exited non-zero"
echo "$V"
echo "$V" | grep -Eq "^assist $VERSION \(build: [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\)$" \
  || fail "--version does not show version $VERSION and a build time: '$V'"
ok "version and build time"

step "installed assist doctor"
(cd / && assist --basedir "$BASE" doctor) > "$OUTCI/doctor.txt" 2>&1 || { cat "$OUTCI/doctor.txt"; fail "assist doctor exited non-zero"; }
cat "$OUTCI/doctor.txt"
(cd / && assist --basedir "$BASE" doctor --json) > "$OUTCI/doctor.json" || fail "assist doctor --json"
python3 - "$OUTCI/doctor.json" "$BASE" <<'EOF' || fail "doctor --json content"
import json, sys
d = json.load(open(sys.argv[1]))
base = sys.argv[2]
assert d["paths"]["data"].startswith(base), d["paths"]
assert d["kb_dir"].startswith("/opt/assist/"), d["kb_dir"]
assert d["qt_available"] is True
assert d["schema"], d
assert not d["problems"], d["problems"]
EOF
# default (no --basedir) locations under the fake HOME: creates the real per-user database there
(cd / && env -u ASSIST_BASEDIR HOME="$FAKEHOME" XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_CACHE_HOME= XDG_STATE_HOME= \
  assist doctor --json) > "$OUTCI/doctor-home.json" || fail "assist doctor with default paths"
ok "doctor"

step "installed assist kb check (bundled KB)"
KB=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["paths"]["bundled_kb"])' "$OUTCI/doctor.json")
case "$KB" in /opt/assist/*) ;; *) fail "bundled KB not under /opt/assist: $KB";; esac
(cd / && assist --basedir "$BASE" kb check "$KB") || fail "assist kb check $KB"
ok "kb check $KB"

step "installed panel under xvfb-run"
cat > "$WORK/panel.sh" <<'EOF'
#!/bin/sh
# Runs inside xvfb-run: start the panel, wait for its window, search, screenshot, quit.
BASE=$1; OUT=$2
cd /
assist --basedir "$BASE" > "$OUT/panel-stdout.txt" 2>&1 &
PID=$!
echo "$PID" > "$OUT/panel.pid"
i=0
until grep -q '"panel started"' "$BASE/logs/assist.log.jsonl" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 300 ] && { echo "panel: no 'panel started' log line after 30 s" >&2; kill $PID; exit 1; }
  kill -0 $PID 2>/dev/null || { echo "panel: process exited early" >&2; cat "$OUT/panel-stdout.txt" >&2; exit 1; }
  sleep 0.1
done
i=0
until xwininfo -root -tree | grep -q '坐席助手'; do
  i=$((i + 1)); [ $i -gt 100 ] && { echo "panel: no window titled 坐席助手" >&2; xwininfo -root -tree >&2; kill $PID; exit 1; }
  sleep 0.1
done
xwininfo -root -tree | grep '坐席助手' > "$OUT/panel-window.txt"
# the second process forwards to the running panel through the socket
assist --basedir "$BASE" open --query 挂失 || { echo "panel: assist open --query failed" >&2; kill $PID; exit 1; }
sleep 1.5
import -window root "$OUT/panel.png" || { echo "panel: screenshot failed" >&2; kill $PID; exit 1; }
kill -TERM $PID
wait $PID
rc=$?
[ $rc -eq 0 ] || { echo "panel: exit code $rc after SIGTERM" >&2; exit 1; }
EOF
chmod +x "$WORK/panel.sh"
timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$WORK/panel.sh" "$BASE" "$OUTCI" || fail "panel under xvfb-run (see above)"
cat "$OUTCI/panel-window.txt"
COLOURS=$(identify -format %k "$OUTCI/panel.png")
[ "$COLOURS" -gt 20 ] || fail "screenshot $OUTCI/panel.png looks blank ($COLOURS colours)"
grep -q '"panel started"' "$BASE/logs/assist.log.jsonl" || fail "no 'panel started' log line"
ok "panel window found; screenshot $OUTCI/panel.png ($COLOURS colours)"

step "keyring: real Secret Service (dbus-run-session + gnome-keyring-daemon)"
KBASE="$WORK/keyring-base"
dbus-run-session -- sh -c 'export HOME=$(mktemp -d); eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets --daemonize)"; cd /; assist --basedir "$1" doctor --json' sh "$KBASE" \
  > "$OUTCI/doctor-keyring.json" 2> "$OUTCI/doctor-keyring.err" || { cat "$OUTCI/doctor-keyring.err"; fail "doctor under dbus-run-session"; }
python3 - "$OUTCI/doctor-keyring.json" <<'EOF' || fail "frozen build did not find the Secret Service keyring"
import json, sys
d = json.load(open(sys.argv[1]))
print("keyring_backend:", d["keyring_backend"], "| warnings:", d["warnings"])
assert d["keyring_backend"] == "keyring.backends.SecretService.Keyring", d["keyring_backend"]
assert not any("keyring" in w for w in d["warnings"]), d["warnings"]
EOF
ok "SecretService found"

step "keyring: none (no D-Bus session)"
(cd / && env -u DBUS_SESSION_BUS_ADDRESS HOME="$WORK/nokeyring-home" assist --basedir "$KBASE" doctor --json) \
  > "$OUTCI/doctor-nokeyring.json" || fail "doctor without a keyring exited non-zero (a missing keyring is a warning)"
python3 - "$OUTCI/doctor-nokeyring.json" <<'EOF' || fail "no-keyring degradation"
import json, sys
d = json.load(open(sys.argv[1]))
print("keyring_backend:", d["keyring_backend"], "| warnings:", d["warnings"])
assert d["keyring_backend"] == "keyring.backends.fail.Keyring", d["keyring_backend"]
assert any("no keyring backend" in w for w in d["warnings"]), d["warnings"]
EOF
ok "fail backend with the warning"

# ---- 4. portable -----------------------------------------------------------------------------
step "portable archive"
PDIR="$WORK/portable"
mkdir -p "$PDIR"
tar -C "$PDIR" -xzf "$PORTABLE" || fail "extracting $PORTABLE"
PAPP=$(ls -d "$PDIR"/*/ | head -1)
PAPP=${PAPP%/}
[ -f "$PAPP/portable.txt" ] || fail "portable.txt missing in the archive"
(cd / && env -u ASSIST_BASEDIR HOME="$WORK/portable-home" "$PAPP/assist" doctor --json) > "$OUTCI/doctor-portable.json" \
  || fail "portable doctor exited non-zero"
python3 - "$OUTCI/doctor-portable.json" "$PAPP" <<'EOF' || fail "portable build does not keep its data beside the executable"
import json, sys
d = json.load(open(sys.argv[1]))
app = sys.argv[2]
print("portable:", d["portable"], "| data:", d["paths"]["data"])
assert d["portable"] is True
for k, v in d["paths"].items():
    assert v.startswith(app + "/"), (k, v)
assert d["paths"]["data"] == app + "/userdata/data", d["paths"]["data"]
EOF
[ ! -e "$WORK/portable-home/.local" ] || fail "portable run wrote into HOME"
ok "portable paths under $PAPP/userdata"

# ---- 5. benchmark ---------------------------------------------------------------------------
if [ "${SKIP_BENCH:-0}" != "1" ]; then
  step "benchmark"
  .venv/bin/python -m benchmarks.bench_package --runs 3 || fail "benchmarks/bench_package.py"
fi

# ---- 6. remove -------------------------------------------------------------------------------
step "dpkg -r assist"
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
snapshot "$FAKEHOME/.local/share/assist" > "$WORK/home-before.txt"
snapshot "$BASE" > "$WORK/base-before.txt"
grep -q "ci-sentinel.txt" "$WORK/home-before.txt" || fail "sentinel missing under the fake HOME"
grep -q "assist.sqlite3" "$WORK/base-before.txt" || fail "expected the panel's database in $BASE"
$SUDO dpkg -r assist > "$OUTCI/dpkg-r.log" 2>&1 || { cat "$OUTCI/dpkg-r.log"; fail "dpkg -r assist"; }
[ ! -e /opt/assist ] || { find /opt/assist | head; fail "/opt/assist still exists after dpkg -r"; }
[ ! -e /usr/bin/assist ] || fail "/usr/bin/assist still exists after dpkg -r"
[ ! -e /usr/share/applications/assist.desktop ] || fail "desktop entry left behind"
[ ! -e /usr/share/icons/hicolor/scalable/apps/assist.svg ] || fail "icon left behind"
dpkg-query -W -f='${Status}' assist 2>/dev/null | grep -q "install ok installed" && fail "assist still installed"
snapshot "$FAKEHOME/.local/share/assist" > "$WORK/home-after.txt"
snapshot "$BASE" > "$WORK/base-after.txt"
cmp -s "$WORK/home-before.txt" "$WORK/home-after.txt" || fail "user data under ~/.local/share/assist changed on dpkg -r"
cmp -s "$WORK/base-before.txt" "$WORK/base-after.txt" || fail "user data in the basedir changed on dpkg -r"
ok "removed cleanly; user data untouched ($(wc -l < "$WORK/home-after.txt") + $(wc -l < "$WORK/base-after.txt") files)"

echo
echo "ci.sh: PASS in $(( $(date +%s) - T_START )) s  (deb $(du -h "$DEB" | cut -f1), portable $(du -h "$PORTABLE" | cut -f1); screenshot $OUTCI/panel.png)"
