package org.integrationhub.connector.salesforce.internal;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A loopback Salesforce on the test kit's {@link FakeHttpServer}, answering with the documented payloads: the OAuth
 * token endpoint of the JWT bearer flow (the assertion's RS256 signature checked with the public key, its iss, sub,
 * aud and exp ≤ 3 minutes; {@code invalid_grant} otherwise), and under {@code /services/data/v62.0} the SOQL query
 * endpoint (the two query shapes the connector sends, string literals parsed with SOQL's escape rules, so an
 * unescaped quote or backslash is a MALFORMED_QUERY), Account reads, Case create and update (restricted picklists),
 * and limits. Every data answer carries {@code Sforce-Limit-Info}; a stale token gets 401 INVALID_SESSION_ID.
 */
final class FakeSalesforce implements AutoCloseable {

    static final String VERSION = "/services/data/v62.0";
    static final Pattern CONTACT_QUERY = Pattern.compile(
            "SELECT Id, Name, Email, AccountId FROM Contact WHERE Email = '((?:[^'\\\\]|\\\\.)*)' LIMIT 1");
    static final Pattern CASE_QUERY = Pattern.compile("SELECT Id, Description FROM Case WHERE Origin = "
            + "'((?:[^'\\\\]|\\\\.)*)' AND Subject = '((?:[^'\\\\]|\\\\.)*)' AND CreatedDate >= (\\S+) "
            + "ORDER BY CreatedDate ASC(?: LIMIT ([0-9]{1,5}))?");
    /** Case fields and their lengths, as in a standard org; any other field is INVALID_FIELD. */
    static final Map<String, Integer> CASE_FIELDS = Map.of("Subject", 255, "Description", 32000, "Priority", 40,
            "Status", 40, "Origin", 40, "ContactId", 18, "SuppliedEmail", 80, "SuppliedName", 80);
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeHttpServer server;
    private final PublicKey publicKey;
    private final String clientId;
    private final String username;
    private final String audience;
    final Map<String, ObjectNode> contacts = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> accounts = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> cases = new ConcurrentHashMap<>();
    /** Every e-mail value the Contact query asked for, as Salesforce parsed the literal. */
    final List<String> queriedEmails = new CopyOnWriteArrayList<>();
    /** Every JWT claims set the token endpoint accepted. */
    final List<JsonNode> acceptedClaims = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1);
    private final AtomicInteger apiCalls = new AtomicInteger();
    /** Create Cases, then drop the connection without answering, this many times. */
    final AtomicInteger dropAfterCreate = new AtomicInteger();
    /** Create Cases, then answer 201 with a body that is not JSON, this many times. */
    final AtomicInteger garbleAfterCreate = new AtomicInteger();
    /** Drop the connection before creating the Case, this many times. */
    final AtomicInteger dropBeforeCreate = new AtomicInteger();
    volatile boolean limitExceeded;
    /** How long a Case create takes inside Salesforce before it commits and answers. */
    volatile java.time.Duration createTime = java.time.Duration.ZERO;
    volatile boolean accountsReadable = true;
    volatile int dailyMax = 15000;
    /** Records per query answer; more are served through {@code nextRecordsUrl} (Salesforce: up to 2,000). */
    volatile int batchSize = 2000;
    private final Map<String, List<JsonNode>> cursors = new ConcurrentHashMap<>();

    /** @param audience the aud the token endpoint accepts; null: this server's own URL */
    FakeSalesforce(PublicKey publicKey, String clientId, String username, String audience) throws Exception {
        this(publicKey, clientId, username, audience, FakeHttpServer.start());
    }

    /** A Salesforce served by an existing server (e.g. the contract test's), whose fallback answers become this. */
    FakeSalesforce(PublicKey publicKey, String clientId, String username, String audience, FakeHttpServer server) {
        this.server = server;
        this.publicKey = publicKey;
        this.clientId = clientId;
        this.username = username;
        this.audience = audience;
        server.otherwise(this::answer);
    }

    String url() {
        return server.uri("").toString();
    }

    /** Revokes every access token issued so far (a session timeout). */
    void expireTokens() {
        tokens.replaceAll((t, valid) -> false);
    }

    int tokensIssued() {
        return tokens.size();
    }

    ObjectNode contact(String email, String name, String accountId) {
        String id = id("003");
        ObjectNode c = JSON.createObjectNode();
        c.putObject("attributes").put("type", "Contact").put("url", VERSION + "/sobjects/Contact/" + id);
        c.put("Id", id).put("Name", name).put("Email", email);
        if (accountId == null) {
            c.putNull("AccountId");
        } else {
            c.put("AccountId", accountId);
        }
        contacts.put(id, c);
        return c;
    }

    String account(String name) {
        String id = id("001");
        ObjectNode a = JSON.createObjectNode();
        a.putObject("attributes").put("type", "Account").put("url", VERSION + "/sobjects/Account/" + id);
        a.put("Id", id).put("Name", name);
        accounts.put(id, a);
        return id;
    }

    List<Recorded> caseCreates() {
        return server.requests("POST", VERSION + "/sobjects/Case");
    }

    private String id(String prefix) {
        return prefix + String.format("%012d", ids.getAndIncrement()) + "AAA";
    }

    private Reply answer(Recorded r) {
        if (r.method().equals("POST") && r.path().equals("/services/oauth2/token")) {
            return token(r);
        }
        String auth = r.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.getOrDefault(auth.substring(7), false)) {
            return Reply.of(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        }
        if (limitExceeded) {
            return Reply.of(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":"
                    + "\"REQUEST_LIMIT_EXCEEDED\"}]");
        }
        int used = apiCalls.incrementAndGet();
        return data(r).withHeader("Sforce-Limit-Info", "api-usage=" + used + "/" + dailyMax);
    }

    private Reply data(Recorded r) {
        String path = r.path();
        if (r.method().equals("GET") && path.equals(VERSION + "/query")) {
            return query(r.queryParameter("q"));
        }
        if (r.method().equals("GET") && path.startsWith(VERSION + "/query/")) {
            List<JsonNode> rest = cursors.remove(path.substring(path.lastIndexOf('/') + 1));
            return rest == null ? Reply.of(400, "[{\"message\":\"invalid query locator\",\"errorCode\":"
                    + "\"INVALID_QUERY_LOCATOR\"}]") : page(rest);
        }
        if (r.method().equals("GET") && path.equals(VERSION + "/limits")) {
            return Reply.of(200, "{\"DailyApiRequests\":{\"Max\":" + dailyMax + ",\"Remaining\":"
                    + (dailyMax - apiCalls.get()) + "},\"DailyBulkApiBatches\":{\"Max\":15000,\"Remaining\":15000}}");
        }
        if (r.method().equals("GET") && path.startsWith(VERSION + "/sobjects/Account/")) {
            ObjectNode account = accounts.get(path.substring(path.lastIndexOf('/') + 1));
            if (!accountsReadable) {
                return Reply.of(403, "[{\"message\":\"insufficient access rights on object id\",\"errorCode\":"
                        + "\"INSUFFICIENT_ACCESS_OR_READONLY\"}]");
            }
            return account == null ? notFound() : Reply.of(200, account.toString());
        }
        if (r.method().equals("POST") && path.equals(VERSION + "/sobjects/Case")) {
            return createCase(r.body());
        }
        if (r.method().equals("PATCH") && path.startsWith(VERSION + "/sobjects/Case/")) {
            ObjectNode c = cases.get(path.substring(path.lastIndexOf('/') + 1));
            if (c == null) {
                return notFound();
            }
            JsonNode update = read(r.body());
            Reply refused = refused(update, false);
            if (refused != null) {
                return refused;
            }
            update.fields().forEachRemaining(f -> c.set(f.getKey(), f.getValue()));
            return Reply.status(204);
        }
        return notFound();
    }

    private Reply createCase(String body) {
        if (dropBeforeCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Reply.drop();
        }
        JsonNode fields = read(body);
        Reply refused = refused(fields, true);
        if (refused != null) {
            return refused;
        }
        try {
            Thread.sleep(createTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = id("500");
        ObjectNode c = ((ObjectNode) fields).deepCopy();
        c.put("Id", id).put("CreatedDate", Instant.now().toString());
        cases.put(id, c);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Reply.drop();
        }
        if (garbleAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) { // a proxy mangling the 201
            return Reply.of(201, "<html><body>Created</body></html>").withContentType("text/html");
        }
        return Reply.of(201, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
    }

    /** @return Salesforce's 400 for Case fields it refuses (unknown, too long, bad e-mail or Contact, picklists) */
    private Reply refused(JsonNode fields, boolean create) {
        for (var f : (Iterable<Map.Entry<String, JsonNode>>) fields::fields) {
            Integer max = CASE_FIELDS.get(f.getKey());
            String value = f.getValue().asText("");
            if (max == null) {
                return Reply.of(400, "[{\"message\":\"No such column '" + f.getKey() + "' on sobject of type Case\","
                        + "\"errorCode\":\"INVALID_FIELD\"}]");
            }
            if (value.length() > max) {
                return Reply.of(400, "[{\"message\":\"" + f.getKey() + ": data value too large: (max length=" + max
                        + ")\",\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"" + f.getKey() + "\"]}]");
            }
        }
        String supplied = fields.path("SuppliedEmail").asText("");
        if (fields.has("SuppliedEmail") && !supplied.matches("[^@\\s]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            return Reply.of(400, "[{\"message\":\"Web Email: invalid email address: " + supplied.replace("\"", "")
                    .replace("\\", "") + "\",\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"fields\":"
                    + "[\"SuppliedEmail\"]}]");
        }
        if (fields.has("ContactId") && !contacts.containsKey(fields.path("ContactId").asText())) {
            return Reply.of(400, "[{\"message\":\"Contact ID: id value of incorrect type: " + fields.path("ContactId")
                    .asText().replaceAll("[^A-Za-z0-9]", "") + "\",\"errorCode\":\"FIELD_INTEGRITY_EXCEPTION\","
                    + "\"fields\":[\"ContactId\"]}]");
        }
        for (String[] picklist : new String[][] {{"Priority", "High", "Medium", "Low"}, {"Status", "New", "Working",
            "Escalated", "Closed"}, {"Origin", "Phone", "Email", "Web", "Helpdesk"}}) {
            if (!create && !fields.has(picklist[0])) {
                continue;
            }
            String value = fields.path(picklist[0]).asText("");
            if (!List.of(picklist).subList(1, picklist.length).contains(value)) {
                return Reply.of(400, "[{\"message\":\"bad value for restricted picklist field: " + value
                        + "\",\"errorCode\":\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\",\"fields\":[\"" + picklist[0]
                        + "\"]}]");
            }
        }
        return null;
    }

    private Reply query(String soql) {
        Matcher contact = CONTACT_QUERY.matcher(soql == null ? "" : soql);
        Matcher kase = CASE_QUERY.matcher(soql == null ? "" : soql);
        ArrayNode records = JSON.createArrayNode();
        try {
            if (contact.matches()) {
                String email = unescape(contact.group(1));
                queriedEmails.add(email);
                contacts.values().stream().filter(c -> c.path("Email").asText().equalsIgnoreCase(email)).findFirst()
                        .ifPresent(records::add);
            } else if (kase.matches()) {
                String origin = unescape(kase.group(1));
                String subject = unescape(kase.group(2));
                Instant since = Instant.parse(kase.group(3));
                long limit = kase.group(4) == null ? Long.MAX_VALUE : Long.parseLong(kase.group(4));
                cases.values().stream().filter(c -> c.path("Origin").asText().equals(origin)
                        && c.path("Subject").asText().equalsIgnoreCase(subject)
                        && !Instant.parse(c.path("CreatedDate").asText()).isBefore(since))
                        .sorted(java.util.Comparator.comparing((ObjectNode c) -> Instant.parse(c.path("CreatedDate")
                                .asText())).thenComparing(c -> c.path("Id").asText()))
                        .limit(limit).forEach(c -> {
                            ObjectNode row = records.addObject();
                            row.putObject("attributes").put("type", "Case").put("url", VERSION + "/sobjects/Case/"
                                    + c.path("Id").asText());
                            row.put("Id", c.path("Id").asText()).put("Description", c.path("Description").asText());
                        });
            } else {
                return malformed("unexpected query: " + soql);
            }
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage());
        }
        List<JsonNode> all = new java.util.ArrayList<>();
        records.forEach(all::add);
        return page(all);
    }

    /** One batch of a query answer: {@code totalSize} of the whole result, {@code nextRecordsUrl} while not done. */
    private Reply page(List<JsonNode> all) {
        int n = Math.min(batchSize, all.size());
        ObjectNode answer = JSON.createObjectNode().put("totalSize", all.size()).put("done", n == all.size());
        if (n < all.size()) {
            String locator = "01gD0000002HU6K" + ids.getAndIncrement() + "-" + n;
            cursors.put(locator, List.copyOf(all.subList(n, all.size())));
            answer.put("nextRecordsUrl", VERSION + "/query/" + locator);
        }
        answer.putArray("records").addAll(all.subList(0, n));
        return Reply.of(200, answer.toString());
    }

    /** SOQL's string literal escapes; anything else after a backslash is an error, as in Salesforce. */
    static String unescape(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = literal.charAt(++i);
            switch (next) {
                case '\'', '"', '\\' -> out.append(next);
                case 'n', 'N' -> out.append('\n');
                case 'r', 'R' -> out.append('\r');
                case 't', 'T' -> out.append('\t');
                case 'b', 'B' -> out.append('\b');
                case 'f', 'F' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= literal.length() || !literal.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        throw new IllegalArgumentException("Invalid string literal: invalid unicode escape");
                    }
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("Invalid string literal: invalid escape \\" + next);
            }
        }
        return out.toString();
    }

    private Reply token(Recorded r) {
        String grant = r.queryParameters().isEmpty() ? form(r.body(), "grant_type") : null;
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant)) {
            return Reply.of(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not "
                    + "supported\"}");
        }
        JsonNode claims = verify(form(r.body(), "assertion"));
        if (claims == null) {
            return Reply.of(400, "{\"error\":\"invalid_grant\",\"error_description\":\"invalid assertion\"}");
        }
        acceptedClaims.add(claims);
        String token = "00D000000000001!AQ" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("token-" + ids.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
        tokens.put(token, true);
        return Reply.of(200, JSON.createObjectNode().put("access_token", token).put("scope", "api")
                .put("instance_url", url()).put("id", url() + "/id/00D000000000001EAA/005000000000001AAA")
                .put("token_type", "Bearer").put("issued_at", Long.toString(System.currentTimeMillis()))
                .put("signature", "").toString());
    }

    /** @return the claims of a JWT signed RS256 by the configured key, for this app, user and audience; else null */
    JsonNode verify(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            if (parts.length != 3 || !"RS256".equals(JSON.readTree(Base64.getUrlDecoder().decode(parts[0]))
                    .path("alg").asText())) {
                return null;
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            long exp = claims.path("exp").asLong(0);
            boolean ok = clientId.equals(claims.path("iss").asText()) && username.equals(claims.path("sub").asText())
                    && (audience == null ? url() : audience).equals(claims.path("aud").asText()) && exp > now - 5
                    && exp <= now + 185;
            return ok ? claims : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String form(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static Reply notFound() {
        return Reply.of(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
    }

    private static Reply malformed(String message) {
        return Reply.of(400, "[{\"message\":" + JSON.getNodeFactory().textNode(message) + ",\"errorCode\":"
                + "\"MALFORMED_QUERY\"}]");
    }

    @Override
    public void close() {
        server.close();
    }
}
