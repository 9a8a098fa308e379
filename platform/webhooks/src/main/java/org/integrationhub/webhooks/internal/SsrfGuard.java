package org.integrationhub.webhooks.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Decides which target addresses webhooks may reach: public unicast only, unless the operator allows a network
 * ({@code allowedNetworks}, CIDR). Used when an endpoint is registered (on the resolved DNS name) and again for every
 * connection (on the address actually connected to), so DNS rebinding cannot reach a private network.
 */
final class SsrfGuard {

    /**
     * Non-public ranges beyond what {@link InetAddress} classifies (RFC 6890 and the IANA special-purpose registries):
     * IPv4 "this network", shared, IETF, documentation, benchmarking and reserved space; IPv6 IPv4-compatible and
     * SIIT-translated forms (which would carry a private IPv4 address), unique-local, link- and site-local, NAT64,
     * discard-only, the IETF protocol block 2001::/23 (Teredo, benchmarking, ORCHID), documentation (2001:db8::/32,
     * 3fff::/20), 6to4 and SRv6 segment identifiers.
     */
    private static final List<Cidr> BLOCKED = Stream.of("0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24",
            "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
            "::/96", "::ffff:0:0:0/96", "fc00::/7", "fe80::/10", "fec0::/10", "64:ff9b::/96", "64:ff9b:1::/48",
            "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "2002::/16", "5f00::/16")
            .map(Cidr::parse).toList();

    private final List<Cidr> allowed;

    /** @param allowedNetworks CIDRs the operator allows even though they are not public, e.g. 127.0.0.0/8 */
    SsrfGuard(List<String> allowedNetworks) {
        List<Cidr> list = new ArrayList<>();
        for (String n : allowedNetworks) {
            if (!n.isBlank()) {
                list.add(Cidr.parse(n.trim()));
            }
        }
        this.allowed = List.copyOf(list);
    }

    /** @return whether a connection to this address is allowed */
    boolean allows(InetAddress a) {
        for (Cidr c : allowed) {
            if (c.contains(a)) {
                return true;
            }
        }
        return isPublic(a);
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 4 && (b[0] & 0xff) == 255 && (b[1] & 0xff) == 255) {
            return false; // broadcast (also covered by 240/4)
        }
        for (Cidr c : BLOCKED) {
            if (c.contains(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a target URL as registered: http(s), a host, no credentials, and every address the host resolves to
     * allowed.
     *
     * @return the problem, or null if the URL is acceptable
     */
    String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "must be an absolute http(s) URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return "host " + uri.getHost() + " does not resolve";
        }
        for (InetAddress a : addresses) {
            if (!allows(a)) {
                return "resolves to a non-public address (" + a.getHostAddress()
                        + ") that the hub's allowedNetworks do not include";
            }
        }
        return null;
    }

    /** An address range in CIDR notation. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                InetAddress a = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash));
                int bits = a.getAddress().length * 8;
                int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > bits || !Character.isLetterOrDigit(cidr.charAt(0)) && cidr.charAt(0) != ':') {
                    throw new IllegalArgumentException("invalid network: " + cidr);
                }
                return new Cidr(a.getAddress(), prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("invalid network (CIDR expected, e.g. 10.0.0.0/8): " + cidr);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }
}
