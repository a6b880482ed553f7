; Inno Setup 6 script for the Windows installer of Empower Desktop.
;
; Built by `python packaging/build.py --installer`, which passes every {#...} value below with
; ISCC /D (name, version, paths: see inno_defines() in packaging/bundle_metadata.py), so the
; version is never typed in twice.
;
; Installs per user, without administrator rights, into %LOCALAPPDATA%\Programs\Empower Desktop
; (a person may choose "for all users" in the dialog, which then asks for rights). Adds a
; Start-menu entry, an optional desktop icon, and an uninstaller listed in Settings > Apps. The
; uninstaller removes the program only: the person's data in %LOCALAPPDATA%\empower-desktop and
; their passwords in Credential Manager stay.

#ifndef AppVersion
  #error Run this through packaging/build.py --installer (it defines AppVersion and the rest)
#endif

[Setup]
AppId={{#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputBaseName}
SetupIconFile={#SetupIcon}
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; PyInstaller's bundle may leave byte-code caches beside it; the person's data lives elsewhere.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
