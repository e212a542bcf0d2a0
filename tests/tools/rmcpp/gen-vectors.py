#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Print RMCP+ known-answer vectors as a C header snippet.

An oracle independent of any C code in ipmi-lan: HMAC and MD5 come from
Python's hmac/hashlib, AES-CBC-128 from `openssl enc -nopad`. The formulas
follow IPMI v2.0 section 13.31-13.32 as implemented by ipmitool
(src/plugins/lanplus/lanplus_crypt.c) and FreeIPMI
(libfreeipmi/util/ipmi-rmcpplus-util.c):

  RAKP2 auth code = HMAC(Kuid, SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENm | UNAMEm)
  RAKP3 auth code = HMAC(Kuid, Rc | SIDm | ROLEm | ULENm | UNAMEm)
  SIK             = HMAC(K_G or Kuid, Rm | Rc | ROLEm | ULENm | UNAMEm)
  K1, K2          = HMAC(SIK, 20 x 01h), HMAC(SIK, 20 x 02h)  (20 bytes for every hash)
  RAKP4 ICV       = HMAC(SIK, Rm | SIDc | GUIDc), first 12 (SHA1) / 16 (MD5, SHA256) bytes

SIDm is the remote console's session id and SIDc the BMC's, both as the four
little-endian bytes on the wire. Kuid and K_G are zero-padded to 20 bytes.

Usage: gen-vectors.py > rakp_vectors.h
       gen-vectors.py hmac > hmac_vectors.h
       gen-vectors.py handshake > rakp_handshake_vectors.h
"""
import hashlib
import hmac
import subprocess
import sys

RM = bytes(range(0x10, 0x20))
RC = bytes(range(0x20, 0x30))
GUID = bytes(range(0xa0, 0xb0))
SIDM = (0xa0a2a3a4).to_bytes(4, "little")   # remote console session id
SIDC = (0x12345678).to_bytes(4, "little")   # BMC session id
ROLE = 0x14                                 # administrator, name-only lookup
UNAME = b"admin"
KUID = b"opensesame".ljust(20, b"\0")
KG = b"0123456789abcdefghij"

ALGS = [("sha1", hashlib.sha1, 12), ("md5", hashlib.md5, 16),
        ("sha256", hashlib.sha256, 16)]

out = []


def emit(name, data, comment=None):
    if comment:
        out.append("/* %s */" % comment)
    lines = []
    for i in range(0, len(data), 8):
        lines.append("\t" + " ".join("0x%02x," % b for b in data[i:i + 8]))
    out.append("static const u8 vec_%s[] = {\n%s\n};\n" % (name, "\n".join(lines)))


def mac(h, key, data):
    return hmac.new(key, data, h).digest()


def aes_cbc(key, iv, data):
    assert len(data) % 16 == 0
    r = subprocess.run(["openssl", "enc", "-aes-128-cbc", "-nopad", "-e",
                        "-K", key.hex(), "-iv", iv.hex()],
                       input=data, capture_output=True, check=True)
    assert len(r.stdout) == len(data)
    return r.stdout


def conf_payload(k2, iv, data):
    pad = (16 - (len(data) + 1) % 16) % 16
    plain = data + bytes(range(1, pad + 1)) + bytes([pad])
    return iv + aes_cbc(k2[:16], iv, plain)


def integ_packet():
    """Bytes covered by the trailer AuthCode: auth type .. next header."""
    payload = bytes(range(0x40, 0x60))
    pkt = bytes([0x06, 0xc0]) + SIDC + (1).to_bytes(4, "little") + \
        len(payload).to_bytes(2, "little") + payload
    pad = (4 - (len(pkt) + 2) % 4) % 4
    pkt += b"\xff" * pad + bytes([pad, 0x07])
    assert len(pkt) % 4 == 0
    return pkt


def main():
    out.append("/* SPDX-License-Identifier: GPL-2.0 */")
    out.append("/*\n"
               " * Known answers computed by tests/tools/rmcpp/gen-vectors.py (Python hmac,\n"
               " * hashlib and the openssl command), independently of this module; checked\n"
               " * in as test data. Regenerate with that script (output to stdout).\n"
               " */\n")
    emit("rm", RM, "inputs: remote console random Rm")
    emit("rc", RC, "BMC random Rc")
    emit("guid", GUID, "BMC GUID")
    emit("sidm", SIDM, "remote console session id 0xa0a2a3a4, wire order")
    emit("sidc", SIDC, "BMC session id 0x12345678, wire order")
    out.append("static const u8 vec_role = 0x%02x;\n" % ROLE)
    emit("uname", UNAME, "user name \"admin\"")
    emit("kuid", KUID, "Kuid: \"opensesame\" zero-padded to 20 bytes")
    emit("kg", KG, "K_G for the *_kg_* vectors")

    ulen = bytes([len(UNAME)])
    role = bytes([ROLE])
    keys = {}
    for name, h, icv_len in ALGS:
        rakp2 = mac(h, KUID, SIDM + SIDC + RM + RC + GUID + role + ulen + UNAME)
        rakp3 = mac(h, KUID, RC + SIDM + role + ulen + UNAME)
        emit(name + "_rakp2", rakp2, "%s: RAKP2 key exchange auth code" % name)
        emit(name + "_rakp3", rakp3, "%s: RAKP3 key exchange auth code" % name)
        for tag, key in (("", KUID), ("kg_", KG)):
            sik = mac(h, key, RM + RC + role + ulen + UNAME)
            k1 = mac(h, sik, b"\x01" * 20)
            k2 = mac(h, sik, b"\x02" * 20)
            icv = mac(h, sik, RM + SIDC + GUID)[:icv_len]
            what = "K_G" if tag else "Kuid"
            emit(name + "_" + tag + "sik", sik, "%s: SIK keyed with %s" % (name, what))
            emit(name + "_" + tag + "k1", k1)
            emit(name + "_" + tag + "k2", k2)
            emit(name + "_" + tag + "rakp4", icv, "%s: RAKP4 ICV" % name)
            if not tag:
                keys[name] = (k1, k2)

    pkt = integ_packet()
    emit("integ_packet", pkt, "integrity input: auth type .. next header")
    emit("integ_hmac_sha1_96", mac(hashlib.sha1, keys["sha1"][0], pkt)[:12],
         "HMAC-SHA1-96 with sha1 K1")
    emit("integ_hmac_md5_128", mac(hashlib.md5, keys["md5"][0], pkt)[:16],
         "HMAC-MD5-128 with md5 K1")
    emit("integ_md5_128", hashlib.md5(KUID + pkt + KUID).digest(),
         "MD5-128: MD5(Kuid | data | Kuid), Kuid zero-padded to 20")
    emit("integ_hmac_sha256_128", mac(hashlib.sha256, keys["sha256"][0], pkt)[:16],
         "HMAC-SHA256-128 with sha256 K1")

    iv = bytes(range(0x30, 0x40))
    plain7 = bytes([0x20, 0x18, 0xc8, 0x81, 0x04, 0x01, 0x7a])
    plain15 = bytes(range(0x50, 0x5f))
    emit("aes_iv", iv, "AES-CBC-128 IV")
    emit("aes_plain7", plain7, "Get Device ID request (pad 8)")
    emit("aes_sha1_conf7", conf_payload(keys["sha1"][1], iv, plain7),
         "IV | AES-CBC-128(sha1 K2[0..15], data | 01..08 | 08)")
    emit("aes_plain15", plain15, "15 bytes (pad 0)")
    emit("aes_sha256_conf15", conf_payload(keys["sha256"][1], iv, plain15),
         "IV | AES-CBC-128(sha256 K2[0..15], data | 00)")

    sys.stdout.write("\n".join(out) + "\n")


def hmac_sweep():
    """hmac.c across block boundaries: message byte i is 7i+3, key byte i
    is 40h+i; message j is keyed with the key length klens[j % 4]."""
    lens = [0, 1, 19, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 200]
    klens = [1, 20, 32, 64]
    out.append("/* SPDX-License-Identifier: GPL-2.0 */")
    out.append("/*\n"
               " * Known answers for hmac_kunit.c, computed by\n"
               " * tests/tools/rmcpp/gen-vectors.py hmac (Python hmac and hashlib),\n"
               " * independently of this module. Regenerate with that command.\n"
               " */\n")
    emit("hmac_lens", bytes(lens), "HMAC sweep: message lengths")
    emit("hmac_klens", bytes(klens), "HMAC sweep: key lengths, in turn")
    for name, h in (("sha1", hashlib.sha1), ("sha256", hashlib.sha256)):
        blob = b"".join(
            mac(h, bytes(0x40 + i for i in range(klens[j % len(klens)])),
                bytes((7 * i + 3) & 0xff for i in range(n)))
            for j, n in enumerate(lens))
        emit("hmac_" + name, blob, "HMAC-%s of each, digests end to end" %
             name.upper())
    sys.stdout.write("\n".join(out) + "\n")


def handshake():
    """Known answers for rakp_kunit.c: the login of "admin" with the inputs
    above through Open Session and RAKP 1-4 (SIDc and Rc are what the test
    makes the module draw), and what the session's keys compute once it is
    active: the integrity AuthCode of the packet (K1, or Kuid for MD5-128)
    and AES-CBC-128 of two blocks (K2). Every key exchange algorithm, with
    the SIK keyed by Kuid and by K_G."""
    out.append("/* SPDX-License-Identifier: GPL-2.0 */")
    out.append("/*\n"
               " * Known answers for rakp_kunit.c, computed by\n"
               " * tests/tools/rmcpp/gen-vectors.py handshake (Python hmac and hashlib,\n"
               " * and the openssl command), independently of this module. Regenerate\n"
               " * with that command.\n"
               " */\n")
    emit("hs_rm", RM, "inputs: remote console random Rm")
    emit("hs_rc", RC, "BMC random Rc")
    emit("hs_guid", GUID, "BMC GUID")
    emit("hs_sidm", SIDM, "remote console session id 0xa0a2a3a4, wire order")
    emit("hs_sidc", SIDC, "BMC session id 0x12345678, wire order")
    out.append("static const u8 vec_hs_role = 0x%02x;\n" % ROLE)
    emit("hs_uname", UNAME, "user name \"admin\"")
    emit("hs_password", KUID.rstrip(b"\0"), "its password; Kuid is it zero-padded to 20 bytes")
    emit("hs_kg", KG, "K_G of the channel, for the *_kg_* answers")

    pkt = integ_packet()
    iv = bytes(range(0x30, 0x40))
    plain = bytes(range(0x60, 0x80))
    emit("hs_packet", pkt, "integrity input: auth type .. next header")
    emit("hs_iv", iv, "AES-CBC-128 IV")
    emit("hs_plain", plain, "AES-CBC-128 input: two blocks, no pad")

    integ_names = {"sha1": "HMAC-SHA1-96", "md5": "HMAC-MD5-128",
                   "sha256": "HMAC-SHA256-128"}
    ulen = bytes([len(UNAME)])
    role = bytes([ROLE])
    for name, h, icv_len in ALGS:
        integ_len = 12 if name == "sha1" else 16
        rakp2 = mac(h, KUID, SIDM + SIDC + RM + RC + GUID + role + ulen + UNAME)
        rakp3 = mac(h, KUID, RC + SIDM + role + ulen + UNAME)
        emit("hs_" + name + "_rakp2", rakp2,
             "%s: RAKP2 key exchange auth code" % name)
        emit("hs_" + name + "_rakp3", rakp3,
             "%s: RAKP3 key exchange auth code" % name)
        for tag, key in (("", KUID), ("kg_", KG)):
            what = "K_G" if tag else "Kuid"
            sik = mac(h, key, RM + RC + role + ulen + UNAME)
            k1 = mac(h, sik, b"\x01" * 20)
            k2 = mac(h, sik, b"\x02" * 20)
            emit("hs_%s_%srakp4" % (name, tag),
                 mac(h, sik, RM + SIDC + GUID)[:icv_len],
                 "%s, SIK keyed with %s: RAKP4 ICV" % (name, what))
            emit("hs_%s_%sinteg" % (name, tag), mac(h, k1, pkt)[:integ_len],
                 "%s, SIK keyed with %s: %s of the packet with K1" %
                 (name, what, integ_names[name]))
            emit("hs_%s_%sconf" % (name, tag), aes_cbc(k2[:16], iv, plain),
                 "%s, SIK keyed with %s: AES-CBC-128 with K2[0..15]" %
                 (name, what))
    emit("hs_md5_128", hashlib.md5(KUID + pkt + KUID).digest(),
         "MD5-128 of the packet: MD5(Kuid | data | Kuid)")
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["hmac"]:
        hmac_sweep()
    elif sys.argv[1:] == ["handshake"]:
        handshake()
    else:
        main()
