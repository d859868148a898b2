#!/usr/bin/env bash
# Makes the class-data-sharing archive that starts Headlight's JVM with its classes already parsed and verified:
#   cds/make-archive.sh JAR   -> JAR's folder gets headlight.classlist and headlight.jsa
# A training run records the classes a start loads: the window until its first result (on a virtual display of
# its own, else on $DISPLAY, else skipped) and one `export --json`. The archive is then dumped from
# that list. The JVM accepts an archive only for the jar path it was dumped against (kept absolute here) and
# the very same jar; any other, or none, just starts without it. So every step may fail without failing the
# build: this script always exits 0. The .deb ships the list and its postinst dumps the archive where it installs.
set -uo pipefail

dump() { # JAVA JAR CLASSLIST ARCHIVE
    rm -f "$4"
    "$1" -Xshare:dump -XX:SharedClassListFile="$3" -XX:SharedArchiveFile="$4" -cp "$2" >/dev/null 2>&1 \
        || { rm -f "$4"; return 1; }
}

jar=$(realpath "$1")
dir=$(dirname "$jar")
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export DJL_OFFLINE=true XDG_CONFIG_HOME="$scratch/config"
props=(-Dheadlight.cache.dir="$scratch/cache" -Djava.util.prefs.userRoot="$scratch/prefs")
# The launcher's JIT options (pom.xml's jpackage call), so the training runs start as a user's does.
jit=(-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000
     -XX:Tier4BackEdgeThreshold=400000)

window=(timeout 180 "$java" -Xmx1g "${jit[@]}" "${props[@]}" -Dheadlight.startup.exit=true
        -XX:DumpLoadedClassList="$scratch/window.classlist" -jar "$jar")
# A virtual display of its own even where there is a real one, so a build never flashes a window on the desktop.
if command -v Xvfb >/dev/null; then
    # Xvfb itself rather than xvfb-run, which needs xauth (only recommended by the xvfb package); -displayfd
    # picks a free display and says which.
    Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$scratch/display" >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 50); do [[ -s $scratch/display ]] && break; sleep 0.1; done
    if [[ -s $scratch/display ]]; then
        DISPLAY=:$(head -1 "$scratch/display") "${window[@]}" >/dev/null 2>&1
    fi
    kill "$xvfb" 2>/dev/null
    wait "$xvfb" 2>/dev/null
elif [[ -n ${DISPLAY:-} ]]; then
    "${window[@]}" >/dev/null 2>&1
fi
[[ -s $scratch/window.classlist ]] || echo "cds: no display for the window's training run; the archive covers the CLI only" >&2

timeout 180 "$java" -Xmx1g "${jit[@]}" "${props[@]}" -XX:DumpLoadedClassList="$scratch/cli.classlist" -jar "$jar" export \
    --model all-MiniLM-L6-v2 --text "The keeper lit the lamp." --json "$scratch/out.json" >/dev/null 2>&1

# The lists name classes only (no ids), so their union in first-seen order is a valid list too.
cat "$scratch"/*.classlist 2>/dev/null | awk '!seen[$0]++' > "$dir/headlight.classlist"
if [[ $(grep -c '^io/headlight/' "$dir/headlight.classlist") -gt 0 ]] \
        && dump "$java" "$jar" "$dir/headlight.classlist" "$dir/headlight.jsa"; then
    echo "cds: $dir/headlight.jsa ($(grep -vc '^[#@]' "$dir/headlight.classlist") classes)"
else
    rm -f "$dir/headlight.jsa"
    echo "cds: no archive made; Headlight starts without one" >&2
fi
exit 0
