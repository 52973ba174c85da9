#!/usr/bin/env bash
# Renders fence's fence-config.yaml: upstream's settings as creds_setup.sh
# made them (BASE, with the instance's own ENCRYPTION_KEY), the centre's
# settings merged over them (OVERLAY, mappings merged key by key, anything
# else replaced), and the Google OAuth client from the environment
# (GEN3_POC_OAUTH_CLIENT_ID and GEN3_POC_OAUTH_CLIENT_SECRET), never from
# arguments or the log. TARGET is replaced by a rename, its former version
# kept as TARGET.previous, and only when the result differs.
#
# Usage: render-fence-config.sh BASE OVERLAY TARGET
set -euo pipefail

[ $# -eq 3 ] || {
  echo 'usage: render-fence-config.sh BASE OVERLAY TARGET' >&2
  exit 64
}

python3 - "$@" <<'PY'
import os
import sys

import yaml

base_path, overlay_path, target = sys.argv[1:4]


def merge(base, over):
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = merge(base.get(key), value)
        return merged
    return over


with open(base_path) as file:
    settings = yaml.safe_load(file) or {}
overlay = {}
if os.path.exists(overlay_path):
    with open(overlay_path) as file:
        overlay = yaml.safe_load(file) or {}
settings = merge(settings, overlay)

client_id = os.environ.get("GEN3_POC_OAUTH_CLIENT_ID", "")
client_secret = os.environ.get("GEN3_POC_OAUTH_CLIENT_SECRET", "")
with_client = bool(client_id and client_secret)
if with_client:
    providers = settings.setdefault("OPENID_CONNECT", {})
    google = providers.setdefault("google", {})
    google["client_id"] = client_id
    google["client_secret"] = client_secret

text = (
    "# Rendered by gen3-poc from upstream's settings, the centre's and the OAuth\n"
    "# client in SSM; push-config renders it again, so edit the repository.\n"
    + yaml.safe_dump(settings, default_flow_style=False, sort_keys=False)
)

what = (
    f"upstream's settings, {len(overlay)} of the centre's"
    + (" and the OAuth client from SSM" if with_client else ", without an OAuth client")
)
if os.path.exists(target):
    with open(target) as file:
        if file.read() == text:
            print(f"fence-config.yaml: already rendered from {what}")
            sys.exit(0)

new = target + ".gen3-poc-new"
with open(new, "w") as file:
    file.write(text)
if os.path.exists(target):
    os.chmod(new, os.stat(target).st_mode & 0o777)
    with open(target) as old, open(target + ".previous", "w") as previous:
        previous.write(old.read())
    os.chmod(target + ".previous", os.stat(target).st_mode & 0o777)
else:
    os.chmod(new, 0o644)
os.replace(new, target)
print(f"fence-config.yaml: rendered from {what}")
PY
