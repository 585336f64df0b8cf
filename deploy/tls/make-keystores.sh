#!/usr/bin/env bash
# Keys and certificates for TLS between Gantry's nodes (pekko.remote.artery.transport = tls-tcp),
# made with the JDK's keytool, all PKCS12:
#
#   deploy/tls/make-keystores.sh DIR HOST [HOST ...]
#
#   DIR/ca.p12          the certificate authority's key: keep it off the nodes; it signs again
#                       when a machine is added (run this again with the longer host list)
#   DIR/ca.crt          the authority's certificate (PEM)
#   DIR/truststore.p12  the authority's certificate: a node trusts peers it signed
#   DIR/node.p12        one node key and certificate for every HOST, copied to each machine; its
#                       subject alternative names list every HOST (ip: for addresses, dns: for
#                       names), so hostname verification passes whichever node presents it
#   DIR/password        the password of all three stores (mode 600), unless GANTRY_TLS_PASSWORD
#                       gave it
#
# HOST is each address or name the nodes reach one another at: the coordinator's and workers'
# --host values.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: deploy/tls/make-keystores.sh DIR HOST [HOST ...]" >&2
  exit 2
fi
command -v keytool >/dev/null || { echo "make-keystores: keytool (from a JDK) is not on the PATH" >&2; exit 1; }

dir="$1"
shift
mkdir -p "$dir"
umask 077

if [ -n "${GANTRY_TLS_PASSWORD:-}" ]; then
  password="$GANTRY_TLS_PASSWORD"
elif [ -f "$dir/password" ]; then
  password="$(cat "$dir/password")"
else
  password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  printf '%s' "$password" >"$dir/password"
fi
# keytool reads the password from this variable, so it never shows in the process list
export GANTRY_TLS_STOREPASS="$password"
pass=(-storepass:env GANTRY_TLS_STOREPASS)

san=""
for host in "$@"; do
  if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then
    san+="${san:+,}ip:$host"
  else
    san+="${san:+,}dns:$host"
  fi
done

if [ ! -f "$dir/ca.p12" ]; then
  keytool -genkeypair -alias ca -keyalg RSA -keysize 3072 -validity 3650 \
    -dname "CN=Gantry cluster CA" -ext bc:c=ca:true -ext ku:c=keyCertSign,cRLSign \
    -storetype PKCS12 -keystore "$dir/ca.p12" "${pass[@]}"
  echo "made the certificate authority $dir/ca.p12"
fi
keytool -exportcert -rfc -alias ca -keystore "$dir/ca.p12" "${pass[@]}" -file "$dir/ca.crt" 2>/dev/null

rm -f "$dir/truststore.p12"
keytool -importcert -noprompt -alias gantry-ca -file "$dir/ca.crt" \
  -storetype PKCS12 -keystore "$dir/truststore.p12" "${pass[@]}" >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$dir/node.p12"
keytool -genkeypair -alias node -keyalg RSA -keysize 3072 -validity 825 -dname "CN=gantry-node" \
  -storetype PKCS12 -keystore "$dir/node.p12" "${pass[@]}"
keytool -certreq -alias node -keystore "$dir/node.p12" "${pass[@]}" -file "$work/node.csr"
# Both ends of a connection present this certificate (mutual authentication), so it serves as
# client and server.
keytool -gencert -rfc -alias ca -keystore "$dir/ca.p12" "${pass[@]}" -validity 825 \
  -infile "$work/node.csr" -outfile "$work/node.crt" \
  -ext "san=$san" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth
cat "$work/node.crt" "$dir/ca.crt" >"$work/chain.pem"
keytool -importcert -noprompt -alias node -file "$work/chain.pem" -keystore "$dir/node.p12" "${pass[@]}" >/dev/null

chmod 600 "$dir"/*.p12
chmod 644 "$dir/ca.crt"
cat <<EOF
made $dir/node.p12 for $san and $dir/truststore.p12
copy node.p12 and truststore.p12 to each machine (e.g. /etc/gantry/tls/), readable by the gantry user only,
and give the nodes GANTRY_TLS_DIR and GANTRY_TLS_PASSWORD (see deploy/tls/tls.conf).
EOF
if [ -z "${GANTRY_TLS_PASSWORD:-}" ]; then
  echo "the stores' password is in $dir/password"
fi
