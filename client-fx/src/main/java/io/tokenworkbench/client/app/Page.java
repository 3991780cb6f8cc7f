package io.tokenworkbench.client.app;

import java.util.Arrays;

/** The workbench's pages, in the sidebar's order; {@code Ctrl+1…7} follow it. */
public enum Page {
    IDENTITIES("identities", "Identities", "navIdentities"),
    INSPECTOR("inspector", "Token inspector", "navInspector"),
    CONSOLE("console", "Request console", "navConsole"),
    POSTS("posts", "My posts", "navPosts"),
    TOTP("totp", "TOTP", "navTotp"),
    CHECKS("checks", "Access matrix", "navChecks"),
    SERVER("server", "Server", "navServer");

    private final String id;
    private final String title;
    private final String navId;

    Page(String id, String title, String navId) {
        this.id = id;
        this.title = title;
        this.navId = navId;
    }

    /** The name the settings file keeps. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The sidebar button's node id. */
    public String navId() {
        return navId;
    }

    /** {@code Ctrl+1} for the first page, and so on. */
    public String shortcut() {
        return "Shortcut+" + (ordinal() + 1);
    }

    /** The page a settings file names; an unknown or missing name (an older file) gives the identities page. */
    public static Page fromId(String id) {
        return Arrays.stream(values()).filter(page -> page.id.equals(id)).findFirst().orElse(IDENTITIES);
    }
}
