#!/usr/bin/env bash
# Installs the built .deb, runs its launcher's CLI with no network at all and checks what it wrote, then
# removes the package again (also when a check fails).
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
debs=(target/headlight_*.deb)
if ((${#debs[@]} != 1)); then
    echo "smoke: expected exactly one .deb under target/, found ${#debs[@]}" >&2
    exit 1
fi
size=$(stat -c %s "${debs[0]}")
echo "smoke: ${debs[0]} is $((size / 1024 / 1024)) MB"
if ((size > 300 * 1024 * 1024)); then
    echo "smoke: the .deb is over its 300 MB budget" >&2
    exit 1
fi

cleanup() { dpkg -r headlight >/dev/null 2>&1 || true; }
trap cleanup EXIT
apt-get install -y -qq "./${debs[0]}" >/dev/null
dpkg -s headlight | grep -q '^Depends:.*libgtk-3-0' || { echo "smoke: Depends lacks libgtk-3-0" >&2; exit 1; }
dpkg -s headlight | grep -q '^Recommends: fonts-noto-cjk' || { echo "smoke: Recommends lacks fonts-noto-cjk" >&2; exit 1; }
test -x /opt/headlight/bin/headlight
test -x /usr/bin/headlight && grep -q 'MALLOC_ARENA_MAX' /usr/bin/headlight \
    || { echo "smoke: /usr/bin/headlight does not set MALLOC_ARENA_MAX" >&2; exit 1; }

out=$(mktemp -d)
unpacked() { find /tmp -maxdepth 1 -name 'onnxruntime-java*' | wc -l; }
before=$(unpacked)
unshare -n /opt/headlight/bin/headlight models
unshare -n /opt/headlight/bin/headlight export --model all-MiniLM-L6-v2 \
    --text "The keeper lit the lamp before the storm." --json "$out/en.json"
unshare -n /opt/headlight/bin/headlight export --model bge-small-zh-v1.5 --text "我 喜欢 北京 天安门" --json "$out/zh.json"
# The installed app loads ONNX Runtime's libraries from /opt/headlight; unpacked ones would leave a folder in /tmp.
if [[ $(unpacked) != "$before" ]]; then
    echo "smoke: ONNX Runtime unpacked its libraries under /tmp instead of loading the installed ones" >&2
    exit 1
fi
test -f /opt/headlight/lib/app/native/libonnxruntime.so
# -Xshare:on makes an unusable class-data-sharing archive an error instead of a silent slower start.
test -f /opt/headlight/lib/app/headlight.jsa || { echo "smoke: postinst made no class-data-sharing archive" >&2; exit 1; }
JAVA_TOOL_OPTIONS=-Xshare:on unshare -n /opt/headlight/bin/headlight models >/dev/null \
    || { echo "smoke: the launcher cannot use its class-data-sharing archive" >&2; exit 1; }

/usr/bin/python3 - "$out/en.json" 6 12 "$out/zh.json" 4 8 <<'PY'
import json, sys
args = sys.argv[1:]
for path, layers, heads in zip(args[0::3], args[1::3], args[2::3]):
    d = json.load(open(path, encoding="utf-8"))
    keys = ["model", "inputs", "tokens", "input_ids", "token_type_ids", "layers", "heads", "attentions"]
    assert list(d) == keys, f"{path}: keys {list(d)}"
    assert d["inputs"] == {"input_ids": "int64", "attention_mask": "int64", "token_type_ids": "int64"}, \
        f"{path}: inputs {d['inputs']}"
    t = len(d["tokens"])
    assert d["layers"] == int(layers) and d["heads"] == int(heads), f"{path}: {d['layers']} x {d['heads']}"
    a = d["attentions"]
    assert len(a) == int(layers) and all(len(l) == int(heads) for l in a), f"{path}: wrong shape"
    for l in a:
        for h in l:
            assert len(h) == t and all(len(row) == t for row in h), f"{path}: head is not {t} x {t}"
            for row in h:
                assert abs(sum(row) - 1) < 1e-4, f"{path}: a row sums to {sum(row)}"
    print(f"smoke: {path}: {d['model']} {layers} x {heads} x {t} x {t}, every row sums to 1")
PY
echo "smoke: 1 passed, 0 failed"
