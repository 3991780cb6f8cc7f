package io.tokenworkbench.client.inspector;

import io.tokenworkbench.client.http.CookieSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Lints a session's cookies as a reviewer would (RFC 6265bis, OWASP's session management cheat sheet): the flags that
 * keep a session cookie from scripts, plain HTTP and other sites, the {@code __Host-}/{@code __Secure-} prefixes'
 * rules, lifetimes, and a session id that travels in a URL.
 */
public final class CookieLinter {

    /** Names that hold a session or a credential, whose flags matter most. */
    private static final Pattern SESSION_LIKE = Pattern.compile(
            "(?i).*(sess|sid|auth|token|jwt|login|remember|connect\\.sid|jsessionid|phpsessid).*");
    private static final Pattern ID_IN_URL = Pattern.compile("(?i)(;jsessionid=|[?&](phpsessid|jsessionid|sid|"
            + "sessionid|session_id|session)=)");

    /** A cookie as the inspector shows it: what it is, and what is wrong with it. */
    public record Report(CookieSession.Kept cookie, String flags, String expires, List<Finding> findings) {
        public Report {
            findings = List.copyOf(findings);
        }
    }

    /**
     * @param origin the origin the identity talks to ({@code https://…} makes a missing {@code Secure} serious)
     * @param now    for "expires in"
     */
    public List<Report> lint(CookieSession session, String origin, Instant now) {
        boolean https = origin != null && origin.toLowerCase(Locale.ROOT).startsWith("https:");
        List<Report> reports = new ArrayList<>();
        for (CookieSession.Kept cookie : session.kept()) {
            List<Finding> findings = new ArrayList<>();
            boolean sensitive = SESSION_LIKE.matcher(cookie.name()).matches();
            if (!cookie.httpOnly() && sensitive) {
                findings.add(new Finding(Finding.Severity.WARNING, "cookie-httponly", "No HttpOnly: a script on "
                        + "the page can read this session cookie, so one XSS steals the session"));
            }
            if (!cookie.secure()) {
                findings.add(https
                        ? new Finding(Finding.Severity.CRITICAL, "cookie-secure", "No Secure on an https site: the "
                        + "browser also sends it over plain http, where anyone on the network reads it")
                        : new Finding(Finding.Severity.INFO, "cookie-secure", "No Secure (fine on plain http "
                        + "during development; required once served over https)"));
            }
            String sameSite = cookie.sameSite() == null ? null : cookie.sameSite().toLowerCase(Locale.ROOT);
            if (sameSite == null) {
                findings.add(new Finding(sensitive ? Finding.Severity.WARNING : Finding.Severity.INFO,
                        "cookie-samesite", "No SameSite: browsers that treat it as None send it with requests from "
                        + "other sites (CSRF); say Lax or Strict"));
            } else if (sameSite.equals("none") && !cookie.secure()) {
                findings.add(new Finding(Finding.Severity.CRITICAL, "cookie-samesite-none", "SameSite=None without "
                        + "Secure: browsers reject the cookie"));
            } else if (sameSite.equals("none")) {
                findings.add(new Finding(Finding.Severity.INFO, "cookie-samesite-none", "SameSite=None: sent with "
                        + "requests from every site, so unsafe requests need a CSRF token"));
            }
            if (cookie.name().startsWith("__Host-") && (!cookie.secure() || !cookie.hostOnly()
                    || !cookie.path().equals("/"))) {
                findings.add(new Finding(Finding.Severity.CRITICAL, "cookie-prefix", "__Host- needs Secure, no "
                        + "Domain and Path=/; browsers reject this cookie"));
            } else if (cookie.name().startsWith("__Secure-") && !cookie.secure()) {
                findings.add(new Finding(Finding.Severity.CRITICAL, "cookie-prefix", "__Secure- needs Secure; "
                        + "browsers reject this cookie"));
            } else if (sensitive && https && !cookie.name().startsWith("__Host-")) {
                findings.add(new Finding(Finding.Severity.INFO, "cookie-prefix", "A __Host- name would keep "
                        + "subdomains from setting or overwriting this cookie"));
            }
            if (!cookie.hostOnly() && sensitive) {
                findings.add(new Finding(Finding.Severity.INFO, "cookie-domain", "Domain=" + cookie.domain()
                        + ": every subdomain receives it"));
            }
            if (cookie.expiresAt() != null && sensitive
                    && cookie.expiresAt().isAfter(now.plus(java.time.Duration.ofDays(30)))) {
                findings.add(new Finding(Finding.Severity.WARNING, "cookie-lifetime", "It lives "
                        + java.time.Duration.between(now, cookie.expiresAt()).toDays() + " days: a stolen copy "
                        + "stays good that long unless the server ends the session"));
            }
            for (String url : session.settingUrls()) {
                if (ID_IN_URL.matcher(url).find() || sensitive && cookie.value().length() >= 8
                        && url.contains(cookie.value())) {
                    findings.add(new Finding(Finding.Severity.CRITICAL, "session-in-url", "A session id is in the "
                            + "URL " + io.tokenworkbench.client.http.Redaction.url(url) + ": it leaks through logs, "
                            + "history and Referer"));
                    break;
                }
            }
            reports.add(new Report(cookie, flags(cookie), expires(cookie, now), findings));
        }
        return reports;
    }

    private static String flags(CookieSession.Kept cookie) {
        List<String> flags = new ArrayList<>();
        flags.add(cookie.httpOnly() ? "HttpOnly" : "no HttpOnly");
        flags.add(cookie.secure() ? "Secure" : "no Secure");
        flags.add(cookie.sameSite() == null ? "no SameSite" : "SameSite=" + cookie.sameSite());
        flags.add((cookie.hostOnly() ? "host " : "Domain=") + cookie.domain() + " Path=" + cookie.path());
        return String.join(", ", flags);
    }

    private static String expires(CookieSession.Kept cookie, Instant now) {
        return cookie.expiresAt() == null ? "when the browser closes (session cookie)"
                : cookie.expiresAt().isAfter(now)
                ? "in " + Durations.relative(java.time.Duration.between(now, cookie.expiresAt())) + " ("
                + cookie.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")"
                : "expired " + cookie.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
