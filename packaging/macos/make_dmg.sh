#!/usr/bin/env bash
# Wrap the .app in a compressed disk image with a shortcut to /Applications (drag to install).
#   bash packaging/macos/make_dmg.sh "dist/Empower Desktop.app" dist/empower-desktop-VERSION-macos.dmg
# When EMPOWER_CODESIGN_IDENTITY names a "Developer ID Application" certificate in the keychain,
# the image is signed too; notarise it afterwards (see packaging/README.md).
set -euo pipefail
app=${1:?usage: make_dmg.sh APP.app OUT.dmg}
out=${2:?usage: make_dmg.sh APP.app OUT.dmg}
[ -d "$app" ] || { echo "no app bundle at $app" >&2; exit 1; }
name=$(basename "$app" .app)

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symlinks, extended attributes and signatures intact (cp -R may not).
ditto "$app" "$staging/$name.app"
ln -s /Applications "$staging/Applications"

rm -f "$out"
hdiutil create -volname "$name" -srcfolder "$staging" -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$out"
if [ -n "${EMPOWER_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --sign "$EMPOWER_CODESIGN_IDENTITY" --timestamp "$out"
fi
hdiutil verify "$out"
echo "wrote $out"
