#!/usr/bin/env bash
# Installs the centre's configuration, as pushed to the config folder, into
# compose-services; renders fence's settings with the OAuth client read
# from SSM through the instance's role; then, if the stack is running,
# restarts the services named. Safe to run again: each file is installed
# only when it differs, by a rename, its former version kept beside it.
#
# Usage: apply-config.sh --region REGION
#          --client-id-parameter NAME --client-secret-parameter NAME
#          [--restart SERVICE]... [--sync-users] [--recreate] [--remove FILE]...
#          [--compose-dir DIR] [--config-dir DIR] [--state-dir DIR]
set -euo pipefail

tools=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
compose_dir=/opt/gen3/compose-services
config_dir=/opt/gen3-poc/config
state_dir=/opt/gen3-poc/state
region=''
id_parameter=''
secret_parameter=''
restarts=()
removals=()
sync_users=no
recreate=no

while [ $# -gt 0 ]; do
  case $1 in
    --region) region=$2; shift 2 ;;
    --client-id-parameter) id_parameter=$2; shift 2 ;;
    --client-secret-parameter) secret_parameter=$2; shift 2 ;;
    --restart) restarts+=("$2"); shift 2 ;;
    --remove) removals+=("$2"); shift 2 ;;
    --sync-users) sync_users=yes; shift ;;
    --recreate) recreate=yes; shift ;;
    --compose-dir) compose_dir=$2; shift 2 ;;
    --config-dir) config_dir=$2; shift 2 ;;
    --state-dir) state_dir=$2; shift 2 ;;
    *) echo "apply-config.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

if [ -z "$region" ] || [ -z "$id_parameter" ] || [ -z "$secret_parameter" ]; then
  echo 'apply-config.sh: --region, --client-id-parameter and --client-secret-parameter are required' >&2
  exit 64
fi
if [ ! -d "$compose_dir/Secrets" ]; then
  echo "compose-services is not installed in $compose_dir: run the deploy command first" >&2
  exit 69
fi

# install_file SOURCE TARGET: a rename, only when the content differs.
install_file() {
  if [ -e "$2" ] && cmp -s "$1" "$2"; then
    echo "$2: already up to date"
    return
  fi
  cp "$1" "$2.gen3-poc-new"
  chmod 0644 "$2.gen3-poc-new"
  if [ -e "$2" ]; then cp -p "$2" "$2.previous"; fi
  mv -f "$2.gen3-poc-new" "$2"
  echo "$2: installed"
}

target_of() {
  case $1 in
    docker-compose.override.yml) echo "$compose_dir/$1" ;;
    *) echo "$compose_dir/Secrets/$1" ;;
  esac
}

for name in "${removals[@]}"; do
  if [ -f "$config_dir/$name" ]; then mv -f "$config_dir/$name" "$config_dir/$name.previous"; fi
  target=$(target_of "$name")
  if [ "$name" = docker-compose.override.yml ]; then
    if [ -f "$target" ]; then
      mv -f "$target" "$target.previous"
      echo "$target: removed, as the repository no longer has it"
    else
      echo "$target: already absent"
    fi
  else
    install_file "$compose_dir/templates/$name" "$target"
    echo "$target: back to upstream's, as the repository no longer has it"
  fi
done

for name in user.yaml gitops.json etlMapping.yaml docker-compose.override.yml; do
  if [ -f "$config_dir/$name" ]; then
    install_file "$config_dir/$name" "$(target_of "$name")"
  fi
done

# read_parameter NAME: its value, or nothing when it does not exist.
read_parameter() {
  local value errors
  errors=$(mktemp)
  if value=$(aws ssm get-parameter --region "$region" --name "$1" \
    --with-decryption --query Parameter.Value --output text 2>"$errors"); then
    rm -f "$errors"
    printf '%s' "$value"
  elif grep -q ParameterNotFound "$errors"; then
    rm -f "$errors"
  else
    cat "$errors" >&2
    rm -f "$errors"
    echo "could not read $1 from SSM: does the instance's role allow ssm:GetParameter on it?" >&2
    exit 1
  fi
}

base="$state_dir/fence-config.base.yaml"
if [ ! -f "$base" ]; then
  echo "$base is missing: run the deploy command to provision the instance" >&2
  exit 69
fi
client_id=$(read_parameter "$id_parameter")
client_secret=$(read_parameter "$secret_parameter")
if [ -z "$client_id" ] || [ -z "$client_secret" ]; then
  echo "warning: no OAuth client in $id_parameter and $secret_parameter: nobody can log in yet" >&2
fi
GEN3_POC_OAUTH_CLIENT_ID=$client_id GEN3_POC_OAUTH_CLIENT_SECRET=$client_secret \
  "$tools/render-fence-config.sh" "$base" "$config_dir/fence-config.yaml" \
  "$compose_dir/Secrets/fence-config.yaml"
unset client_id client_secret

cd "$compose_dir"
running=$(docker compose ps --services --status running 2>/dev/null || true)
if [ -z "$running" ]; then
  echo 'The stack is not running: the configuration takes effect when it starts'
  exit 0
fi

if [ "$recreate" = yes ]; then
  echo 'Bringing the stack up again with the new settings (docker compose up -d)'
  docker compose up -d
fi
if [ ${#restarts[@]} -gt 0 ]; then
  echo "Restarting ${restarts[*]}"
  docker compose restart "${restarts[@]}"
fi

if [ "$sync_users" = yes ]; then
  # fence syncs user.yaml as it starts and answers /_status only after.
  for attempt in $(seq 1 60); do
    if docker exec fence-service curl -sf http://localhost/_status >/dev/null 2>&1; then
      break
    fi
    if [ "$attempt" -eq 60 ]; then
      echo 'fence did not answer for 10 minutes after its restart: see docker logs fence-service' >&2
      exit 1
    fi
    sleep 10
  done
  echo 'Syncing user.yaml into arborist (fence-create sync)'
  docker exec fence-service fence-create sync --arborist http://arborist-service --yaml user.yaml
fi
