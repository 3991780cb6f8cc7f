package io.tokenworkbench.client.http;

import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cookies of one identity's session, kept by RFC 6265's rules as OkHttp parses and matches them (domain, path,
 * secure, expiry): what a login sets is sent on that identity's later requests, and nobody else's. Thread-safe.
 */
public final class CookieSession implements CookieJar {

    private final List<Cookie> cookies = new ArrayList<>();

    @Override
    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
        for (Cookie cookie : received) {
            cookies.removeIf(kept -> kept.name().equals(cookie.name()) && kept.domain().equals(cookie.domain())
                    && kept.path().equals(cookie.path()));
            if (cookie.expiresAt() > System.currentTimeMillis()) {
                cookies.add(cookie);
            }
        }
    }

    @Override
    public synchronized List<Cookie> loadForRequest(HttpUrl url) {
        long now = System.currentTimeMillis();
        cookies.removeIf(cookie -> cookie.expiresAt() <= now);
        return cookies.stream().filter(cookie -> cookie.matches(url)).toList();
    }

    /** The value of the cookie called {@code name}, if the session holds one. */
    public synchronized Optional<String> value(String name) {
        return cookies.stream().filter(cookie -> cookie.name().equals(name)).map(Cookie::value).findFirst();
    }

    /** The names of the cookies held, e.g. for a timeline ("session, csrftoken"). */
    public synchronized List<String> names() {
        return cookies.stream().map(Cookie::name).toList();
    }

    public synchronized boolean isEmpty() {
        return cookies.isEmpty();
    }

    /** Forgets every cookie (logout). */
    public synchronized void clear() {
        cookies.clear();
    }

    @Override
    public synchronized String toString() {
        return "CookieSession" + new ArrayList<>(names());
    }
}
