# SPDX-License-Identifier: GPL-2.0
# The exact Debian kernel ABIs the tests use: one per series, the same for
# the image (dpkg -x) and for the headers (apt). Debian's archive carries
# several ABIs at once; change both together.
ABI_61=6.1.0-56-amd64
ABI_612=6.12.117+deb12-amd64
