package io.tokenworkbench.client.http;

import java.util.Objects;

/**
 * One HTTP header field as sent or received. Immutable.
 *
 * @param name  the field name, as written (comparisons ignore case)
 * @param value the field value
 */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A header needs a name");
        }
    }

    /** True when this header is called {@code other}, ignoring case. */
    public boolean isNamed(String other) {
        return name.equalsIgnoreCase(other);
    }
}
