package io.tokenworkbench.client.checks.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The run-wide collections that {@code collect} fills (the ids of what the run created) and teardown steps go
 * through with {@code for_each}. Thread-safe: cells collect in parallel.
 */
final class Collected {

    /** One collected value, and the identity whose request produced it (a teardown step may act as it). */
    record Item(String value, String collector) {
    }

    private final Map<String, ConcurrentLinkedQueue<Item>> collections = new ConcurrentHashMap<>();

    void add(String collection, String value, String collector) {
        collections.computeIfAbsent(collection, name -> new ConcurrentLinkedQueue<>()).add(new Item(value, collector));
    }

    /** The items of a collection, in the order they came (no duplicates: a value is cleaned up once). */
    List<Item> items(String collection) {
        ConcurrentLinkedQueue<Item> items = collections.get(collection);
        return items == null ? List.of() : items.stream().distinct().toList();
    }
}
