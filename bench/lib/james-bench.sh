# Shared by bench/relay-throughput and bench/queue-scale (sourced, not run).
# Needs: $root (the repository), $work (the run's work directory), say().

# free_port_base COUNT: prints the first of COUNT consecutive free ports, below the ephemeral
# range (32768+) where test suites and outgoing connections take ports; fails when none is found.
free_port_base() {
  local count="$1" used base ok p
  used=" $(ss -tanH | awk '{n = split($4, a, ":"); print a[n]}' | sort -un | tr '\n' ' ') "
  for _ in $(seq 1 50); do
    base=$(( 20000 + (RANDOM % 1200) * 10 ))
    ok=1
    for p in $(seq "$base" $((base + count - 1))); do
      [[ "$used" != *" $p "* ]] || { ok=0; break; }
    done
    [ "$ok" = 1 ] && { echo "$base"; return 0; }
  done
  return 1
}

# bench_conf_copy DIR FIRSTPORT: a copy of conf/ in DIR for a benchmark, never conf/ itself.
# Every <bind> on 127.0.0.1 and consecutive ports from FIRSTPORT (the port-25 listener first,
# webadmin after the last), <authorizedAddresses>127.0.0.0/8</authorizedAddresses> on the
# port-25 listener and SMTPIsAuthNetwork in the transport processor's relay-allowed matcher
# (smtp-source cannot AUTH), no per-IP connection limit (one load generator, one address).
bench_conf_copy() {
  local dir="$1" first="$2" f
  cp -r "$root/conf" "$dir"
  for f in smtpserver imapserver pop3server; do
    P=$first perl -pi -e 's{<bind>[^<]*</bind>}{"<bind>127.0.0.1:" . $ENV{P}++ . "</bind>"}ge' "$dir/$f.xml"
    first=$(( first + $(grep -c '<bind>' "$dir/$f.xml") ))
  done
  perl -pi -e "s{^port=.*}{port=$first}" "$dir/webadmin.properties"
  P=$2 perl -0pi -e 's{(<bind>127\.0\.0\.1:$ENV{P}</bind>)}{$1\n        <authorizedAddresses>127.0.0.0/8</authorizedAddresses>}' \
    "$dir/smtpserver.xml"
  perl -pi -e 's{<connectionLimitPerIP>\d+</connectionLimitPerIP>}{<connectionLimitPerIP>0</connectionLimitPerIP>}g' "$dir/smtpserver.xml"
  perl -0pi -e 's{(<matcher name="relay-allowed"[^>]*>)}{$1\n                <matcher match="SMTPIsAuthNetwork"/>}' \
    "$dir/mailetcontainer.xml"
  grep -q '<authorizedAddresses>' "$dir/smtpserver.xml" && grep -q 'SMTPIsAuthNetwork' "$dir/mailetcontainer.xml" \
    || { say "conf/ changed shape: cannot apply the bench relay tweaks"; return 1; }
}

# webadmin_port DIR: the webadmin port of a conf copy.
webadmin_port() {
  sed -n 's/^port=//p' "$1/webadmin.properties"
}

# wait_port NAME PORT [PID] [LOG]: waits up to 120 s for 127.0.0.1:PORT to accept connections;
# stops early when PID has died; on failure prints the first error of LOG and fails.
wait_port() {
  for _ in $(seq 1 1200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then break; fi
    sleep 0.1
  done
  say "$1 did not open 127.0.0.1:$2"
  [ -n "${4:-}" ] && [ -f "$4" ] && { grep -m1 -A5 ERROR "$4" || tail -20 "$4"; } >&2
  return 1
}
