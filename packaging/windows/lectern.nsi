; 讲稿台 Lectern: the Windows installer, built with makensis (NSIS 3) on Linux by
; `make windows` (packaging/windows/pack.sh passes VERSION, SRC and OUT):
;   makensis -DVERSION=0.1.0 -DSRC=<folder with the files> -DOUT=<setup.exe> lectern.nsi
;
; It installs for the current user, so that it needs no administrator: the
; program goes to %LOCALAPPDATA%\Programs\讲稿台, the Start-menu entry 讲稿台 and
; the 打开方式 registrations go under HKEY_CURRENT_USER. The uninstaller removes
; exactly these and never the library: %APPDATA%\Lectern\data stays.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION is not defined (makensis -DVERSION=...)"
!endif
!ifndef SRC
  !error "SRC is not defined (makensis -DSRC=<folder>)"
!endif
!ifndef OUT
  !error "OUT is not defined (makensis -DOUT=<file>)"
!endif

!define APP_NAME "讲稿台"
!define APP_EXE "lectern-app.exe"
!define PROGID "Lectern.Lecture"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Lectern"
; Where Edge's WebView2 runtime registers itself (machine-wide and per user).
!define WEBVIEW2_KEY "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_KEY_USER "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel user

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME} Lectern"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${SRC}\icon.ico"
!define MUI_UNICON "${SRC}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "启动讲稿台"
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\说明.txt"
!define MUI_FINISHPAGE_SHOWREADME_TEXT "查看说明"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; One extension: 打开方式 offers 讲稿台 for it, without taking the default program.
!macro OpenWith EXT
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\SupportedTypes" "${EXT}" ""
!macroend
!macro ForgetOpenWith EXT
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}"
!macroend

Section "讲稿台" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SRC}\${APP_EXE}"
  File "${SRC}\WebView2Loader.dll"
  File "${SRC}\lectern.exe"
  File "${SRC}\说明.txt"
  File "${SRC}\icon.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu: 讲稿台
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\icon.ico" 0

  ; 打开方式: a ProgID that opens the file in 讲稿台, offered for each type it reads.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "讲稿（讲稿台）"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "讲稿"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\DefaultIcon" "" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  !insertmacro OpenWith ".txt"
  !insertmacro OpenWith ".md"
  !insertmacro OpenWith ".docx"
  !insertmacro OpenWith ".doc"
  !insertmacro OpenWith ".wps"
  !insertmacro OpenWith ".html"
  !insertmacro OpenWith ".htm"
  !insertmacro OpenWith ".pdf"

  ; 应用和功能 (Apps & features): name, version, size, and the uninstaller.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME} Lectern"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Lectern"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0

  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The window needs Edge's WebView2 runtime: Windows 11 has it, Windows 10 may not.
  ReadRegStr $1 HKLM "${WEBVIEW2_KEY}" "pv"
  ReadRegStr $2 HKCU "${WEBVIEW2_KEY_USER}" "pv"
  ${If} $1 == ""
  ${AndIf} $2 == ""
    MessageBox MB_ICONINFORMATION|MB_OK "这台电脑上没有找到 Microsoft Edge WebView2 运行时（WebView2 Runtime）。$\r$\n讲稿台的窗口需要它：请从微软官网下载安装“Microsoft Edge WebView2 运行时”（Evergreen 版），再启动讲稿台。$\r$\n命令行工具 lectern.exe 不需要它。" /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\lectern.exe"
  Delete "$INSTDIR\说明.txt"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"

  !insertmacro ForgetOpenWith ".txt"
  !insertmacro ForgetOpenWith ".md"
  !insertmacro ForgetOpenWith ".docx"
  !insertmacro ForgetOpenWith ".doc"
  !insertmacro ForgetOpenWith ".wps"
  !insertmacro ForgetOpenWith ".html"
  !insertmacro ForgetOpenWith ".htm"
  !insertmacro ForgetOpenWith ".pdf"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${APP_EXE}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The library (%APPDATA%\Lectern\data: library.db and its backups) is the
  ; user's work: it stays, and so does the font cache.
SectionEnd
