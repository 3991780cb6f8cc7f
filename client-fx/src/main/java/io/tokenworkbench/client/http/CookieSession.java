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
    /** The URLs of the answers that set cookies, for lints (a session id in a URL leaks through logs and Referer). */
    private final List<String> settingUrls = new ArrayList<>();

    /** A kept cookie as the inspector shows it. */
    public record Kept(String name, String value, String domain, String path, boolean hostOnly, boolean secure,
                       boolean httpOnly, String sameSite, java.time.Instant expiresAt) {
        @Override
        public String toString() {
            return "Kept[" + name + ", " + domain + path + "]";
        }
    }

    @Override
    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
        if (!received.isEmpty() && !settingUrls.contains(url.toString())) {
            settingUrls.add(url.toString());
        }
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

    /** The cookies held now, with their attributes; {@code expiresAt} null for a session cookie. */
    public synchronized List<Kept> kept() {
        return cookies.stream().map(c -> new Kept(c.name(), c.value(), c.domain(), c.path(), c.hostOnly(), c.secure(),
                c.httpOnly(), c.sameSite(), c.persistent() ? java.time.Instant.ofEpochMilli(c.expiresAt()) : null))
                .toList();
    }

    /** The URLs of the answers that set cookies. */
    public synchronized List<String> settingUrls() {
        return List.copyOf(settingUrls);
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
