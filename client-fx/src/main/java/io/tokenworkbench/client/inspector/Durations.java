package io.tokenworkbench.client.inspector;

import java.time.Duration;

/** Durations as people say them: "45 s", "12 min", "3 h 5 min", "2 d". */
public final class Durations {

    private Durations() {
    }

    public static String relative(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            long minutes = seconds % 3600 / 60;
            return seconds / 3600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
        }
        return seconds / 86_400 + " d";
    }
}
