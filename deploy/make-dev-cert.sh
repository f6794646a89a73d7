#!/bin/sh
# Creates a throwaway self-signed certificate and key for a trial of the server over HTTPS.
# Usage: deploy/make-dev-cert.sh FOLDER [HOSTNAME]
# The pair is for trials only: browsers will warn, and it expires after 30 days. The folder must be
# outside the repository or ignored by it (data/ is), so a key is never committed.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 FOLDER [HOSTNAME]" >&2
  exit 2
fi
folder=$1
host=${2:-localhost}
names="DNS:localhost,IP:127.0.0.1"
if [ "$host" != localhost ]; then names="DNS:$host,$names"; fi

created=no
if [ ! -d "$folder" ]; then
  mkdir -p "$folder"
  created=yes
fi
if git -C "$folder" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
   && ! git -C "$folder" check-ignore -q "$(cd "$folder" && pwd)/key.pem"; then
  echo "refusing to write a private key into a folder the repository tracks: $folder" >&2
  echo "use a folder outside the repository, or data/ which is ignored" >&2
  if [ "$created" = yes ]; then rmdir "$folder"; fi
  exit 1
fi

umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 30 \
  -subj "/CN=$host" \
  -addext "subjectAltName=$names" \
  -keyout "$folder/key.pem" -out "$folder/cert.pem" 2>/dev/null

echo "wrote $folder/cert.pem and $folder/key.pem (self-signed for $host, 30 days)"
echo "start the server with: --tls-cert $folder/cert.pem --tls-key $folder/key.pem"
