package io.tokenworkbench.client.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1), such as
 * {@code Bearer realm="api", error="invalid_token", error_description="The token expired"}. Immutable.
 *
 * <p>OkHttp parses challenges only for 401 responses and keeps its general parser internal, while the
 * workbench must also read the {@code insufficient_scope} challenge of a 403; the grammar is small
 * (auth-scheme, then token68 or comma-separated auth-params with token or quoted-string values),
 * so it is parsed here.
 *
 * @param scheme the auth-scheme as sent, e.g. {@code Bearer}
 * @param params auth-params by lower-cased name, in order; a token68 value is under {@code ""}
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The parameter {@code name} (case-insensitive), e.g. {@code error}. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Parses every challenge in one header value; a value it cannot read yields what it read so far. */
    public static List<Challenge> parseAll(String headerValue) {
        List<Challenge> challenges = new ArrayList<>();
        Cursor in = new Cursor(headerValue == null ? "" : headerValue);
        while (true) {
            in.skipSpaceAndCommas();
            String scheme = in.token();
            if (scheme.isEmpty()) {
                return challenges;
            }
            Map<String, String> params = new LinkedHashMap<>();
            in.skipSpace();
            while (!in.atEnd()) {
                int mark = in.position;
                String name = in.token();
                in.skipSpace();
                if (name.isEmpty()) {
                    break;
                }
                if (in.peek() == '=' && !in.equalsRunEndsItem()) {
                    in.position++;
                    in.skipSpace();
                    params.put(name.toLowerCase(Locale.ROOT), in.peek() == '"' ? in.quoted() : in.token());
                    in.skipSpace();
                    if (in.peek() != ',') {
                        break;
                    }
                    in.position++;
                    in.skipSpace();
                    continue;
                }
                if (params.isEmpty() && (in.atEnd() || in.peek() == '=' || in.peek() == ',')) {
                    params.put("", name + in.equalsRun());
                    break;
                }
                in.position = mark; // the next challenge's scheme
                break;
            }
            challenges.add(new Challenge(scheme, params));
        }
    }

    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(position);
        }

        void skipSpace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                position++;
            }
        }

        void skipSpaceAndCommas() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
                position++;
            }
        }

        /** True when a run of '=' here is followed by the end or a comma: token68 padding, not a parameter. */
        boolean equalsRunEndsItem() {
            int i = position;
            while (i < text.length() && text.charAt(i) == '=') {
                i++;
            }
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return i >= text.length() || text.charAt(i) == ',';
        }

        String equalsRun() {
            int start = position;
            while (peek() == '=') {
                position++;
            }
            return text.substring(start, position);
        }

        String token() {
            int start = position;
            while (!atEnd() && isTokenChar(peek())) {
                position++;
            }
            return text.substring(start, position);
        }

        String quoted() {
            StringBuilder value = new StringBuilder();
            position++; // opening quote
            while (!atEnd() && peek() != '"') {
                if (peek() == '\\' && position + 1 < text.length()) {
                    position++;
                }
                value.append(peek());
                position++;
            }
            if (!atEnd()) {
                position++; // closing quote
            }
            return value.toString();
        }

        private static boolean isTokenChar(char c) {
            // tchar plus '/', which token68 values (base64) contain
            return c > ' ' && c < 127 && "\"(),:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }
}
