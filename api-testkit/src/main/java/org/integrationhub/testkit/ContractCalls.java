package org.integrationhub.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer.Reply;

/** How {@link IntegrationContractTest} calls a connector: with a time limit, expecting a classified failure. */
final class ContractCalls {

    /** A call that may fail with a classified exception. */
    interface VendorCall {
        void run() throws IntegrationException;
    }

    /** What the vendor does in the contract's health checks. */
    enum VendorBehaviour {
        NORMAL(null),
        UNAUTHORIZED(Reply.of(401, "{\"error\":\"invalid_token\"}")),
        SERVER_ERROR(Reply.of(500, "{\"error\":\"internal\"}")),
        GARBAGE(Reply.of(200, "<html><body><h1>502 Bad Gateway</h1></body></html>").withContentType("text/html")),
        HANGING(Reply.of(200, "{}")),
        DROPPED(Reply.drop());

        final Reply reply;

        VendorBehaviour(Reply reply) {
            this.reply = reply;
        }
    }

    private ContractCalls() {
    }

    /**
     * @return the {@link IntegrationException} {@code call} threw
     * @throws AssertionError if it succeeded, threw something else, or did not return within {@code limit}
     */
    static IntegrationException classified(Duration limit, String what, VendorCall call, FakeHttpServer vendor)
            throws Exception {
        try {
            within(limit, what, () -> {
                call.run();
                return null;
            });
        } catch (IntegrationException e) {
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e.getClass().getName() + " (" + e.getMessage()
                    + "): a connector classifies every failure as an IntegrationException", e);
        }
        throw new AssertionError(what + " succeeded; expected an IntegrationException. Requests the vendor got: "
                + FakeHttpServer.describe(vendor.requests()));
    }

    /** Runs {@code call} on another thread with a time limit, rethrowing what it throws. */
    static <T> T within(Duration limit, String what, Callable<T> call) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contract-check");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> future = executor.submit(call);
            try {
                return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new AssertionError(what + " did not return within " + limit.toString().substring(2)
                        .toLowerCase(Locale.ROOT) + ": give every vendor request a timeout below timeLimit()");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * @return what {@code checkHealth()} returned
     * @throws AssertionError if it threw, returned null or did not return within {@code limit}
     */
    static HealthResult health(Duration limit, IntegrationInterface integration, String situation) throws Exception {
        HealthResult result;
        try {
            result = within(limit, "checkHealth() against " + situation, integration::checkHealth);
        } catch (RuntimeException e) {
            throw new AssertionError("checkHealth() threw " + e.getClass().getName() + " against " + situation
                    + ": it must return a HealthResult instead (e.g. HealthResult.of(integrationException))", e);
        }
        if (result == null) {
            throw new AssertionError("checkHealth() returned null against " + situation);
        }
        return result;
    }

    /** @return {@code text} with every secret replaced by {@code <secret>}, cut to 2000 characters */
    static String masked(String text, Set<String> secrets) {
        String masked = text;
        for (String s : secrets) {
            if (s != null && s.length() >= 6) {
                masked = masked.replace(s, "<secret>");
            }
        }
        return masked.length() > 2000 ? masked.substring(0, 2000) + "…" : masked;
    }
}
