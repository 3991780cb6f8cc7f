package io.tokenworkbench.client.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request to send with {@link ApiClient}. Immutable; the {@code with…} methods return copies.
 *
 * <pre>{@code
 * ApiRequest.get(server, "/protected").withBearer(token)
 * ApiRequest.json("POST", server, "/v1/posts", "{\"title\":\"Hi\",\"content\":\"…\"}")
 * }</pre>
 *
 * @param method  upper-case HTTP method
 * @param url     absolute http(s) URL
 * @param headers header fields in the order they are sent
 * @param body    the body text, or {@code null} for none
 */
public record ApiRequest(String method, String url, List<HttpHeader> headers, String body) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        method = method.trim().toUpperCase(Locale.ROOT);
        if (method.isEmpty() || !method.chars().allMatch(Character::isLetter)) {
            throw new IllegalArgumentException("Not an HTTP method: '" + method + "'");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute http(s) URL: '" + url + "'");
        }
        headers = List.copyOf(headers);
    }

    /** A request with no headers and no body. */
    public static ApiRequest of(String method, String baseUrl, String path) {
        return new ApiRequest(method, join(baseUrl, path), List.of(), null);
    }

    /** A GET of {@code path} on the server at {@code baseUrl}. */
    public static ApiRequest get(String baseUrl, String path) {
        return of("GET", baseUrl, path);
    }

    /** A request with a JSON body and {@code Content-Type: application/json}. */
    public static ApiRequest json(String method, String baseUrl, String path, String json) {
        return of(method, baseUrl, path).withHeader("Content-Type", "application/json").withBody(json);
    }

    /** Joins a server's base URL and a path, tolerating a slash on either side or both. */
    public static String join(String baseUrl, String path) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String p = path.strip();
        if (p.startsWith("http://") || p.startsWith("https://")) {
            return p;
        }
        return p.isEmpty() ? base : base + (p.startsWith("/") ? p : "/" + p);
    }

    /** A copy with one more header. */
    public ApiRequest withHeader(String name, String value) {
        List<HttpHeader> copy = new ArrayList<>(headers);
        copy.add(new HttpHeader(name, value));
        return new ApiRequest(method, url, copy, body);
    }

    /** A copy whose header {@code name} (any case) is replaced by the given value, or removed if it is null. */
    public ApiRequest replacingHeader(String name, String value) {
        List<HttpHeader> copy = new ArrayList<>(headers.stream().filter(h -> !h.isNamed(name)).toList());
        if (value != null) {
            copy.add(new HttpHeader(name, value));
        }
        return new ApiRequest(method, url, copy, body);
    }

    /** A copy that sends {@code Authorization: Bearer <token>}, replacing any earlier Authorization. */
    public ApiRequest withBearer(String accessToken) {
        return replacingHeader("Authorization", "Bearer " + accessToken);
    }

    /** A copy with one more query parameter, encoded as a query component. */
    public ApiRequest withQueryParameter(String name, String value) {
        return new ApiRequest(method, okhttp3.HttpUrl.get(url).newBuilder().addQueryParameter(name, value).build()
                .toString(), headers, body);
    }

    /** The scheme, host and port the request goes to, e.g. {@code http://localhost:8080}. */
    public String origin() {
        return Origins.of(url);
    }

    /** A copy with this body text. */
    public ApiRequest withBody(String newBody) {
        return new ApiRequest(method, url, headers, newBody);
    }

    /** The first header called {@code name}, ignoring case. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.isNamed(name)).map(HttpHeader::value).findFirst();
    }
}
