package io.tokenworkbench.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.DirectTransportRequest;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Checks each HTTP/1.1 request between its headers and its handler, where Helidon 4.3 has no option for it:
 * <ul>
 *   <li>framing (RFC 9112 §6.1, §6.3): {@code Content-Length} together with {@code Transfer-Encoding}, repeated or
 *   non-decimal {@code Content-Length}, and transfer codings other than a final {@code chunked} are refused with a
 *   400 (501 for an unknown coding) that closes the connection, before any byte of the body is read;</li>
 *   <li>slow headers: a request whose headers have not all arrived {@code headerTimeout} after its first line loses
 *   its connection (Helidon's idle timeout covers only the wait for the first line);</li>
 *   <li>slow bodies and stuck requests: a request not answered {@code requestTimeout} after its headers (a body
 *   trickling in, say) loses its connection.</li>
 * </ul>
 * Registered as a receive listener of the HTTP/1 protocol, and {@link #responses()} as a send listener; it sees each
 * request on the connection's own thread.
 */
public final class RequestGuard implements Http1ConnectionListener, AutoCloseable {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private final long headerTimeoutNanos;
    private final long requestTimeoutNanos;
    /** Connections reading headers now, by their thread, with when they started (System.nanoTime). */
    private final Map<Thread, Long> readingHeaders = new ConcurrentHashMap<>();
    /** Requests between their headers and their answer, by their connection's thread, with when that began. */
    private final Map<Thread, Long> handling = new ConcurrentHashMap<>();
    private final ThreadLocal<HttpPrologue> currentPrologue = new ThreadLocal<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "request-header-timeout");
        thread.setDaemon(true);
        return thread;
    });

    public RequestGuard(Duration headerTimeout, Duration requestTimeout) {
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.requestTimeoutNanos = requestTimeout.toNanos();
        long shortest = Math.min(headerTimeout.toMillis(), requestTimeout.toMillis());
        long period = Math.max(50, Math.min(1_000, shortest / 4));
        sweeper.scheduleAtFixedRate(this::dropLateRequests, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The first line is in: the headers must follow within the timeout, or a sweep interrupts the connection's
     * thread, which closes its socket. (One sweep for all connections: scheduling a task per request cost a tenth of
     * the server's time under load.)
     */
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        currentPrologue.set(prologue);
        readingHeaders.put(Thread.currentThread(), System.nanoTime());
    }

    private void dropLateRequests() {
        long now = System.nanoTime();
        readingHeaders.forEach((thread, started) -> {
            if (now - started > headerTimeoutNanos && readingHeaders.remove(thread, started)) {
                thread.interrupt();
            }
        });
        handling.forEach((thread, started) -> {
            if (now - started > requestTimeoutNanos && handling.remove(thread, started)) {
                thread.interrupt();
            }
        });
    }

    /** The send side: a request is done when its answer's status goes out. */
    public Http1ConnectionListener responses() {
        return new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext ctx, Status status) {
                handling.remove(Thread.currentThread());
            }
        };
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        HttpPrologue prologue = currentPrologue.get();
        currentPrologue.remove();
        if (readingHeaders.remove(Thread.currentThread()) == null) {
            // the sweep took this request as the last header arrived: the connection goes, as the sweep meant
            Thread.interrupted();
            throw refusal(prologue, headers, Status.REQUEST_TIMEOUT_408, "The request's headers took too long");
        }
        framingProblem(headers).ifPresent(problem -> {
            throw refusal(prologue, headers, problem.status(), problem.detail());
        });
        handling.put(Thread.currentThread(), System.nanoTime());
    }

    /** Why the request's framing cannot be trusted, if it cannot. */
    static Optional<FramingProblem> framingProblem(Headers headers) {
        List<String> lengths = values(headers, HeaderNames.CONTENT_LENGTH);
        List<String> codings = values(headers, HeaderNames.TRANSFER_ENCODING).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (!codings.isEmpty() && !lengths.isEmpty()) {
            return problem(Status.BAD_REQUEST_400, "Content-Length and Transfer-Encoding together make the body's end "
                    + "ambiguous (RFC 9112 §6.1); send one of them");
        }
        if (lengths.size() > 1) {
            return problem(Status.BAD_REQUEST_400, "Content-Length is given more than once (RFC 9112 §6.3)");
        }
        if (lengths.size() == 1 && !DECIMAL.matcher(lengths.getFirst()).matches()) {
            return problem(Status.BAD_REQUEST_400, "Content-Length must be a decimal number of bytes (RFC 9110 §8.6)");
        }
        if (!codings.isEmpty() && !codings.getLast().equals("chunked")) {
            return problem(Status.BAD_REQUEST_400, "Transfer-Encoding must end with chunked (RFC 9112 §6.3)");
        }
        if (codings.size() > 1) {
            return problem(Status.NOT_IMPLEMENTED_501, "Only Transfer-Encoding: chunked is supported");
        }
        return Optional.empty();
    }

    /** A refused framing: the status and what the caller is told. */
    record FramingProblem(Status status, String detail) {
    }

    private static Optional<FramingProblem> problem(Status status, String detail) {
        return Optional.of(new FramingProblem(status, detail));
    }

    private static List<String> values(Headers headers, HeaderName name) {
        return headers.contains(name) ? headers.get(name).allValues() : List.of();
    }

    private static RequestException refusal(HttpPrologue prologue, Headers headers, Status status, String detail) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(status)
                .request(DirectTransportRequest.create(prologue, headers))
                .setKeepAlive(false)
                .message(detail)
                .safeMessage(true)
                .build();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
