package org.integrationhub.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.integrationhub.rest.json.ProblemException;

/** Counts the bytes of a request body as they are read and fails with 413 past the limit (chunked bodies). */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw ProblemException.payloadTooLarge(limit);
        }
    }
}
