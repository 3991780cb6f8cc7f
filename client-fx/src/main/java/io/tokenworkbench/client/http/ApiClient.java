package io.tokenworkbench.client.http;

import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sends {@link ApiRequest}s and returns {@link ApiResult}s; never throws for network trouble.
 * Blocking: call it from a background thread. Thread-safe; one instance (one connection pool) per process.
 *
 * <pre>{@code
 * ApiClient api = ApiClient.create();
 * switch (api.send(ApiRequest.get("http://localhost:8080", "/ping"))) {
 *     case ApiResult.Response r -> System.out.println(r.status() + " " + r.body());
 *     case ApiResult.Failure f -> System.out.println("unreachable: " + f.reason());
 * }
 * }</pre>
 */
public final class ApiClient {

    /** Bodies larger than this are cut, so that a runaway response cannot exhaust memory. */
    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private static final Set<String> METHODS_WITHOUT_BODY = Set.of("GET", "HEAD");

    private final OkHttpClient http;

    public ApiClient(OkHttpClient http) {
        this.http = http;
    }

    /** A client with sensible timeouts that never follows redirects (the workbench shows them as they are). */
    public static ApiClient create() {
        return create(Duration.ofSeconds(30));
    }

    /** As {@link #create()}, with the given timeout for the whole exchange. */
    public static ApiClient create(Duration callTimeout) {
        return new ApiClient(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .callTimeout(callTimeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build());
    }

    /** Sends the request and waits for the whole response. */
    public ApiResult send(ApiRequest request) {
        long started = System.nanoTime();
        Request okRequest;
        try {
            okRequest = toOkHttp(request);
        } catch (IllegalArgumentException e) {
            return new ApiResult.Failure("The request cannot be sent: " + e.getMessage(), since(started));
        }
        try (Response response = http.newCall(okRequest).execute()) {
            String body = readBody(response.body());
            return new ApiResult.Response(response.code(), headers(response.headers()), body, since(started));
        } catch (ConnectException e) {
            return new ApiResult.Failure("Connection refused by " + hostAndPort(okRequest)
                    + ": is the server running?", since(started));
        } catch (UnknownHostException e) {
            return new ApiResult.Failure("Unknown host " + okRequest.url().host(), since(started));
        } catch (SocketTimeoutException e) {
            return new ApiResult.Failure("No answer from " + hostAndPort(okRequest) + " in time", since(started));
        } catch (InterruptedIOException e) {
            return new ApiResult.Failure("Cancelled or timed out waiting for " + hostAndPort(okRequest), since(started));
        } catch (IOException e) {
            return new ApiResult.Failure("Network error talking to " + hostAndPort(okRequest) + ": "
                    + e.getClass().getSimpleName(), since(started));
        }
    }

    /** Releases the connection pool and threads; the client cannot be used afterwards. */
    public void shutdown() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static Request toOkHttp(ApiRequest request) {
        Request.Builder builder = new Request.Builder().url(request.url());
        for (HttpHeader header : request.headers()) {
            builder.addHeader(header.name(), header.value());
        }
        RequestBody body = null;
        if (request.body() != null && !METHODS_WITHOUT_BODY.contains(request.method())) {
            MediaType type = request.header("Content-Type").map(MediaType::parse).orElse(null);
            body = RequestBody.create(request.body().getBytes(StandardCharsets.UTF_8), type);
        } else if (requiresBody(request.method())) {
            body = RequestBody.create(new byte[0], null);
        }
        return builder.method(request.method(), body).build();
    }

    private static boolean requiresBody(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "PROPPATCH", "REPORT" -> true;
            default -> false;
        };
    }

    private static String readBody(ResponseBody body) throws IOException {
        var source = body.source();
        source.request(MAX_BODY_BYTES);
        long available = Math.min(source.getBuffer().size(), MAX_BODY_BYTES);
        return source.getBuffer().readString(available, StandardCharsets.UTF_8);
    }

    private static List<HttpHeader> headers(Headers headers) {
        List<HttpHeader> list = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            list.add(new HttpHeader(headers.name(i), headers.value(i)));
        }
        return list;
    }

    private static String hostAndPort(Request request) {
        return request.url().host() + ":" + request.url().port();
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
