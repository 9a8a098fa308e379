package org.integrationhub.connector.slack.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.integrationhub.spi.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's 3-second rule: runs a command's work on the platform scheduler and answers with its reply if it is ready
 * within the inline limit; otherwise acknowledges at once ("Working on it…") and posts the reply to the request's
 * {@code response_url} when it is ready.
 */
final class DeferredReply {

    static final String WORKING = Replies.ephemeral("Working on it…");

    private final Logger logger = LoggerFactory.getLogger(DeferredReply.class);
    private final Executor executor;
    private final HttpClient http;
    private final Duration inline;
    private final Duration timeout;

    DeferredReply(Executor executor, HttpClient http, Duration inline, Duration timeout) {
        this.executor = executor;
        this.http = http;
        this.inline = inline;
        this.timeout = timeout;
    }

    /** @param work produces the reply JSON; never throws @param responseUrl Slack's response_url, may be null */
    InboundResponse answer(Supplier<String> work, String responseUrl) {
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(work, executor);
        try {
            return InboundResponse.json(200, reply.get(inline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reply.thenAccept(json -> post(responseUrl, json));
            return InboundResponse.json(200, WORKING);
        } catch (ExecutionException e) {
            logger.warn("A Slack command failed", e.getCause());
            return InboundResponse.json(200, Replies.failure("The command failed", new RuntimeException(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.thenAccept(json -> post(responseUrl, json));
            return InboundResponse.json(200, WORKING);
        }
    }

    /** Posts a message to a response_url (asynchronously; failures are logged without the URL, which is a token). */
    void post(String responseUrl, String json) {
        URI uri = responseUrl == null ? null : URI.create(responseUrl);
        if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            logger.warn("Slack reply dropped: the request carried no usable response_url");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                logger.warn("Posting a Slack reply to its response_url failed: {}", failure.toString());
            } else if (response.statusCode() >= 300) {
                logger.warn("Slack refused a reply at its response_url with HTTP {}", response.statusCode());
            }
        });
    }
}
