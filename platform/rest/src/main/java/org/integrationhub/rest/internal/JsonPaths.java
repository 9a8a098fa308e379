package org.integrationhub.rest.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

/** Renders a Jackson reference path as a wire field path such as {@code customer.email} or {@code items[2].id}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (Reference r : path) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(body)" : sb.toString();
    }
}
