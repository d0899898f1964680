package org.queueanalytics.producer.genesys;

import java.util.Objects;

/** A Genesys routing queue: its id and display name (the id itself when the queue no longer exists). */
public record Queue(String id, String name) {
    public Queue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
