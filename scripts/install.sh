#!/usr/bin/env bash
# Builds stocktake in release mode and installs the binary, its man page and shell completions.
#
#   scripts/install.sh                  # into /usr/local (PREFIX)
#   PREFIX=$HOME/.local scripts/install.sh
#   DESTDIR=/tmp/pkg PREFIX=/usr scripts/install.sh   # staged, for packaging
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${PREFIX:-/usr/local}"
root="${DESTDIR:-}${PREFIX}"

echo "building stocktake (release)..."
swift build -c release --product stocktake
binary="$(swift build -c release --show-bin-path)/stocktake"

echo "generating the man page..."
swift package --allow-writing-to-package-directory generate-manual > /dev/null
manual=".build/plugins/GenerateManual/outputs/stocktake/stocktake.1"

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/stocktake"
# The generated page keeps the blank lines of the commands' help as they are, which mdoc warns about;
# each becomes a paragraph break. The configuration file's section goes before EXIT STATUS.
awk -v extra="docs/stocktake-configuration.mdoc" '
    /^\.Sh "EXIT STATUS"/ { while ((getline line < extra) > 0) print line }
    /^$/ { print ".Pp"; next }
    { print }
' "$manual" > "$manual.finished"
install -m 644 "$manual.finished" "$root/share/man/man1/stocktake.1"
"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/stocktake"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_stocktake"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/stocktake.fish"

echo "installed:"
echo "  $root/bin/stocktake"
echo "  $root/share/man/man1/stocktake.1                          (man stocktake)"
echo "  $root/share/bash-completion/completions/stocktake         (bash, with bash-completion)"
echo "  $root/share/zsh/site-functions/_stocktake                 (zsh: that folder must be in \$fpath)"
echo "  $root/share/fish/vendor_completions.d/stocktake.fish      (fish)"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "note: $PREFIX/bin is not on PATH; add it, e.g. export PATH=\"$PREFIX/bin:\$PATH\"" ;;
esac
