#!/usr/bin/env bash
# Builds one image per service from deploy/Dockerfile, tagged with the service's version.
#   deploy/build-images.sh                       # every service, as shop/<service>:<version>
#   IMAGE_PREFIX=registry.example.com/shop deploy/build-images.sh users orders
#   PUSH=1 IMAGE_PREFIX=registry.example.com/shop deploy/build-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${IMAGE_PREFIX:-shop}
if [ "$#" -gt 0 ]; then services=("$@"); else services=(users products orders gateway payments-sandbox); fi
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)

for service in "${services[@]}"; do
  [ -f "services/$service/package.json" ] || { echo "no such service: $service" >&2; exit 1; }
  version=$(node -p "require('./services/$service/package.json').version")
  image="$prefix/$service:$version"
  echo "==> $image"
  docker build -f deploy/Dockerfile \
    --build-arg "SERVICE=$service" \
    --build-arg "VERSION=$version" \
    --build-arg "REVISION=$revision" \
    --build-arg "CREATED=$created" \
    -t "$image" .
  if [ "${PUSH:-0}" = 1 ]; then docker push "$image"; fi
done
