package org.integrationhub.webhooks.internal;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty resolver that re-applies the {@link SsrfGuard} to the addresses a connection is about to use, so a DNS name
 * that changed to a private address after registration (DNS rebinding) is refused at connect time.
 */
final class GuardedResolver implements SocketAddressResolver {

    /** The failure of a connection refused by the guard. */
    static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }

    private final SocketAddressResolver delegate;
    private final SsrfGuard guard;

    GuardedResolver(SocketAddressResolver delegate, SsrfGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
        delegate.resolve(host, port, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                for (InetSocketAddress a : addresses) {
                    if (a.getAddress() == null || !guard.allows(a.getAddress())) {
                        promise.failed(new RefusedAddressException("target address not allowed: " + host + " -> "
                                + (a.getAddress() == null ? "unresolved" : a.getAddress().getHostAddress())));
                        return;
                    }
                }
                promise.succeeded(addresses);
            }

            @Override
            public void failed(Throwable x) {
                promise.failed(x);
            }
        });
    }
}
