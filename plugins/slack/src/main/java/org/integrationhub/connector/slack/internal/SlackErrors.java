package org.integrationhub.connector.slack.internal;

import java.util.Set;

import org.integrationhub.spi.ErrorCategory;

/** Classifies the {@code error} codes of Slack Web API responses ({@code {"ok":false,"error":"..."}}). */
final class SlackErrors {

    private static final Set<String> AUTHENTICATION = Set.of("not_authed", "invalid_auth", "account_inactive",
            "token_revoked", "token_expired", "no_permission", "missing_scope", "not_allowed_token_type",
            "ekm_access_denied");
    private static final Set<String> CONFIGURATION = Set.of("channel_not_found", "not_in_channel",
            "is_archived", "invalid_blocks", "invalid_attachments", "user_not_found", "users_not_found",
            "message_not_found", "cant_update_message", "invalid_arguments", "msg_too_long", "no_text");
    private static final Set<String> COMMUNICATION = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout");

    private SlackErrors() {
    }

    /** @param error Slack's error code @return its category */
    static ErrorCategory categorize(String error) {
        if (error == null) {
            return ErrorCategory.REMOTE;
        }
        if (error.equals("ratelimited") || error.equals("rate_limited")) {
            return ErrorCategory.RATE_LIMITED;
        }
        if (AUTHENTICATION.contains(error)) {
            return ErrorCategory.AUTHENTICATION;
        }
        if (CONFIGURATION.contains(error)) {
            return ErrorCategory.CONFIGURATION;
        }
        if (COMMUNICATION.contains(error)) {
            return ErrorCategory.COMMUNICATION;
        }
        return ErrorCategory.REMOTE;
    }
}
