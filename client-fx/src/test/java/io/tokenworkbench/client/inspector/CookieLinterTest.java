package io.tokenworkbench.client.inspector;

import io.tokenworkbench.client.http.CookieSession;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CookieLinterTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static CookieSession session(String url, String... setCookies) {
        CookieSession session = new CookieSession();
        HttpUrl at = HttpUrl.get(url);
        session.saveFromResponse(at, java.util.Arrays.stream(setCookies).map(header -> Cookie.parse(at, header))
                .toList());
        return session;
    }

    private static List<String> codes(CookieLinter.Report report) {
        return report.findings().stream().map(f -> f.severity() + " " + f.code()).toList();
    }

    @Test
    void ourSessionCookieOverHttpsIsClean() {
        CookieSession session = session("https://api.example/v1/auth/session",
                "__Host-session=abc123def456; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=43200");

        CookieLinter.Report report = new CookieLinter().lint(session, "https://api.example", NOW).getFirst();

        assertEquals(List.of(), codes(report));
        assertEquals("HttpOnly, Secure, SameSite=Lax, host api.example Path=/", report.flags());
    }

    @Test
    void aBareSessionCookieOnAnHttpsSiteIsFlaggedForEveryMissingFlag() {
        CookieSession session = session("https://shop.example/login",
                "PHPSESSID=0123456789abcdef; Domain=shop.example; Path=/; Max-Age=7776000");

        List<String> codes = codes(new CookieLinter().lint(session, "https://shop.example", NOW).getFirst());

        assertTrue(codes.containsAll(List.of("WARNING cookie-httponly", "CRITICAL cookie-secure",
                "WARNING cookie-samesite", "INFO cookie-prefix", "INFO cookie-domain", "WARNING cookie-lifetime")),
                codes::toString);
    }

    @Test
    void brokenPrefixesSameSiteNoneAndASessionIdInTheUrlAreCritical() {
        CookieSession session = session("http://app.example/home;jsessionid=0123456789abcdef",
                "__Host-sid=x1y2z3w4v5; Path=/app; HttpOnly; SameSite=Lax", "track=1; SameSite=None");

        List<CookieLinter.Report> reports = new CookieLinter().lint(session, "http://app.example", NOW);

        assertTrue(codes(reports.get(0)).containsAll(List.of("CRITICAL cookie-prefix", "CRITICAL session-in-url",
                "INFO cookie-secure")), codes(reports.get(0))::toString);
        assertTrue(codes(reports.get(1)).contains("CRITICAL cookie-samesite-none"), codes(reports.get(1))::toString);
        assertTrue(reports.get(1).expires().startsWith("when the browser closes"));
    }
}
