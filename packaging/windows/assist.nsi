; Assist 坐席助手: Windows installer (NSIS 3, Unicode, Modern UI 2).
;
; Per-user install without administrator rights (default: %LOCALAPPDATA%\Programs\Assist),
; Simplified Chinese and English pages, optional Start-menu shortcut, desktop shortcut and
; start-with-Windows entry, and an uninstaller that keeps the user's data (settings, database,
; logs) unless "Remove my data" is ticked.
;
; Build on Windows after PyInstaller (see packaging/README.md). makensis changes into this
; folder, so give PAYLOAD and OUTFILE as absolute paths:
;   makensis /DVERSION=0.1.0 /DPAYLOAD=%CD%\packaging\out\dist\assist /DOUTFILE=%CD%\packaging\out\assist-0.1.0-setup.exe packaging\windows\assist.nsi
; Compile-check on Linux against a stand-in payload: packaging/build.sh nsis
;
; Silent install for IT staff:   assist-0.1.0-setup.exe /S [/AUTOSTART] [/NOSTARTMENU] [/D=C:\path]
; Silent uninstall (keeps data): "%LOCALAPPDATA%\Programs\Assist\uninstall.exe" /S
; This file is UTF-8 with a byte-order mark so that makensis reads the Chinese text correctly.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "pass /DVERSION=x.y.z (from pyproject.toml)"
!endif
!ifndef PAYLOAD
  !error "pass /DPAYLOAD=<PyInstaller one-folder output, containing assist.exe and _internal>"
!endif
!ifndef OUTFILE
  !define OUTFILE "assist-${VERSION}-setup.exe"
!endif
!ifndef BUILD_TIME
  !define BUILD_TIME "unknown"
!endif
!ifndef COMPRESSOR
  !define COMPRESSOR "lzma"
!endif

!define APPNAME "Assist"
!define APPNAME_ZH "坐席助手"
!define PUBLISHER "Assist"
!define EXE "assist.exe"
!define REGKEY "Software\Assist"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Assist"
!define RUNKEY "Software\Microsoft\Windows\CurrentVersion\Run"
; platformdirs("assist", "assist") on Windows: settings, database, logs and cache all live here.
!define USERDATA "$LOCALAPPDATA\assist\assist"

SetCompressor /SOLID ${COMPRESSOR}
Name "${APPNAME} ${APPNAME_ZH}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Assist"
InstallDirRegKey HKCU "${REGKEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION} (${BUILD_TIME})"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

; ---- version resource of the installer itself ----------------------------------------
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME} ${APPNAME_ZH}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} ${APPNAME_ZH} Setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

; ---- Modern UI ---------------------------------------------------------------------------
!define MUI_ABORTWARNING
!define MUI_ICON "assist.ico"
!define MUI_UNICON "assist.ico"
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${REGKEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when the system language is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---- texts ---------------------------------------------------------------------------------
LangString SecAppName ${LANG_SIMPCHINESE} "坐席助手（必需）"
LangString SecAppName ${LANG_ENGLISH} "Assist (required)"
LangString SecAppDesc ${LANG_SIMPCHINESE} "程序文件、内置知识库和翻译。"
LangString SecAppDesc ${LANG_ENGLISH} "Program files, the bundled knowledge base and translations."
LangString SecStartMenuName ${LANG_SIMPCHINESE} "开始菜单快捷方式"
LangString SecStartMenuName ${LANG_ENGLISH} "Start-menu shortcut"
LangString SecStartMenuDesc ${LANG_SIMPCHINESE} "在开始菜单中添加“坐席助手”。"
LangString SecStartMenuDesc ${LANG_ENGLISH} "Add Assist to the Start menu."
LangString SecDesktopName ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopDesc ${LANG_SIMPCHINESE} "在桌面上添加“坐席助手”图标。"
LangString SecDesktopDesc ${LANG_ENGLISH} "Put an Assist icon on the desktop."
LangString SecAutostartName ${LANG_SIMPCHINESE} "登录 Windows 时自动启动"
LangString SecAutostartName ${LANG_ENGLISH} "Start with Windows"
LangString SecAutostartDesc ${LANG_SIMPCHINESE} "登录后自动打开侧边栏（仅当前用户）。"
LangString SecAutostartDesc ${LANG_ENGLISH} "Open the side panel when you sign in (this user only)."
LangString RunNow ${LANG_SIMPCHINESE} "立即启动坐席助手"
LangString RunNow ${LANG_ENGLISH} "Start Assist now"
LangString ShortcutName ${LANG_SIMPCHINESE} "坐席助手"
LangString ShortcutName ${LANG_ENGLISH} "Assist"
LangString StillRunning ${LANG_SIMPCHINESE} "坐席助手正在运行。请先退出（菜单 ☰ → 退出，或 Ctrl+Q），再点“重试”。"
LangString StillRunning ${LANG_ENGLISH} "Assist is running. Quit it first (menu ☰ → Quit, or Ctrl+Q), then click Retry."
LangString UnSecAppName ${LANG_SIMPCHINESE} "程序文件"
LangString UnSecAppName ${LANG_ENGLISH} "Program files"
LangString UnSecAppDesc ${LANG_SIMPCHINESE} "删除程序、快捷方式和自动启动项。您的数据保留。"
LangString UnSecAppDesc ${LANG_ENGLISH} "Remove the program, shortcuts and the autostart entry. Your data is kept."
LangString UnSecDataName ${LANG_SIMPCHINESE} "同时删除我的数据"
LangString UnSecDataName ${LANG_ENGLISH} "Also remove my data"
LangString UnSecDataDesc ${LANG_SIMPCHINESE} "删除设置、本地数据库（含投诉登记和草稿）、日志和缓存。不可恢复。"
LangString UnSecDataDesc ${LANG_ENGLISH} "Delete settings, the local database (complaint records and drafts), logs and cache. Cannot be undone."
LangString UnDataConfirm ${LANG_SIMPCHINESE} "确定删除 ${USERDATA} 中的全部数据（设置、数据库、日志）吗？此操作不可恢复。"
LangString UnDataConfirm ${LANG_ENGLISH} "Really delete all data in ${USERDATA} (settings, database, logs)? This cannot be undone."

; ---- install ---------------------------------------------------------------------------
Section "!$(SecAppName)" SecApp
  SectionIn RO
  ; Refuse to overwrite a running panel (files are locked): ask to quit and retry.
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
  ; An upgrade replaces the whole bundle so that no stale library survives.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REGKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME} ${APPNAME_ZH}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecStartMenuName)" SecStartMenu
  CreateShortcut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegStr HKCU "${REGKEY}" "StartMenuShortcut" "$SMPROGRAMS\$(ShortcutName).lnk"
SectionEnd

Section /o "$(SecDesktopName)" SecDesktop
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegStr HKCU "${REGKEY}" "DesktopShortcut" "$DESKTOP\$(ShortcutName).lnk"
SectionEnd

Section /o "$(SecAutostartName)" SecAutostart
  WriteRegStr HKCU "${RUNKEY}" "Assist" '"$INSTDIR\${EXE}"'
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(SecAppDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecStartMenu} "$(SecStartMenuDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAutostart} "$(SecAutostartDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ; Silent installs: /AUTOSTART adds the autostart entry, /NOSTARTMENU skips the shortcut.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AUTOSTART" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecAutostart}
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NOSTARTMENU" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecStartMenu}
  ${EndIf}
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

; ---- uninstall -------------------------------------------------------------------------
Section "!un.$(UnSecAppName)" UnSecApp
  SectionIn RO
  ReadRegStr $0 HKCU "${REGKEY}" "StartMenuShortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}
  ReadRegStr $0 HKCU "${REGKEY}" "DesktopShortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}
  DeleteRegValue HKCU "${RUNKEY}" "Assist"
  ; Only what the installer put there: never RMDir /r $INSTDIR (it may be a shared folder).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\assist-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${REGKEY}"
SectionEnd

Section /o "un.$(UnSecDataName)" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(UnDataConfirm)" /SD IDYES IDYES +2
  Goto keep
  RMDir /r "${USERDATA}"
  RMDir "$LOCALAPPDATA\assist"
  keep:
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecApp} "$(UnSecAppDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "$(UnSecDataDesc)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd
