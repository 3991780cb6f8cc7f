package io.tokenworkbench.server.mail;

import io.tokenworkbench.model.dev.OutboxMail;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the outbox waits for the work queued before it, including the mail that work sends. */
class QueuedOutboxTest {

    private final List<OutboxMail> sent = new CopyOnWriteArrayList<>();
    private final Outbox recording = new Outbox() {
        @Override
        public void send(String to, String subject, String body) {
            sent.add(new OutboxMail(sent.size() + 1, to, subject, body, Instant.EPOCH));
        }

        @Override
        public List<OutboxMail> newest(int limit) {
            return List.copyOf(sent);
        }

        @Override
        public void forget(String recipient) {
            sent.removeIf(mail -> mail.to().equals(recipient));
        }
    };

    @Test
    void aReaderWaitingBehindQueuedWorkSeesTheMailThatWorkSent() throws Exception {
        try (QueuedOutbox outbox = new QueuedOutbox(recording)) {
            CountDownLatch working = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            outbox.execute(() -> {
                working.countDown();
                await(release);
                outbox.send("carol@example.com", "Reset", "token");
            });
            assertTrue(working.await(10, TimeUnit.SECONDS));

            CompletableFuture<List<OutboxMail>> read = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().start(() -> read.complete(outbox.newest(10)));
            while (reader.getState() != Thread.State.WAITING && !read.isDone()) {
                Thread.onSpinWait();
            }
            CountDownLatch readDone = new CountDownLatch(1);
            outbox.execute(() -> await(readDone)); // holds back anything the work might queue behind the reader
            release.countDown();
            List<OutboxMail> seen = read.get(10, TimeUnit.SECONDS);
            readDone.countDown();

            assertEquals(List.of("carol@example.com"), seen.stream().map(OutboxMail::to).toList(),
                    "the reader queued behind the work, and the work's mail came before the reader");
        }
    }

    @Test
    void closingRunsWhatIsQueued() {
        QueuedOutbox outbox = new QueuedOutbox(recording);
        outbox.send("dave@example.com", "Reset", "token");
        outbox.forget("dave@example.com");
        outbox.send("erin@example.com", "Reset", "token");

        outbox.close();

        assertEquals(List.of("erin@example.com"), sent.stream().map(OutboxMail::to).toList());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
