package io.tokenworkbench.client.support;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** {@link Dialogs} for tests: answers as told, and keeps every question asked. */
public final class FakeDialogs implements Dialogs {

    private final List<String> asked = new ArrayList<>();
    private final Deque<Path> files = new ArrayDeque<>();
    private boolean agree;

    /** Answers every confirmation with yes (true) or no. */
    public FakeDialogs agreeing(boolean answer) {
        this.agree = answer;
        return this;
    }

    /** The next file question gets this file. */
    public FakeDialogs choosing(Path file) {
        files.add(file);
        return this;
    }

    /** Every question asked so far, as "title: text". */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public boolean confirm(String title, String question, String action) {
        asked.add(title + ": " + question);
        return agree;
    }

    @Override
    public void inform(String title, String text) {
        asked.add(title + ": " + text);
    }

    @Override
    public Optional<Path> chooseFile(boolean save, String title, String... patterns) {
        asked.add(title);
        return Optional.ofNullable(files.poll());
    }
}
