#!/usr/bin/env bash
# Builds the installable workbench with jpackage: an application image in client-fx/target/package/token-workbench
# (its own Java runtime, the icon, a launcher named token-workbench), and a .deb beside it when dpkg-deb and
# fakeroot are installed. `mvn -Ppackage package` runs it after building the jar; usage: jpackage.sh VERSION
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
source "$ROOT/bin/lib/java.sh"
twb_find_java
JPACKAGE="$(dirname "$JAVA")/jpackage"
VERSION="${1:-0.1.0}"
VERSION="${VERSION%%-*}"            # jpackage wants numbers only: 0.1.0-SNAPSHOT becomes 0.1.0
TARGET="$ROOT/client-fx/target"
INPUT="$TARGET/package-input"
OUT="$TARGET/package"
twb_require_built "$TARGET/client-fx.jar"

rm -rf "$INPUT" "$OUT"
mkdir -p "$INPUT" "$OUT"
cp "$TARGET/client-fx.jar" "$INPUT/"
cp -r "$TARGET/libs" "$TARGET/javafx" "$INPUT/"

# $APPDIR is jpackage's name for the installed app folder: JavaFX loads from there as named modules.
COMMON=(--name token-workbench --app-version "$VERSION" --vendor "Token Workbench"
        --description "A workbench for bearer tokens: identities, inspector, request console, access matrix"
        --input "$INPUT" --main-jar client-fx.jar --main-class io.tokenworkbench.client.Main
        --icon "$ROOT/client-fx/src/main/resources/io/tokenworkbench/client/app/token-workbench.png"
        --java-options '--module-path=$APPDIR/javafx' --java-options '--add-modules=javafx.controls'
        --java-options '--enable-native-access=javafx.graphics,ALL-UNNAMED')

"$JPACKAGE" --type app-image --dest "$OUT" "${COMMON[@]}"
echo "Application image: $OUT/token-workbench (start it with $OUT/token-workbench/bin/token-workbench)"

if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    "$JPACKAGE" --type deb --dest "$OUT" "${COMMON[@]}" --linux-shortcut --linux-menu-group Development \
        --linux-app-category devel --resource-dir "$HERE/deb"
    echo "Debian package: $(ls "$OUT"/*.deb)"
else
    echo "No .deb: jpackage needs dpkg-deb and fakeroot for one (apt-get install dpkg-dev fakeroot)"
fi
