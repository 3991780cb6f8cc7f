package io.tokenworkbench.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Requests no HTTP client would send (forged Host headers, broken framing), written to a socket byte by byte. */
final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private RawHttp() {
    }

    /**
     * What a server said to raw bytes, read until it closed the connection (or {@code patience} passed with the
     * connection still open).
     *
     * @param text   every byte the server sent, as ISO-8859-1
     * @param closed whether the server closed the connection
     */
    record Conversation(String text, boolean closed) {
        /** How many HTTP responses the server sent. */
        int responses() {
            return text.split("HTTP/1\\.1 ", -1).length - 1;
        }

        String firstStatusLine() {
            return text.lines().findFirst().orElse("");
        }
    }

    /**
     * Sends the bytes, optionally half-closes (no more bytes will come), and reads until the server closes the
     * connection or stays silent for {@code patience} milliseconds.
     */
    static Conversation converse(int port, byte[] request, boolean halfClose, int patienceMillis) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(patienceMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = socket.getInputStream().read(buffer)) != -1) {
                    received.write(buffer, 0, read);
                }
                return new Conversation(received.toString(StandardCharsets.ISO_8859_1), true);
            } catch (java.net.SocketTimeoutException e) {
                return new Conversation(received.toString(StandardCharsets.ISO_8859_1), false);
            } catch (java.net.SocketException e) {
                return new Conversation(received.toString(StandardCharsets.ISO_8859_1), true);
            }
        }
    }

    /** Sends raw bytes and reads one response: the head, then as many body bytes as Content-Length says. */
    static String exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                received.write(buffer, 0, read);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    var length = CONTENT_LENGTH.matcher(text);
                    int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
                    if (received.size() >= end + 4 + bodyLength) {
                        break;
                    }
                }
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
