package io.tokenworkbench.client.server.ui;

import io.tokenworkbench.client.server.ServerDiscovery;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;


/** The server page: its RFC 8414 metadata and its public keys, read in the background. */
public final class ServerViewModel {

    private final ObservableList<ServerDiscovery.Entry> metadata = FXCollections.observableArrayList();
    private final ObservableList<ServerDiscovery.KeyInfo> keys = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    private final ServerDiscovery discovery;
    private final StringProperty serverUrl;
    private final BackgroundTasks tasks;

    private final StringProperty probePath;

    public ServerViewModel(ServerDiscovery discovery, StringProperty serverUrl, StringProperty probePath,
                           BackgroundTasks tasks) {
        this.discovery = discovery;
        this.serverUrl = serverUrl;
        this.probePath = probePath;
        this.tasks = tasks;
    }

    /** The path asked to tell whether the server is up (the whole workbench's). */
    public StringProperty probePathProperty() {
        return probePath;
    }

    public ObservableList<ServerDiscovery.Entry> metadata() {
        return metadata;
    }

    public ObservableList<ServerDiscovery.KeyInfo> keys() {
        return keys;
    }

    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** Reads the metadata and the JWKS of the current server. */
    public void refresh() {
        String server = serverUrl.get();
        summary.set("Reading " + server + "…");
        tasks.run(() -> discovery.discover(server), info -> {
            metadata.setAll(info.metadata());
            keys.setAll(info.keys());
            String trouble = String.join("\n", java.util.stream.Stream.of(info.metadataProblem(),
                    info.keysProblem()).filter(p -> !p.isEmpty()).toList());
            problems.set(trouble);
            summary.set(server + ": " + info.metadata().size() + " metadata members, " + info.keys().size()
                    + (info.keys().size() == 1 ? " key" : " keys") + " at " + info.jwksUrl());
        }, reason -> {
            summary.set("");
            problems.set("Discovery failed: " + reason);
        });
    }
}
