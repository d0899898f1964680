package org.queueanalytics.consumer;

public final class ConsumerMain {
    public static void main(String[] args) {
    }
}
