#!/usr/bin/env bash
# Installs Gen3 compose-services on Amazon Linux 2023 and runs it behind the
# load balancer: Docker and its compose plugin, Elasticsearch's kernel
# setting, what creds_setup.sh needs, the pinned clone and its credentials,
# the settings for plain HTTP behind TLS, the centre's configuration, and a
# systemd unit that brings the stack up at boot. Each step checks first and
# says what it did or that it was already done, so running it again is safe.
#
# Usage: provision.sh --domain DOMAIN --ref COMMIT --region REGION
#          --client-id-parameter NAME --client-secret-parameter NAME
#          [--restart SERVICE]... [--sync-users] [--recreate] [--remove FILE]...
set -euo pipefail
# GEN3_POC_ROOT is never set on the instance; it lets the tests run the
# script inside a folder of their own.
root=${GEN3_POC_ROOT:-}
export PATH="$root/usr/local/bin:$PATH"

tools=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
compose_dir=$root/opt/gen3/compose-services
config_dir=$root/opt/gen3-poc/config
state_dir=$root/opt/gen3-poc/state
unit=gen3-compose.service
repository=https://github.com/uc-cdis/compose-services.git
# Amazon Linux 2023 does not package the compose plugin (amazonlinux/amazon-linux-2023#186).
compose_version=v2.29.7

domain=''
ref=''
apply_args=()
while [ $# -gt 0 ]; do
  case $1 in
    --domain) domain=$2; shift 2 ;;
    --ref) ref=$2; shift 2 ;;
    --region | --client-id-parameter | --client-secret-parameter | --restart | --remove)
      apply_args+=("$1" "$2")
      shift 2
      ;;
    --sync-users | --recreate) apply_args+=("$1"); shift ;;
    *) echo "provision.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done
if [ -z "$domain" ] || ! [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
  echo 'usage: provision.sh --domain DOMAIN --ref COMMIT --region REGION --client-id-parameter NAME --client-secret-parameter NAME' >&2
  exit 64
fi

started=$SECONDS
step() { printf '\n== %s (%s s)\n' "$1" "$((SECONDS - started))"; }

step 'Packages'
missing=()
for package in docker git openssl python3 python3-pyyaml tar gzip; do
  rpm -q "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  dnf install -y -q "${missing[@]}"
  echo "installed ${missing[*]}"
else
  echo 'docker, git, openssl, python3 and PyYAML are already installed'
fi
# creds_setup.sh runs a bare `python`: without one it leaves fence's
# ENCRYPTION_KEY empty and says nothing.
if command -v python >/dev/null; then
  echo "python is already there: $(command -v python)"
else
  mkdir -p "$root/usr/local/bin"
  ln -s "$(command -v python3)" "$root/usr/local/bin/python"
  echo 'python now runs python3'
fi

step 'Docker'
if systemctl is-enabled --quiet docker && systemctl is-active --quiet docker; then
  echo 'docker is already enabled and running'
else
  systemctl enable --now --quiet docker
  echo 'docker is enabled at boot and running'
fi
if docker compose version >/dev/null 2>&1; then
  echo "the compose plugin is already installed: $(docker compose version --short)"
else
  case $(uname -m) in
    x86_64) arch=x86_64 ;;
    aarch64) arch=aarch64 ;;
    *) echo "no compose plugin is built for $(uname -m)" >&2; exit 1 ;;
  esac
  url="https://github.com/docker/compose/releases/download/$compose_version/docker-compose-linux-$arch"
  download=$(mktemp -d)
  curl -fsSL --retry 5 -o "$download/docker-compose" "$url"
  curl -fsSL --retry 5 -o "$download/docker-compose.sha256" "$url.sha256"
  printf '%s  %s\n' "$(cut -d' ' -f1 "$download/docker-compose.sha256")" \
    "$download/docker-compose" | sha256sum -c --quiet
  install -D -m 0755 "$download/docker-compose" "$root/usr/local/lib/docker/cli-plugins/docker-compose"
  rm -rf "$download"
  echo "installed the compose plugin $compose_version, its SHA-256 checked"
fi

step 'Kernel setting for Elasticsearch'
# Elasticsearch exits unless vm.max_map_count is at least 262144 (compose-services docs/setup.md).
sysctl_file=$root/etc/sysctl.d/99-gen3-elasticsearch.conf
wanted='vm.max_map_count = 262144'
if [ "$(cat "$sysctl_file" 2>/dev/null)" = "$wanted" ]; then
  echo "$sysctl_file already keeps vm.max_map_count across reboots"
else
  printf '%s\n' "$wanted" >"$sysctl_file"
  echo "wrote $sysctl_file, which keeps vm.max_map_count across reboots"
fi
if [ "$(sysctl -n vm.max_map_count)" -ge 262144 ]; then
  echo "vm.max_map_count is already $(sysctl -n vm.max_map_count)"
else
  sysctl -q -w vm.max_map_count=262144
  echo 'vm.max_map_count is now 262144'
fi

step "compose-services at $ref"
if [ -d "$compose_dir/.git" ]; then
  echo "$compose_dir is already a clone"
else
  mkdir -p "$(dirname "$compose_dir")"
  git clone --quiet "$repository" "$compose_dir"
  echo "cloned $repository into $compose_dir"
fi
cd "$compose_dir"
was_running=$({ docker compose ps --services --status running 2>/dev/null || true; } | wc -l)
current=$(git rev-parse HEAD)
if [ "$current" = "$ref" ]; then
  echo "already at $ref"
else
  if ! git cat-file -e "$ref^{commit}" 2>/dev/null; then
    git fetch --quiet origin "$ref" 2>/dev/null || git fetch --quiet origin
  fi
  # Our nginx.conf changes are applied again below.
  git checkout --quiet --force --detach "$ref"
  echo "checked out $ref (was $current)"
  apply_args+=(--recreate)
fi

step 'Credentials (creds_setup.sh)'
if [ -f Secrets/fence-config.yaml ] && ! grep -q "^ENCRYPTION_KEY: ''" Secrets/fence-config.yaml; then
  echo 'Secrets/ already holds the keys and certificates for fence and nginx'
else
  bash ./creds_setup.sh "$domain"
  echo "ran creds_setup.sh for $domain"
fi
if grep -q "^ENCRYPTION_KEY: ''" Secrets/fence-config.yaml; then
  echo 'creds_setup.sh left ENCRYPTION_KEY empty in Secrets/fence-config.yaml' >&2
  exit 1
fi
mkdir -p "$state_dir"
chmod 0700 "$state_dir"
base="$state_dir/fence-config.base.yaml"
if [ -f "$base" ]; then
  echo "upstream's fence settings are already kept in $base"
else
  install -m 0600 Secrets/fence-config.yaml "$base"
  echo "kept upstream's fence settings in $base, to render fence-config.yaml from"
fi

step 'Settings for running behind the load balancer'
alb_output=$("$tools/behind-alb.sh" "$compose_dir" "$domain" "$state_dir")
printf '%s\n' "$alb_output"
while read -r service; do
  apply_args+=(--restart "$service")
done < <(printf '%s\n' "$alb_output" | sed -n 's/^restart: //p')

step "The centre's configuration"
"$tools/apply-config.sh" --compose-dir "$compose_dir" --config-dir "$config_dir" \
  --state-dir "$state_dir" "${apply_args[@]}"

step "The $unit unit"
unit_file="$root/etc/systemd/system/$unit"
unit_text="[Unit]
Description=Gen3 compose-services, installed by gen3-poc
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
WorkingDirectory=$compose_dir
# spark-service formats HDFS at every start and loops when its old container
# is reused (compose-services docs/dev_tips.md).
ExecStartPre=-/usr/bin/docker rm -f spark-service
ExecStart=/usr/bin/docker compose up -d
ExecStop=/usr/bin/docker compose stop
# Pulling every image the first time takes a while.
TimeoutStartSec=0

[Install]
WantedBy=multi-user.target"
if [ "$(cat "$unit_file" 2>/dev/null)" = "$unit_text" ]; then
  echo "$unit_file is already installed"
else
  printf '%s\n' "$unit_text" >"$unit_file"
  systemctl daemon-reload
  echo "installed $unit_file"
fi
if systemctl is-enabled --quiet "$unit"; then
  echo "$unit already brings the stack up at boot"
else
  systemctl enable --quiet "$unit"
  echo "$unit now brings the stack up at boot"
fi

step 'Starting the stack'
if [ "$was_running" -gt 0 ]; then
  # A service that exited (say, out of memory) stays down until the next boot
  # unless started here; the running ones are left as they are.
  stopped=$({ docker compose ps --services --status exited 2>/dev/null || true; } | tr '\n' ' ')
  stopped=${stopped% }
  if [ -z "$stopped" ]; then
    echo "the stack was already running ($was_running services); changed services were restarted above"
  else
    # As the unit does: spark-service loops when its old container is reused.
    case " $stopped " in *' spark-service '*) docker rm -f spark-service >/dev/null ;; esac
    # shellcheck disable=SC2086 # one word a service
    docker compose up -d --no-recreate $stopped
    echo "the stack was already running ($was_running services); started the ones that had stopped: $stopped"
  fi
else
  docker compose pull --quiet
  echo 'pulled the images'
  if systemctl is-active --quiet "$unit"; then
    systemctl restart "$unit"
  else
    systemctl start "$unit"
  fi
  echo "started $unit"
fi
docker compose ps --format 'table {{.Service}}\t{{.Status}}'
step 'Done'
