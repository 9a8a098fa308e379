package org.integrationhub.webhooks.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;

/** Validates endpoint input into field errors (→ 422 problem+json). */
final class WebhookValidator {

    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "connection",
            "transfer-encoding", "user-agent", "x-webhook-signature", "te", "upgrade", "expect", "keep-alive",
            "proxy-authorization", "trailer");

    /** Shortest raw (non-{@code whsec_}) secret accepted: 24 characters, as many as the shortest generated key's bytes. */
    static final int MIN_RAW_SECRET = 24;
    static final int MAX_RAW_SECRET = 256;

    private final SsrfGuard guard;

    WebhookValidator(SsrfGuard guard) {
        this.guard = guard;
    }

    /** @param create whether url and events are required */
    void validate(WebhookInput in, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        if (in.url() == null) {
            if (create) {
                errors.add(new FieldError("url", "is required"));
            }
        } else if (in.url().length() > 2048) {
            errors.add(new FieldError("url", "is longer than 2048 characters"));
        } else {
            String problem = guard.check(in.url());
            if (problem != null) {
                errors.add(new FieldError("url", problem));
            }
        }
        if (in.events() == null) {
            if (create) {
                errors.add(new FieldError("events", "is required (event types, or \"*\" for all)"));
            }
        } else if (in.events().isEmpty()) {
            errors.add(new FieldError("events", "must name at least one event type"));
        } else {
            for (String e : in.events()) {
                if (!"*".equals(e) && !known(e)) {
                    errors.add(new FieldError("events", "unknown event type: " + e));
                }
            }
        }
        if (in.description() != null && in.description().length() > 500) {
            errors.add(new FieldError("description", "is longer than 500 characters"));
        }
        if (in.secret() != null && !validSecret(in.secret())) {
            errors.add(new FieldError("secret", in.secret().startsWith("whsec_")
                    ? "must be whsec_ followed by the base64 of 24 to 64 bytes"
                    : "must be a whsec_ secret, or a raw secret of " + MIN_RAW_SECRET + " to " + MAX_RAW_SECRET
                            + " characters without spaces or control characters"));
        }
        if (in.headers() != null) {
            for (Map.Entry<String, String> h : in.headers().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (!name.matches("[a-z0-9!#$%&'*+.^_`|~-]{1,100}")) {
                    errors.add(new FieldError("headers", "invalid header name: " + h.getKey()));
                } else if (RESERVED.contains(name) || name.startsWith("webhook-")) {
                    errors.add(new FieldError("headers", "reserved header: " + h.getKey()));
                } else if (h.getValue() == null || h.getValue().length() > 1000
                        || h.getValue().chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                    errors.add(new FieldError("headers", "invalid value of header " + h.getKey()));
                }
            }
        }
        if (in.rateLimit() != null && (in.rateLimit() < 0 || in.rateLimit() > 100_000)) {
            errors.add(new FieldError("rate_limit", "must be between 1 and 100000 per second (0 = unlimited)"));
        }
        if (in.retrySchedule() != null && !Set.of("default", "standard").contains(in.retrySchedule())) {
            errors.add(new FieldError("retry_schedule", "must be \"default\" or \"standard\""));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    static Set<String> events(List<String> events) {
        return events.contains("*") ? Set.of("*") : new LinkedHashSet<>(events);
    }

    /**
     * A Standard Webhooks secret ({@code whsec_} + base64 of 24–64 bytes), or a raw secret as the original design's
     * API took them (it generated 32 random characters): 24–256 characters, no whitespace or control characters.
     * A raw secret signs both headers with its UTF-8 bytes (see {@code WebhookSigner.key}).
     */
    static boolean validSecret(String secret) {
        if (!secret.startsWith("whsec_")) {
            int length = secret.codePointCount(0, secret.length());
            return length >= MIN_RAW_SECRET && length <= MAX_RAW_SECRET
                    && secret.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        }
        try {
            int n = Base64.getDecoder().decode(secret.substring(6)).length;
            return n >= 24 && n <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean known(String type) {
        try {
            EventType.fromWireName(type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
