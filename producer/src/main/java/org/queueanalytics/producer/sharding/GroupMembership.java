package org.queueanalytics.producer.sharding;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.kafka.KafkaClients;
import org.queueanalytics.common.kafka.TopicProvisioner;
import org.queueanalytics.common.kafka.TopicProvisioner.TopicProvisioningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Divides the queue shards between the running producer instances through Kafka's own group
 * membership: a consumer in group {@code <kafka.group_id>.producers} subscribes to the coordination
 * topic {@code <kafka.topic>.shards}, whose {@code producer.shards} partitions are the shards. The
 * topic stays empty; the partitions the group assigns are the shards this instance owns. The
 * cooperative-sticky assignor moves only the shards that must move when an instance joins or leaves.
 *
 * <p>Thread ownership: the {@link Consumer} belongs to the membership thread, which creates the topic
 * when it is missing, checks its partition count, subscribes and then keeps calling {@code poll()}
 * (reading nothing) so the membership stays alive; rebalance callbacks run there too. Other threads
 * read {@link #current()} and may call {@link #close()}, which wakes the thread; the consumer then
 * leaves the group, so the other instances take over its shards in one rebalance instead of after
 * the session timeout. A transient failure (broker down) is retried every {@link #RETRY_DELAY};
 * a permanent one ends the membership and shows in {@link #failure()}.
 */
public final class GroupMembership implements ShardOwnership {
    public static final String TOPIC_SUFFIX = ".shards";
    public static final String GROUP_SUFFIX = ".producers";
    /** How long a crashed instance keeps its shards before the group gives them to the others. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(3);
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    static final Duration METADATA_DELAY = Duration.ofMillis(200);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    static final String CLIENT_ID = "queue-analytics-producer-shards";
    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

    private final KafkaSettings kafka;
    private final String topic;
    private final String group;
    private final ShardAssignment assignment;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    /** Created on the membership thread (a bootstrap address that does not resolve yet is retried); null before. */
    private volatile Consumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicReference<ShardingException> failure = new AtomicReference<>();

    /** Not started yet: {@link #start(KafkaSettings, int)} is the production entry. */
    GroupMembership(KafkaSettings kafka, int shards, Supplier<Consumer<byte[], byte[]>> consumers) {
        this.kafka = kafka;
        this.topic = topic(kafka);
        this.group = group(kafka);
        this.assignment = new ShardAssignment(shards);
        this.consumers = consumers;
        this.thread = new Thread(this::run, "producer-shard-membership");
        this.thread.setDaemon(true);
    }

    /** Starts joining the producers' group for {@code shards} shards (connects nothing on the calling thread). */
    public static GroupMembership start(KafkaSettings kafka, int shards) {
        GroupMembership membership = new GroupMembership(kafka, shards, () -> new KafkaConsumer<>(consumerConfig(kafka)));
        membership.thread.start();
        return membership;
    }

    public static String topic(KafkaSettings kafka) {
        return kafka.topic() + TOPIC_SUFFIX;
    }

    public static String group(KafkaSettings kafka) {
        return kafka.groupId() + GROUP_SUFFIX;
    }

    static Map<String, Object> consumerConfig(KafkaSettings kafka) {
        Map<String, Object> config = KafkaClients.baseConfig(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group(kafka));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        // the classic protocol with client-side assignment: the cooperative-sticky assignor moves only
        // the shards that must move, and the other members keep polling theirs through a rebalance
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) HEARTBEAT_INTERVAL.toMillis());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // nothing is read, nothing to commit
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    @Override
    public OwnedShards current() {
        return assignment.current();
    }

    @Override
    public boolean dynamic() {
        return true;
    }

    @Override
    public String describe() {
        return "group " + group + " on topic " + topic + " (" + assignment.count() + " shards)";
    }

    @Override
    public Optional<ShardingException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Leaves the group (bounded by {@link #CLOSE_TIMEOUT}) and owns nothing afterwards. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping.countDown();
        Consumer<byte[], byte[]> created = consumer;
        if (created != null) {
            created.wakeup();
        }
        try {
            thread.join(CLOSE_TIMEOUT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Producer shard membership did not stop within {} s", CLOSE_TIMEOUT.plusSeconds(5).toSeconds());
        }
        assignment.clear();
    }

    private void run() {
        try {
            if (!createConsumer() || !provisionTopic()) {
                return; // closed meanwhile
            }
            consumer.subscribe(List.of(topic), new ShardRebalanceListener(topic, assignment));
            LOG.info("Joining producer group {} to share {} queue shards (topic {})", group, assignment.count(), topic);
            while (!closed.get()) {
                pollOnce();
            }
        } catch (ShardingException e) {
            failure.set(e);
            LOG.error("Producer shard membership stopped: {}", e.getMessage());
        } catch (WakeupException | InterruptException | InterruptedException e) {
            // close() woke us up
        } finally {
            leave();
            assignment.clear();
        }
    }

    /** @return false when closed before a consumer could be created */
    private boolean createConsumer() throws InterruptedException {
        while (!closed.get()) {
            try {
                consumer = consumers.get();
                return true;
            } catch (KafkaException e) { // e.g. no bootstrap address resolves yet
                LOG.warn("Producer shard membership: cannot create the Kafka consumer ({}); retrying in {} s", e.getMessage(),
                        RETRY_DELAY.toSeconds());
                pause(RETRY_DELAY);
            }
        }
        return false;
    }

    private void leave() {
        Consumer<byte[], byte[]> created = consumer;
        if (created == null) {
            return;
        }
        try {
            created.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (KafkaException e) {
            LOG.warn("Producer shard membership: leaving group {} failed ({}); the group reassigns the shards "
                    + "after the {} s session timeout", group, e.getMessage(), SESSION_TIMEOUT.toSeconds());
        }
    }

    /** One {@code poll()}: nothing is read (the topic stays empty); it heartbeats and runs rebalances. */
    private void pollOnce() throws ShardingException, InterruptedException {
        try {
            consumer.poll(POLL_TIMEOUT);
        } catch (AuthorizationException | InvalidGroupIdException e) {
            throw new ShardingException("Kafka refuses producer group " + group + " or topic " + topic + ": " + e.getMessage()
                    + "; grant the client Read on the group and the topic (or set producer.shard to run without a group)", e);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Producer shard membership: poll failed ({}); retrying in {} s", e.getMessage(), RETRY_DELAY.toSeconds());
            pause(RETRY_DELAY);
        }
    }

    /**
     * Creates the coordination topic when missing and checks that its partitions are exactly the shards.
     *
     * @return false when closed before that was done
     */
    private boolean provisionTopic() throws ShardingException, InterruptedException {
        int shards = assignment.count();
        boolean exists = false;
        while (!closed.get()) {
            try {
                if (!exists) {
                    TopicProvisioner.ensure(kafka, List.of(TopicProvisioner.topic(kafka, topic, shards, Map.of())));
                    exists = true;
                }
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, TopicProvisioner.TIMEOUT);
                if (partitions.isEmpty()) {
                    pause(METADATA_DELAY); // just created: the broker's metadata does not show it yet
                    continue;
                }
                if (partitions.size() != shards) {
                    throw new ShardingException("the producers' coordination topic " + topic + " has " + partitions.size()
                            + " partitions but producer.shards is " + shards + "; every producer must use the topic's number ("
                            + "set producer.shards to " + partitions.size() + ", or stop every producer and delete the topic "
                            + "so it is created again)", null);
                }
                return true;
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (TopicProvisioningException | KafkaException e) {
                Throwable cause = e instanceof TopicProvisioningException ? e.getCause() : e;
                if (cause instanceof AuthorizationException) {
                    throw new ShardingException("Kafka refuses the producers' coordination topic " + topic + ": "
                            + cause.getMessage() + "; grant the client Create and Describe on it (or create it with "
                            + shards + " partitions, or set producer.shard to run without a group)", cause);
                }
                LOG.warn("Producer shard membership: {}; retrying in {} s", e.getMessage(), RETRY_DELAY.toSeconds());
                pause(RETRY_DELAY);
            }
        }
        return false;
    }

    /** Waits {@code delay}, or less when {@link #close()} is called. */
    private void pause(Duration delay) throws InterruptedException {
        stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
