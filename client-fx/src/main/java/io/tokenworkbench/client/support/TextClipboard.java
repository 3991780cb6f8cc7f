package io.tokenworkbench.client.support;

/** Where "Copy" buttons put text. The app uses the system clipboard; tests keep what was copied. */
public interface TextClipboard {

    void copy(String text);
}
