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

import json
import os
import subprocess
import sys
import tempfile
import unittest

REAL = MOCK = PRINT_TEST = None

NOT_LOADED = ('ipmi-lanctl: the ipmi_lan module is not loaded '
              '(generic netlink family "ipmi_lan" not found)\n')

# JSON keys; the text output has '-' for '_'.
DROPS = ['truncated', 'oversize', 'rmcp_header', 'asf', 'session_header',
         'msg_header', 'checksum', 'unknown_session', 'not_allowed', 'nomem',
         'tx_error']

DEFAULT_SERVER = {'enabled': True, 'listening': True, 'port': 623,
                  'addresses': ['0.0.0.0', '::']}
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


def run(binary, *args, spec=None):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LC_ALL='C')
        env['IPMI_LANCTL_MOCK_LOG'] = os.path.join(tmp, 'log')
        if spec is not None:
            env['IPMI_LANCTL_MOCK'] = os.path.join(tmp, 'spec')
            with open(env['IPMI_LANCTL_MOCK'], 'w') as f:
                f.write(spec + '\n')
        proc = subprocess.run([binary, *args], env=env, capture_output=True,
                              text=True, errors='surrogateescape',
                              timeout=10)
        try:
            with open(env['IPMI_LANCTL_MOCK_LOG']) as f:
                log = f.read()
        except FileNotFoundError:
            log = ''
    return Result(proc, log)


def mock(*args, spec=None):
    return run(MOCK, *args, spec=spec)


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
                     ['set', 'enabled', 'on']):
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
                   '  address: ::\n')
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
                    '"addresses":["0.0.0.0","::"]}\n')
            self.assertEqual(r.log, 'GETFAMILY\nget_server\n')

    def test_server_variants(self):
        spec = 'server enabled 0 listening 0 port 6230 v6 2001:0db8:0::0001'
        self.ok(mock('server', spec=spec),
                'server: disabled, not listening\n'
                '  port: 6230\n'
                '  address: 2001:db8::1\n')
        self.assertEqual(mock('-j', 'server', spec=spec).json(),
                         {'enabled': False, 'listening': False, 'port': 6230,
                          'addresses': ['2001:db8::1']})
        spec = 'server enabled 1 listening 0 port 1 v4 192.0.2.1'
        self.assertEqual(mock('-j', 'server', spec=spec).json(),
                         {'enabled': True, 'listening': False, 'port': 1,
                          'addresses': ['192.0.2.1']})
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
                'drop 0 9 drop 10 1 drop 3 5 drop 11 8')
        want = dict(DEFAULT_STATS, rx_packets=1, rx_bytes=2, tx_packets=3,
                    tx_bytes=2**64 - 1)
        want['drops'] = dict(DEFAULT_STATS['drops'], truncated=9, asf=5)
        want['drops']['tx_error'] = 1
        want['drops']['drop_11'] = 8
        want['drops']['drop_42'] = 7
        r = mock('-j', 'stats', spec=spec)
        self.ok(r)
        self.assertEqual(r.json(), want)
        self.assertEqual(list(r.json()['drops'])[-2:], ['drop_11', 'drop_42'])
        r = mock('stats', spec=spec)
        self.ok(r)
        self.assertIn('tx-bytes 18446744073709551615\n', r.out)
        self.assertIn('drops:\n  truncated 9\n  oversize 0\n', r.out)
        self.assertTrue(r.out.endswith('  tx-error 1\n  drop-11 8\n'
                                       '  drop-42 7\n'), r)

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
