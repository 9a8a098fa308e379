package org.integrationhub.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of {@code /api/v1}, kept in this bundle next to
 * this class ({@code openapi.json}) and checked against every resource of the hub by {@code OpenApiDriftTest}. No
 * credentials; cacheable (an hour, revalidated with its ETag, which changes with the document).
 */
@Path("/v1/openapi.json")
@Produces(Wire.JSON_UTF8)
@PublicEndpoint
public class OpenApiResource {

    /** Where the document lives, relative to this class. */
    static final String DOCUMENT = "openapi.json";
    private static final int MAX_AGE_SECONDS = 3600;

    private final byte[] document;
    private final EntityTag etag;

    OpenApiResource() {
        this.document = load();
        this.etag = new EntityTag(sha256(document));
    }

    @GET
    public Response get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + etag.getValue() + "\"") || ifNoneMatch.trim()
                .equals("*"))) {
            return Response.notModified(etag).cacheControl(cache).build();
        }
        return Response.ok(document).tag(etag).cacheControl(cache).build();
    }

    /** @return the document's bytes, as served */
    static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the REST bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
