package org.integrationhub.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.integrationhub.api.ValidationException;

/** Opaque page cursors: base64url (unpadded) of the id of the last ticket of the previous page. */
final class CursorCodec {

    private CursorCodec() {
    }

    static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param cursor a cursor from {@link #encode}
     * @return the id it carries
     * @throws ValidationException ({@code "cursor"}) if it is not one
     */
    static String decode(String cursor) {
        if (cursor.length() <= 64) {
            try {
                String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                if (Ids.isValid(id)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // falls through to the validation error
            }
        }
        throw new ValidationException("cursor", "malformed cursor; pass the next_cursor of a previous page");
    }
}
