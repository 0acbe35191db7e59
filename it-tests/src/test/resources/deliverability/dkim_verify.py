# Independent DKIM check (Debian python3-dkim, dkimpy): verifies the message on stdin, looking up
# the public key over real DNS at the scripted DNS server 127.0.0.1:PORT (argv[1]).
# Prints "pass d=… s=…" and exits 0, or prints why not and exits 1.
import sys

import dkim
import dns.resolver

resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = int(sys.argv[1])


def txt(name, timeout=5):
    name = name.decode("ascii") if isinstance(name, bytes) else name
    try:
        answer = resolver.resolve(name, "TXT", lifetime=timeout)
    except Exception as e:
        sys.stderr.write("lookup of %s failed: %s\n" % (name, e))
        return None
    return b"".join(b"".join(r.strings) for r in answer)


message = sys.stdin.buffer.read()
verifier = dkim.DKIM(message)
try:
    ok = verifier.verify(dnsfunc=txt)
except dkim.DKIMException as e:
    print("fail: %s" % e)
    sys.exit(1)
if ok:
    print("pass d=%s s=%s" % (verifier.domain.decode(), verifier.selector.decode()))
    sys.exit(0)
print("fail")
sys.exit(1)
