package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.checks.suite.RequestSpec;
import io.tokenworkbench.client.checks.suite.StatusSet;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.CookieSession;
import io.tokenworkbench.client.http.HttpHeader;
import io.tokenworkbench.client.http.Redaction;
import io.tokenworkbench.client.identity.TokenExchange;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns suite requests into HTTP exchanges: fills variables, adds the bearer token, waits out a rate limit that the
 * check did not ask about (honouring {@code Retry-After} up to a bound), and records what happened with secrets
 * redacted.
 */
final class RequestSender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDED_BODY_CHARS = 64 * 1024;
    private static final int RATE_LIMIT_RETRIES = 2;

    private final ApiClient api;
    private final String server;
    private final Duration maxRateLimitWait;
    private final RunListener listener;
    private final RunControl control;
    private final Map<CookieSession, ApiClient> sessions = new ConcurrentHashMap<>();
    private final Redaction.Known secrets = new Redaction.Known();

    RequestSender(ApiClient api, String server, Duration maxRateLimitWait, RunListener listener, RunControl control) {
        this.api = api;
        this.server = server;
        this.maxRateLimitWait = maxRateLimitWait;
        this.listener = listener;
        this.control = control;
    }

    String server() {
        return server;
    }

    /** Builds the HTTP request; throws IllegalStateException/IllegalArgumentException with a reason on bad input. */
    ApiRequest build(RequestSpec spec, Variables variables) {
        return build(spec, variables, server);
    }

    /** As {@link #build(RequestSpec, Variables)}, relative to {@code base} (a URL) unless the path is absolute. */
    ApiRequest build(RequestSpec spec, Variables variables, String base) {
        ApiRequest request = ApiRequest.of(spec.method(), base, variables.fill(spec.path()));
        for (Map.Entry<String, String> header : spec.headers().entrySet()) {
            request = request.withHeader(header.getKey(), variables.fill(header.getValue()));
        }
        String contentType = null;
        String body = null;
        switch (spec.body()) {
            case RequestSpec.Body.None none -> {
            }
            case RequestSpec.Body.Json json -> {
                contentType = "application/json";
                try {
                    body = JSON.writeValueAsString(variables.fill(json.document()));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("cannot write the JSON body", e);
                }
            }
            case RequestSpec.Body.Form form -> {
                contentType = "application/x-www-form-urlencoded";
                body = TokenExchange.formBody(form.fields().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                                e -> variables.fill(e.getValue()), (x, y) -> x, java.util.LinkedHashMap::new)));
            }
            case RequestSpec.Body.Text text -> {
                contentType = text.contentType();
                body = variables.fill(text.text());
            }
        }
        if (contentType != null && request.header("Content-Type").isEmpty()) {
            request = request.withHeader("Content-Type", contentType);
        }
        if (body != null) {
            request = request.withBody(body);
        }
        return request;
    }

    /**
     * The request as {@code credential} sends it: its credentials added unless the request already carries an
     * {@code Authorization} header of its own.
     */
    static ApiRequest authorize(ApiRequest request, Credential credential) {
        return request.header("Authorization").isPresent() && !(credential instanceof Credential.ApiKey)
                ? request : credential.authorize(request);
    }

    /** A JSON request. */
    ApiRequest json(String method, String path, Object body, String accessToken) {
        ApiRequest request;
        try {
            request = ApiRequest.json(method, server, path, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the JSON body", e);
        }
        return accessToken == null ? request : request.withBearer(accessToken);
    }

    /**
     * Sends, and when the answer is an unexpected 429 with a {@code Retry-After} within bounds, waits and sends again.
     *
     * @param expected statuses the caller expects (null: any 2xx); a 429 among them is returned at once
     */
    ApiResult send(ApiRequest request, StatusSet expected) {
        return send(request, expected, new Credential.None(), true);
    }

    /**
     * Sends as {@code credential} (with its cookie session, if it has one; the request must already be authorized)
     * and, when {@code waitOnRateLimit}, waits out an unexpected 429 as {@link #send(ApiRequest, StatusSet)} does.
     */
    ApiResult send(ApiRequest request, StatusSet expected, Credential credential, boolean waitOnRateLimit) {
        ApiClient client = credential.cookies().map(jar -> sessions.computeIfAbsent(jar, api::withCookies))
                .orElse(api);
        ApiResult result = client.send(request);
        for (int attempt = 0; waitOnRateLimit && attempt < RATE_LIMIT_RETRIES; attempt++) {
            if (!(result instanceof ApiResult.Response response) || response.status() != 429
                    || expected != null && expected.matches(429)) {
                return result;
            }
            long waitSeconds = response.header("Retry-After").map(RequestSender::seconds).orElse(-1L);
            if (waitSeconds < 0 || waitSeconds > maxRateLimitWait.toSeconds()) {
                return result;
            }
            listener.message("Rate limited on " + request.method() + " " + pathOf(request) + "; waiting "
                    + waitSeconds + " s as Retry-After asks");
            if (!sleep(Duration.ofSeconds(waitSeconds).plusMillis(200))) {
                return result;
            }
            result = client.send(request);
        }
        return result;
    }

    /** The HTTP client underneath, for exchanges that are not cells (a headless browser login). */
    ApiClient client() {
        return api;
    }

    /** Values to mask wherever they appear in records: the identities' passwords, keys and tokens. */
    Redaction.Known secrets() {
        return secrets;
    }

    /** The exchange as recorded: secrets redacted (by name and by known value), long bodies cut. */
    Exchange record(ApiRequest request, ApiResult result) {
        List<HttpHeader> requestHeaders = request.headers().stream()
                .map(h -> new HttpHeader(h.name(), secrets.scrub(Redaction.header(h.name(), h.value())))).toList();
        String requestBody = secrets.scrub(Redaction.body(request.body() == null ? "" : request.body()));
        String url = secrets.scrub(Redaction.url(request.url()));
        return switch (result) {
            case ApiResult.Response response -> new Exchange(request.method(), url, requestHeaders,
                    requestBody, response.status(), response.headers().stream()
                    .map(h -> new HttpHeader(h.name(), secrets.scrub(Redaction.header(h.name(), h.value())))).toList(),
                    cut(secrets.scrub(Redaction.body(response.body()))), response.elapsed().toMillis(),
                    response.retried() ? "sent again on a new connection: the pooled one had been closed by the server"
                            : "");
            case ApiResult.Failure failure -> new Exchange(request.method(), url, requestHeaders,
                    requestBody, 0, List.of(), failure.reason(), failure.elapsed().toMillis(), "");
        };
    }

    /** ": invalid_grant — The username or password is wrong", from the answer's body when it says. */
    static String describe(ApiResult.Response response) {
        return TokenExchange.reason(response);
    }

    /** "HTTP 401: invalid_token — …", or the reason there was no answer. */
    static String describe(ApiResult result) {
        return switch (result) {
            case ApiResult.Failure failure -> failure.reason();
            case ApiResult.Response response -> "HTTP " + response.status() + describe(response);
        };
    }

    private boolean sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < until) {
                if (control.isCancelled()) {
                    return false;
                }
                Thread.sleep(Math.min(250, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String pathOf(ApiRequest request) {
        String url = request.url();
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    private static String cut(String body) {
        return body.length() <= RECORDED_BODY_CHARS ? body
                : body.substring(0, RECORDED_BODY_CHARS) + "\n…(cut at " + RECORDED_BODY_CHARS + " characters)";
    }
}
