package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.GenericServlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replacing the serving servlet must never hand a request to a destroyed one, nor drop one in flight. */
class SwappableServletTest {

    /** Records its lifecycle; fails a request served after destroy, the way a shut-down Jersey app answers 500. */
    static final class Probe extends GenericServlet {
        private static final long serialVersionUID = 1L;
        final AtomicBoolean initialised = new AtomicBoolean();
        final AtomicBoolean destroyed = new AtomicBoolean();
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger servedWhileDestroyed = new AtomicInteger();
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        @Override
        public void init() {
            initialised.set(true);
        }

        @Override
        public void service(ServletRequest req, ServletResponse res) {
            if (destroyed.get() || !initialised.get()) {
                servedWhileDestroyed.incrementAndGet();
            }
            CountDownLatch in = entered;
            if (in != null) {
                in.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (destroyed.get()) {
                servedWhileDestroyed.incrementAndGet();
            }
            served.incrementAndGet();
        }

        @Override
        public void destroy() {
            destroyed.set(true);
        }
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void servesNothingBeforeTheFirstInstall() throws Exception {
        assertThat(new SwappableServlet(null).service(null, null)).isFalse();
    }

    @Test
    void theReplacedServletFinishesItsRequestBeforeItIsDestroyed() throws Exception {
        SwappableServlet swappable = new SwappableServlet(null);
        Probe first = new Probe();
        first.entered = new CountDownLatch(1);
        first.release = new CountDownLatch(1);
        swappable.install(first);
        Future<Boolean> slow = pool.submit(() -> swappable.service(null, null));
        assertThat(first.entered.await(5, TimeUnit.SECONDS)).isTrue();

        Probe second = new Probe();
        swappable.install(second);
        assertThat(second.initialised).isTrue();
        assertThat(first.destroyed).as("destroyed while a request is still in it").isFalse();
        assertThat(swappable.service(null, null)).isTrue();
        assertThat(second.served).hasValue(1);

        first.release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.destroyed).isTrue();
        assertThat(first.servedWhileDestroyed).hasValue(0);
        assertThat(second.destroyed).isFalse();
    }

    @Test
    void aReplacementThatFailsToStartLeavesTheCurrentOneServing() throws Exception {
        SwappableServlet swappable = new SwappableServlet(null);
        Probe first = new Probe();
        swappable.install(first);
        GenericServlet broken = new GenericServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            public void init() throws ServletException {
                throw new ServletException("bad resource");
            }

            @Override
            public void service(ServletRequest req, ServletResponse res) {
                throw new AssertionError("never serves");
            }
        };
        assertThatThrownBy(() -> swappable.install(broken)).isInstanceOf(ServletException.class);
        assertThat(swappable.service(null, null)).isTrue();
        assertThat(first.served).hasValue(1);
        assertThat(first.destroyed).isFalse();
    }

    @Test
    void shutdownStopsServingAndDestroysOnceIdle() throws Exception {
        SwappableServlet swappable = new SwappableServlet(null);
        Probe only = new Probe();
        swappable.install(only);
        swappable.shutdown();
        assertThat(only.destroyed).isTrue();
        assertThat(swappable.service(null, null)).isFalse();
    }

    @Test
    void noRequestReachesADestroyedServletWhileSwappingUnderLoad() throws Exception {
        SwappableServlet swappable = new SwappableServlet(null);
        List<Probe> installed = new ArrayList<>();
        Probe first = new Probe();
        installed.add(first);
        swappable.install(first);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger unserved = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            clients.add(pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        if (!swappable.service(null, null)) {
                            unserved.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return null;
            }));
        }
        for (int i = 0; i < Integer.getInteger("swaps", 500_000); i++) {
            Probe next = new Probe();
            installed.add(next);
            swappable.install(next);
        }
        stop.set(true);
        for (Future<?> f : clients) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(unserved).hasValue(0);
        assertThat(installed.stream().mapToInt(p -> p.servedWhileDestroyed.get()).sum()).isZero();
        assertThat(installed.subList(0, installed.size() - 1)).allMatch(p -> p.destroyed.get());
        assertThat(installed.stream().mapToInt(p -> p.served.get()).sum()).isPositive();
    }
}
