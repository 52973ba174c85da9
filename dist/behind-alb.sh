#!/usr/bin/env bash
# Adapts a compose-services clone to a load balancer that ends TLS and
# forwards plain HTTP to port 80: nginx listens on 80 only and keeps the
# browser's https in its own redirects, the guppy route is off until an ETL
# has built its index (nginx cannot start while guppy-service is missing),
# and peregrine and sheepdog know the public host name. Safe to run again:
# each change says whether it was made or already there, and a line
# "restart: SERVICE" names each container that must restart to see it.
#
# Usage: behind-alb.sh COMPOSE_DIR DOMAIN [STATE_DIR]
# The guppy route is on when STATE_DIR/guppy-enabled exists.
set -euo pipefail

compose_dir=$1
domain=$2
state_dir=${3:-/opt/gen3-poc/state}
nginx="$compose_dir/nginx.conf"
changed=no

fail() {
  echo "behind-alb.sh: $*" >&2
  exit 1
}

[ -f "$nginx" ] || fail "$nginx does not exist"

# Behind the load balancer, which speaks HTTP to port 80, an unconditional
# redirect to https loops forever; one that only answers requests whose
# X-Forwarded-Proto is http is fine. Checked before anything is changed.
# shellcheck disable=SC2016 # nginx's variables, not the shell's
if awk '
  /^[[:space:]]*#/ { next }
  /\$http_x_forwarded_proto/ { guarded = NR }
  /return[[:space:]]+30[18][[:space:]]+https:\/\/\$(host|server_name)\$request_uri/ {
    if (guarded < NR - 1) found = 1
  }
  END { exit !found }
' "$nginx"; then
  fail "$nginx redirects every request to https: behind the load balancer, which speaks HTTP to port 80, that loops; redirect only when \$http_x_forwarded_proto is http, or leave it to the load balancer"
fi

# TLS ends at the load balancer, which sends HTTP to port 80 only.
if grep -Eq '^[[:space:]]*listen 443 ssl;' "$nginx"; then
  sed -i -E 's/^([[:space:]]*)listen 443 ssl;/\1# listen 443 ssl;  # gen3-poc: TLS ends at the load balancer/' "$nginx"
  echo 'nginx: no longer listens on 443; TLS ends at the load balancer'
  changed=yes
elif grep -q 'gen3-poc: TLS ends at the load balancer' "$nginx"; then
  echo 'nginx: already listens on port 80 only'
else
  fail "$nginx has no 'listen 443 ssl;' line: it is not upstream's, so it was left alone"
fi

# nginx's own redirects would otherwise name http:// and port 80.
if grep -q 'absolute_redirect off;' "$nginx"; then
  echo 'nginx: redirects are already relative'
elif grep -Eq '^[[:space:]]*server_name[[:space:]]+revproxy-service;' "$nginx"; then
  sed -i -E '/^[[:space:]]*server_name[[:space:]]+revproxy-service;/a\        absolute_redirect off;  # gen3-poc: redirects keep the https the browser used' "$nginx"
  echo 'nginx: redirects are now relative, so they keep https'
  changed=yes
else
  fail "$nginx has no 'server_name revproxy-service;' line: it is not upstream's, so it was left alone"
fi

guppy_upstream='proxy_pass http://guppy-service/;'
guppy_off='return 503 "guppy is off until the ETL has run";  # gen3-poc: guppy off'
if [ -e "$state_dir/guppy-enabled" ]; then
  if grep -qF "$guppy_off" "$nginx"; then
    sed -i "\\|location /guppy/ {|,\\|}| s|$guppy_off|$guppy_upstream|" "$nginx"
    echo 'nginx: the guppy route is on again'
    changed=yes
  else
    echo 'nginx: the guppy route is already on'
  fi
elif grep -qF "$guppy_off" "$nginx"; then
  echo 'nginx: the guppy route is already off until the ETL has run'
elif grep -qF "$guppy_upstream" "$nginx"; then
  sed -i "\\|location /guppy/ {|,\\|}| s|$guppy_upstream|$guppy_off|" "$nginx"
  echo 'nginx: the guppy route is off until the ETL has run'
  changed=yes
else
  fail "$nginx has no guppy route: it is not upstream's, so it was left alone"
fi

if [ "$changed" = yes ]; then echo 'restart: revproxy-service'; fi

# peregrine and sheepdog build their OIDC issuer and URLs from "hostname".
python3 - "$compose_dir/Secrets" "$domain" <<'PY'
import json
import os
import sys

secrets, domain = sys.argv[1], sys.argv[2]
for name, service in (
    ("peregrine_creds.json", "peregrine-service"),
    ("sheepdog_creds.json", "sheepdog-service"),
):
    path = os.path.join(secrets, name)
    with open(path) as file:
        creds = json.load(file)
    if creds.get("hostname") == domain:
        print(f"{name}: hostname is already {domain}")
        continue
    creds["hostname"] = domain
    new = path + ".gen3-poc-new"
    with open(new, "w") as file:
        json.dump(creds, file, indent=2)
        file.write("\n")
    os.chmod(new, os.stat(path).st_mode & 0o777)
    os.replace(new, path)
    print(f"{name}: hostname set to {domain}")
    print(f"restart: {service}")
PY
