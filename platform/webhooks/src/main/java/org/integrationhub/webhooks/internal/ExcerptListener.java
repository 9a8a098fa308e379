package org.integrationhub.webhooks.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;

/** Keeps the first bytes of a response body (the log's excerpt) and discards the rest, however long it is. */
final class ExcerptListener extends Response.Listener.Adapter {

    private final byte[] excerpt;
    private int length;
    private final BiConsumer<Result, String> onComplete;

    ExcerptListener(int max, BiConsumer<Result, String> onComplete) {
        this.excerpt = new byte[max];
        this.onComplete = onComplete;
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        int n = Math.min(content.remaining(), excerpt.length - length);
        if (n > 0) {
            content.get(excerpt, length, n);
            length += n;
        }
    }

    @Override
    public void onComplete(Result result) {
        onComplete.accept(result, length == 0 ? null : new String(excerpt, 0, length, StandardCharsets.UTF_8));
    }
}
