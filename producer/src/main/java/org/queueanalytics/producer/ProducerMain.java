package org.queueanalytics.producer;

public final class ProducerMain {
    public static void main(String[] args) {
    }
}
