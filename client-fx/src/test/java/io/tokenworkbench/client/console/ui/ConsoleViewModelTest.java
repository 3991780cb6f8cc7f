package io.tokenworkbench.client.console.ui;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.console.RequestHistory;
import io.tokenworkbench.client.http.ApiClient;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's view-model on its own: both executors run tasks at once, so every step is synchronous. */
class ConsoleViewModelTest {

    @TempDir
    Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private final io.tokenworkbench.client.support.RecordingClipboard clipboard =
            new io.tokenworkbench.client.support.RecordingClipboard();

    private ConsoleViewModel model() {
        return new ConsoleViewModel(API, javafx.collections.FXCollections.observableArrayList(),
                new RequestHistory(configDir), new SimpleStringProperty(backend.baseUrl()), Clock.systemUTC(),
                new io.tokenworkbench.client.support.ui.BackgroundTasks(Runnable::run, Runnable::run), clipboard);
    }

    @Test
    void anAnonymousRequestToAProtectedRouteExplainsTheChallengeAndIsRemembered() {
        ConsoleViewModel model = model();
        model.pathProperty().set("/protected");

        model.send();

        assertTrue(model.statusProperty().get().startsWith("401"), model.statusProperty().get());
        assertEquals(ConsoleViewModel.Outcome.CLIENT_ERROR, model.outcomeProperty().get());
        assertTrue(model.explanationProperty().get().contains("Bearer"), model.explanationProperty().get());
        assertFalse(model.busyProperty().get());
        assertEquals(1, model.history().size());
        assertEquals(1, model().history().size(), "the history survives a restart");
    }

    @Test
    void aRequestThatCannotBeBuiltIsExplainedNotSent() {
        ConsoleViewModel model = model();
        model.pathProperty().set("/v1/posts");
        model.headersProperty().set("this is not a header line");

        model.send();

        assertFalse(model.explanationProperty().get().isEmpty());
        assertTrue(model.history().isEmpty());
    }
}
