package io.tokenworkbench.client.support;

import java.util.ArrayList;
import java.util.List;

/** {@link TextClipboard} for tests: keeps what was copied. */
public final class RecordingClipboard implements TextClipboard {

    private final List<String> copied = new ArrayList<>();

    @Override
    public void copy(String text) {
        copied.add(text);
    }

    public List<String> copied() {
        return List.copyOf(copied);
    }
}
