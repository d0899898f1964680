package org.queueanalytics.emulator;

public final class EmulatorMain {
    public static void main(String[] args) {
    }
}
