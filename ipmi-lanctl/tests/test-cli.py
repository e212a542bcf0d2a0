#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of ipmi-lanctl that need no kernel module.

Usage: test-cli.py PATH/ipmi-lanctl TESTDIR

TESTDIR holds ipmi-lanctl-mock (the same objects linked with
tests/mock-sock.c, a mock of the kernel side; see its header comment for
the directives) and print-test (print.c on its own).

The real binary is used for what needs no kernel: help, usage errors
(which must fail before any netlink traffic) and, if the module is not
loaded here, the "family not found" path.
"""

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import unittest

REAL = MOCK = PRINT_TEST = None

NOT_LOADED = ('ipmi-lanctl: the ipmi_lan module is not loaded '
              '(generic netlink family "ipmi_lan" not found)\n')

# JSON keys; the text output has '-' for '_'.
DROPS = ['truncated', 'oversize', 'rmcp_header', 'asf', 'session_header',
         'msg_header', 'checksum', 'unknown_session', 'not_allowed', 'nomem',
         'tx_error', 'ratelimited', 'window', 'integrity', 'pad', 'downgrade',
         'state', 'busy', 'source', 'crypto']

DEFAULT_SERVER = {'enabled': True, 'listening': True, 'port': 623,
                  'addresses': ['0.0.0.0', '::'], 'smi_if_num': None}
DEFAULT_STATS = {'rx_packets': 0, 'rx_bytes': 0, 'tx_packets': 0,
                 'tx_bytes': 0, 'drops': {d: 0 for d in DROPS}}


class Result:
    def __init__(self, proc, log):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.log = log

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return (f'rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}'
                f'\nlog:\n{self.log}')


def run(binary, *args, spec=None, input=None):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LC_ALL='C')
        env['IPMI_LANCTL_MOCK_LOG'] = os.path.join(tmp, 'log')
        if spec is not None:
            env['IPMI_LANCTL_MOCK'] = os.path.join(tmp, 'spec')
            with open(env['IPMI_LANCTL_MOCK'], 'w') as f:
                f.write(spec + '\n')
        proc = subprocess.run([binary, *args], env=env, capture_output=True,
                              encoding='utf-8', errors='surrogateescape',
                              timeout=10, input=input,
                              stdin=subprocess.DEVNULL if input is None
                              else None)
        try:
            with open(env['IPMI_LANCTL_MOCK_LOG']) as f:
                log = f.read()
        except FileNotFoundError:
            log = ''
    return Result(proc, log)


def mock(*args, spec=None, input=None):
    return run(MOCK, *args, spec=spec, input=input)


class Case(unittest.TestCase):
    def ok(self, r, out=None):
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.err, '', r)
        if out is not None:
            self.assertEqual(r.out, out, r)

    def fails(self, r, rc, *messages):
        self.assertEqual(r.rc, rc, r)
        self.assertEqual(r.out, '', r)
        self.assertTrue(r.err.startswith('ipmi-lanctl: '), r)
        for m in messages:
            self.assertIn(m, r.err, r)


class Help(Case):
    def test_help(self):
        for args in (['help'], ['-h'], ['--help']):
            r = run(REAL, *args)
            self.ok(r)
            self.assertTrue(r.out.startswith('Usage: ipmi-lanctl '), r)
            self.assertIn('server set', r.out)
            self.assertIn('stats', r.out)

    def test_object_help(self):
        for args in (['server', 'help'], ['server', 'set', 'help'],
                     ['server', 'show', 'help'], ['set', 'help'],
                     ['set', 'port', '1', 'help']):
            r = run(REAL, *args)
            self.ok(r)
            self.assertTrue(r.out.startswith('Usage: ipmi-lanctl server'), r)
        for args in (['stats', 'help'], ['stats', 'show', 'help']):
            r = run(REAL, *args)
            self.ok(r, 'Usage: ipmi-lanctl stats { show | help }\n')

    def test_version(self):
        for args in (['-V'], ['--version']):
            r = run(REAL, *args)
            self.ok(r)
            self.assertRegex(r.out, r'^ipmi-lanctl \S+ \(netlink family '
                             r'"ipmi_lan" version 1\)\n$')


class Usage(Case):
    BAD = [
        (['foo'], 'unknown object "foo"'),
        (['serv'], 'unknown object "serv"'),          # no prefix matching
        (['server', 'sh'], 'unknown server command "sh"'),
        (['server', 'delete'], 'unknown server command'),
        (['stats', 'reset'], 'unknown stats command "reset"'),
        (['show', 'x'], 'unexpected argument "x"'),
        (['server', 'show', 'x'], 'unexpected argument "x"'),
        (['stats', 'show', '-j'], 'unexpected argument "-j"'),
        (['-x'], 'unknown option "-x"'),
        (['--bogus'], 'unknown option "--bogus"'),
        (['server', 'set'], 'nothing to set'),
        (['set'], 'nothing to set'),
        (['set', 'port'], 'port: missing value'),
        (['set', 'enabled'], 'enabled: missing value'),
        (['set', 'address'], 'address: missing value'),
        (['set', 'port', '1', 'enabled'], 'enabled: missing value'),
        (['set', 'prot', '1'], 'unknown setting "prot"'),
        (['set', 'Port', '1'], 'unknown setting "Port"'),
        (['set', 'port', '0'], 'port "0"'),
        (['set', 'port', '65536'], 'port "65536"'),
        (['set', 'port', '-1'], 'port "-1"'),
        (['set', 'port', '+1'], 'port "+1"'),
        (['set', 'port', ' 1'], 'port " 1"'),
        (['set', 'port', '1x'], 'port "1x"'),
        (['set', 'port', '0x10'], 'port "0x10"'),
        (['set', 'port', ''], 'port ""'),
        (['set', 'port', '99999999999999999999'], 'port'),
        (['set', 'port', '1', 'port', '2'], 'port given twice'),
        (['set', 'enabled', 'yes'], 'expected on or off'),
        (['set', 'enabled', 'ON'], 'expected on or off'),
        (['set', 'enabled', 'on', 'enabled', 'off'], 'enabled given twice'),
        (['set', 'address', '1.2.3'], 'not an IPv4 or IPv6 address'),
        (['set', 'address', '1.2.3.256'], 'not an IPv4 or IPv6 address'),
        (['set', 'address', 'localhost'], 'not an IPv4 or IPv6 address'),
        (['set', 'address', 'fe80::1%eth0'], 'not an IPv4 or IPv6 address'),
        (['set', 'address', 'ANY'], 'not an IPv4 or IPv6 address'),
        (['set', 'address', '1.2.3.4', 'address', '5.6.7.8'],
         'more than one IPv4 address'),
        (['set', 'address', '::1', 'address', '2001:db8::1'],
         'more than one IPv6 address'),
        (['set', 'address', 'any', 'address', '::'],
         'more than one IPv6 address'),
        (['set', 'address', '1.2.3.4', 'address', 'any'],
         'more than one IPv4 address'),
        (['set', 'address', 'any', 'address', 'any'], 'more than one'),
        (['set', 'address', '1.2.3.4', 'address', '::', 'address', '::1'],
         'more than one IPv6 address'),
    ]

    def test_usage_errors(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                self.fails(run(REAL, *args), 1, msg)
                # And nothing reaches the (mock) kernel, not even GETFAMILY.
                r = mock(*args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '', r)

    def test_server_prefix_words(self):
        # "server set" keyword checks also go through the shortcut.
        self.fails(run(REAL, 'server', 'set', 'port', 'x'), 1, 'port "x"')


@unittest.skipIf(os.path.exists('/sys/module/ipmi_lan'),
                 'the ipmi_lan module is loaded here')
class NotLoaded(Case):
    def test_family_missing(self):
        for args in ([], ['show'], ['-j'], ['-p', 'show'], ['server'],
                     ['-j', 'server', 'show'], ['stats', 'show'],
                     ['server', 'set', 'port', '700'],
                     ['set', 'enabled', 'on'], ['monitor'],
                     ['-j', 'monitor']):
            with self.subTest(args=args):
                r = run(REAL, *args)
                self.assertEqual((r.rc, r.out, r.err), (2, '', NOT_LOADED))

    def test_family_missing_mock(self):
        r = mock('-j', spec='family missing')
        self.assertEqual((r.rc, r.out, r.err), (2, '', NOT_LOADED))
        self.assertEqual(r.log, 'GETFAMILY\n')


class Show(Case):
    TEXT_SERVER = ('server: enabled, listening\n'
                   '  port: 623\n'
                   '  address: 0.0.0.0\n'
                   '  address: ::\n'
                   '  smi none\n')
    TEXT_STATS = ('rx-packets 0\nrx-bytes 0\ntx-packets 0\ntx-bytes 0\n'
                  'drops:\n' +
                  ''.join(f'  {d.replace("_", "-")} 0\n' for d in DROPS))

    def test_server_text(self):
        for args in (['server', 'show'], ['server']):
            self.ok(mock(*args), self.TEXT_SERVER)

    def test_server_json(self):
        for args in (['-j', 'server', 'show'], ['--json', 'server']):
            r = mock(*args)
            self.ok(r, '{"enabled":true,"listening":true,"port":623,'
                    '"addresses":["0.0.0.0","::"],"smi_if_num":null}\n')
            self.assertEqual(r.log, 'GETFAMILY\nget_server\n')

    def test_server_variants(self):
        spec = 'server enabled 0 listening 0 port 6230 v6 2001:0db8:0::0001'
        self.ok(mock('server', spec=spec),
                'server: disabled, not listening\n'
                '  port: 6230\n'
                '  address: 2001:db8::1\n'
                '  smi none\n')
        self.assertEqual(mock('-j', 'server', spec=spec).json(),
                         {'enabled': False, 'listening': False, 'port': 6230,
                          'addresses': ['2001:db8::1'], 'smi_if_num': None})
        spec = 'server enabled 1 listening 0 port 1 v4 192.0.2.1'
        self.assertEqual(mock('-j', 'server', spec=spec).json(),
                         {'enabled': True, 'listening': False, 'port': 1,
                          'addresses': ['192.0.2.1'], 'smi_if_num': None})
        # No listen nest: an empty list, the shape stays the same.
        spec = 'server enabled 1 listening 1 port 65535'
        self.assertEqual(mock('-j', 'server', spec=spec).json()['addresses'],
                         [])
        # Unknown attributes from a newer kernel are ignored.
        spec = ('server enabled 1 listening 1 port 623 v4 0.0.0.0 '
                'attr 99 01020304')
        self.assertEqual(mock('-j', 'server', spec=spec).json(),
                         dict(DEFAULT_SERVER, addresses=['0.0.0.0']))

    def test_server_malformed(self):
        for spec in ('server enabled 1 port 623',          # no LISTENING
                     'server listening 1 port 623',        # no ENABLED
                     'server enabled 1 listening 1',       # no PORT
                     'server enabled 1 listening 1 port 623 v4raw 010203',
                     'noreply get_server'):
            with self.subTest(spec=spec):
                self.fails(mock('-j', 'server', spec=spec), 2,
                           'server show: malformed reply')

    def test_stats_text(self):
        for args in (['stats', 'show'], ['stats']):
            self.ok(mock(*args), self.TEXT_STATS)

    def test_stats_json(self):
        r = mock('-j', 'stats')
        self.ok(r)
        self.assertEqual(r.json(), DEFAULT_STATS)
        self.assertEqual(list(r.json()['drops']), DROPS)   # enum order
        self.assertEqual(r.log, 'GETFAMILY\nget_stats\n')

    def test_stats_values(self):
        spec = ('stats rx_packets 1 pad rx_bytes 2 tx_packets 3 '
                'tx_bytes 18446744073709551615 drop 42 7 pad drop 3 4 '
                'drop 0 9 drop 10 1 drop 3 5 drop 20 8 drop 17 6 drop 19 3')
        want = dict(DEFAULT_STATS, rx_packets=1, rx_bytes=2, tx_packets=3,
                    tx_bytes=2**64 - 1)
        want['drops'] = dict(DEFAULT_STATS['drops'], truncated=9, asf=5)
        want['drops']['tx_error'] = 1
        want['drops']['busy'] = 6
        want['drops']['crypto'] = 3
        want['drops']['drop_20'] = 8
        want['drops']['drop_42'] = 7
        r = mock('-j', 'stats', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), want)
        self.assertEqual(list(r.json()['drops'])[-2:], ['drop_20', 'drop_42'])
        r = mock('stats', spec=spec)
        self.ok(r)
        self.assertIn('tx-bytes 18446744073709551615\n', r.out)
        self.assertIn('drops:\n  truncated 9\n  oversize 0\n', r.out)
        self.assertIn('  tx-error 1\n  ratelimited 0\n', r.out)
        self.assertTrue(r.out.endswith('  busy 6\n  source 0\n  crypto 3\n'
                                       '  drop-20 8\n  drop-42 7\n'), r)

    def test_stats_malformed(self):
        base = 'stats rx_packets 1 rx_bytes 2 tx_packets 3 tx_bytes 4'
        for spec in (base + ' drop32 1 1',              # 4-byte counter
                     'stats rx_packets 1 rx_bytes 2 tx_packets 3',
                     'stats attr 1 0102',                # short counter
                     'noreply get_stats'):
            with self.subTest(spec=spec):
                self.fails(mock('-j', 'stats', spec=spec), 2,
                           'stats show: malformed reply')

    def test_show(self):
        for args in ([], ['show']):
            self.ok(mock(*args), self.TEXT_SERVER + self.TEXT_STATS)
        for args in (['-j'], ['-j', 'show']):
            r = mock(*args)
            self.ok(r)
            self.assertEqual(r.json(), {'server': DEFAULT_SERVER,
                                        'stats': DEFAULT_STATS})
            self.assertEqual(r.out.count('\n'), 1)
            self.assertEqual(r.log, 'GETFAMILY\nget_server\nget_stats\n')

    def test_pretty(self):
        for args in (['-p'], ['--pretty', 'show'], ['-j', '-p'], ['-jp']):
            r = mock(*args)
            self.ok(r)
            self.assertEqual(r.json(), {'server': DEFAULT_SERVER,
                                        'stats': DEFAULT_STATS})
            self.assertTrue(r.out.startswith('{\n    "server": {\n'
                                             '        "enabled": true,\n'), r)
            self.assertTrue(r.out.endswith('\n    }\n}\n'), r)

    def test_show_partial_failure(self):
        # Everything is fetched before anything is printed.
        r = mock('-j', spec='error get_stats 1')
        self.fails(r, 2, 'stats show: Operation not permitted')
        r = mock(spec='silent get_stats')
        self.fails(r, 2, 'stats show: no answer from the kernel')


class Set(Case):
    GOOD = [
        (['port', '700'], 'set_server port=700/2'),
        (['port', '1'], 'set_server port=1/2'),
        (['port', '65535'], 'set_server port=65535/2'),
        (['port', '0623'], 'set_server port=623/2'),
        (['enabled', 'on'], 'set_server enabled=1/1'),
        (['enabled', 'off'], 'set_server enabled=0/1'),
        (['address', 'any'], 'set_server listen{ v4=0.0.0.0 v6=:: }'),
        (['address', '192.0.2.1'], 'set_server listen{ v4=192.0.2.1 }'),
        (['address', '2001:db8::1'], 'set_server listen{ v6=2001:db8::1 }'),
        (['address', '::', 'address', '0.0.0.0'],
         'set_server listen{ v4=0.0.0.0 v6=:: }'),
        # Which addresses are usable is the kernel's call, not ours.
        (['address', '::ffff:192.0.2.1'],
         'set_server listen{ v6=::ffff:192.0.2.1 }'),
        (['address', 'fe80::1'], 'set_server listen{ v6=fe80::1 }'),
        (['address', '224.0.0.1'], 'set_server listen{ v4=224.0.0.1 }'),
        (['address', '2001:db8::1', 'port', '624', 'enabled', 'on',
          'address', '192.0.2.1'],
         'set_server enabled=1/1 port=624/2 '
         'listen{ v4=192.0.2.1 v6=2001:db8::1 }'),
    ]

    def test_set(self):
        for args, log in self.GOOD:
            for prefix in (['server', 'set'], ['set'], ['-j', 'set']):
                with self.subTest(args=prefix + args):
                    r = mock(*prefix, *args)
                    self.ok(r, '')
                    self.assertEqual(r.log, 'GETFAMILY\n' + log + '\n')

    def test_kernel_error_extack(self):
        r = mock('set', 'port', '700',
                 spec='error set_server 98 port 700 is in use')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: port 700 is in use\n'
                   'ipmi-lanctl: server set: Address already in use\n'))

    def test_kernel_error_extack_capped(self):
        r = mock('set', 'address', '192.0.2.1',
                 spec='error set_server 99 capped address not local')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: address not local\n'
                   'ipmi-lanctl: server set: '
                   'Cannot assign requested address\n'))

    def test_kernel_refuses_address(self):
        msg = ('multicast, link-local and v4-mapped addresses cannot be '
               'listened on')
        r = mock('set', 'address', 'fe80::1', spec=f'error set_server 22 {msg}')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', f'ipmi-lanctl: kernel reports: {msg}\n'
                   'ipmi-lanctl: server set: Invalid argument\n'))

    def test_kernel_error_eperm(self):
        for args in (['set', 'enabled', 'on'], ['server'], ['stats'],
                     ['-j']):
            cmd = {'set': 'set_server', 'server': 'get_server'}.get(
                args[0], 'get_stats' if args[0] == 'stats' else 'get_server')
            with self.subTest(args=args):
                r = mock(*args, spec=f'error {cmd} 1')
                self.assertEqual(r.rc, 2, r)
                self.assertEqual(r.out, '', r)
                self.assertRegex(r.err, r'^ipmi-lanctl: [a-z ]+: '
                                 r'Operation not permitted\n$')

    def test_kernel_warning(self):
        r = mock('set', 'port', '700', spec='warning set_server be careful')
        self.assertEqual((r.rc, r.out, r.err),
                         (0, '', 'ipmi-lanctl: kernel warning: be careful\n'))

    def test_no_answer(self):
        r = mock('set', 'port', '700', spec='silent set_server')
        self.fails(r, 2, 'server set: no answer from the kernel')


IDENTITY = ('device_id 32 device_revision 1 fw_major 1 fw_minor 5 '
            'manufacturer 65535 product 258 aux_fw 0xdeadbeef '
            'guid 0123456789abcdef00112233445566ff')
IDENTITY_JSON = {'device_id': 32, 'device_revision': 1, 'firmware': '1.05',
                 'manufacturer': 65535, 'product': 258,
                 'aux_firmware': 0xdeadbeef,
                 'guid': '01234567-89ab-cdef-0011-2233445566ff'}


class Identity(Case):
    # The listen tokens come last: the mock puts what follows in the nest.
    SPEC = 'server enabled 1 port 623 listening 1 ' + IDENTITY + ' v4 0.0.0.0'

    def test_show(self):
        self.ok(mock('server', spec=self.SPEC),
                'server: enabled, listening\n'
                '  port: 623\n'
                '  address: 0.0.0.0\n'
                '  device-id: 32\n'
                '  device-revision: 1\n'
                '  firmware: 1.05\n'
                '  manufacturer: 65535\n'
                '  product: 258\n'
                '  aux-firmware: 0xdeadbeef\n'
                '  guid: 01234567-89ab-cdef-0011-2233445566ff\n'
                '  smi none\n')
        r = mock('-j', 'server', spec=self.SPEC)
        self.ok(r)
        self.assertEqual(r.json(), dict(DEFAULT_SERVER, addresses=['0.0.0.0'],
                                        **IDENTITY_JSON))
        self.assertEqual(list(r.json())[-8:-1], list(IDENTITY_JSON))
        r = mock('-j', spec=self.SPEC)
        self.assertEqual(r.json()['server']['firmware'], '1.05')

    def test_show_firmware(self):
        for major, minor, text in ((0, 0, '0.00'), (127, 99, '127.99'),
                                   (2, 10, '2.10')):
            spec = (f'server enabled 1 port 623 listening 1 '
                    f'fw_major {major} fw_minor {minor}')
            self.assertEqual(mock('-j', 'server', spec=spec).json()
                             ['firmware'], text)

    def test_show_bad_guid(self):
        spec = 'server enabled 1 port 623 listening 1 guid 0011'
        self.fails(mock('server', spec=spec), 2, 'malformed reply')

    GOOD = [
        (['device-id', '0x20'], 'device_id=32/1'),
        (['device-id', '255'], 'device_id=255/1'),
        (['device-revision', '15'], 'device_revision=15/1'),
        (['firmware', '1.05'], 'fw_major=1/1 fw_minor=5/1'),
        (['firmware', '127.99'], 'fw_major=127/1 fw_minor=99/1'),
        (['firmware', '0.00'], 'fw_major=0/1 fw_minor=0/1'),
        (['manufacturer', '0xfffff'], 'manufacturer=1048575/4'),
        (['manufacturer', '343'], 'manufacturer=343/4'),
        (['product', '0xffff'], 'product=65535/2'),
        (['aux-firmware', '0xDEADBEEF'], 'aux_fw=3735928559/4'),
        (['aux-firmware', '4294967295'], 'aux_fw=4294967295/4'),
        (['guid', '01234567-89AB-cdef-0011-2233445566ff'],
         'guid=0123456789abcdef00112233445566ff/16'),
        (['port', '700', 'guid', '00000000-0000-0000-0000-000000000000',
          'device-id', '1'],
         'port=700/2 device_id=1/1 guid=00000000000000000000000000000000/16'),
    ]

    def test_set(self):
        for args, log in self.GOOD:
            for prefix in (['server', 'set'], ['set']):
                with self.subTest(args=prefix + args):
                    r = mock(*prefix, *args)
                    self.ok(r, '')
                    self.assertEqual(r.log, f'GETFAMILY\nset_server {log}\n')

    def test_guid_round_trip(self):
        text = 'a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90'
        r = mock('set', 'guid', text)
        hexguid = r.log.split('guid=')[1].split('/')[0]
        spec = f'server enabled 1 port 623 listening 1 guid {hexguid}'
        self.assertEqual(mock('-j', 'server', spec=spec).json()['guid'], text)

    BAD = [
        (['device-id', '256'], 'device-id "256"'),
        (['device-id', '-1'], 'device-id "-1"'),
        (['device-id', '0x'], 'device-id "0x"'),
        (['device-revision', '16'], 'device-revision "16"'),
        (['firmware', '1.5'], 'firmware "1.5"'),
        (['firmware', '1.100'], 'firmware "1.100"'),
        (['firmware', '128.00'], 'firmware "128.00"'),
        (['firmware', '1'], 'firmware "1"'),
        (['firmware', '.05'], 'firmware ".05"'),
        (['firmware', '1.0a'], 'firmware "1.0a"'),
        (['firmware', '1,05'], 'firmware "1,05"'),
        (['firmware', '+1.05'], 'firmware "+1.05"'),
        (['manufacturer', '0x100000'], 'manufacturer "0x100000"'),
        (['product', '65536'], 'product "65536"'),
        (['aux-firmware', '0x100000000'], 'aux-firmware "0x100000000"'),
        (['guid', '0123456789abcdef0011223344556677'], 'guid'),
        (['guid', '01234567-89ab-cdef-0011-2233445566'], 'guid'),
        (['guid', '01234567-89ab-cdef-0011-2233445566fg'], 'guid'),
        (['guid', '{01234567-89ab-cdef-0011-2233445566ff}'], 'guid'),
        (['guid', '0123456-789ab-cdef-0011-2233445566ff'], 'guid'),
        (['device-id', '1', 'device-id', '2'], 'device-id given twice'),
        (['firmware', '1.00', 'firmware', '1.00'], 'firmware given twice'),
        (['guid'], 'guid: missing value'),
        (['Device-id', '1'], 'unknown setting "Device-id"'),
        (['fw', '1.00'], 'unknown setting "fw"'),
    ]

    def test_usage_errors(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                r = mock('set', *args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '', r)


def user_spec(uid, name, haspw=1, enabled=1, priv=4, ipmi=1, linkauth=0,
              locked=0, sol=1, bridge=None):
    spec = (f'user id {uid} name {name} haspw {haspw} enabled {enabled} '
            f'priv {priv} ipmi {ipmi} linkauth {linkauth} locked {locked}')
    if sol is not None:
        spec += f' sol {sol}'
    return spec if bridge is None else f'{spec} bridge {bridge}'


def user_json(uid, name, haspw=True, enabled=True, priv='administrator',
              ipmi=True, linkauth=False, locked=False, sol=True, bridge=None):
    u = {'id': uid, 'name': name, 'enabled': enabled, 'privilege': priv,
         'ipmi_messaging': ipmi, 'link_auth': linkauth}
    if sol is not None:
        u['sol'] = sol
    if bridge is not None:
        u['bridge'] = bridge
    u.update({'has_password': haspw, 'locked': locked})
    return u


class User(Case):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def file(self, content):
        path = os.path.join(self.tmp.name, 'pw')
        with open(path, 'wb') as f:
            f.write(content)
        return path

    def test_add_stdin(self):
        r = mock('user', 'add', '3', 'name', 'alice', 'password-stdin',
                 'privilege', 'admin', 'enabled', 'on', input='secret\n')
        self.ok(r, '')
        self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=3/1 '
                         'name="alice"/6 password=736563726574/6 '
                         'enabled=1/1 privilege=4/1 flags=0x1/4 }\n')

    def test_add_minimal(self):
        r = mock('user', 'add', '63', 'name', '~!x')
        self.ok(r, '')
        self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=63/1 '
                         'name="~!x"/4 flags=0x1/4 }\n')

    def test_add_all(self):
        r = mock('user', 'add', '2', 'link-auth', 'on', 'ipmi', 'off',
                 'privilege', 'no-access', 'name', 'a' * 16, 'enabled', 'off',
                 'sol', 'off', 'password-file', self.file(b'pw'))
        self.ok(r, '')
        self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=2/1 '
                         f'name="{"a" * 16}"/17 password=7077/2 enabled=0/1 '
                         'privilege=15/1 ipmi_msg=0/1 link_auth=1/1 sol=0/1 '
                         'flags=0x1/4 }\n')

    def test_sol(self):
        # Only when given: user add without it leaves the kernel's default.
        for args, attr, flags in ((['add', '5', 'name', 'c', 'sol', 'on'],
                                   'name="c"/2 sol=1/1', 1),
                                  (['set', '5', 'sol', 'off'], 'sol=0/1', 2),
                                  (['set', '5', 'sol', 'on'], 'sol=1/1', 2)):
            with self.subTest(args=args):
                r = mock('user', *args)
                self.ok(r, '')
                self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=5/1 '
                                 f'{attr} flags=0x{flags}/4 }}\n')

    def test_bridge(self):
        # Only when given: user add without it leaves the kernel's default.
        for args, attr, flags in (
                (['add', '5', 'name', 'c', 'bridge', 'embedded'],
                 'name="c"/2 bridge_embedded=1/1', 1),
                (['set', '5', 'bridge', 'separate'], 'bridge_embedded=0/1', 2),
                (['set', '5', 'bridge', 'embedded', 'sol', 'off'],
                 'sol=0/1 bridge_embedded=1/1', 2),
                (['set', '5', 'bridge', 'channel'], 'bridge_embedded=2/1', 2),
                (['add', '5', 'name', 'c', 'bridge', 'channel'],
                 'name="c"/2 bridge_embedded=2/1', 1)):
            with self.subTest(args=args):
                r = mock('user', *args)
                self.ok(r, '')
                self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=5/1 '
                                 f'{attr} flags=0x{flags}/4 }}\n')

    def test_show_bridge(self):
        # The user's own setting, channel included; a newer kernel's
        # unknown value by number.
        for value, word in ((0, 'separate'), (1, 'embedded'), (2, 'channel'),
                            (9, '9')):
            spec = user_spec(3, 'alice', bridge=value)
            self.ok(mock('user', 'show', '3', spec=spec),
                    'user 3: alice\n  enabled yes\n  privilege administrator\n'
                    '  ipmi-messaging yes\n  link-auth no\n  sol yes\n'
                    f'  bridge {word}\n  password set\n  locked no\n')
            r = mock('-j', 'user', spec=spec)
            self.ok(r)
            self.assertEqual(r.json(), [user_json(3, 'alice', bridge=word)])
            self.assertEqual(list(r.json()[0]),
                             list(user_json(3, 'alice', bridge=word)))
        # A kernel before bridged targets: no line, no key.
        r = mock('-j', 'user', spec=user_spec(3, 'alice'))
        self.assertNotIn('bridge', r.json()[0])
        self.assertNotIn('bridge', mock('user', spec=user_spec(3, 'a')).out)

    PASSWORDS = [
        (b'secret', '736563726574'),
        (b'secret\n', '736563726574'),
        (b'secret\r\n', '736563726574'),
        (b'a\n\n', '610a'),                     # only one newline goes
        (b'a\r', '610d'),
        (b' \x00\xff\n', '2000ff'),             # any bytes
        (b'x' * 20, '78' * 20),
        (b'x' * 20 + b'\n', '78' * 20),
        (b'x' * 20 + b'\r\n', '78' * 20),
    ]

    def test_passwords(self):
        for content, hexpw in self.PASSWORDS:
            with self.subTest(content=content):
                path = self.file(content)
                for args, stdin in ((['password-file', path], None),
                                    (['password-file', '-'], content),
                                    (['password-stdin'], content)):
                    r = run(MOCK, 'user', 'set', '4', *args,
                            input=stdin.decode('utf-8', 'surrogateescape')
                            if stdin else None)
                    self.ok(r, '')
                    self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=4/1 '
                                     f'password={hexpw}/{len(hexpw) // 2} '
                                     'flags=0x2/4 }\n')

    BAD_PASSWORDS = [b'', b'\n', b'\r\n', b'x' * 21, b'x' * 21 + b'\n',
                     b'x' * 20 + b'\n\n', b'x' * 100, b'x' * 20 + b'\r\r\n']

    def test_bad_passwords(self):
        for content in self.BAD_PASSWORDS:
            with self.subTest(content=content):
                path = self.file(content)
                r = mock('user', 'add', '3', 'name', 'a', 'password-file',
                         path)
                self.fails(r, 1, 'user add: password must be 1 to 20 bytes')
                self.assertEqual(r.log, '', r)
                r = mock('user', 'set', '3', 'password-stdin',
                         input=content.decode('utf-8', 'surrogateescape'))
                self.fails(r, 1, 'user set: password must be 1 to 20 bytes')
                self.assertEqual(r.log, '', r)

    def test_password_file_missing(self):
        r = mock('user', 'set', '3', 'password-file',
                 os.path.join(self.tmp.name, 'nope'))
        self.fails(r, 1, 'cannot open', 'No such file or directory')
        self.assertEqual(r.log, '')

    def test_set(self):
        r = mock('user', 'set', '3', 'unlock')
        self.ok(r, '')
        self.assertEqual(r.log,
                         'GETFAMILY\nset_user user{ id=3/1 flags=0x6/4 }\n')
        r = mock('user', 'set', '3', 'name', 'bob', 'privilege', 'operator',
                 'unlock', 'enabled', 'on')
        self.ok(r, '')
        self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=3/1 '
                         'name="bob"/4 enabled=1/1 privilege=3/1 '
                         'flags=0x6/4 }\n')
        for word, level in (('callback', 1), ('user', 2), ('operator', 3),
                            ('administrator', 4), ('admin', 4), ('oem', 5),
                            ('no-access', 15)):
            r = mock('user', 'set', '9', 'privilege', word)
            self.assertEqual(r.log, 'GETFAMILY\nset_user user{ id=9/1 '
                             f'privilege={level}/1 flags=0x2/4 }}\n')

    def test_del(self):
        r = mock('user', 'del', '5')
        self.ok(r, '')
        self.assertEqual(r.log, 'GETFAMILY\ndel_user user{ id=5/1 }\n')

    def test_kernel_errors(self):
        r = mock('user', 'add', '3', 'name', 'alice',
                 spec='error set_user 17 user 3 exists')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: user 3 exists\n'
                   'ipmi-lanctl: user add: File exists\n'))
        r = mock('user', 'del', '5', spec='error del_user 2')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: user del: No such file or directory\n'))
        r = mock('user', 'set', '3', 'enabled', 'on',
                 spec='error set_user 22 capped a user needs a password '
                      'to be enabled')
        self.fails(r, 2, 'kernel reports: a user needs a password to be '
                   'enabled\n', 'user set: Invalid argument\n')

    def test_show_empty(self):
        for args in (['user'], ['user', 'show']):
            r = mock(*args)
            self.ok(r, '')
            self.assertEqual(r.log, 'GETFAMILY\nget_user dump\n')
            r = mock('-j', *args)
            self.ok(r, '[]\n')
            self.assertEqual(r.json(), [])

    def test_show_one_entry(self):
        spec = user_spec(3, 'alice', linkauth=0)
        self.ok(mock('user', spec=spec),
                'user 3: alice\n'
                '  enabled yes\n'
                '  privilege administrator\n'
                '  ipmi-messaging yes\n'
                '  link-auth no\n'
                '  sol yes\n'
                '  password set\n'
                '  locked no\n')
        r = mock('-j', 'user', 'show', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), [user_json(3, 'alice')])
        self.assertEqual(list(r.json()[0]), list(user_json(3, 'alice')))

    def test_show_many(self):
        spec = '\n'.join([user_spec(40, 'z', haspw=0, enabled=0, priv=15,
                                    ipmi=0, linkauth=1, locked=1, sol=0),
                          user_spec(7, 'q"\\', priv=7), 'users 30'])
        r = mock('-j', 'user', spec=spec)
        self.ok(r)
        want = [user_json(i, f'user{i}') for i in range(2, 32)]
        want.insert(5, user_json(7, 'q"\\', priv='7'))
        want.insert(len(want), user_json(40, 'z', haspw=False,
                                         enabled=False, priv='no-access',
                                         ipmi=False, linkauth=True,
                                         locked=True, sol=False))
        self.assertEqual(len(r.json()), 32)
        self.assertEqual([u['id'] for u in r.json()],
                         sorted(u['id'] for u in want))
        self.assertEqual(r.json()[5], want[5])
        self.assertEqual(r.json()[-1], want[-1])
        r = mock('user', spec=spec)
        self.ok(r)
        self.assertEqual(r.out.count('\nuser '), 31)
        self.assertTrue(r.out.endswith('user 40: z\n  enabled no\n'
                                       '  privilege no-access\n'
                                       '  ipmi-messaging no\n'
                                       '  link-auth yes\n'
                                       '  sol no\n'
                                       '  password none\n  locked yes\n'), r)
        r = mock('-p', 'user', spec='users 62')
        self.ok(r)
        self.assertEqual(len(r.json()), 62)

    def test_show_id(self):
        spec = '\n'.join([user_spec(3, 'alice'), user_spec(4, 'bob')])
        r = mock('-j', 'user', 'show', '4', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), user_json(4, 'bob'))
        self.assertEqual(r.log, 'GETFAMILY\nget_user user{ id=4/1 }\n')
        self.ok(mock('user', 'show', '3', spec=spec),
                'user 3: alice\n  enabled yes\n  privilege administrator\n'
                '  ipmi-messaging yes\n  link-auth no\n  sol yes\n'
                '  password set\n  locked no\n')

    def test_show_without_sol(self):
        # A kernel before SoL payload access: no line, no key.
        spec = user_spec(3, 'alice', sol=None)
        self.ok(mock('user', 'show', '3', spec=spec),
                'user 3: alice\n  enabled yes\n  privilege administrator\n'
                '  ipmi-messaging yes\n  link-auth no\n  password set\n'
                '  locked no\n')
        r = mock('-j', 'user', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), [user_json(3, 'alice', sol=None)])
        self.assertNotIn('sol', r.json()[0])
        r = mock('user', 'show', '5', spec=spec)
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: no user with this ID\n'
                   'ipmi-lanctl: user show: No such file or directory\n'))

    def test_show_malformed(self):
        for spec in ('user id 3 name a haspw 1 enabled 1 priv 4 ipmi 1 '
                     'linkauth 0',                        # no LOCKED
                     'user name a haspw 1 enabled 1 priv 4 ipmi 1 '
                     'linkauth 0 locked 0',               # no ID
                     user_spec(3, 'a' * 17),              # name too long
                     user_spec(3, 'a') + ' attr 2 6100ff',  # not NUL-ended
                     user_spec(3, 'a', sol=None) + ' attr 11'):  # empty SOL
            with self.subTest(spec=spec):
                self.fails(mock('-j', 'user', spec=spec), 2,
                           'user show: malformed reply')
        self.fails(mock('user', 'show', '3', spec='noreply get_user'), 2,
                   'user show: malformed reply')

    def test_show_unknown_attrs(self):
        spec = user_spec(3, 'a') + ' attr 99 01020304'
        self.assertEqual(mock('-j', 'user', spec=spec).json(),
                         [user_json(3, 'a')])

    def test_dump_interrupted(self):
        spec = user_spec(3, 'a') + '\ndumpintr get_user 1'
        r = mock('-j', 'user', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), [user_json(3, 'a')])
        self.assertEqual(r.log, 'GETFAMILY\n' + 'get_user dump\n' * 2)
        r = mock('-j', 'user', spec='users 5\ndumpintr get_user 2')
        self.ok(r)
        self.assertEqual(len(r.json()), 5)
        self.assertEqual(r.log, 'GETFAMILY\n' + 'get_user dump\n' * 3)
        r = mock('-j', 'user', spec='users 5\ndumpintr get_user 3')
        self.fails(r, 2, 'user show: the kernel\'s list kept changing')
        self.assertEqual(r.log, 'GETFAMILY\n' + 'get_user dump\n' * 3)

    def test_dump_errors(self):
        r = mock('user', spec='error get_user 1')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: user show: Operation not permitted\n'))
        r = mock('user', spec='users 3\ndoneerror get_user 12 out of memory')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: out of memory\n'
                   'ipmi-lanctl: user show: Cannot allocate memory\n'))
        r = mock('user', spec='users 3\ndoneerror get_user 5')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: user show: Input/output error\n'))
        r = mock('user', spec='silent get_user')
        self.fails(r, 2, 'user show: no answer from the kernel')

    BAD = [
        (['user', 'foo'], 'unknown user command "foo"'),
        (['user', 'list'], 'unknown user command "list"'),
        (['user', 'show', '1'], 'user ID "1": expected a number in 2..63'),
        (['user', 'show', '64'], 'user ID "64"'),
        (['user', 'show', '0x3'], 'user ID "0x3"'),
        (['user', 'show', '3', '4'], 'unexpected argument "4"'),
        (['user', 'add'], 'user add: missing user ID'),
        (['user', 'add', '3'], 'a new user needs a name'),
        (['user', 'add', 'alice'], 'user ID "alice"'),
        (['user', 'add', '3', 'name'], 'name: missing value'),
        (['user', 'add', '3', 'name', ''], 'name ""'),
        (['user', 'add', '3', 'name', 'a' * 17], 'expected 1 to 16'),
        (['user', 'add', '3', 'name', 'a b'], 'no spaces'),
        (['user', 'add', '3', 'name', 'a\tb'], 'no spaces'),
        (['user', 'add', '3', 'name', 'caf\u00e9'], 'printable ASCII'),
        (['user', 'add', '3', 'name', 'a', 'name', 'b'],
         'name given twice'),
        (['user', 'add', '3', 'name', 'a', 'unlock'],
         'unknown setting "unlock"'),
        (['user', 'add', '3', 'name', 'a', 'password', 'secret'],
         'unknown setting "password"'),
        (['user', 'set', '3', 'password', 'secret'],
         'unknown setting "password"'),
        (['user', 'add', '3', 'name', 'a', 'password-file'],
         'password-file: missing value'),
        (['user', 'add', '3', 'name', 'a', 'password-stdin',
          'password-file', '-'], 'password given twice'),
        (['user', 'add', '3', 'name', 'a', 'password-stdin',
          'password-stdin'], 'password given twice'),
        (['user', 'add', '3', 'name', 'a', 'privilege', 'root'],
         'privilege "root"'),
        (['user', 'add', '3', 'name', 'a', 'privilege', 'Admin'],
         'privilege "Admin"'),
        (['user', 'add', '3', 'name', 'a', 'privilege', '4'],
         'privilege "4"'),
        (['user', 'add', '3', 'name', 'a', 'enabled', 'yes'],
         'enabled "yes": expected on or off'),
        (['user', 'add', '3', 'name', 'a', 'ipmi', '1'], 'ipmi "1"'),
        (['user', 'add', '3', 'name', 'a', 'link-auth', 'of'],
         'link-auth "of"'),
        (['user', 'add', '3', 'name', 'a', 'sol', 'yes'],
         'sol "yes": expected on or off'),
        (['user', 'set', '3', 'sol'], 'sol: missing value'),
        (['user', 'set', '3', 'sol', 'off', 'sol', 'on'], 'sol given twice'),
        (['user', 'set', '3', 'SOL', 'off'], 'unknown setting "SOL"'),
        (['user', 'set', '3', 'bridge', 'on'],
         'user set: bridge "on": expected embedded, separate or channel'),
        (['user', 'add', '3', 'name', 'a', 'bridge', '2'],
         'user add: bridge "2": expected embedded, separate or channel'),
        (['user', 'set', '3', 'bridge', 'Embedded'], 'bridge "Embedded"'),
        (['user', 'set', '3', 'bridge', 'Channel'], 'bridge "Channel"'),
        (['user', 'set', '3', 'bridge', 'channel', 'bridge', 'channel'],
         'bridge given twice'),
        (['user', 'set', '3', 'bridge'], 'bridge: missing value'),
        (['user', 'set', '3', 'bridge', 'embedded', 'bridge', 'separate'],
         'bridge given twice'),
        (['user', 'add', '3', 'name', 'a', 'enabled', 'on', 'enabled', 'on'],
         'enabled given twice'),
        (['user', 'set', '3'], 'user set: nothing to set'),
        (['user', 'set', '3', 'unlock', 'unlock'], 'unlock given twice'),
        (['user', 'set'], 'user set: missing user ID'),
        (['user', 'del'], 'user del: missing user ID'),
        (['user', 'del', '3', '4'], 'unexpected argument "4"'),
        (['user', 'del', '99'], 'user ID "99"'),
    ]

    def test_usage_errors(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                r = mock(*args, input='secret\n')
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '', r)
                self.fails(run(REAL, *args, input='secret\n'), 1, msg)

    def test_help(self):
        for args in (['user', 'help'], ['user', 'show', 'help'],
                     ['user', 'add', 'help'], ['user', 'set', '3', 'help'],
                     ['user', 'add', '3', 'name', 'a', 'help'],
                     ['user', 'del', 'help']):
            with self.subTest(args=args):
                r = mock(*args)
                self.ok(r)
                self.assertTrue(r.out.startswith('Usage: ipmi-lanctl user'))
                self.assertEqual(r.log, '')


DEFAULT_CHANNEL = {
    'suites': [3, 17],
    'suite_privilege': {'1': 'user', '2': 'administrator',
                        '3': 'administrator', '6': 'user',
                        '7': 'administrator', '8': 'administrator',
                        '11': 'administrator', '12': 'administrator',
                        '15': 'user', '16': 'administrator',
                        '17': 'administrator'},
    'privilege': 'administrator', 'has_kg': False, 'session_timeout': 60,
    'max_sessions': 32, 'lockout_threshold': 0, 'lockout_reset': 60,
    'lockout_interval': 300, 'bridge': 'separate'}
DEFAULT_PRIVS = '0402040404040204040404040404040204040404'


class Channel(Case):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_show(self):
        for args in (['channel'], ['channel', 'show']):
            r = mock(*args)
            self.ok(r, 'channel 1 (lan)\n'
                    '  suites 3,17\n'
                    '  suite-privilege 3:administrator,17:administrator\n'
                    '  privilege administrator\n'
                    '  kg none\n'
                    '  session-timeout 60\n'
                    '  max-sessions 32\n'
                    '  lockout-threshold 0\n'
                    '  lockout-reset 60\n'
                    '  lockout-interval 300\n'
                    '  bridge separate\n')
            self.assertEqual(r.log, 'GETFAMILY\nget_channel\n')
        r = mock('-j', 'channel')
        self.ok(r)
        self.assertEqual(r.json(), DEFAULT_CHANNEL)
        self.assertEqual(list(r.json()), list(DEFAULT_CHANNEL))

    def test_show_values(self):
        spec = ('channel suites 0x399ce privs 0102030405010203040501020304050'
                '1090f0405 priv 5 haskg 1 timeout 3600 maxsess 63 '
                'lothresh 255 loreset 65535 lointerval 1 bridge 1')
        r = mock('channel', spec=spec)
        self.ok(r)
        self.assertIn('  suites 1,2,3,6,7,8,11,12,15,16,17\n', r.out)
        self.assertIn('  suite-privilege 1:user,2:operator,3:administrator,'
                      '6:user,7:operator,8:administrator,11:user,'
                      '12:operator,15:callback,16:9,17:no-access\n',
                      r.out)
        self.assertIn('  privilege oem\n  kg set\n  session-timeout 3600\n'
                      '  max-sessions 63\n  lockout-threshold 255\n'
                      '  lockout-reset 65535\n  lockout-interval 1\n'
                      '  bridge embedded\n', r.out)
        j = mock('-j', 'channel', spec=spec).json()
        self.assertEqual(j['bridge'], 'embedded')
        self.assertEqual(j['suites'], [1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17])
        self.assertEqual(j['suite_privilege']['16'], '9')
        self.assertEqual(j['suite_privilege']['17'], 'no-access')
        self.assertEqual(list(j['suite_privilege']),
                         list(DEFAULT_CHANNEL['suite_privilege']))
        self.assertTrue(j['has_kg'])
        spec = spec.replace('0x399ce', '0')
        r = mock('channel', spec=spec)
        self.assertIn('  suites none\n  suite-privilege none\n', r.out)
        self.assertEqual(mock('-j', 'channel', spec=spec).json()['suites'],
                         [])

    def test_show_bridge(self):
        full = ('channel suites 8 privs ' + DEFAULT_PRIVS + ' priv 4 '
                'haskg 0 timeout 60 maxsess 32 lothresh 0 loreset 60 '
                'lointerval 300')
        for value, word in ((0, 'separate'), (1, 'embedded'), (7, '7')):
            with self.subTest(value=value):
                spec = f'{full} bridge {value}'
                r = mock('channel', spec=spec)
                self.ok(r)
                self.assertTrue(r.out.endswith(
                    f'  lockout-interval 300\n  bridge {word}\n'), r.out)
                j = mock('-j', 'channel', spec=spec).json()
                self.assertEqual(j['bridge'], word)
                self.assertEqual(list(j), list(DEFAULT_CHANNEL))
        # A kernel before the channel's default: no line, no key.
        r = mock('channel', spec=full)
        self.ok(r)
        self.assertNotIn('bridge', r.out)
        self.assertNotIn('bridge', mock('-j', 'channel', spec=full).json())

    def test_show_malformed(self):
        full = ('channel suites 8 privs ' + DEFAULT_PRIVS + ' priv 4 '
                'haskg 0 timeout 60 maxsess 32 lothresh 0 loreset 60 '
                'lointerval 300')
        self.ok(mock('channel', spec=full))
        for spec in (full.replace(' lointerval 300', ''),
                     full.replace(' haskg 0', ''),
                     full.replace(DEFAULT_PRIVS, DEFAULT_PRIVS[:-2]),
                     full.replace(DEFAULT_PRIVS, DEFAULT_PRIVS + '04'),
                     'noreply get_channel'):
            with self.subTest(spec=spec):
                self.fails(mock('channel', spec=spec), 2,
                           'channel show: malformed reply')

    GOOD = [
        (['suites', '3,17'], 'suites=0x20008/4'),
        (['suites', '1,2,3,6,7,8,11,12,15,16,17'], 'suites=0x399ce/4'),
        (['suites', '17'], 'suites=0x20000/4'),
        (['privilege', 'operator'], 'privilege=3/1'),
        (['privilege', 'admin'], 'privilege=4/1'),
        (['kg', 'none'], 'kg=/0'),
        (['session-timeout', '5'], 'session_timeout=5/4'),
        (['session-timeout', '3600'], 'session_timeout=3600/4'),
        (['max-sessions', '1'], 'max_sessions=1/1'),
        (['max-sessions', '63'], 'max_sessions=63/1'),
        (['lockout-threshold', '0'], 'lockout_threshold=0/1'),
        (['lockout-threshold', '255'], 'lockout_threshold=255/1'),
        (['lockout-reset', '65535'], 'lockout_reset=65535/2'),
        (['lockout-interval', '0'], 'lockout_interval=0/2'),
        (['bridge', 'embedded'], 'bridge_embedded=1/1'),
        (['bridge', 'separate'], 'bridge_embedded=0/1'),
        (['lockout-interval', '300', 'suites', '3', 'max-sessions', '8',
          'bridge', 'embedded', 'privilege', 'user', 'lockout-reset', '0',
          'session-timeout', '30', 'lockout-threshold', '3', 'kg', 'none'],
         'suites=0x8/4 privilege=2/1 kg=/0 session_timeout=30/4 '
         'max_sessions=8/1 lockout_threshold=3/1 lockout_reset=0/2 '
         'lockout_interval=300/2 bridge_embedded=1/1'),
    ]

    def test_set(self):
        for args, log in self.GOOD:
            with self.subTest(args=args):
                r = mock('channel', 'set', *args)
                self.ok(r, '')
                self.assertEqual(r.log,
                                 f'GETFAMILY\nset_channel channel{{ {log} }}\n')

    def test_kg(self):
        path = os.path.join(self.tmp.name, 'kg')
        with open(path, 'wb') as f:
            f.write(b'0123456789abcdefghij\n')
        want = ('GETFAMILY\nset_channel channel{ kg=' +
                b'0123456789abcdefghij'.hex() + '/20 }\n')
        for args, stdin in ((['kg-file', path], None),
                            (['kg-file', '-'], '0123456789abcdefghij\r\n'),
                            (['kg-stdin'], '0123456789abcdefghij')):
            with self.subTest(args=args):
                r = mock('channel', 'set', *args, input=stdin)
                self.ok(r, '')
                self.assertEqual(r.log, want)
        for bad in ('', '\n', 'x' * 21):
            r = mock('channel', 'set', 'kg-stdin', input=bad)
            self.fails(r, 1, 'channel set: K_G must be 1 to 20 bytes')
            self.assertEqual(r.log, '')

    def test_suite_privilege(self):
        r = mock('channel', 'set', 'suite-privilege', '3:user,17:oem,1:callback')
        self.ok(r, '')
        privs = bytearray.fromhex(DEFAULT_PRIVS)
        privs[3], privs[17], privs[1] = 2, 5, 1
        self.assertEqual(r.log, 'GETFAMILY\nget_channel\nset_channel '
                         f'channel{{ suite_privilege={privs.hex()}/20 }}\n')
        # The table the kernel has is what is changed, entry by entry.
        cur = '0102030405' * 4
        spec = ('channel suites 8 privs ' + cur + ' priv 4 haskg 0 '
                'timeout 60 maxsess 32 lothresh 0 loreset 60 lointerval 300')
        r = mock('channel', 'set', 'suites', '3,16', 'suite-privilege',
                 '16:admin', spec=spec)
        self.ok(r, '')
        privs = bytearray.fromhex(cur)
        privs[16] = 4
        self.assertEqual(r.log, 'GETFAMILY\nget_channel\nset_channel '
                         f'channel{{ suites=0x10008/4 '
                         f'suite_privilege={privs.hex()}/20 }}\n')

    def test_suite_privilege_get_fails(self):
        r = mock('channel', 'set', 'suite-privilege', '3:user',
                 spec='error get_channel 1')
        self.fails(r, 2, 'channel set: Operation not permitted')
        self.assertEqual(r.log, 'GETFAMILY\nget_channel\n')
        r = mock('channel', 'set', 'suite-privilege', '3:user',
                 spec='noreply get_channel')
        self.fails(r, 2, 'channel set: malformed reply')
        self.assertEqual(r.log, 'GETFAMILY\nget_channel\n')

    def test_kernel_error(self):
        r = mock('channel', 'set', 'suites', '1',
                 spec='error set_channel 22 suite 1 needs privilege user')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: suite 1 needs privilege '
                   'user\nipmi-lanctl: channel set: Invalid argument\n'))

    BAD = [
        (['channel', 'foo'], 'unknown channel command "foo"'),
        (['channel', 'show', 'x'], 'unexpected argument "x"'),
        (['channel', 'set'], 'nothing to set'),
        (['channel', 'set', 'suite', '3'], 'unknown setting "suite"'),
        (['channel', 'set', 'suites'], 'suites: missing value'),
        (['channel', 'set', 'suites', ''], 'the list is empty'),
        (['channel', 'set', 'suites', '0'], 'cipher suite "0" is not supported'),
        (['channel', 'set', 'suites', '4'], 'cipher suite "4" is not supported'),
        (['channel', 'set', 'suites', '3,19'], 'cipher suite "19"'),
        (['channel', 'set', 'suites', '3,32'], 'cipher suite "32"'),
        (['channel', 'set', 'suites', '3,,17'], 'bad cipher suite id'),
        (['channel', 'set', 'suites', '3,'], 'bad cipher suite id'),
        (['channel', 'set', 'suites', ',3'], 'bad cipher suite id'),
        (['channel', 'set', 'suites', '3 17'], 'cipher suite "3 17"'),
        (['channel', 'set', 'suites', '0x3'], 'cipher suite "0x3"'),
        (['channel', 'set', 'suites', '3,3'], 'suite 3 listed twice'),
        (['channel', 'set', 'suites', '3', 'suites', '17'],
         'suites given twice'),
        (['channel', 'set', 'suite-privilege', '3'], 'expected ID:LEVEL'),
        (['channel', 'set', 'suite-privilege', ''], 'expected ID:LEVEL'),
        (['channel', 'set', 'suite-privilege', '3:user,'], 'expected ID:LEVEL'),
        (['channel', 'set', 'suite-privilege', '4:user'], 'cipher suite "4"'),
        (['channel', 'set', 'suite-privilege', ':user'], 'bad cipher suite'),
        (['channel', 'set', 'suite-privilege', '3:no-access'],
         'level "no-access"'),
        (['channel', 'set', 'suite-privilege', '3:'], 'level ""'),
        (['channel', 'set', 'suite-privilege', '3:4'], 'level "4"'),
        (['channel', 'set', 'suite-privilege', '3:user,3:oem'],
         'suite 3 listed twice'),
        (['channel', 'set', 'privilege', 'no-access'], 'privilege "no-access"'),
        (['channel', 'set', 'privilege', '4'], 'privilege "4"'),
        (['channel', 'set', 'kg', 'secret'], 'kg "secret": expected none'),
        (['channel', 'set', 'kg'], 'kg: missing value'),
        (['channel', 'set', 'kg', 'none', 'kg-stdin'], 'K_G given twice'),
        (['channel', 'set', 'kg-stdin', 'kg-file', '-'], 'K_G given twice'),
        (['channel', 'set', 'session-timeout', '4'], 'session-timeout "4"'),
        (['channel', 'set', 'session-timeout', '3601'], 'in 5..3600'),
        (['channel', 'set', 'max-sessions', '0'], 'max-sessions "0"'),
        (['channel', 'set', 'max-sessions', '64'], 'in 1..63'),
        (['channel', 'set', 'lockout-threshold', '256'], 'in 0..255'),
        (['channel', 'set', 'lockout-reset', '65536'], 'in 0..65535'),
        (['channel', 'set', 'lockout-interval', '-1'], 'lockout-interval'),
        (['channel', 'set', 'lockout-interval', '0x10'], 'lockout-interval'),
        (['channel', 'set', 'max-sessions', '1', 'max-sessions', '2'],
         'max-sessions given twice'),
        (['channel', 'set', 'bridge', 'channel'],
         'channel set: bridge "channel": expected embedded or separate'),
        (['channel', 'set', 'bridge', 'on'],
         'channel set: bridge "on": expected embedded or separate'),
        (['channel', 'set', 'bridge', '1'], 'bridge "1"'),
        (['channel', 'set', 'bridge', 'Embedded'], 'bridge "Embedded"'),
        (['channel', 'set', 'bridge'], 'bridge: missing value'),
        (['channel', 'set', 'bridge', 'embedded', 'bridge', 'separate'],
         'bridge given twice'),
        (['channel', 'set', 'Bridge', 'embedded'], 'unknown setting "Bridge"'),
    ]

    def test_usage_errors(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                r = mock(*args, input='secret\n')
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '', r)

    def test_help(self):
        for args in (['channel', 'help'], ['channel', 'show', 'help'],
                     ['channel', 'set', 'help'],
                     ['channel', 'set', 'kg-stdin', 'help']):
            with self.subTest(args=args):
                r = mock(*args)
                self.ok(r)
                self.assertTrue(r.out.startswith('Usage: ipmi-lanctl channel'))
                self.assertEqual(r.log, '')


class Session(Case):
    def test_empty(self):
        for args in (['session'], ['session', 'show']):
            r = mock(*args)
            self.ok(r, '')
            self.assertEqual(r.log, 'GETFAMILY\nget_sessions dump\n')
            self.ok(mock('-j', *args), '[]\n')

    def test_one(self):
        spec = ('session handle 1 id 0x1a2b3c4d user 3 priv 4 suite 17 '
                'v4 192.0.2.2 45000')
        self.ok(mock('session', spec=spec),
                'session 0x1a2b3c4d handle 1 user 3 privilege administrator '
                'suite 17 peer 192.0.2.2:45000\n')
        r = mock('-j', 'session', spec=spec)
        self.ok(r)
        want = [{'handle': 1, 'id': 0x1a2b3c4d, 'user_id': 3,
                 'privilege': 'administrator', 'suite': 17,
                 'peer': '192.0.2.2:45000'}]
        self.assertEqual(r.json(), want)
        self.assertEqual(list(r.json()[0]), list(want[0]))

    def test_v6(self):
        spec = ('session handle 2 id 7 user 63 priv 2 suite 3 '
                'v6 2001:db8::2 623 0\n'
                'session handle 3 id 0xffffffff user 2 priv 9 suite 1 '
                'v6 fe80::1 1 1\n'
                'session handle 4 id 8 user 2 priv 1 suite 1 '
                'v6 ::ffff:192.0.2.1 65535 0')
        self.ok(mock('session', spec=spec),
                'session 0x00000007 handle 2 user 63 privilege user suite 3 '
                'peer [2001:db8::2]:623\n'
                'session 0xffffffff handle 3 user 2 privilege 9 suite 1 '
                'peer [fe80::1%lo]:1\n'
                'session 0x00000008 handle 4 user 2 privilege callback '
                'suite 1 peer [::ffff:192.0.2.1]:65535\n')
        j = mock('-j', 'session', spec=spec).json()
        self.assertEqual([s['peer'] for s in j],
                         ['[2001:db8::2]:623', '[fe80::1%lo]:1',
                          '[::ffff:192.0.2.1]:65535'])

    def test_many(self):
        r = mock('-j', 'session', spec='sessions 63\ndumpintr get_sessions 1')
        self.ok(r)
        self.assertEqual(len(r.json()), 63)
        self.assertEqual(r.json()[62], {'handle': 63, 'id': 0x1000 + 62,
                                        'user_id': 2,
                                        'privilege': 'administrator',
                                        'suite': 17,
                                        'peer': '192.0.2.63:40062'})
        self.assertEqual(r.log, 'GETFAMILY\n' + 'get_sessions dump\n' * 2)
        r = mock('session', spec='sessions 63')
        self.assertEqual(r.out.count('\n'), 63)

    def test_malformed(self):
        base = 'session handle 1 id 1 user 3 priv 4 suite 17'
        for spec in (base,                                    # no peer
                     base + ' peer 0200',                     # short
                     base + ' peer 0a00' + '00' * 14,         # AF_INET6, short
                     base + ' peer 0100' + '00' * 26,         # AF_UNIX
                     'session id 1 user 3 priv 4 suite 17 v4 192.0.2.1 1'):
            with self.subTest(spec=spec):
                self.fails(mock('session', spec=spec), 2,
                           'session show: malformed reply')

    def test_errors(self):
        r = mock('session', spec='error get_sessions 1 capped not allowed')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: not allowed\n'
                   'ipmi-lanctl: session show: Operation not permitted\n'))
        for args, msg in ((['session', 'x'], 'unknown session command "x"'),
                          (['session', 'show', 'x'],
                           'unexpected argument "x"')):
            r = mock(*args)
            self.fails(r, 1, msg)
            self.assertEqual(r.log, '')
        self.ok(mock('session', 'help'),
                'Usage: ipmi-lanctl session { show | help }\n')


class Smi(Case):
    def test_show(self):
        for args in (['smi'], ['smi', 'show']):
            r = mock(*args, spec='server enabled 1 port 623 listening 1 smi 3')
            self.ok(r, '/dev/ipmi3\n')
            self.assertEqual(r.log, 'GETFAMILY\nget_server\n')
            r = mock('-j', *args, spec='server enabled 1 port 623 listening 1 '
                     'smi 3')
            self.ok(r, '{"if_num":3}\n')
            self.ok(mock(*args), 'none\n')
            self.ok(mock('-j', *args), '{"if_num":null}\n')

    def test_attach_detach(self):
        for cmd in ('attach', 'detach'):
            r = mock('smi', cmd)
            self.ok(r, '')
            self.assertEqual(r.log, f'GETFAMILY\nsmi_{cmd}\n')
        r = mock('smi', 'attach',
                 spec='error smi_attach 16 another namespace holds it')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: another namespace holds it\n'
                   'ipmi-lanctl: smi attach: Device or resource busy\n'))
        r = mock('smi', 'detach', spec='error smi_detach 2')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: smi detach: No such file or directory\n'))

    def test_usage(self):
        for args, msg in ((['smi', 'attch'], 'unknown smi command "attch"'),
                          (['smi', 'attach', 'x'], 'unexpected argument "x"'),
                          (['smi', 'show', 'x'], 'unexpected argument "x"')):
            with self.subTest(args=args):
                r = mock(*args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '')
        for args in (['smi', 'help'], ['smi', 'attach', 'help']):
            self.ok(mock(*args),
                    'Usage: ipmi-lanctl smi { show | attach | detach | help }\n')


class ServerSmi(Case):
    SPEC = 'server enabled 1 port 623 listening 1 smi 0 fwd_timeout 800'

    def test_show(self):
        self.ok(mock('server', spec=self.SPEC),
                'server: enabled, listening\n'
                '  port: 623\n'
                '  smi /dev/ipmi0\n'
                '  forward-timeout 800\n')
        self.assertEqual(mock('-j', 'server', spec=self.SPEC).json(),
                         {'enabled': True, 'listening': True, 'port': 623,
                          'addresses': [], 'smi_if_num': 0,
                          'forward_timeout_ms': 800})
        spec = 'server enabled 1 port 623 listening 1 fwd_timeout 50'
        self.assertEqual(mock('-j', spec=spec).json()['server'],
                         {'enabled': True, 'listening': True, 'port': 623,
                          'addresses': [], 'smi_if_num': None,
                          'forward_timeout_ms': 50})
        r = mock('show', spec=spec)
        self.assertIn('  smi none\n  forward-timeout 50\nrx-packets', r.out)

    def test_malformed(self):
        for spec in (self.SPEC.replace('smi 0', 'attr 17 0000'),
                     self.SPEC.replace('fwd_timeout 800', 'attr 18 01')):
            with self.subTest(spec=spec):
                self.fails(mock('server', spec=spec), 2,
                           'server show: malformed reply')

    def test_set(self):
        for args, log in ((['forward-timeout', '50'], 'forward_timeout=50/4'),
                          (['forward-timeout', '10000'],
                           'forward_timeout=10000/4'),
                          (['port', '700', 'forward-timeout', '0800'],
                           'port=700/2 forward_timeout=800/4')):
            for prefix in (['set'], ['server', 'set']):
                r = mock(*prefix, *args)
                self.ok(r, '')
                self.assertEqual(r.log, f'GETFAMILY\nset_server {log}\n')
        r = mock('set', 'forward-timeout', '60', spec='error set_server 22 '
                 'forward timeout out of range')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: forward timeout out of range\n'
                   'ipmi-lanctl: server set: Invalid argument\n'))

    def test_set_usage(self):
        for args, msg in (
                (['forward-timeout', '49'], 'forward-timeout "49"'),
                (['forward-timeout', '10001'], 'forward-timeout "10001"'),
                (['forward-timeout', '0x100'], 'forward-timeout "0x100"'),
                (['forward-timeout', '-1'], 'forward-timeout "-1"'),
                (['forward-timeout', ''], 'forward-timeout ""'),
                (['forward-timeout'], 'forward-timeout: missing value'),
                (['forward-timeout', '100', 'forward-timeout', '200'],
                 'forward-timeout given twice')):
            with self.subTest(args=args):
                r = mock('set', *args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '')
        r = mock('set', 'forward-timeout', '5')
        self.assertIn('expected milliseconds in 50..10000', r.err)


class StatsForward(Case):
    def test_counters(self):
        spec = ('stats rx_packets 1 rx_bytes 2 tx_packets 3 tx_bytes 4 '
                'fwd_requests 10 fwd_replies 9 fwd_timeouts 1 fwd_absorbed 2 '
                'fwd_unmatched 3 local_requests 18446744073709551615 '
                'events_dropped 7')
        r = mock('stats', spec=spec)
        self.ok(r)
        self.assertTrue(r.out.startswith(
            'rx-packets 1\nrx-bytes 2\ntx-packets 3\ntx-bytes 4\n'
            'fwd-requests 10\nfwd-replies 9\nfwd-timeouts 1\n'
            'fwd-absorbed 2\nfwd-unmatched 3\n'
            'local-requests 18446744073709551615\nevents-dropped 7\n'
            'drops:\n'), r)
        r = mock('-j', 'stats', spec=spec)
        self.ok(r)
        j = r.json()
        self.assertEqual(list(j)[:10],
                         ['rx_packets', 'rx_bytes', 'tx_packets', 'tx_bytes',
                          'fwd_requests', 'fwd_replies', 'fwd_timeouts',
                          'fwd_absorbed', 'fwd_unmatched', 'local_requests'])
        self.assertEqual((j['fwd_requests'], j['fwd_replies'],
                          j['fwd_timeouts'], j['fwd_absorbed'],
                          j['fwd_unmatched'], j['local_requests']),
                         (10, 9, 1, 2, 3, 2**64 - 1))

    def test_some_counters(self):
        # Only what the kernel sends is shown; an older one sends none.
        spec = ('stats rx_packets 1 rx_bytes 2 tx_packets 3 tx_bytes 4 '
                'local_requests 7')
        j = mock('-j', 'stats', spec=spec).json()
        self.assertEqual(j['local_requests'], 7)
        self.assertNotIn('fwd_requests', j)
        self.assertNotIn('fwd_requests', mock('-j', 'stats').json())
        self.assertNotIn('fwd-', mock('stats').out)

    def test_malformed(self):
        spec = ('stats rx_packets 1 rx_bytes 2 tx_packets 3 tx_bytes 4 '
                'attr 6 01000000')
        self.fails(mock('stats', spec=spec), 2, 'stats show: malformed reply')


class Forward(Case):
    SPEC = ('forward netfn 0 cmd 2 priv 3 owned 1\n'
            'forward netfn 0 priv 4 owned 0\n'
            'forward netfn 0x30 cmd 0x42 priv 2 owned 0\n'
            'forward netfn 0x2e cmd 255 priv 5\n'
            'forward netfn 0x0a cmd 0 priv 9 owned 0')

    def test_show_empty(self):
        for args in (['forward'], ['forward', 'show']):
            r = mock(*args)
            self.ok(r, '')
            self.assertEqual(r.log, 'GETFAMILY\nget_forward dump\n')
            self.ok(mock('-j', *args), '[]\n')

    def test_show(self):
        self.ok(mock('forward', 'show', spec=self.SPEC),
                'netfn chassis cmd 0x02 privilege operator owned\n'
                'netfn chassis cmd * privilege administrator\n'
                'netfn 0x30 cmd 0x42 privilege user\n'
                'netfn oem cmd 0xff privilege oem\n'
                'netfn storage cmd 0x00 privilege 9\n')
        r = mock('-j', 'forward', spec=self.SPEC)
        self.ok(r, '[{"netfn":0,"cmd":2,"privilege":"operator","owned":true},'
                '{"netfn":0,"cmd":null,"privilege":"administrator",'
                '"owned":false},'
                '{"netfn":48,"cmd":66,"privilege":"user","owned":false},'
                '{"netfn":46,"cmd":255,"privilege":"oem","owned":false},'
                '{"netfn":10,"cmd":0,"privilege":"9","owned":false}]\n')

    def test_show_targets(self):
        # The server's table first, then the targets' entries.
        spec = ('forward netfn 0 cmd 2 priv 3 owned 1\n'
                'forward netfn 0x30 priv 4 owned 0 target 0x72\n'
                'forward netfn 0 cmd 1 priv 4 owned 1 target 1\n'
                'forward netfn 0x2e cmd 0x10 priv 2 owned 0 target 255')
        self.ok(mock('forward', spec=spec),
                'netfn chassis cmd 0x02 privilege operator owned\n'
                'netfn 0x30 cmd * privilege administrator target 0x72\n'
                'netfn chassis cmd 0x01 privilege administrator target 0x01 '
                'owned\n'
                'netfn oem cmd 0x10 privilege user target 0xff\n')
        r = mock('-j', 'forward', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), [
            {'netfn': 0, 'cmd': 2, 'privilege': 'operator', 'owned': True},
            {'netfn': 48, 'cmd': None, 'privilege': 'administrator',
             'owned': False, 'target': 114},
            {'netfn': 0, 'cmd': 1, 'privilege': 'administrator',
             'owned': True, 'target': 1},
            {'netfn': 46, 'cmd': 16, 'privilege': 'user', 'owned': False,
             'target': 255}])
        self.assertEqual(list(r.json()[1])[-1], 'target')
        self.fails(mock('forward', spec='forward netfn 0 priv 3 attr 5'), 2,
                   'forward show: malformed reply')

    def test_show_malformed(self):
        for spec in ('forward cmd 2 priv 3 owned 1',        # no netfn
                     'forward netfn 0 cmd 2 owned 1',       # no privilege
                     'forward netfn 0 cmd 2 priv 3 attr 4',  # empty u8
                     'forward netfn 0 priv 3 attr 2'):
            with self.subTest(spec=spec):
                self.fails(mock('forward', spec=spec), 2,
                           'forward show: malformed reply')

    def test_show_errors(self):
        r = mock('forward', spec='error get_forward 95')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: forward show: Operation not supported\n'))
        r = mock('-j', 'forward', spec=self.SPEC + '\ndumpintr get_forward 1')
        self.ok(r)
        self.assertEqual(len(r.json()), 5)
        self.assertEqual(r.log, 'GETFAMILY\n' + 'get_forward dump\n' * 2)

    GOOD = [
        (['add', 'netfn', 'chassis'], 'add_forward forward{ netfn=0/1 }'),
        (['add', 'netfn', 'chassis', 'cmd', '1'],
         'add_forward forward{ netfn=0/1 cmd=1/1 }'),
        (['add', 'netfn', '0x30', 'cmd', '0x42', 'privilege', 'user'],
         'add_forward forward{ netfn=48/1 cmd=66/1 privilege=2/1 }'),
        (['add', 'privilege', 'admin', 'cmd', '255', 'netfn', '62'],
         'add_forward forward{ netfn=62/1 cmd=255/1 privilege=4/1 }'),
        (['add', 'netfn', 'oem', 'privilege', 'callback'],
         'add_forward forward{ netfn=46/1 privilege=1/1 }'),
        (['add', 'netfn', 'bridge'], 'add_forward forward{ netfn=2/1 }'),
        (['add', 'netfn', 'sensor'], 'add_forward forward{ netfn=4/1 }'),
        (['add', 'netfn', 'app'], 'add_forward forward{ netfn=6/1 }'),
        (['add', 'netfn', 'firmware'], 'add_forward forward{ netfn=8/1 }'),
        (['add', 'netfn', 'storage'], 'add_forward forward{ netfn=10/1 }'),
        (['add', 'netfn', 'transport'], 'add_forward forward{ netfn=12/1 }'),
        (['add', 'netfn', 'group'], 'add_forward forward{ netfn=44/1 }'),
        (['add', 'netfn', '0'], 'add_forward forward{ netfn=0/1 }'),
        (['add', 'netfn', '0x3e', 'privilege', 'oem'],
         'add_forward forward{ netfn=62/1 privilege=5/1 }'),
        (['del', 'netfn', 'chassis'], 'del_forward forward{ netfn=0/1 }'),
        (['del', 'netfn', '0x30', 'cmd', '0x42'],
         'del_forward forward{ netfn=48/1 cmd=66/1 }'),
        (['add', 'netfn', 'app', 'target', '0x72'],
         'add_forward forward{ netfn=6/1 target=114/1 }'),
        (['add', 'target', '1', 'netfn', 'oem', 'cmd', '1', 'privilege',
          'user'],
         'add_forward forward{ netfn=46/1 cmd=1/1 privilege=2/1 target=1/1 }'),
        (['add', 'netfn', 'app', 'target', '255'],
         'add_forward forward{ netfn=6/1 target=255/1 }'),
        (['del', 'netfn', 'app', 'cmd', '2', 'target', '0XfE'],
         'del_forward forward{ netfn=6/1 cmd=2/1 target=254/1 }'),
        # 0x20 is the server's own table, as without target.
        (['add', 'netfn', 'app', 'target', '0x20'],
         'add_forward forward{ netfn=6/1 }'),
        (['del', 'netfn', 'app', 'target', '32'],
         'del_forward forward{ netfn=6/1 }'),
    ]

    def test_change(self):
        for args, log in self.GOOD:
            with self.subTest(args=args):
                r = mock('forward', *args)
                self.ok(r, '')
                self.assertEqual(r.log, 'GETFAMILY\n' + log + '\n')

    def test_kernel_errors(self):
        r = mock('forward', 'add', 'netfn', 'chassis', 'cmd', '1',
                 spec='error add_forward 17')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: forward add: File exists\n'))
        r = mock('forward', 'del', 'netfn', 'chassis',
                 spec='error del_forward 2 no such forward entry')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: no such forward entry\n'
                   'ipmi-lanctl: forward del: No such file or directory\n'))
        r = mock('forward', 'add', 'netfn', 'oem',
                 spec='error add_forward 28 capped forward table full')
        self.assertEqual(r.rc, 2, r)
        self.assertIn('No space left on device', r.err)

    BAD = [
        (['add'], 'forward add: netfn is required'),
        (['add', 'cmd', '1'], 'forward add: netfn is required'),
        (['del', 'privilege', 'user'], 'forward del: unknown argument '
         '"privilege"'),
        (['add', 'netfn'], 'netfn: missing value'),
        (['add', 'netfn', '1'], 'netfn "1"'),
        (['add', 'netfn', '0x31'], 'netfn "0x31"'),
        (['add', 'netfn', '0x40'], 'netfn "0x40"'),
        (['add', 'netfn', '64'], 'netfn "64"'),
        (['add', 'netfn', 'Chassis'], 'netfn "Chassis"'),
        (['add', 'netfn', '-2'], 'netfn "-2"'),
        (['add', 'netfn', ''], 'netfn ""'),
        (['add', 'netfn', 'app', 'netfn', 'oem'], 'netfn given twice'),
        (['add', 'netfn', 'app', 'cmd', '256'], 'cmd "256"'),
        (['add', 'netfn', 'app', 'cmd', 'x'], 'cmd "x"'),
        (['add', 'netfn', 'app', 'cmd', '1', 'cmd', '2'], 'cmd given twice'),
        (['add', 'netfn', 'app', 'privilege', 'no-access'],
         'privilege "no-access"'),
        (['add', 'netfn', 'app', 'privilege', '4'], 'privilege "4"'),
        (['add', 'netfn', 'app', 'privilege', 'user', 'privilege', 'oem'],
         'privilege given twice'),
        (['add', 'netfn', 'app', 'owned', '1'], 'unknown argument "owned"'),
        (['add', 'netfn', 'app', 'target'], 'target: missing value'),
        (['add', 'netfn', 'app', 'target', '0'],
         'target address "0": expected a number in 1..255'),
        (['del', 'netfn', 'app', 'target', '256'], 'target address "256"'),
        (['add', 'netfn', 'app', 'target', '-1'], 'target address "-1"'),
        (['add', 'netfn', 'app', 'target', 'node72'],
         'target address "node72"'),
        (['add', 'netfn', 'app', 'target', '1', 'target', '2'],
         'target given twice'),
        (['show', 'x'], 'unexpected argument "x"'),
        (['list'], 'unknown forward command "list"'),
    ]

    def test_usage(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                r = mock('forward', *args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '')
        for args in (['help'], ['add', 'help'], ['del', 'netfn', '0', 'help'],
                     ['show', 'help']):
            r = mock('forward', *args)
            self.ok(r)
            self.assertTrue(r.out.startswith('Usage: ipmi-lanctl forward '), r)
            self.assertEqual(r.log, '')


TARGET_SPEC = ('target addr 0x72 name node72 ifnum 3 identity device_id 0 '
               'device_revision 1 fw_major 1 fw_minor 5 manufacturer 65535 '
               'product 258 aux_fw 0xdeadbeef '
               'guid 0123456789abcdef00112233445566ff '
               'stats pad fwd_requests 10 fwd_replies 9 fwd_timeouts 1 '
               'fwd_absorbed 2 fwd_unmatched 3 local_requests 4 '
               'events_dropped 0')
TARGET_TEXT = ('target 0x72 name node72 dev /dev/ipmi3 device-id 0 '
               'device-revision 1 firmware 1.05 manufacturer 65535 '
               'product 258 aux-firmware 0xdeadbeef '
               'guid 01234567-89ab-cdef-0011-2233445566ff\n'
               '  fwd-requests 10 fwd-replies 9 fwd-timeouts 1 '
               'fwd-absorbed 2 fwd-unmatched 3 local-requests 4 '
               'events-dropped 0\n')
TARGET_JSON = {'addr': 114, 'name': 'node72', 'if_num': 3,
               'device': '/dev/ipmi3', **IDENTITY_JSON, 'device_id': 0,
               'stats': {'fwd_requests': 10, 'fwd_replies': 9,
                         'fwd_timeouts': 1, 'fwd_absorbed': 2,
                         'fwd_unmatched': 3, 'local_requests': 4,
                         'events_dropped': 0}}


class Target(Case):
    # A target without a name, interface or counters (yet), then 0x72.
    SPEC = 'target addr 1 identity device_id 7\n' + TARGET_SPEC

    def test_show_empty(self):
        for args in (['target'], ['target', 'show']):
            r = mock(*args)
            self.ok(r, '')
            self.assertEqual(r.log, 'GETFAMILY\nget_target dump\n')
            self.ok(mock('-j', *args), '[]\n')

    def test_show(self):
        self.ok(mock('target', spec=self.SPEC),
                'target 0x01 dev none device-id 7\n' + TARGET_TEXT)
        r = mock('-j', 'target', 'show', spec=self.SPEC)
        self.ok(r)
        self.assertEqual(r.json(), [
            {'addr': 1, 'name': None, 'if_num': None, 'device': None,
             'device_id': 7, 'stats': {}},
            TARGET_JSON])
        self.assertEqual(list(r.json()[1]),
                         ['addr', 'name', 'if_num', 'device', 'device_id',
                          'device_revision', 'firmware', 'manufacturer',
                          'product', 'aux_firmware', 'guid', 'stats'])
        # The identity keys are those of server show.
        self.assertEqual(list(r.json()[1])[4:11], list(IDENTITY_JSON))

    def test_show_sorted(self):
        spec = ('target addr 0xfe\ntarget addr 0x10 name b\n'
                'target addr 0x21')
        r = mock('-j', 'target', spec=spec)
        self.ok(r)
        self.assertEqual([t['addr'] for t in r.json()], [0x10, 0x21, 0xfe])
        self.assertEqual(mock('target', spec=spec).out,
                         'target 0x10 name b dev none\n'
                         'target 0x21 dev none\ntarget 0xfe dev none\n')

    def test_show_one(self):
        for addr in ('0x72', '114', '0X72'):
            r = mock('-j', 'target', 'show', addr, spec=self.SPEC)
            self.ok(r)
            self.assertEqual(r.json(), TARGET_JSON)
            self.assertEqual(r.log,
                             'GETFAMILY\nget_target target{ addr=114/1 }\n')
        self.ok(mock('target', 'show', '0x72', spec=self.SPEC), TARGET_TEXT)
        r = mock('target', 'show', '0x73', spec=self.SPEC)
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: no such target\n'
                   'ipmi-lanctl: target show: No such file or directory\n'))

    def test_show_malformed(self):
        for spec in ('target name x',                        # no addr
                     'target addr 1 name ' + 'a' * 32,       # name too long
                     'target addr 1 attr 2 6100ff',          # not NUL-ended
                     'target addr 1 identity guid 0011',     # short GUID
                     'target addr 1 identity attr 6',        # empty u8
                     'target addr 1 stats attr 6 01000000',  # u32 counter
                     'target addr 1 attr 4 01'):             # short if_num
            with self.subTest(spec=spec):
                self.fails(mock('-j', 'target', spec=spec), 2,
                           'target show: malformed reply')
        self.fails(mock('target', 'show', '1', spec='noreply get_target'), 2,
                   'target show: malformed reply')

    def test_show_unknown_attrs(self):
        spec = ('target addr 1 attr 99 0102 identity device_id 1 '
                'attr 99 01 stats fwd_requests 1 attr 99 02')
        self.assertEqual(mock('-j', 'target', spec=spec).json(), [
            {'addr': 1, 'name': None, 'if_num': None, 'device': None,
             'device_id': 1, 'stats': {'fwd_requests': 1}}])

    def test_show_errors(self):
        r = mock('target', spec='error get_target 95')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: target show: Operation not supported\n'))
        r = mock('-j', 'target', spec=self.SPEC + '\ndumpintr get_target 1')
        self.ok(r)
        self.assertEqual(len(r.json()), 2)
        self.assertEqual(r.log, 'GETFAMILY\n' + 'get_target dump\n' * 2)

    GOOD = [
        (['add', '0x72'], 'add_target target{ addr=114/1 }'),
        (['add', '1', 'name', 'node72'],
         'add_target target{ addr=1/1 name="node72"/7 }'),
        (['add', '255', 'name', '~!' + 'x' * 29],
         f'add_target target{{ addr=255/1 name="~!{"x" * 29}"/32 }}'),
        (['add', '0x21', 'device-id', '0x20', 'device-revision', '15',
          'firmware', '1.05', 'manufacturer', '0xfffff', 'product', '0xffff',
          'aux-firmware', '0xDEADBEEF',
          'guid', '01234567-89AB-cdef-0011-2233445566ff', 'name', 'n'],
         'add_target target{ addr=33/1 name="n"/2 identity{ device_id=32/1 '
         'device_revision=15/1 manufacturer=1048575/4 product=65535/2 '
         'aux_fw=3735928559/4 fw_major=1/1 fw_minor=5/1 '
         'guid=0123456789abcdef00112233445566ff/16 } }'),
        (['set', '0x72', 'name', 'node-72'],
         'set_target target{ addr=114/1 name="node-72"/8 }'),
        (['set', '31', 'firmware', '2.10'],
         'set_target target{ addr=31/1 identity{ fw_major=2/1 fw_minor=10/1 '
         '} }'),
        (['del', '0x72'], 'del_target target{ addr=114/1 }'),
        (['del', '33'], 'del_target target{ addr=33/1 }'),
    ]

    def test_change(self):
        for args, log in self.GOOD:
            with self.subTest(args=args):
                r = mock('target', *args)
                self.ok(r, '')
                self.assertEqual(r.log, 'GETFAMILY\n' + log + '\n')

    def test_kernel_errors(self):
        r = mock('target', 'add', '0x72',
                 spec='error add_target 17 target 0x72 exists')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: target 0x72 exists\n'
                   'ipmi-lanctl: target add: File exists\n'))
        r = mock('target', 'set', '0x72', 'name', 'x',
                 spec='error set_target 2 no such target')
        self.fails(r, 2, 'kernel reports: no such target\n',
                   'target set: No such file or directory\n')
        r = mock('target', 'del', '0x72', spec='error del_target 2')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: target del: No such file or directory\n'))
        r = mock('target', 'add', '9',
                 spec='error add_target 28 capped no interface number left')
        self.fails(r, 2, 'no interface number left',
                   'target add: No space left on device')

    BAD = [
        (['list'], 'unknown target command "list"'),
        (['show', '0x72', '1'], 'unexpected argument "1"'),
        (['add'], 'target add: missing target address'),
        (['set'], 'target set: missing target address'),
        (['del'], 'target del: missing target address'),
        (['del', '1', '2'], 'unexpected argument "2"'),
        (['set', '0x72'], 'target set: nothing to set'),
        (['add', 'name', 'x'], 'target address "name"'),
        (['add', '0x20'], 'target address "0x20": 0x20 is the BMC itself'),
        (['add', '32'], 'target address "32": 0x20 is the BMC itself'),
        (['set', '0X20', 'name', 'x'], '0x20 is the BMC itself'),
        (['del', '0x20'], '0x20 is the BMC itself'),
        (['show', '0x20'], '0x20 is the BMC itself'),
        (['add', '0'], 'target address "0": expected a number in 1..255'),
        (['add', '256'], 'target address "256"'),
        (['add', '0x100'], 'target address "0x100"'),
        (['add', '-1'], 'target address "-1"'),
        (['add', '0x'], 'target address "0x"'),
        (['add', '1x'], 'target address "1x"'),
        (['add', ''], 'target address ""'),
        (['show', 'node72'], 'target address "node72"'),
        (['add', '1', 'name'], 'name: missing value'),
        (['add', '1', 'name', ''], 'name "": expected 1 to 31 characters'),
        (['add', '1', 'name', 'a' * 32], 'expected 1 to 31 characters'),
        (['add', '1', 'name', 'a b'], 'no spaces'),
        (['add', '1', 'name', 'a\tb'], 'no spaces'),
        (['add', '1', 'name', 'caf\u00e9'], 'printable ASCII'),
        (['add', '1', 'name', 'a', 'name', 'b'], 'name given twice'),
        (['add', '1', 'device-id', '256'], 'target add: device-id "256"'),
        (['set', '1', 'device-revision', '16'],
         'target set: device-revision "16"'),
        (['add', '1', 'firmware', '1.5'], 'firmware "1.5"'),
        (['add', '1', 'guid', '0123'], 'guid "0123"'),
        (['add', '1', 'product', '1', 'product', '2'],
         'product given twice'),
        (['add', '1', 'port', '623'], 'unknown setting "port"'),
        (['add', '1', 'forward-timeout', '100'],
         'unknown setting "forward-timeout"'),
        (['add', '1', 'Name', 'x'], 'unknown setting "Name"'),
        (['add', '1', 'via', '0x72'], 'via needs the transit\'s channel'),
        (['add', '1', 'channel', '3'], 'channel goes with via TRANSIT'),
        (['add', '1', 'via', 'none', 'channel', '3'],
         'channel goes with via TRANSIT'),
        (['add', '1', 'via', '0x20', 'channel', '3'], '0x20 is the BMC itself'),
        (['add', '1', 'via', '2', 'channel', '12'], 'channel "12": expected 0..11'),
        (['add', '1', 'via', '2', 'via', '3'], 'via given twice'),
    ]

    def test_usage(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                r = mock('target', *args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '')
                self.fails(run(REAL, 'target', *args), 1, msg)

    def test_help(self):
        for args in (['help'], ['show', 'help'], ['add', 'help'],
                     ['add', '0x72', 'help'], ['set', '1', 'name', 'a', 'help'],
                     ['del', 'help'], ['add', '0x20', 'help']):
            with self.subTest(args=args):
                r = mock('target', *args)
                self.ok(r)
                self.assertTrue(r.out.startswith(
                    'Usage: ipmi-lanctl target show [ ADDR ]\n'), r)
                self.assertIn('IDENTITY := { device-id N', r.out)
                self.assertEqual(r.log, '')
        r = run(REAL, 'help')
        self.assertIn('target | chassis', r.out)
        self.assertIn('Usage: ipmi-lanctl target show', r.out)


class Batch(Case):
    def test_one_socket(self):
        # Two commands, one family lookup; comments and blank lines skipped.
        text = ('# targets\n\ntarget add 0x72 name n72  # node\n'
                '  target del 1\n')
        for args, inp in ((['-batch', '-'], text), (['-b', '-'], text),
                          (['--batch', '-'], text)):
            r = mock(*args, input=inp)
            self.ok(r, '')
            self.assertEqual(r.log, 'GETFAMILY\n'
                             'add_target target{ addr=114/1 name="n72"/4 }\n'
                             'del_target target{ addr=1/1 }\n')

    def test_file_and_json(self):
        with tempfile.NamedTemporaryFile('w', suffix='.batch') as f:
            f.write('target show\ntarget show\n')
            f.flush()
            r = mock('-j', '-batch', f.name)
            self.ok(r, '[]\n[]\n')
            self.assertEqual(r.log, 'GETFAMILY\n' + 'get_target dump\n' * 2)

    def test_quoting(self):
        # The words reach the command as split here: the name has a
        # quote, an escaped blank and a # inside a word.
        r = mock('-batch', '-', input='target add 2 name \'a"b\'\\x#1\n'
                 'target add 3 name "c\\"d"\n')
        self.ok(r, '')
        self.assertIn('name="a"bx#1"', r.log)
        self.assertIn('name="c"d"', r.log)
        r = mock('-batch', '-', input='target add "0x7 2"\n')
        self.fails(r, 1, 'target address "0x7 2"', '-:1: command failed')

    def test_stops_at_first_failure(self):
        text = 'target del 0x20\ntarget del 1\n'
        r = mock('-batch', '-', input=text)
        self.fails(r, 1, 'the BMC itself', '-:1: command failed')
        self.assertEqual(r.log, '')
        # -force goes on; the status is the worst one.
        r = mock('-batch', '-', '-force', input=text + 'target show 9\n')
        self.assertEqual(r.rc, 2, r)
        self.assertIn('-:1: command failed', r.err)
        self.assertIn('-:3: command failed', r.err)
        self.assertIn('del_target target{ addr=1/1 }', r.log)

    def test_bad_lines(self):
        for text, msg in (('target add "2\n', '-:1: unterminated quote'),
                          ('\ntarget add 2 \\\n', '-:2: backslash at the '
                           'end of the line'),
                          ('x ' * 200 + '\n', '-:1: too many words'),
                          ('#' + 'x' * 5000 + '\n', '-:1: line too long'),
                          ('frob\n', 'unknown object "frob"')):
            r = mock('-batch', '-', input=text)
            self.fails(r, 1, msg)
            self.assertEqual(r.log, '')

    def test_usage(self):
        for args, msg in ((['-batch'], 'option "-batch" needs a value'),
                          (['-batch', '/nonexistent'], 'cannot open '
                           '/nonexistent'),
                          (['-batch', '-', 'show'], '-batch: unexpected '
                           'argument "show"'),
                          (['-force', 'show'], '-force is for -batch')):
            self.fails(run(REAL, *args), 1, msg)


class ChassisCli(Case):
    """The service itself needs /dev/ipmiN; here only what comes before."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def conf(self, text):
        path = os.path.join(self.tmp.name, 'chassis.conf')
        with open(path, 'w') as f:
            f.write(text)
        return path

    def test_help(self):
        for args in (['chassis', 'help'], ['chassis', 'serve', 'help'],
                     ['chassis', 'serve', 'dev', '0', 'help']):
            r = run(REAL, *args)
            self.ok(r)
            self.assertTrue(r.out.startswith(
                'Usage: ipmi-lanctl chassis serve [ config FILE ] '
                '[ dev N | target ADDR ]\n'), r)
        r = run(REAL, 'help')
        for word in ('smi { show | attach | detach | help }',
                     'forward add netfn NETFN', 'chassis serve',
                     'forward-timeout MS'):
            self.assertIn(word, r.out)

    def test_usage(self):
        missing = os.path.join(self.tmp.name, 'missing.conf')
        for args, msg in (
                (['chassis'], 'chassis: missing command'),
                (['chassis', 'run'], 'unknown chassis command "run"'),
                (['chassis', 'serve', 'x'], 'unknown argument "x"'),
                (['chassis', 'serve', 'config'], 'config: missing value'),
                (['chassis', 'serve', 'dev', '256'], 'dev "256"'),
                (['chassis', 'serve', 'dev', 'x'], 'dev "x"'),
                (['chassis', 'serve', 'dev', '1', 'dev', '2'],
                 'dev given twice'),
                (['chassis', 'serve', 'target', '0x20'],
                 '0x20 is the BMC itself'),
                (['chassis', 'serve', 'target', '256'], 'target address "256"'),
                (['chassis', 'serve', 'target', '1', 'target', '2'],
                 'target given twice'),
                (['chassis', 'serve', 'dev', '1', 'target', '2'],
                 'dev and target exclude each other'),
                (['chassis', 'serve', 'target', '2', 'dev', '1'],
                 'dev and target exclude each other'),
                (['chassis', 'serve', 'config', 'a', 'config', 'b'],
                 'config given twice'),
                (['chassis', 'serve', 'config', missing],
                 f'cannot open {missing}: No such file or directory')):
            with self.subTest(args=args):
                self.fails(run(REAL, *args), 1, msg)

    def test_config_errors(self):
        for text, msg in (
                ('power-on = x\n# ok\npower-of = y\n',
                 ':3: unknown key "power-of"'),
                ('power-on\n', ':1: expected "key = value"'),
                ('reset = \n', ':1: reset: empty command'),
                ('initial-power = 1\n',
                 ':1: initial-power "1": expected on or off'),
                ('status = a\nstatus = b\n', ':2: status given twice')):
            with self.subTest(text=text):
                path = self.conf(text)
                r = run(REAL, 'chassis', 'serve', 'config', path)
                self.fails(r, 1, 'ipmi-lanctl: chassis serve: ' + path + msg)


SOL_SPEC = ('sol ldisc 29 ldiscok 1 enabled 1 forceenc 0 forceauth 0 priv 2 '
            'accum 12 thresh 96 retries 7 interval 20 rate 0 vrate 0')
DEFAULT_SOL = {'enabled': True, 'privilege': 'user',
               'force_encryption': False, 'force_authentication': False,
               'accumulate': 12, 'accumulate_ms': 60, 'threshold': 96,
               'retries': 7, 'retry_interval': 20, 'retry_interval_ms': 200,
               'bit_rate': 0, 'bit_rate_bps': None, 'volatile_bit_rate': 0,
               'volatile_bit_rate_bps': None, 'ldisc': 29, 'ldisc_ok': True}
TEXT_SOL = ('sol: enabled on  privilege user  force-encryption off  '
            'force-authentication off\n'
            '     accumulate 60ms  threshold 96  retries 7  '
            'retry-interval 200ms\n'
            '     bit-rate default  volatile-bit-rate default  ldisc 29\n')
SOL_TTY = ('soltty name ttyS1 target 32 active 1 session 3 user 2 tx 1234 '
           'rx 567 retries 0 nacksent 0 nackrecv 0 dropped 0 dups 0 '
           'activations 1')
SOL_TTY_JSON = {'name': 'ttyS1', 'target': 32, 'active': True,
                'session_handle': 3, 'user_id': 2, 'tx_bytes': 1234,
                'rx_bytes': 567, 'retries': 0, 'nacks_sent': 0,
                'nacks_received': 0, 'dropped': 0, 'duplicates': 0,
                'activations': 1}
TEXT_SOL_TTY = ('tty ttyS1: target 0x20  active yes  session 3  user 2\n'
                '     tx 1234  rx 567  retries 0  nacks-sent 0  '
                'nacks-received 0  dropped 0  duplicates 0  activations 1\n')


def sol_spec(**kw):
    """SOL_SPEC with some values replaced (None: left out)."""
    toks = SOL_SPEC.split()[1:]
    pairs = dict(zip(toks[::2], toks[1::2]))
    for k, v in kw.items():
        if v is None:
            del pairs[k]
        else:
            pairs[k] = str(v)
    return 'sol ' + ' '.join(f'{k} {v}' for k, v in pairs.items())


class Sol(Case):
    def test_show_default(self):
        for args in (['sol'], ['sol', 'show']):
            r = mock(*args)
            self.ok(r, TEXT_SOL)
            self.assertEqual(r.log, 'GETFAMILY\nget_sol\nget_sol_ttys dump\n')
            r = mock('-j', *args)
            self.ok(r)
            self.assertEqual(r.json(), {'sol': DEFAULT_SOL, 'ttys': []})
            self.assertEqual(list(r.json()['sol']), list(DEFAULT_SOL))
            self.assertEqual(r.out.count('\n'), 1)

    def test_show_ttys(self):
        other = ('soltty name ttyUSB0 pad target 32 active 0 tx 0 rx 0 '
                 'retries 9 nacksent 1 nackrecv 2 dropped 3 dups 4 '
                 'activations 18446744073709551615 pad')
        spec = '\n'.join([SOL_SPEC, SOL_TTY, other])
        self.ok(mock('sol', spec=spec), TEXT_SOL + TEXT_SOL_TTY +
                'tty ttyUSB0: target 0x20  active no  session none  '
                'user none\n'
                '     tx 0  rx 0  retries 9  nacks-sent 1  nacks-received 2  '
                'dropped 3  duplicates 4  activations 18446744073709551615\n')
        r = mock('-j', 'sol', 'show', spec=spec)
        self.ok(r)
        want = {'sol': DEFAULT_SOL, 'ttys': [
            SOL_TTY_JSON,
            {'name': 'ttyUSB0', 'target': 32, 'active': False,
             'session_handle': None, 'user_id': None, 'tx_bytes': 0,
             'rx_bytes': 0, 'retries': 9, 'nacks_sent': 1,
             'nacks_received': 2, 'dropped': 3, 'duplicates': 4,
             'activations': 2**64 - 1}]}
        self.assertEqual(r.json(), want)
        self.assertEqual(list(r.json()['ttys'][0]), list(SOL_TTY_JSON))
        r = mock('-p', 'sol', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), want)

    def test_show_ldisc_not_registered(self):
        spec = sol_spec(ldiscok=0)
        self.ok(mock('sol', spec=spec), TEXT_SOL.replace(
            'ldisc 29\n',
            'ldisc 29 (not registered: taken by another discipline)\n'))
        j = mock('-j', 'sol', spec=spec).json()
        self.assertEqual(j, {'sol': dict(DEFAULT_SOL, ldisc_ok=False),
                             'ttys': []})

    def test_show_values(self):
        spec = sol_spec(ldisc=21, enabled=0, forceenc=1, forceauth=1,
                        priv=4, accum=255, thresh=1, retries=0, interval=0,
                        rate=10, vrate=6)
        self.ok(mock('sol', spec=spec),
                'sol: enabled off  privilege administrator  '
                'force-encryption on  force-authentication on\n'
                '     accumulate 1275ms  threshold 1  retries 0  '
                'retry-interval 0ms\n'
                '     bit-rate 115200  volatile-bit-rate 9600  ldisc 21\n')
        self.assertEqual(mock('-j', 'sol', spec=spec).json()['sol'], dict(
            DEFAULT_SOL, enabled=False, privilege='administrator',
            force_encryption=True, force_authentication=True,
            accumulate=255, accumulate_ms=1275, threshold=1, retries=0,
            retry_interval=0, retry_interval_ms=0, bit_rate=10,
            bit_rate_bps=115200, volatile_bit_rate=6,
            volatile_bit_rate_bps=9600, ldisc=21))
        for code, name, bps in ((7, '19200', 19200), (8, '38400', 38400),
                                (9, '57600', 57600), (3, 'code-3', None),
                                (255, 'code-255', None)):
            spec = sol_spec(rate=code, priv=5, interval=255)
            r = mock('sol', spec=spec)
            self.assertIn(f'     bit-rate {name}  ', r.out)
            self.assertIn('  privilege oem  ', r.out)
            self.assertIn('  retry-interval 2550ms\n', r.out)
            j = mock('-j', 'sol', spec=spec).json()['sol']
            self.assertEqual((j['bit_rate'], j['bit_rate_bps']), (code, bps))
        # A level this version does not know: its number, as elsewhere.
        self.assertEqual(mock('-j', 'sol', spec=sol_spec(priv=9))
                         .json()['sol']['privilege'], '9')
        # Unknown attributes from a newer kernel are ignored.
        self.assertEqual(mock('-j', 'sol', spec=SOL_SPEC + ' attr 99 01')
                         .json()['sol'], DEFAULT_SOL)

    def test_show_malformed(self):
        keys = SOL_SPEC.split()[1::2]
        for key in keys:
            with self.subTest(missing=key):
                self.fails(mock('sol', spec=sol_spec(**{key: None})), 2,
                           'sol show: malformed reply')
        counter = SOL_TTY.replace(' dups 0', '')
        for spec in (SOL_SPEC.replace('ldisc 29', 'attr 1 1d00'),  # u16
                     sol_spec(enabled=None) + ' attr 3',        # empty u8
                     'noreply get_sol',
                     SOL_TTY.replace('name ttyS1 ', ''),
                     SOL_TTY.replace(' target 32', ''),
                     SOL_TTY.replace(' active 1', ''),
                     counter,
                     counter + ' attr 13 00000000',               # u32
                     SOL_TTY.replace('name ttyS1', 'attr 2 747479'),  # no NUL
                     SOL_TTY.replace('name ttyS1', 'attr 2 00'),      # ""
                     SOL_TTY.replace('name ttyS1', 'name ' + 'x' * 64)):
            with self.subTest(spec=spec):
                self.fails(mock('sol', spec=spec), 2,
                           'sol show: malformed reply')
        # The longest name the kernel sends: 63 characters and the NUL.
        spec = SOL_TTY.replace('name ttyS1', 'name ' + 'x' * 63)
        self.assertEqual(mock('-j', 'sol', spec=spec).json()['ttys'][0]
                         ['name'], 'x' * 63)

    def test_show_errors(self):
        r = mock('sol', spec='error get_sol 95 no SoL here')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: no SoL here\n'
                   'ipmi-lanctl: sol show: Operation not supported\n'))
        self.assertEqual(r.log, 'GETFAMILY\nget_sol\n')
        # Both are fetched before anything is printed.
        r = mock('-j', 'sol', spec='error get_sol_ttys 1')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: sol show: Operation not permitted\n'))
        r = mock('sol', spec=SOL_TTY + '\ndoneerror get_sol_ttys 12 no memory')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: no memory\n'
                   'ipmi-lanctl: sol show: Cannot allocate memory\n'))
        r = mock('-j', 'sol', spec=SOL_TTY + '\ndumpintr get_sol_ttys 1')
        self.ok(r)
        self.assertEqual(r.json()['ttys'], [SOL_TTY_JSON])
        self.assertEqual(r.log, 'GETFAMILY\nget_sol\n' +
                         'get_sol_ttys dump\n' * 2)
        self.fails(mock('sol', spec='silent get_sol_ttys'), 2,
                   'sol show: no answer from the kernel')
        r = mock('sol', spec='family missing')
        self.assertEqual((r.rc, r.out, r.err), (2, '', NOT_LOADED))

    GOOD = [
        (['enabled', 'on'], 'enabled=1/1'),
        (['enabled', 'off'], 'enabled=0/1'),
        (['privilege', 'user'], 'privilege=2/1'),
        (['privilege', 'operator'], 'privilege=3/1'),
        (['privilege', 'administrator'], 'privilege=4/1'),
        (['privilege', 'admin'], 'privilege=4/1'),
        (['force-encryption', 'on'], 'force_encryption=1/1'),
        (['force-authentication', 'off'], 'force_auth=0/1'),
        (['accumulate', '5'], 'accumulate=1/1'),
        (['accumulate', '50'], 'accumulate=10/1'),
        (['accumulate', '1275'], 'accumulate=255/1'),
        (['threshold', '1'], 'threshold=1/1'),
        (['threshold', '255'], 'threshold=255/1'),
        (['retries', '0'], 'retry_count=0/1'),
        (['retries', '7'], 'retry_count=7/1'),
        (['retry-interval', '0'], 'retry_interval=0/1'),
        (['retry-interval', '200'], 'retry_interval=20/1'),
        (['retry-interval', '2550'], 'retry_interval=255/1'),
        (['bit-rate', 'default'], 'bit_rate=0/1'),
        (['bit-rate', '9600'], 'bit_rate=6/1'),
        (['bit-rate', '19200'], 'bit_rate=7/1'),
        (['bit-rate', '38400'], 'bit_rate=8/1'),
        (['bit-rate', '57600'], 'bit_rate=9/1'),
        (['bit-rate', '115200'], 'bit_rate=10/1'),
        (['volatile-bit-rate', '115200'], 'volatile_bit_rate=10/1'),
        (['volatile-bit-rate', 'default'], 'volatile_bit_rate=0/1'),
        (['bit-rate', '115200', 'accumulate', '50'],
         'accumulate=10/1 bit_rate=10/1'),
        # Every setting; sent in attribute order whatever the order here.
        (['volatile-bit-rate', '57600', 'bit-rate', '38400',
          'retry-interval', '100', 'retries', '3', 'threshold', '200',
          'accumulate', '0100', 'privilege', 'operator',
          'force-authentication', 'on', 'force-encryption', 'off',
          'enabled', 'off'],
         'enabled=0/1 force_encryption=0/1 force_auth=1/1 privilege=3/1 '
         'accumulate=20/1 threshold=200/1 retry_count=3/1 '
         'retry_interval=10/1 bit_rate=8/1 volatile_bit_rate=9/1'),
    ]

    def test_set(self):
        for args, log in self.GOOD:
            for prefix in (['sol', 'set'], ['-j', 'sol', 'set']):
                with self.subTest(args=prefix + args):
                    r = mock(*prefix, *args)
                    self.ok(r, '')
                    self.assertEqual(r.log,
                                     f'GETFAMILY\nset_sol sol{{ {log} }}\n')

    def test_set_kernel_errors(self):
        r = mock('sol', 'set', 'bit-rate', '115200',
                 spec='error set_sol 22 bit rate not supported by the tty')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: bit rate not supported by '
                   'the tty\nipmi-lanctl: sol set: Invalid argument\n'))
        self.assertEqual(r.log, 'GETFAMILY\nset_sol sol{ bit_rate=10/1 }\n')
        r = mock('sol', 'set', 'enabled', 'on',
                 spec='error set_sol 1 capped not allowed')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: kernel reports: not allowed\n'
                   'ipmi-lanctl: sol set: Operation not permitted\n'))
        r = mock('sol', 'set', 'enabled', 'on', spec='error set_sol 1')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: sol set: Operation not permitted\n'))
        r = mock('sol', 'set', 'enabled', 'on',
                 spec='warning set_sol no tty is bound')
        self.assertEqual((r.rc, r.out, r.err), (
            0, '', 'ipmi-lanctl: kernel warning: no tty is bound\n'))
        self.fails(mock('sol', 'set', 'enabled', 'on', spec='silent set_sol'),
                   2, 'sol set: no answer from the kernel')

    BAD = [
        (['sol', 'set'], 'sol set: nothing to set'),
        (['sol', 'set', 'enable', 'on'], 'unknown setting "enable"'),
        (['sol', 'set', 'Enabled', 'on'], 'unknown setting "Enabled"'),
        (['sol', 'set', 'retry-count', '1'], 'unknown setting "retry-count"'),
        (['sol', 'set', 'enabled'], 'enabled: missing value'),
        (['sol', 'set', 'threshold', '1', 'bit-rate'],
         'bit-rate: missing value'),
        (['sol', 'set', 'enabled', 'yes'], 'enabled "yes": expected on or off'),
        (['sol', 'set', 'enabled', '1'], 'enabled "1"'),
        (['sol', 'set', 'force-encryption', 'ON'], 'force-encryption "ON"'),
        (['sol', 'set', 'force-authentication', 'true'],
         'force-authentication "true"'),
        (['sol', 'set', 'privilege', 'callback'], 'privilege "callback"'),
        (['sol', 'set', 'privilege', 'no-access'], 'privilege "no-access"'),
        (['sol', 'set', 'privilege', 'oem'],
         'privilege "oem": expected user, operator, administrator or admin'),
        (['sol', 'set', 'privilege', '2'], 'privilege "2"'),
        (['sol', 'set', 'privilege', 'Admin'], 'privilege "Admin"'),
        (['sol', 'set', 'privilege', ''], 'privilege ""'),
        (['sol', 'set', 'accumulate', '0'],
         'accumulate "0": expected milliseconds in 5..1275, a multiple of 5'),
        (['sol', 'set', 'accumulate', '4'], 'accumulate "4"'),
        (['sol', 'set', 'accumulate', '7'], 'accumulate "7"'),
        (['sol', 'set', 'accumulate', '1276'], 'accumulate "1276"'),
        (['sol', 'set', 'accumulate', '1280'], 'accumulate "1280"'),
        (['sol', 'set', 'accumulate', '60ms'], 'accumulate "60ms"'),
        (['sol', 'set', 'accumulate', '0x32'], 'accumulate "0x32"'),
        (['sol', 'set', 'accumulate', '-5'], 'accumulate "-5"'),
        (['sol', 'set', 'accumulate', ''], 'accumulate ""'),
        (['sol', 'set', 'threshold', '0'],
         'threshold "0": expected a number in 1..255'),
        (['sol', 'set', 'threshold', '256'], 'threshold "256"'),
        (['sol', 'set', 'threshold', 'x'], 'threshold "x"'),
        (['sol', 'set', 'retries', '8'],
         'retries "8": expected a number in 0..7'),
        (['sol', 'set', 'retries', '-1'], 'retries "-1"'),
        (['sol', 'set', 'retry-interval', '5'],
         'retry-interval "5": expected milliseconds in 0..2550, '
         'a multiple of 10'),
        (['sol', 'set', 'retry-interval', '2560'], 'retry-interval "2560"'),
        (['sol', 'set', 'retry-interval', '2551'], 'retry-interval "2551"'),
        (['sol', 'set', 'retry-interval', '99999999999999999999'],
         'retry-interval'),
        (['sol', 'set', 'bit-rate', '4800'],
         'bit-rate "4800": expected default, 9600, 19200, 38400, 57600 or '
         '115200'),
        (['sol', 'set', 'bit-rate', '115.2k'], 'bit-rate "115.2k"'),
        (['sol', 'set', 'bit-rate', '6'], 'bit-rate "6"'),
        (['sol', 'set', 'bit-rate', 'Default'], 'bit-rate "Default"'),
        (['sol', 'set', 'volatile-bit-rate', '230400'],
         'volatile-bit-rate "230400"'),
        (['sol', 'set', 'enabled', 'on', 'enabled', 'off'],
         'enabled given twice'),
        (['sol', 'set', 'accumulate', '5', 'accumulate', '10'],
         'accumulate given twice'),
        (['sol', 'foo'], 'unknown sol command "foo"'),
        (['sol', 'list'], 'unknown sol command "list"'),
        (['sol', 'show', 'x'], 'sol show: unexpected argument "x"'),
        (['sol', 'attach'], 'sol attach: missing TTY'),
        (['sol', 'attach', '-d'], 'sol attach: missing TTY'),
        (['sol', 'attach', 'ttyS1', 'ttyS2'], 'unexpected argument "ttyS2"'),
        (['sol', 'attach', 'ttyS1', '-d', 'daemon'], 'daemon given twice'),
        (['sol', 'attach', 'ttyS1', '-x'], 'unknown option "-x"'),
        (['sol', 'attach', ''], 'sol attach: empty TTY'),
        (['sol', 'attach', 'x' * 5000], 'is too long'),
        (['sol', 'attach', 'ttyS1', 'target'], 'target: missing ADDR'),
        (['sol', 'attach', 'ttyS1', 'target', '0x20'],
         'target address "0x20": 0x20 is the BMC itself'),
        (['sol', 'attach', 'ttyS1', 'target', '0'],
         'target address "0": expected a number in 1..255'),
        (['sol', 'attach', 'ttyS1', 'target', '0x100'],
         'target address "0x100": expected a number in 1..255'),
        (['sol', 'attach', 'ttyS1', 'target', 'x72'], 'target address "x72"'),
        (['sol', 'attach', 'ttyS1', 'target', '0x72', 'target', '1'],
         'sol attach: target given twice'),
        (['sol', 'attach', 'target', '0x72'], 'sol attach: missing TTY'),
        (['sol', 'attach', 'ttyS1', 'target', '0x72', 'ttyS2'],
         'unexpected argument "ttyS2"'),
        (['sol', 'detach'], 'sol detach: missing TTY'),
        (['sol', 'detach', 'ttyS1', 'ttyS2'], 'unexpected argument "ttyS2"'),
        (['sol', 'detach', ''], 'sol detach: empty TTY'),
    ]

    def test_usage_errors(self):
        for args, msg in self.BAD:
            with self.subTest(args=args):
                r = mock(*args)
                self.fails(r, 1, msg)
                self.assertEqual(r.log, '', r)
                self.fails(run(REAL, *args), 1, msg)

    def test_help(self):
        for args in (['sol', 'help'], ['sol', 'show', 'help'],
                     ['sol', 'set', 'help'],
                     ['sol', 'set', 'enabled', 'on', 'help'],
                     ['sol', 'attach', 'help'],
                     ['sol', 'attach', 'ttyS1', 'help'],
                     ['sol', 'detach', 'help']):
            with self.subTest(args=args):
                r = mock(*args)
                self.ok(r)
                self.assertTrue(r.out.startswith(
                    'Usage: ipmi-lanctl sol { show | help }\n'), r)
                self.assertIn('sol attach TTY [ target ADDR ] '
                              '[ -d | daemon ]', r.out)
                self.assertIn('with target ADDR (1..255 but 0x20)', r.out)
                self.assertEqual(r.log, '')
        r = run(REAL, 'help')
        self.assertIn('chassis | sol | monitor }', r.out)
        self.assertIn('sol set SETTING', r.out)
        self.assertIn('volatile-bit-rate RATE', r.out)


def registered_ldiscs():
    try:
        with open('/proc/tty/ldiscs') as f:
            return {int(line.split()[1]) for line in f if line.strip()}
    except (OSError, ValueError, IndexError):
        return set()


class SolTty(Case):
    """attach and detach on a pty; the kernel side is the mock, so the
    discipline set is one the test picks: unregistered (200), N_TTY (0,
    what a fresh pty has) or, if registered here, N_NULL (27)."""

    def setUp(self):
        self.master, self.slave = pty.openpty()
        self.name = os.ttyname(self.slave)
        self.procs = []     # foreground attaches
        self.pids = []      # daemons not yet seen gone

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        for pid in self.pids:
            # Only while it is still the daemon this test started.
            try:
                with open(f'/proc/{pid}/cmdline', 'rb') as f:
                    if b'ipmi-lanctl-mock' in f.read():
                        os.kill(pid, signal.SIGTERM)
            except (FileNotFoundError, ProcessLookupError):
                pass
        os.close(self.slave)
        try:
            os.close(self.master)
        except OSError:
            pass

    def ldisc(self):
        buf = fcntl.ioctl(self.slave, termios.TIOCGETD, struct.pack('i', 0))
        return struct.unpack('i', buf)[0]

    def test_ldisc_not_registered(self):
        msg = ('ipmi-lanctl: line discipline 29 is taken by another '
               'discipline; load ipmi_lan with sol_ldisc=')
        for args in (['attach', self.name], ['attach', self.name, '-d'],
                     ['attach', 'daemon', self.name]):
            with self.subTest(args=args):
                r = mock('sol', *args, spec=sol_spec(ldiscok=0))
                self.fails(r, 1, msg, 'a free number below NR_LDISCS')
                self.assertEqual(r.err.count('\n'), 1, r)
                self.assertEqual(r.log, 'GETFAMILY\nget_sol\n')
                self.assertEqual(self.ldisc(), 0)
        # A tty with that number has the other discipline, not SoL.
        r = mock('sol', 'detach', self.name, spec=sol_spec(ldiscok=0))
        self.assertEqual((r.rc, r.out, r.err), (
            1, '', f'ipmi-lanctl: {self.name}: not attached to SoL (line '
                   'discipline 29 belongs to another discipline)\n'))

    def test_get_sol_fails(self):
        for args in (['attach', self.name], ['detach', self.name]):
            with self.subTest(args=args):
                r = mock('sol', *args, spec='error get_sol 1 not allowed')
                self.assertEqual((r.rc, r.out, r.err), (
                    2, '', 'ipmi-lanctl: kernel reports: not allowed\n'
                           f'ipmi-lanctl: sol {args[0]}: '
                           'Operation not permitted\n'))
                r = mock('sol', *args, spec=sol_spec(ldisc=None))
                self.fails(r, 2, f'sol {args[0]}: malformed reply')

    def test_detach_not_attached(self):
        # A fresh pty has N_TTY, not the module's discipline.
        r = mock('sol', 'detach', self.name)
        self.assertEqual((r.rc, r.out, r.err), (
            1, '', f'ipmi-lanctl: {self.name}: not attached to SoL\n'))
        self.assertEqual(r.log, 'GETFAMILY\nget_sol\n')
        # A bare name is under /dev.
        r = mock('sol', 'detach', self.name[len('/dev/'):])
        self.assertEqual((r.rc, r.err), (
            1, f'ipmi-lanctl: {self.name}: not attached to SoL\n'))

    def test_detach(self):
        # With the mock saying 0 (N_TTY), the pty counts as attached.
        r = mock('sol', 'detach', self.name, spec=sol_spec(ldisc=0))
        self.ok(r, '')
        self.assertEqual(self.ldisc(), 0)

    def test_tty_errors(self):
        missing = '/dev/ipmi-lanctl-test-no-such-tty'
        unregistered = (f'{self.name}: line discipline 200 is not registered '
                        '(is the ipmi_lan module still loaded?)')
        for args, err in (
                (['attach', self.name], unregistered),
                (['attach', self.name, '-d'], unregistered),
                (['attach', '/dev/null'], '/dev/null: not a tty'),
                (['attach', '/dev/null', 'daemon'], '/dev/null: not a tty'),
                (['detach', '/dev/null'], '/dev/null: not a tty'),
                (['attach', missing], f'{missing}: No such file or directory'),
                (['attach', missing, '-d'],
                 f'{missing}: No such file or directory'),
                (['attach', missing[len('/dev/'):]],
                 f'{missing}: No such file or directory'),
                (['detach', missing], f'{missing}: No such file or directory')):
            with self.subTest(args=args):
                r = mock('sol', *args, spec=sol_spec(ldisc=200))
                self.assertEqual((r.rc, r.out, r.err),
                                 (1, '', f'ipmi-lanctl: {err}\n'))
                self.assertEqual(r.log, 'GETFAMILY\nget_sol\n')
                self.assertEqual(self.ldisc(), 0)

    def test_attach_target(self):
        # The announcement names the tty's device number and the target;
        # the kernel's refusal (extack) is printed and nothing is bound.
        st = os.stat(self.name)
        want = (f'sol_attach sol_tty{{ target=114/1 '
                f'dev_major={os.major(st.st_rdev)}/4 '
                f'dev_minor={os.minor(st.st_rdev)}/4 }}\n')
        for args in (['attach', self.name, 'target', '0x72'],
                     ['attach', 'target', '114', self.name, '-d']):
            with self.subTest(args=args):
                r = mock('sol', *args, spec=sol_spec(ldisc=200) +
                         '\nerror sol_attach 2 no such target')
                self.assertEqual((r.rc, r.out, r.err), (
                    2, '', 'ipmi-lanctl: kernel reports: no such target\n'
                           'ipmi-lanctl: sol attach: No such file or '
                           'directory\n'))
                self.assertEqual(r.log, 'GETFAMILY\nget_sol\n' + want)
                self.assertEqual(self.ldisc(), 0)
                # Announced: then the discipline is set (200: refused).
                r = mock('sol', *args, spec=sol_spec(ldisc=200))
                self.assertEqual((r.rc, r.out, r.err), (
                    1, '', f'ipmi-lanctl: {self.name}: line discipline 200 '
                           'is not registered (is the ipmi_lan module still '
                           'loaded?)\n'))
                self.assertEqual(r.log, 'GETFAMILY\nget_sol\n' + want)
        r = mock('sol', 'attach', '/dev/null', 'target', '0x72',
                 spec=sol_spec(ldisc=200))
        self.assertEqual((r.rc, r.err), (1, 'ipmi-lanctl: /dev/null: not a tty\n'))
        self.assertEqual(r.log, 'GETFAMILY\nget_sol\n')

    def test_attach_already(self):
        # The tty already has the discipline: someone else holds it.
        for args in (['attach', self.name], ['attach', self.name, '-d']):
            r = mock('sol', *args, spec=sol_spec(ldisc=0))
            self.assertEqual((r.rc, r.out, r.err), (
                1, '', f'ipmi-lanctl: {self.name}: already attached to SoL '
                       '(line discipline 0)\n'))

    def wait_gone(self, pid):
        for _ in range(50):
            try:
                with open(f'/proc/{pid}/stat') as f:
                    gone = f.read().rsplit(')', 1)[1].split()[0] == 'Z'
            except FileNotFoundError:
                gone = True
            if gone:
                self.pids.remove(pid)
                return True
            time.sleep(0.1)
        return False

    @unittest.skipUnless(27 in registered_ldiscs(),
                         'N_NULL (27) is not registered here')
    def test_attach_foreground(self):
        spec = sol_spec(ldisc=27)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'spec')
            with open(path, 'w') as f:
                f.write(spec + '\n')
            env = dict(os.environ, LC_ALL='C', IPMI_LANCTL_MOCK=path)
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, None):
                with self.subTest(sig=sig):
                    p = subprocess.Popen([MOCK, 'sol', 'attach', self.name],
                                         env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE,
                                         stdin=subprocess.DEVNULL, text=True)
                    self.procs.append(p)
                    self.assertEqual(p.stderr.readline(),
                                     f'ipmi-lanctl: {self.name}: attached '
                                     '(line discipline 27)\n')
                    self.assertEqual(self.ldisc(), 27)
                    if sig:
                        p.send_signal(sig)
                        err = ''
                    else:
                        r = run(MOCK, 'sol', 'detach', self.name, spec=spec)
                        self.ok(r, '')
                        err = f'ipmi-lanctl: {self.name}: detached\n'
                    out, rest = p.communicate(timeout=5)
                    self.assertEqual((p.returncode, out, rest), (0, '', err))
                    self.assertEqual(self.ldisc(), 0)

    @unittest.skipUnless(27 in registered_ldiscs(),
                         'N_NULL (27) is not registered here')
    def test_attach_daemon(self):
        spec = sol_spec(ldisc=27)
        for how in ('detach', 'hangup'):
            with self.subTest(how=how):
                r = mock('sol', 'attach', self.name, '-d', spec=spec)
                self.assertEqual(r.rc, 0, r)
                self.assertEqual(r.out, '', r)
                m = re.fullmatch(f'ipmi-lanctl: {re.escape(self.name)}: '
                                 r'attached \(line discipline 27\), held by '
                                 r'process (\d+)\n', r.err)
                self.assertTrue(m, r)
                pid = int(m.group(1))
                self.pids.append(pid)
                self.assertEqual(self.ldisc(), 27)
                self.assertEqual(os.readlink(f'/proc/{pid}/fd/2'),
                                 '/dev/null')
                with open(f'/proc/{pid}/stat') as f:
                    stat = f.read().rsplit(')', 1)[1].split()
                self.assertEqual(int(stat[3]), pid)          # setsid()
                # A second holder is refused.
                r2 = mock('sol', 'attach', self.name, spec=spec)
                self.fails(r2, 1, 'already attached to SoL')
                if how == 'detach':
                    self.ok(mock('sol', 'detach', self.name, spec=spec), '')
                    self.assertEqual(self.ldisc(), 0)
                else:
                    os.close(self.master)     # hangs up the slave
                self.assertTrue(self.wait_gone(pid), f'{pid} still holds')
                if how == 'detach':
                    # The detach already made it N_TTY; nothing changed since.
                    self.assertEqual(self.ldisc(), 0)


# The mock's log of a monitor that joined: resolving the family, then its
# group (libnl asks the family again), then the membership of group 23.
JOINED = 'GETFAMILY\nGETFAMILY\nJOIN 23\n'
MALFORMED = 'ipmi-lanctl: monitor: malformed event from the kernel\n'


class Monitor(Case):
    # (mock event, text line, JSON object), one of each kind and cause.
    EVENTS = [
        ('kind 1 handle 3 user 2 v4 127.0.0.1 50123',
         'session up handle 3 user 2 peer 127.0.0.1:50123',
         {'event': 'session-up', 'handle': 3, 'user_id': 2,
          'peer': '127.0.0.1:50123'}),
        ('kind 2 handle 3 user 2 v4 127.0.0.1 50123 cause 1',
         'session down handle 3 user 2 peer 127.0.0.1:50123 cause close',
         {'event': 'session-down', 'handle': 3, 'user_id': 2,
          'peer': '127.0.0.1:50123', 'cause': 'close'}),
        ('kind 3 handle 4 user 63 instance 1 v6 ::1 623 0',
         'sol up instance 1 handle 4 user 63 peer [::1]:623',
         {'event': 'sol-up', 'instance': 1, 'handle': 4, 'user_id': 63,
          'peer': '[::1]:623'}),
        ('kind 4 handle 4 user 63 instance 1 v6 ::1 623 0 cause 2',
         'sol down instance 1 handle 4 user 63 peer [::1]:623 cause timeout',
         {'event': 'sol-down', 'instance': 1, 'handle': 4, 'user_id': 63,
          'peer': '[::1]:623', 'cause': 'timeout'}),
        ('kind 2 handle 255 user 5 v6 2001:db8::2 65535 0 cause 3',
         'session down handle 255 user 5 peer [2001:db8::2]:65535 '
         'cause config',
         {'event': 'session-down', 'handle': 255, 'user_id': 5,
          'peer': '[2001:db8::2]:65535', 'cause': 'config'}),
        ('kind 4 instance 2 handle 1 user 2 v6 fe80::1 1 1 cause 0',
         'sol down instance 2 handle 1 user 2 peer [fe80::1%lo]:1 '
         'cause unknown',
         {'event': 'sol-down', 'instance': 2, 'handle': 1, 'user_id': 2,
          'peer': '[fe80::1%lo]:1', 'cause': 'unknown'}),
        ('kind 1 handle 1 user 2 v6 ::ffff:192.0.2.1 623 0',
         'session up handle 1 user 2 peer [::ffff:192.0.2.1]:623',
         {'event': 'session-up', 'handle': 1, 'user_id': 2,
          'peer': '[::ffff:192.0.2.1]:623'}),
        # A cause this version does not know: its number.
        ('kind 2 handle 3 user 2 v4 192.0.2.9 1 cause 9',
         'session down handle 3 user 2 peer 192.0.2.9:1 cause 9',
         {'event': 'session-down', 'handle': 3, 'user_id': 2,
          'peer': '192.0.2.9:1', 'cause': '9'}),
        # A kind this version does not know; 0 is none.
        ('kind 7 handle 3 user 2 v4 192.0.2.9 1',
         'event kind 7 handle 3 user 2 peer 192.0.2.9:1',
         {'event': 'unknown', 'kind': 7, 'handle': 3, 'user_id': 2,
          'peer': '192.0.2.9:1'}),
        ('kind 0 instance 3 cause 1',
         'event kind 0 instance 3 cause close',
         {'event': 'unknown', 'kind': 0, 'instance': 3, 'cause': 'close'}),
        # Missing attributes are left out, in both forms.
        ('kind 1', 'session up', {'event': 'session-up'}),
        ('kind 2 cause 1', 'session down cause close',
         {'event': 'session-down', 'cause': 'close'}),
        ('kind 3 handle 4', 'sol up handle 4',
         {'event': 'sol-up', 'handle': 4}),
        ('kind 4 instance 1 user 2', 'sol down instance 1 user 2',
         {'event': 'sol-down', 'instance': 1, 'user_id': 2}),
        ('kind 2 v4 192.0.2.1 623', 'session down peer 192.0.2.1:623',
         {'event': 'session-down', 'peer': '192.0.2.1:623'}),
        ('handle 3 user 2', 'event handle 3 user 2',
         {'event': 'unknown', 'handle': 3, 'user_id': 2}),
        # Attributes from a newer kernel are ignored.
        ('kind 1 handle 3 attr 42 01020304 user 2',
         'session up handle 3 user 2',
         {'event': 'session-up', 'handle': 3, 'user_id': 2}),
    ]

    def spec(self, events, end='end signal 15'):
        return '\n'.join([f'event {e}' for e in events] + [end])

    def test_text(self):
        r = mock('monitor', spec=self.spec(e for e, _, _ in self.EVENTS))
        self.ok(r, ''.join(t + '\n' for _, t, _ in self.EVENTS))
        self.assertEqual(r.log, JOINED)

    def test_json(self):
        for opt in ('-j', '--json'):
            r = mock(opt, 'monitor',
                     spec=self.spec(e for e, _, _ in self.EVENTS))
            self.ok(r)
            lines = r.out.splitlines()
            self.assertEqual(len(lines), len(self.EVENTS), r)
            for line, (_, _, want) in zip(lines, self.EVENTS):
                with self.subTest(line=line):
                    got = json.loads(line)
                    self.assertEqual(got, want)
                    self.assertEqual(list(got), list(want))   # key order
            self.assertEqual(r.log, JOINED)

    def test_pretty(self):
        r = mock('-p', 'monitor',
                 spec=self.spec(e for e, _, _ in self.EVENTS[:2]))
        self.ok(r)
        self.assertTrue(r.out.startswith('{\n    "event": "session-up",\n'),
                        r)
        dec, pos, got = json.JSONDecoder(), 0, []
        while pos < len(r.out):
            obj, pos = dec.raw_decode(r.out, pos)
            got.append(obj)
            pos += 1                                  # the newline
        self.assertEqual(got, [w for _, _, w in self.EVENTS[:2]])

    def test_ignored(self):
        # Other commands and other families' messages are not events.
        spec = self.spec(['cmd 9 kind 1 handle 9',
                          'type 16 kind 1 handle 8',
                          'kind 1 handle 7'])
        self.ok(mock('monitor', spec=spec), 'session up handle 7\n')

    def test_malformed(self):
        # Each is reported; monitoring goes on.
        for bad in ('nonest',                       # no IPMI_LAN_A_EVENT
                    'kind 1 attr 2',                # empty handle
                    'kind 1 peer 0200',             # short peer
                    'kind 1 peer 0a00' + '00' * 14,  # AF_INET6, short
                    'kind 1 peer 0100' + '00' * 26):  # AF_UNIX
            with self.subTest(bad=bad):
                spec = self.spec([bad, 'kind 2 handle 1'])
                for args, out in ((['monitor'], 'session down handle 1\n'),
                                  (['-j', 'monitor'],
                                   '{"event":"session-down","handle":1}\n')):
                    r = mock(*args, spec=spec)
                    self.assertEqual((r.rc, r.out, r.err), (0, out, MALFORMED))

    def test_lost(self):
        # ENOBUFS: the kernel dropped some; said once, and on it goes.
        spec = ('event kind 1 handle 1\nrecverror 105\n'
                'event kind 2 handle 1 cause 2\nend signal 15')
        r = mock('monitor', spec=spec)
        self.assertEqual((r.rc, r.out, r.err), (
            0, 'session up handle 1\nsession down handle 1 cause timeout\n',
            'ipmi-lanctl: monitor: events were lost (the receive buffer '
            'overran)\n'))

    def test_socket_error(self):
        spec = 'event kind 1 handle 1\nrecverror 9\nevent kind 1 handle 2'
        for args, out in ((['monitor'], 'session up handle 1\n'),
                          (['-j', 'monitor'],
                           '{"event":"session-up","handle":1}\n')):
            r = mock(*args, spec=spec)
            self.assertEqual((r.rc, r.out, r.err), (
                2, out, 'ipmi-lanctl: monitor: cannot receive events: '
                        'Bad socket\n'))

    def test_family_missing(self):
        for args in (['monitor'], ['-j', 'monitor']):
            r = mock(*args, spec='family missing\nevent kind 1')
            self.assertEqual((r.rc, r.out, r.err), (2, '', NOT_LOADED))
            self.assertEqual(r.log, 'GETFAMILY\n')

    def test_group_missing(self):
        # A module from before events: the family has no "events" group.
        for args in (['monitor'], ['-j', 'monitor']):
            r = mock(*args, spec='group missing\nevent kind 1')
            self.assertEqual((r.rc, r.out, r.err), (
                2, '', 'ipmi-lanctl: monitor: the ipmi_lan module has no '
                       'multicast group "events" (it predates events)\n'))
            self.assertEqual(r.log, 'GETFAMILY\nGETFAMILY\n')

    def test_join_error(self):
        r = mock('monitor', spec='joinerror 1\nevent kind 1')
        self.assertEqual((r.rc, r.out, r.err), (
            2, '', 'ipmi-lanctl: monitor: cannot join multicast group '
                   '"events": Operation not permitted\n'))
        self.assertEqual(r.log, JOINED)

    def test_write_error(self):
        with tempfile.TemporaryDirectory() as tmp, \
                open('/dev/full', 'w') as full:
            path = os.path.join(tmp, 'spec')
            with open(path, 'w') as f:
                f.write(self.spec(['kind 1 handle 1', 'kind 1 handle 2']))
            env = dict(os.environ, LC_ALL='C', IPMI_LANCTL_MOCK=path)
            p = subprocess.run([MOCK, 'monitor'], env=env, stdout=full,
                               stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL, timeout=10)
        self.assertEqual((p.returncode, p.stderr), (
            1, 'ipmi-lanctl: cannot write the output: No space left on '
               'device\n'))

    def start(self, tmp, *args):
        spec = os.path.join(tmp, 'spec')
        with open(spec, 'w') as f:
            f.write('events stdin\n')
        env = dict(os.environ, LC_ALL='C', IPMI_LANCTL_MOCK=spec,
                   IPMI_LANCTL_MOCK_LOG=os.path.join(tmp, 'log'))
        p = subprocess.Popen([MOCK, *args], env=env, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        self.addCleanup(lambda: p.poll() is None and (p.kill(), p.wait()))
        # A line that never comes (not flushed) fails, not hangs, the test.
        watchdog = threading.Timer(10, p.kill)
        watchdog.start()
        self.addCleanup(watchdog.cancel)
        return p

    def joined(self, tmp):
        for _ in range(100):
            try:
                with open(os.path.join(tmp, 'log')) as f:
                    if f.read() == JOINED:
                        return True
            except FileNotFoundError:
                pass
            time.sleep(0.05)
        return False

    def test_signals(self):
        # Events one at a time through pipes: each line arrives before
        # the next event is sent (flushed per line); the signal comes
        # while the tool waits.
        for sig in (signal.SIGTERM, signal.SIGINT):
            for json_ in (False, True):
                with self.subTest(sig=sig, json=json_), \
                        tempfile.TemporaryDirectory() as tmp:
                    p = self.start(tmp, *(['-j'] if json_ else []),
                                   'monitor')
                    for event, text, obj in self.EVENTS[:4]:
                        p.stdin.write(f'event {event}\n')
                        p.stdin.flush()
                        line = p.stdout.readline()
                        if json_:
                            self.assertEqual(json.loads(line), obj)
                        else:
                            self.assertEqual(line, text + '\n')
                    p.send_signal(sig)
                    out, err = p.communicate(timeout=5)
                    self.assertEqual((p.returncode, out, err), (0, '', ''))

    def test_signal_idle(self):
        # No event at all: the signal still ends it, with status 0.
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(sig=sig), tempfile.TemporaryDirectory() as tmp:
                p = self.start(tmp, 'monitor')
                self.assertTrue(self.joined(tmp))
                p.send_signal(sig)
                out, err = p.communicate(timeout=5)
                self.assertEqual((p.returncode, out, err), (0, '', ''))
        # And the same when it is sent before the events are read.
        r = mock('monitor', spec='end signal 2')
        self.ok(r, '')
        self.assertEqual(r.log, JOINED)

    def test_usage(self):
        for args in (['monitor', 'x'], ['monitor', 'show'],
                     ['-j', 'monitor', '-j']):
            with self.subTest(args=args):
                r = mock(*args)
                self.fails(r, 1, f'monitor: unexpected argument "{args[-1]}"')
                self.assertEqual(r.log, '')
        usage = ('Usage: ipmi-lanctl monitor [ help ]\n'
                 'Prints each session and SoL event as it happens, one line '
                 'each\n(with -j one JSON object each), until SIGINT or '
                 'SIGTERM.\n')
        for args in (['monitor', 'help'], ['-j', 'monitor', 'help']):
            r = mock(*args)
            self.ok(r, usage)
            self.assertEqual(r.log, '')
        r = run(REAL, 'help')
        self.ok(r)
        self.assertIn('chassis | sol | monitor }', r.out)
        self.assertTrue(r.out.endswith('\n\n' + usage), r)


class Print(Case):
    STRINGS = ['plain', 'quote " backslash \\ slash /',
               '\b\f\n\r\t\x01\x1f\x7f', 'caf\u00e9 \u20ac \U0001f600',
               'bad \ufffd|\ufffd\ufffd|\ufffd\ufffd\ufffd|\ufffd\ufffd|'
               '\ufffd\ufffd\ufffd\ufffd|', '']
    WANT = {'strings': STRINGS, 'key "\n': 'v', 'max': 2**64 - 1,
            'yes': True, 'no': False, 'empty_object': {}, 'empty_array': [],
            'nested': [{'a': [1, 2]}, {}]}

    def test_json(self):
        for args in ([], ['-p']):
            r = run(PRINT_TEST, *args)
            self.ok(r)
            self.assertEqual(json.loads(r.out), self.WANT)
            # Pure ASCII control escapes, valid UTF-8 passed through.
            self.assertIn(r'"\b\f\n\r\t\u0001\u001f' + '\x7f"', r.out)
            self.assertIn('caf\u00e9', r.out)
        self.assertEqual(run(PRINT_TEST).out.count('\n'), 1)

    def test_text(self):
        r = run(PRINT_TEST, '-t')
        self.ok(r)
        self.assertTrue(r.out.startswith('plain\nquote " backslash'), r)
        self.assertIn('max 18446744073709551615\ntext-only 1\nyes true\n',
                      r.out)
        self.assertNotIn('{', r.out)


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    REAL = os.path.abspath(sys.argv[1])
    MOCK = os.path.join(sys.argv[2], 'ipmi-lanctl-mock')
    PRINT_TEST = os.path.join(sys.argv[2], 'print-test')
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
