package org.integrationhub.connector.slack.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.google.gson.JsonParseException;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Attachment;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

/**
 * The Slack Web API as the connector uses it: the official {@code slack-api-client}'s {@link MethodsClient} with a
 * configurable base URL, every failure classified as an {@link IntegrationException}. Thread-safe. The bot token
 * is kept inside the SDK's client and never logged or put into messages.
 */
final class SlackClient implements AutoCloseable {

    /** A Slack user as the hub needs it. */
    record SlackUser(String id, String email, String name) {
    }

    /** Where a posted message lives. */
    record Posted(String channel, String ts) {
    }

    private final Slack slack;
    private final MethodsClient methods;

    /**
     * @param apiUrl the Web API base URL ending in {@code /} ({@code https://slack.com/api/} in production)
     * @param botToken the bot token ({@code xoxb-...})
     * @param timeout connect/read/call timeout of one Web API call
     */
    SlackClient(String apiUrl, String botToken, Duration timeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        config.setStatsEnabled(false); // the SDK's metrics would start a background thread of their own
        config.setPrettyResponseLoggingEnabled(false);
        config.setFailOnUnknownProperties(false);
        config.setTokenExistenceVerificationEnabled(false);
        int millis = (int) timeout.toMillis();
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        config.setHttpClientCallTimeoutMillis(millis);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(botToken);
    }

    /** @return the bot's team and user, as {@code auth.test} reports them */
    String authTest() throws IntegrationException {
        AuthTestResponse r = call("auth.test", () -> methods.authTest(b -> b));
        return "team " + r.getTeam() + ", bot user " + r.getUser();
    }

    /**
     * {@code chat.postMessage}.
     *
     * @param threadTs the root message of the thread to reply in, or null for a new message
     */
    Posted postMessage(String channel, String threadTs, String text, List<LayoutBlock> blocks,
            List<Attachment> attachments) throws IntegrationException {
        ChatPostMessageResponse r = call("chat.postMessage", () -> methods.chatPostMessage(b -> b.channel(channel)
                .threadTs(threadTs).text(text).blocks(blocks).attachments(attachments).unfurlLinks(false)));
        return new Posted(r.getChannel() == null ? channel : r.getChannel(), r.getTs());
    }

    /** @return the {@code chat.getPermalink} URL of a message (no scope needed; hundreds of calls a minute) */
    String permalink(String channel, String ts) throws IntegrationException {
        ChatGetPermalinkResponse r = call("chat.getPermalink", () -> methods.chatGetPermalink(b -> b.channel(channel)
                .messageTs(ts)));
        if (r.getPermalink() == null || r.getPermalink().isBlank()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "chat.getPermalink answered without a permalink",
                    null);
        }
        return r.getPermalink();
    }

    /** {@code chat.update} of an existing message. */
    void update(String channel, String ts, String text, List<LayoutBlock> blocks, List<Attachment> attachments)
            throws IntegrationException {
        call("chat.update", () -> methods.chatUpdate(b -> b.channel(channel).ts(ts).text(text).blocks(blocks)
                .attachments(attachments)));
    }

    /** {@code users.info}: the user's e-mail needs the {@code users:read.email} scope. */
    SlackUser user(String userId) throws IntegrationException {
        UsersInfoResponse r = call("users.info", () -> methods.usersInfo(b -> b.user(userId)));
        User u = r.getUser();
        String email = u.getProfile() == null ? null : u.getProfile().getEmail();
        if (email == null || email.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION,
                    "Slack did not reveal the e-mail of user " + userId + " (scope users:read.email missing?)", null);
        }
        String name = u.getRealName() != null && !u.getRealName().isBlank() ? u.getRealName() : u.getName();
        return new SlackUser(u.getId(), email, name);
    }

    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws IntegrationException {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            String retryAfter = e.getResponse().header("Retry-After");
            throw new IntegrationException(ErrorCategory.fromHttpStatus(status),
                    method + " failed with HTTP " + status, null, retryAfter(retryAfter));
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, method + " failed: " + e.getMessage(), e);
        } catch (JsonParseException e) {
            // a 200 whose body is no Web API response (a proxy's or captive portal's HTML page): the SDK's parser
            // throws unchecked, which escaped checkHealth and every call (found by the test kit's contract)
            throw new IntegrationException(ErrorCategory.COMMUNICATION, method + " failed: the answer is not a "
                    + "Slack Web API response", null);
        }
        if (!response.isOk()) {
            throw new IntegrationException(SlackErrors.categorize(response.getError()),
                    method + " failed: " + response.getError(), null);
        }
        return response;
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            slack.close();
        } catch (Exception e) {
            // nothing left to release
        }
    }
}
