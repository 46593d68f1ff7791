#!/usr/bin/env bash
# Build what this machine can build, into packaging/out/ (gitignored):
#
#   app       PyInstaller one-folder app        packaging/out/dist/assist/
#   deb       Debian package (zstd)             packaging/out/assist_<version>_<arch>.deb
#   portable  one-folder app + portable.txt     packaging/out/assist-<version>-linux-<arch>-portable.tar.gz
#   nsis      compile-check of the Windows installer script against a stand-in payload
#             (the real Windows payload must be built on Windows: see packaging/README.md)
#
# Usage: packaging/build.sh [app] [deb] [portable] [nsis]     (no argument: all four, in order)
# Needs: .venv with the "package" extra (pyinstaller), dpkg-deb, desktop-file-validate
# (desktop-file-utils), makensis (nsis). packaging/ci.sh installs the system tools.
# Env: VENV (default .venv), ASSIST_BUILD_TIME (default: now, UTC).
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

VENV=${VENV:-.venv}
PY="$VENV/bin/python"
OUT=packaging/out
STEPS=("$@")
[ ${#STEPS[@]} -eq 0 ] && STEPS=(app deb portable nsis)

die() { echo "build.sh: ERROR: $*" >&2; exit 1; }
step() { echo "== build.sh: $* =="; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found ($2)"; }
elapsed() { echo "build.sh: $1 took $(( $(date +%s) - $2 )) s"; }

[ -x "$PY" ] || die "$PY missing: run 'make venv' first"
read -r NAME VERSION APP < <("$PY" - <<'EOF'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
app = next((k for k, v in p.get("scripts", {}).items() if v.strip() == "assist.app:main"), "assist")
print(p["name"], p["version"], app)
EOF
)
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
PKG="$APP"                               # Debian package name = command name: `dpkg -r assist`
DIST="$OUT/dist/$APP"
DEB="$OUT/${PKG}_${VERSION}_${ARCH}.deb"
PORTABLE_NAME="$APP-$VERSION-linux-$ARCH-portable"
PORTABLE="$OUT/$PORTABLE_NAME.tar.gz"
export ASSIST_BUILD_TIME=${ASSIST_BUILD_TIME:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}

# The system libraries the bundle takes from the system (xcb platform, fonts, D-Bus, GLib; see
# ../shared/docs/platform.md). check_bundle.py verifies this list against the built bundle.
DEPENDS="libc6 (>= 2.36), libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-glx0, libxcb-icccm4, \
libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0, \
libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, \
libegl1, libgl1, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3"
RECOMMENDS="fonts-wqy-microhei | fonts-noto-cjk"

echo "build.sh: $NAME $VERSION ($APP, $ARCH), build time $ASSIST_BUILD_TIME; steps: ${STEPS[*]}"
mkdir -p "$OUT"

build_app() {
  local t0; t0=$(date +%s)
  step "one-folder app"
  "$PY" -m PyInstaller --version >/dev/null 2>&1 \
    || die "PyInstaller missing: $VENV/bin/pip install -c requirements/constraints.txt -e '.[package]'"
  # Translations (same rule as the Makefile): resources/i18n/<lang>/*.ts -> resources/i18n/assist_<lang>.qm
  local d lang qm ts
  for d in resources/i18n/*/; do
    lang=$(basename "$d"); qm="resources/i18n/assist_$lang.qm"
    ts=("$d"*.ts); [ -e "${ts[0]}" ] || continue
    if [ ! -e "$qm" ] || [ -n "$(find "$d" -name '*.ts' -newer "$qm")" ]; then
      "$VENV/bin/pyside6-lrelease" -silent "${ts[@]}" -qm "$qm" || die "pyside6-lrelease failed for $lang"
    fi
  done
  rm -rf "$DIST"
  "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/build" \
    packaging/assist.spec 2>&1 | grep -v -e "required via ctypes not found" -e "^assist.spec: dropped" || true
  [ -x "$DIST/$APP" ] || die "PyInstaller did not produce $DIST/$APP"
  local v; v=$("$DIST/$APP" --version) || die "$DIST/$APP --version failed"
  case "$v" in *"$VERSION"*"$ASSIST_BUILD_TIME"*) echo "build.sh: $v";; *) die "unexpected --version: $v";; esac
  python3 packaging/check_bundle.py "$DIST" --depends "$DEPENDS" || die "bundle check failed (see above)"
  echo "build.sh: one-folder app $(du -sh "$DIST" | cut -f1) in $DIST"
  elapsed "app" "$t0"
}

build_deb() {
  local t0; t0=$(date +%s)
  step ".deb"
  [ -x "$DIST/$APP" ] || die "$DIST missing: run '$0 app' first"
  need dpkg-deb "apt-get install dpkg"
  need desktop-file-validate "apt-get install desktop-file-utils"
  local root="$OUT/deb-root"
  rm -rf "$root"
  mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/doc/$PKG"
  cp -a "$DIST" "$root/opt/$APP"
  install -m 0755 packaging/deb/assist.sh "$root/usr/bin/$APP"
  install -m 0644 packaging/deb/assist.desktop "$root/usr/share/applications/$APP.desktop"
  desktop-file-validate "$root/usr/share/applications/$APP.desktop" || die "desktop-file-validate failed"
  install -m 0644 resources/icons/assist.svg "$root/usr/share/icons/hicolor/scalable/apps/$APP.svg"
  QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icons.py --png-dir "$root/usr/share/icons/hicolor" \
    || die "rendering the PNG icons failed"
  install -m 0644 packaging/deb/copyright "$root/usr/share/doc/$PKG/copyright"
  gzip -9n -c CHANGELOG.md > "$root/usr/share/doc/$PKG/changelog.gz"
  chmod -R u+rwX,go+rX,go-w "$root"
  local size; size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -e "s/@PACKAGE@/$PKG/" -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" \
      -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$DEPENDS/" -e "s/@RECOMMENDS@/$RECOMMENDS/" \
      packaging/deb/control.in > "$root/DEBIAN/control"
  rm -f "$OUT"/*.deb
  # zstd level 3 (dpkg's default): ~2 s and ~68 MB here; -z19 saves 13 MB but takes minutes.
  dpkg-deb --root-owner-group -Zzstd -z"${DEB_ZSTD_LEVEL:-3}" --build "$root" "$DEB" >/dev/null \
    || die "dpkg-deb failed"
  dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'
  local bytes; bytes=$(stat -c %s "$DEB")
  echo "build.sh: $DEB $((bytes / 1024 / 1024)) MB ($bytes bytes)"
  [ "$bytes" -lt $((90 * 1024 * 1024)) ] || die ".deb is over 90 MB"
  rm -rf "$root"
  elapsed "deb" "$t0"
}

build_portable() {
  local t0; t0=$(date +%s)
  step "portable archive"
  [ -x "$DIST/$APP" ] || die "$DIST missing: run '$0 app' first"
  local stage="$OUT/portable"
  rm -rf "$stage" && mkdir -p "$stage"
  cp -al "$DIST" "$stage/$PORTABLE_NAME" 2>/dev/null || cp -a "$DIST" "$stage/$PORTABLE_NAME"
  cat > "$stage/$PORTABLE_NAME/portable.txt" <<EOF
Assist 坐席助手 $VERSION — portable build ($ASSIST_BUILD_TIME)

This file turns on portable mode: settings, the database, logs and cache are kept in the
"userdata" folder next to the program, not in your home folder. Delete this file to use the
normal per-user folders instead. Run ./$APP to start the panel; ./$APP doctor shows the paths.
Needs the system libraries listed in the Depends of the .deb (X11/xcb, fontconfig, a CJK font).

便携模式：设置、数据库、日志和缓存都保存在程序旁边的 userdata 文件夹中。
删除本文件即改用当前用户的常规文件夹。运行 ./$APP 启动侧边栏；./$APP doctor 显示路径。
EOF
  rm -f "$OUT"/*-portable.tar.gz
  tar -C "$stage" --owner=0 --group=0 --numeric-owner -cf - "$PORTABLE_NAME" | gzip -6 > "$PORTABLE"
  rm -rf "$stage"
  echo "build.sh: $PORTABLE $(du -h "$PORTABLE" | cut -f1)"
  elapsed "portable" "$t0"
}

build_nsis() {
  local t0; t0=$(date +%s)
  step "NSIS compile-check (stand-in payload)"
  need makensis "apt-get install nsis"
  local standin="$OUT/nsis-standin"
  python3 packaging/windows/make_standin.py "$standin" >/dev/null
  local exe; exe="$(pwd)/$OUT/$APP-$VERSION-setup-STANDIN.exe"
  makensis -V2 -WX -DVERSION="$VERSION" -DBUILD_TIME="$ASSIST_BUILD_TIME" -DCOMPRESSOR=zlib \
    -DPAYLOAD="$(pwd)/$standin" -DOUTFILE="$exe" packaging/windows/assist.nsi || die "makensis failed"
  [ -s "$exe" ] || die "makensis produced no installer"
  rm -rf "$standin"
  echo "build.sh: makensis compiled packaging/windows/assist.nsi -> $exe (stand-in payload: not runnable)"
  elapsed "nsis" "$t0"
}

T0=$(date +%s)
for s in "${STEPS[@]}"; do
  case "$s" in
    app) build_app ;;
    deb) build_deb ;;
    portable) build_portable ;;
    nsis) build_nsis ;;
    *) die "unknown step '$s' (app, deb, portable, nsis)" ;;
  esac
done
elapsed "build.sh (${STEPS[*]})" "$T0"
