package io.tokenworkbench.client.http;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.EventListener;
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
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
    private final OkHttpClient freshConnections;

    public ApiClient(OkHttpClient http) {
        this.http = http.newBuilder().eventListenerFactory(ConnectionReuse::of).build();
        this.freshConnections = http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
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

    /**
     * A client that shares this one's connections and threads but keeps cookies in {@code cookies}: one identity's
     * session. Cheap; make one per session.
     */
    public ApiClient withCookies(CookieJar cookies) {
        return new ApiClient(http.newBuilder().cookieJar(cookies).build());
    }

    /**
     * Sends the request and waits for the whole response. When it fails on a pooled connection (one the server
     * closed while it sat idle, as uvicorn does after 5 s), it is sent once more on a new connection, and the
     * response says so.
     */
    public ApiResult send(ApiRequest request) {
        long started = System.nanoTime();
        Request okRequest;
        try {
            okRequest = toOkHttp(request);
        } catch (IllegalArgumentException e) {
            return new ApiResult.Failure("The request cannot be sent: " + e.getMessage(), since(started));
        }
        Call call = http.newCall(okRequest);
        try {
            return execute(call, started, false);
        } catch (IOException e) {
            if (ConnectionReuse.of(call).wasReused() && retriable(e)) {
                try {
                    return execute(freshConnections.newBuilder().cookieJar(http.cookieJar()).build()
                            .newCall(okRequest), started, true);
                } catch (IOException again) {
                    return failure(again, okRequest, started);
                }
            }
            return failure(e, okRequest, started);
        }
    }

    private ApiResult execute(Call call, long started, boolean retried) throws IOException {
        try (Response response = call.execute()) {
            String body = readBody(response.body());
            return new ApiResult.Response(response.code(), headers(response.headers()), body, since(started), retried);
        }
    }

    private static boolean retriable(IOException e) {
        return !(e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof InterruptedIOException);
    }

    private static ApiResult failure(IOException e, Request okRequest, long started) {
        return switch (e) {
            case ConnectException c -> new ApiResult.Failure("Connection refused by " + hostAndPort(okRequest)
                    + ": is the server running?", since(started));
            case UnknownHostException u -> new ApiResult.Failure("Unknown host " + okRequest.url().host(),
                    since(started));
            case SocketTimeoutException t -> new ApiResult.Failure("No answer from " + hostAndPort(okRequest)
                    + " in time", since(started));
            case InterruptedIOException i -> new ApiResult.Failure("Cancelled or timed out waiting for "
                    + hostAndPort(okRequest), since(started));
            default -> new ApiResult.Failure("Network error talking to " + hostAndPort(okRequest)
                    + (e.getMessage() == null || e.getMessage().isBlank() ? ": the connection failed without an answer"
                    : ": " + e.getMessage()), since(started));
        };
    }

    /**
     * Tells whether a call went out on a connection taken from the pool rather than one it opened. Each request
     * carries its own as a tag, and the clients' event listener factory hands it to OkHttp.
     */
    private static final class ConnectionReuse extends EventListener {
        private volatile boolean acquired;
        private volatile boolean connected;

        static ConnectionReuse of(Call call) {
            ConnectionReuse reuse = call.request().tag(ConnectionReuse.class);
            return reuse == null ? new ConnectionReuse() : reuse;
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connected = true;
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            acquired = true;
        }

        boolean wasReused() {
            return acquired && !connected;
        }
    }

    /** Releases the connection pool and threads; the client cannot be used afterwards. */
    public void shutdown() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static Request toOkHttp(ApiRequest request) {
        Request.Builder builder = new Request.Builder().url(request.url())
                .tag(ConnectionReuse.class, new ConnectionReuse());
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
